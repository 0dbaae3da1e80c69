"""Every location the program uses, in one place: data, logs, backups, settings, resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lkoe_desktop import APP_ID

if TYPE_CHECKING:
    from platformdirs import PlatformDirs

DB_ENV = "LKOE_DB"
DATABASE_FILE_NAME = "lkoe.sqlite3"


def _dirs() -> PlatformDirs:
    from platformdirs import PlatformDirs

    return PlatformDirs(appname=APP_ID, appauthor=False)


def resource_dir() -> Path:
    """`resources/` of a source checkout, or the bundled copy in a frozen build."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    return Path(_dirs().user_data_dir)


def config_dir() -> Path:
    return Path(_dirs().user_config_dir)


def log_dir() -> Path:
    return Path(_dirs().user_log_dir)


def default_database_path() -> Path:
    return data_dir() / DATABASE_FILE_NAME


def database_url(explicit: str | None = None) -> str:
    """The database to open: `--db`, else `LKOE_DB`, else the file in the user's data folder.

    A plain path becomes a SQLite URL; a `postgresql://` URL is used as given.
    """
    chosen = explicit or os.environ.get(DB_ENV) or str(default_database_path())
    return url_for(chosen)


def url_for(path_or_url: str) -> str:
    if "://" in path_or_url:
        if path_or_url.startswith("postgresql://"):
            return "postgresql+psycopg://" + path_or_url.removeprefix("postgresql://")
        if path_or_url.startswith("postgres://"):
            return "postgresql+psycopg://" + path_or_url.removeprefix("postgres://")
        return path_or_url
    return "sqlite:///" + str(Path(path_or_url).expanduser().resolve())
