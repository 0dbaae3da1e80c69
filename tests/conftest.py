"""Shared fixtures: a fresh migrated database per test, on SQLite and, when asked, PostgreSQL."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

# Window tests run on the room a 1366 × 768 laptop leaves beside a 40-pixel taskbar: the
# smallest screen the office uses (Qt's offscreen screen is 800 × 800 otherwise).
os.environ.setdefault(
    "QT_QPA_PLATFORM", f"offscreen:configfile={Path(__file__).with_name('laptop_screen.json')}"
)
os.environ.setdefault("LKOE_LANG", "sv")

from database_guard import PG_URL_ENV, refuse_to_wipe
from sqlalchemy import text

from lkoe_desktop.db.base import Base
from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.clock import FixedClock

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _swedish() -> Iterator[None]:
    i18n.set_language("sv")
    yield
    i18n.set_language("sv")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Keep preferences, logs and the default database out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("LKOE_DB", raising=False)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated empty database, copied for each test (migrating each time is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    return path


def pytest_configure(config: pytest.Config) -> None:
    """Refuse, before any test runs, a PostgreSQL database whose name does not say it is for
    tests: `pg_database` wipes the one it is given."""
    url = _pg_url()
    refusal = None if url is None else refuse_to_wipe(url)
    if refusal is not None:
        raise pytest.UsageError(refusal)


def _pg_url() -> str | None:
    url = os.environ.get(PG_URL_ENV)
    if not url:
        return None
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture(scope="session")
def pg_database() -> Iterator[Database]:
    """The PostgreSQL test database, wiped first (its name says it is for tests: see
    pytest_configure)."""
    url = _pg_url()
    if url is None:
        pytest.skip(f"{PG_URL_ENV} is not set")
    from lkoe_desktop.db.engine import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    database = open_database(url)
    yield database
    database.dispose()


def _truncate(database: Database) -> None:
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """A fresh, empty, migrated database with a fixed clock; SQLite, and PostgreSQL if set."""
    clock = FixedClock(START)
    if request.param == "sqlite":
        path = tmp_path / "lkoe.sqlite3"
        shutil.copy(sqlite_template, path)
        database = open_database(f"sqlite:///{path}", clock=clock, user="testare")
        yield database
        database.dispose()
        return
    shared: Database = request.getfixturevalue("pg_database")
    _truncate(shared)
    database = Database(shared.engine, clock=clock, user="testare")
    yield database
    _truncate(shared)


@pytest.fixture
def sqlite_db(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    """A fresh SQLite database only, for tests of SQLite-specific behaviour."""
    path = tmp_path / "lkoe.sqlite3"
    shutil.copy(sqlite_template, path)
    database = open_database(f"sqlite:///{path}", clock=FixedClock(START), user="testare")
    yield database
    database.dispose()


@pytest.fixture
def colleague_db(db: Database) -> Iterator[Database]:
    """A second workstation on the same database as `db`: its own engine, connections and user."""
    from lkoe_desktop.db.engine import make_engine

    url = db.engine.url.render_as_string(hide_password=False)
    other = Database(make_engine(url), clock=db.clock, user="kollega")
    yield other
    other.dispose()
