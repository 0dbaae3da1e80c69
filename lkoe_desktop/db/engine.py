"""Engines and sessions: SQLite pragmas, PostgreSQL, and one transaction per user action."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from lkoe_desktop.domain.clock import Clock, SystemClock
from lkoe_desktop.domain.errors import DatabaseBusyError
from lkoe_desktop.domain.i18n import gettext as _

# Where a session notes the entities it changed (`note_change`), for `Database.listen`.
CHANGED = "changed_entities"
# How long a connection waits for another one's write lock before it gives up.
SQLITE_BUSY_TIMEOUT_MS = 5000
# SQLite's primary result codes for a lock held elsewhere (extended codes add high bits).
SQLITE_BUSY, SQLITE_LOCKED = 5, 6


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def is_locked(error: DBAPIError) -> bool:
    """Whether SQLite gave up waiting for a lock that another connection held."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)


def busy_error() -> DatabaseBusyError:
    return DatabaseBusyError(
        _(
            "The database is locked by another program. Close LKÖ Desktop on the other "
            "computer or window, or wait a moment, and try again."
        )
    )


@contextmanager
def _locks_told() -> Iterator[None]:
    """A lock that outlasted the busy timeout becomes a DatabaseBusyError a person can read."""
    try:
        yield
    except DBAPIError as error:
        if is_locked(error):
            raise busy_error() from error
        raise


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "okänd"


class Database:
    """An open database: its engine, the clock and the user the change log records."""

    def __init__(self, engine: Engine, *, clock: Clock | None = None, user: str | None = None):
        self.engine = engine
        self.clock: Clock = clock or SystemClock()
        self.user = user or os_user()
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._listeners: list[Callable[[frozenset[str]], None]] = []

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def display_name(self) -> str:
        """The file path of a SQLite database, or the server URL without its password."""
        if self.engine.dialect.name == "sqlite":
            return str(self.engine.url.database or ":memory:")
        return self.url

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _session(self) -> Session:
        session = self._sessions()
        session.info["clock"] = self.clock
        session.info["user"] = self.user
        return session

    def listen(self, listener: Callable[[frozenset[str]], None]) -> None:
        """Call `listener(entities)` after each transaction that changed records, with the names
        of the entities it changed (as the change log names them), once it is committed. It is
        called on the thread that committed."""
        self._listeners.append(listener)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error; a lock
        that another program holds past the busy timeout is a DatabaseBusyError. The entities
        it changed are told to the listeners after the commit."""
        session = self._session()
        try:
            with _locks_told(), session.begin():
                yield session
            changed = frozenset(session.info.get(CHANGED, ()))
        finally:
            session.close()
        if changed:
            for listener in list(self._listeners):
                listener(changed)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading only; nothing it does is committed."""
        session = self._session()
        try:
            with _locks_told():
                yield session
        finally:
            session.rollback()
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
