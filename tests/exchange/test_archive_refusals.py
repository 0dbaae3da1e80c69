"""Archives that are not imported: into a database with data, damaged, of a newer format or of
another schema, or no archive at all; each refused with a message and nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import HEAD, REVISIONS, open_database
from lkoe_desktop.db.models import Setting
from lkoe_desktop.exchange.archive_read import ArchiveError, read_archive
from lkoe_desktop.exchange.archive_write import write_archive
from lkoe_desktop.services import contacts, meetings, participations, partners
from lkoe_desktop.services.contents import is_empty
from lkoe_desktop.services.installation import KEY, installation_id


@pytest.fixture
def archive(tmp_path: Path, sqlite_template: Path) -> Path:
    """A small archive: a partner, a person working there, a meeting and the person on it."""
    path = tmp_path / "source.sqlite3"
    shutil.copy(sqlite_template, path)
    source = open_database(f"sqlite:///{path}", user="testare")
    with source.unit_of_work() as session:
        partner = partners.create_partner(session, {"name": "Östgöta Frakt AB"}).id
        person = contacts.create_contact(
            session, {"first_name": "Åsa", "last_name": "Ek", "organisation_id": partner}
        ).id
        meeting = meetings.create_meeting(
            session, {"title": "Frukostmöte", "kind": "seminar", "starts_at": "2026-04-01 08:00"}
        ).id
        participations.register(session, meeting, person)
    written = tmp_path / "archive.json"
    write_archive(source, written)
    source.dispose()
    return written


def _variant(archive: Path, old: str, new: str) -> Path:
    text = archive.read_text(encoding="utf-8")
    assert old in text
    changed = archive.with_name("changed.json")
    changed.write_text(text.replace(old, new, 1), encoding="utf-8")
    return changed


def _state(db: Database) -> tuple[bool, Setting | None, set[str]]:
    """Whether the database is empty, its installation id, and its tables and triggers."""
    with db.reading() as session:
        installation = session.get(Setting, KEY)
        names = set(inspect(session.connection()).get_table_names())
        if db.dialect == "sqlite":
            triggers = session.connection().exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            )
            names |= {name for (name,) in triggers}
        return is_empty(session), installation and installation.value, names


def _refused(db: Database, path: Path, message: str) -> None:
    before = _state(db)
    with pytest.raises(ArchiveError, match=message):
        read_archive(db, path)
    assert _state(db) == before
    assert before[0]


def test_a_database_with_data_is_refused(db: Database, archive: Path) -> None:
    with db.unit_of_work() as session:
        partners.create_partner(session, {"name": "Redan här AB"})
        before = installation_id(session)
    with pytest.raises(ArchiveError, match="innehåller redan"):
        read_archive(db, archive)
    with db.reading() as session:
        assert installation_id(session) == before
        assert contacts.count_contacts(session) == 0


def test_a_cut_file_is_damaged(db: Database, archive: Path) -> None:
    cut = archive.with_name("cut.json")
    text = archive.read_bytes()
    cut.write_bytes(text[: len(text) - 40])
    _refused(db, cut, "skadat")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"first_name": "Åsa"', '"first_name": 7'),  # a value its column cannot hold
        ('"last_name": "Ek", ', ""),  # a column missing
        ('"starts_at": "2026-04-01T06:00:00.000000+00:00"', '"starts_at": "2026-04-01 06:00"'),
        ('"contacts": 1', '"contacts": 2'),  # the header's count is not what follows
        ('"table": "organisations"', '"table": "partner"'),
        ('"installation_id": "', '"installation_id": "0'),  # not the id its settings hold
    ],
)
def test_a_damaged_value_is_refused(db: Database, archive: Path, old: str, new: str) -> None:
    _refused(db, _variant(archive, old, new), "skadat")


def test_a_reference_to_a_missing_row_is_refused(db: Database, archive: Path) -> None:
    text = archive.read_text(encoding="utf-8")
    participation = json.dumps({"id": 1, "meeting_id": 1})[1:-1]
    assert participation in text
    broken = _variant(archive, participation, '"id": 1, "meeting_id": 99')
    _refused(db, broken, "skadat")


def test_an_archive_of_a_newer_format_is_refused(db: Database, archive: Path) -> None:
    newer = _variant(archive, '"format_version": 1,', '"format_version": 2,')
    _refused(db, newer, "nyare version.*arkivformat 2")


def test_an_archive_of_another_schema_is_refused(db: Database, archive: Path) -> None:
    newer = _variant(archive, f'"{HEAD}"', '"9999_from_the_future"')
    _refused(db, newer, "nyare version.*9999_from_the_future")
    older = _variant(archive, f'"{HEAD}"', f'"{REVISIONS[0]}"')
    _refused(db, older, "äldre version")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"namn;e-post\r\nAnna;anna@example.se\r\n",
        b"[1, 2]",
        b'{"format": "other"}',
        b"\xff\xfe",
    ],
)
def test_what_is_not_an_archive_is_refused(db: Database, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "not-an-archive.json"
    path.write_bytes(content)
    _refused(db, path, "inte ett arkiv")


def test_rows_that_break_a_unique_index_are_refused(db: Database, archive: Path) -> None:
    """A second current job for one person: SQLite finds it when it builds the index again."""
    lines = archive.read_text(encoding="utf-8").splitlines()
    [job] = [
        number for number, line in enumerate(lines) if line == '{"table": "affiliations", "rows": ['
    ]
    second = lines[job + 1].replace('{"id": 1,', '{"id": 2,', 1)
    assert second != lines[job + 1]
    lines[job + 1 : job + 2] = [lines[job + 1] + ",", second]
    twice = archive.with_name("twice.json")
    twice.write_text(
        "\n".join(lines).replace('"affiliations": 1,', '"affiliations": 2,'), encoding="utf-8"
    )
    _refused(db, twice, "skadat.*uq_affiliations_one_current|skadat.*UNIQUE")
