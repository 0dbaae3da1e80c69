"""Every location the program uses, in one place: data, logs, backups, settings, resources."""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from lkoe_desktop import APP_ID, APP_NAME
from lkoe_desktop.domain.errors import DatabaseOpenError, UserInputError
from lkoe_desktop.domain.i18n import gettext as _

if TYPE_CHECKING:
    from platformdirs import PlatformDirs

DB_ENV = "LKOE_DB"
DATABASE_FILE_NAME = "lkoe.sqlite3"
# The URL schemes of PostgreSQL, the one database server the program speaks to (psycopg 3).
POSTGRESQL_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


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

    A plain path becomes a SQLite URL; a `postgresql://` URL is used as given. The data
    folder is created for the default file; a file named by `--db` or `LKOE_DB` must be in a
    folder that exists (`open_database` refuses it otherwise). `--db ""` names no database.
    """
    if explicit is not None:
        if not explicit.strip():
            raise UserInputError(
                _("--db needs a database: the path of a SQLite file or a postgresql:// URL.")
            )
        return url_for(explicit)
    chosen = os.environ.get(DB_ENV, "").strip()
    if chosen:
        return url_for(chosen)
    path = default_database_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseOpenError(
            _("The data folder {folder} cannot be created: {reason}").format(
                folder=path.parent, reason=error.strerror
            )
        ) from error
    return url_for(str(path))


def url_for(path_or_url: str) -> str:
    """The SQLAlchemy URL of a SQLite file's path or of a PostgreSQL URL; others are refused."""
    scheme, separator, rest = path_or_url.partition("://")
    if not separator:
        return "sqlite:///" + str(Path(path_or_url).expanduser().resolve())
    if scheme.lower() in POSTGRESQL_SCHEMES:
        return "postgresql+psycopg://" + rest
    raise UserInputError(
        _(
            "{app} cannot open a database at a “{scheme}://” address. Give the path of a "
            "SQLite file, or a postgresql:// URL for a PostgreSQL server."
        ).format(app=APP_NAME, scheme=scheme)
    )
