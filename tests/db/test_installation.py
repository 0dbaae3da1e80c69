"""Each database has its own installation id, made once and kept."""

from __future__ import annotations

import uuid
from pathlib import Path

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.services.installation import installation_id


def _id_of(path: Path) -> str:
    database = open_database(f"sqlite:///{path}")
    try:
        with database.reading() as session:
            return installation_id(session)
    finally:
        database.dispose()


def test_two_new_databases_get_different_ids_that_stay(tmp_path: Path) -> None:
    first = _id_of(tmp_path / "a.sqlite3")
    second = _id_of(tmp_path / "b.sqlite3")
    assert first != second
    assert str(uuid.UUID(first)) == first
    assert _id_of(tmp_path / "a.sqlite3") == first


def test_the_id_is_the_same_in_every_session(db: Database) -> None:
    with db.unit_of_work() as session:
        written = installation_id(session)
    with db.reading() as session:
        assert installation_id(session) == written
