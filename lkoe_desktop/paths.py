"""Every location the program uses, in one place: data, logs, backups, settings, resources."""

from __future__ import annotations

import os
import sys
from importlib.resources import files
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
    """The fonts and translations: the bundled copy in a frozen build; `lkoe_desktop/resources`
    in an installed package (the build puts the repository's `resources/` there); else
    `resources/` beside the package, in a source checkout and an editable install of it."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    package = files("lkoe_desktop")
    if not isinstance(package, Path):
        raise RuntimeError(f"{APP_ID} must be installed as files on disk, not in an archive")
    installed = package / "resources"
    if installed.is_dir():
        return installed
    checkout = package.parent / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"{APP_ID} is incompletely installed: neither {installed} nor {checkout}"
    )


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
