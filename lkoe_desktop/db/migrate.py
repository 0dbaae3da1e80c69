"""Opening a database: create it new, or back it up and upgrade it, or refuse it clearly."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from lkoe_desktop.db.engine import Database, busy_error, is_locked, make_engine
from lkoe_desktop.domain.clock import Clock
from lkoe_desktop.domain.errors import DatabaseOpenError
from lkoe_desktop.domain.i18n import gettext as _

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Every revision this program knows, oldest first (each script is named by its revision id);
# the last is the newest schema. Read from the file names, so that Alembic need not be
# imported to know it; a test checks it against the Alembic scripts.
REVISIONS = tuple(
    sorted(
        script.stem for script in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")
    )
)
HEAD = REVISIONS[-1]
SQLITE_HEADER = b"SQLite format 3\x00"


def _alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, target: str = "head") -> None:
    """Bring the schema to `target` with Alembic (imported only here: it is slow to load)."""
    from alembic import command

    with migration_connection(engine) as connection:
        command.upgrade(_alembic_config(connection), target)


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection holding one transaction in which schema changes are all-or-nothing.

    On SQLite the driver would commit every CREATE and DROP on its own, so the transaction is
    begun explicitly; and foreign keys are off while it runs, because rebuilding a table (what
    Alembic's batch mode does) drops it, and dropping a table with foreign keys on deletes, by
    cascade, every row that refers to it. The foreign keys are checked before the commit.
    """
    with engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            with connection.begin():
                yield connection
            return
        driver = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        driver.execute("PRAGMA foreign_keys=OFF")
        isolation_level = driver.isolation_level
        driver.isolation_level = None
        try:
            with connection.begin():
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                yield connection
                _check_foreign_keys(connection)
        finally:
            driver.isolation_level = isolation_level
            driver.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
    if broken is not None:
        reason = f"foreign key check failed in table {broken[0]} (row {broken[1]})"
        raise DatabaseOpenError(_("The database cannot be opened: {reason}").format(reason=reason))


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, or None for an empty database."""
    with engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseOpenError(
                    _("The database holds other data and is not an LKÖ Desktop database.")
                )
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _prepare_sqlite_file(path: Path) -> None:
    """A new file is created readable by its owner only, in a folder that exists already; an
    existing one must be SQLite."""
    if not path.exists():
        if not path.parent.is_dir():
            raise DatabaseOpenError(
                _(
                    "The folder {folder} does not exist. Create it first, or choose another "
                    "place for the database."
                ).format(folder=path.parent)
            )
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        return
    if path.is_dir():
        raise DatabaseOpenError(_("{path} is a folder, not a database file.").format(path=path))
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseOpenError(
            _("The database file {path} cannot be read: {reason}").format(
                path=path, reason=error.strerror
            )
        ) from error
    if header and header != SQLITE_HEADER:
        raise DatabaseOpenError(
            _("{path} is not an LKÖ Desktop database (it is not a SQLite file).").format(path=path)
        )


def backup_sqlite(path: Path, clock_time: datetime, label: str) -> Path:
    """Copy the database, consistently even while in use, to a timestamped file beside it."""
    stamp = clock_time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    os.chmod(target, 0o600)
    return target


def _explain(error: DBAPIError, url: str) -> DatabaseOpenError:
    if is_locked(error):
        return DatabaseOpenError(busy_error().message)
    reason = str(error.orig).lower() if error.orig else str(error).lower()
    if "not a database" in reason or "malformed" in reason or "corrupt" in reason:
        return _damaged()
    if "unable to open" in reason or "readonly" in reason or "permission" in reason:
        return DatabaseOpenError(
            _(
                "The database file cannot be opened for writing. Check that the folder exists "
                "and that you may write to it; a network share is not a safe place for it."
            )
        )
    if url.startswith("postgresql"):
        return DatabaseOpenError(
            _(
                "Cannot connect to the database server. Check the address, user name and "
                "password, and that the server is running."
            )
        )
    return DatabaseOpenError(_("The database cannot be opened: {reason}").format(reason=reason))


def open_database(
    url: str,
    *,
    clock: Clock | None = None,
    user: str | None = None,
    backup: bool = True,
    verify: bool = False,
) -> Database:
    """Open `url` ready for use: new at the newest schema, or backed up and upgraded.

    A database written by a newer program, a damaged file and a file that is not a
    database are refused with a DatabaseOpenError whose message a person can act on.
    Reading the schema finds a damaged header or schema at once; `verify` also reads every
    page (seconds on a large file), as an upgrade always does before its backup.
    """
    path = _sqlite_path(url)
    if path is not None:
        _prepare_sqlite_file(path)
    engine = make_engine(url)
    database = Database(engine, clock=clock, user=user)
    try:
        revision = current_revision(engine)
        if revision == HEAD:
            if verify:
                check_integrity(database)
            return database
        if revision is not None and revision not in REVISIONS:
            raise DatabaseOpenError(
                _(
                    "The database was written by a newer version of LKÖ Desktop (schema "
                    "{revision}). Install the newer version to open it."
                ).format(revision=revision)
            )
        if revision is not None:
            check_integrity(database)
        if revision is not None and path is not None and backup:
            saved = backup_sqlite(path, database.clock.now(), "before-upgrade")
            log.info("backed up %s to %s before upgrading", path, saved)
        upgrade(engine)
    except DBAPIError as error:
        engine.dispose()
        raise _explain(error, url) from error
    except DatabaseOpenError:
        engine.dispose()
        raise
    return database


def check_integrity(database: Database) -> None:
    """Read every page of a SQLite file; a damaged one raises DatabaseOpenError."""
    engine = database.engine
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        try:
            result = connection.execute(text("PRAGMA quick_check(1)")).scalar()
        except OperationalError as error:
            raise _explain(error, str(engine.url)) from error
    if result != "ok":
        raise _damaged()


def _damaged() -> DatabaseOpenError:
    return DatabaseOpenError(
        _(
            "The database file is damaged. Do not keep working in it: restore the latest "
            "backup copy of the file, or contact your IT support."
        )
    )
