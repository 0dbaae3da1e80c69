"""The complete archive round trip: SQLite → archive → PostgreSQL (or SQLite) → archive → SQLite →
archive gives one archive three times, and each database then takes new records."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from archive_content import add_new_records, fill
from sqlalchemy import text

from lkoe_desktop.db.base import Base
from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import HEAD, open_database
from lkoe_desktop.db.models import REACH_TABLES
from lkoe_desktop.db.search_index import INDEXED_TABLES, fts_table
from lkoe_desktop.exchange import archive_write
from lkoe_desktop.exchange.archive_read import read_archive
from lkoe_desktop.exchange.archive_tables import FORMAT_VERSION, archived_tables
from lkoe_desktop.exchange.archive_write import write_archive
from lkoe_desktop.services import frozen_reports, office_settings, period_reach
from lkoe_desktop.services.contacts import ContactFilter, list_contacts
from lkoe_desktop.services.installation import installation_id


def _sqlite(tmp_path: Path, template: Path, name: str) -> Database:
    path = tmp_path / f"{name}.sqlite3"
    shutil.copy(template, path)
    return open_database(f"sqlite:///{path}", user="testare")


def _truncate(database: Database) -> None:
    tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def middle(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[Database]:
    """The database the archive travels through: an empty SQLite file, or PostgreSQL if set."""
    if request.param == "sqlite":
        database = _sqlite(tmp_path, sqlite_template, "middle")
        yield database
        database.dispose()
        return
    shared: Database = request.getfixturevalue("pg_database")
    _truncate(shared)
    yield Database(shared.engine, user="testare")
    _truncate(shared)


def _lines(path: Path) -> list[str]:
    """The archive's text but for the line that says when it was written."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith(' "exported_at": ')]


def _reach_counts(database: Database) -> dict[str, int]:
    """The rows of the funder's reach tables, which an import rebuilds rather than reads."""
    with database.reading() as session:
        return {
            name: session.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()
            for name in sorted(REACH_TABLES)
        }


def _stored(database: Database) -> tuple[dict[str, list[tuple[object, ...]]], list[str]]:
    """A SQLite file's rows as stored (no type conversion) and its schema: tables, indexes,
    triggers, after checking its pages and its search index."""
    path = database.engine.url.database
    assert path is not None
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for table in INDEXED_TABLES:
            fts = fts_table(table)
            connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        rows = {
            table.name: connection.execute(
                f"SELECT * FROM {table.name} ORDER BY "
                + ", ".join(key.name for key in table.primary_key.columns)
            ).fetchall()
            for table in Base.metadata.sorted_tables
        }
        schema = connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name")
        return rows, [str(line) for line in schema]
    finally:
        connection.close()


def _contact_names(db: Database, search: str) -> list[tuple[str, str]]:
    with db.reading() as session:
        rows = list_contacts(session, ContactFilter(search=search, include_archived=True))
    return [(row.first_name, row.last_name) for row in rows]


def test_an_archive_travels_between_engines_unchanged(
    tmp_path: Path, sqlite_template: Path, middle: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_write, "PART_ROWS", 100)  # the demo's tables in many parts
    first = _sqlite(tmp_path, sqlite_template, "first")
    last = _sqlite(tmp_path, sqlite_template, "last")
    fill(first)
    archives = [tmp_path / f"archive{number}.json" for number in (1, 2, 3)]
    summary = write_archive(first, archives[0])
    read_archive(middle, archives[0])
    write_archive(middle, archives[1])
    read_archive(last, archives[1])
    write_archive(last, archives[2])

    assert _lines(archives[0]) == _lines(archives[1]) == _lines(archives[2])
    with first.unit_of_work() as session:  # what the import rebuilt, the first builds now
        period_reach.refresh(session, office_settings.load(session).own_partner_id)
    assert _stored(first) == _stored(last)
    reached = [_reach_counts(database) for database in (first, middle, last)]
    assert reached[0] == reached[1] == reached[2]
    assert reached[0]["reach_people"] > 0 and reached[0]["reach_pending"] == 0
    header = json.loads(archives[0].read_text(encoding="utf-8"))
    assert header["format_version"] == FORMAT_VERSION
    assert header["schema_revision"] == HEAD
    parts = [part["table"] for part in header["tables"]]
    assert parts.count("participations") == header["counts"]["participations"] // 100
    assert header["counts"] == summary.counts
    for table in archived_tables():
        rows = [
            row for part in header["tables"] if part["table"] == table.name for row in part["rows"]
        ]
        assert len(rows) == header["counts"][table.name]
    databases = (first, middle, last)
    for database in databases:
        with database.reading() as session:
            assert installation_id(session) == summary.installation_id
            [frozen] = frozen_reports.list_frozen(session)
            assert frozen_reports.get_frozen(session, frozen.id).participants
        assert _contact_names(database, "ξανθ") == [("Ξανθίππη", "Ζαχαρίου")]
        assert ("Raderad", "person") in _contact_names(database, "raderad")

    added = [add_new_records(database) for database in databases]
    assert added[0] == added[1] == added[2]
    counts = header["counts"]
    assert added[0] == (
        counts["organisations"] + 1,
        counts["contacts"] + 1,
        counts["meetings"] + 1,
        counts["participations"] + 1,
    )
    for database in databases:
        assert _contact_names(database, "ngermanä") == [("Nyqvist", "Ångermanälv")]
    first.dispose()
    last.dispose()
