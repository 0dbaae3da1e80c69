"""Undoing a whole import: every table as before, or refused naming what is in the way."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_files import utf8_csv
from imports_setup import CONTACT_HEADERS, contacts_request, meeting, partner, person, tables

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.exchange.import_mapping import ImportKind
from lkoe_desktop.services import contacts, groups, participations
from lkoe_desktop.services.imports import (
    ImportRequest,
    UndoRefused,
    list_import_batches,
    run_import,
    undo_import,
)


def _file(tmp_path: Path) -> Path:
    return utf8_csv(
        tmp_path / "kontakter.csv",
        [
            CONTACT_HEADERS,
            ["Anna", "Berg", "anna@exempel.se", "013-99 99 99", "Kajen AB", "", "VD"],
            ["Eva", "de Geer", "eva@exempel.se", "", "Hamnbolaget", "", "Hamnchef"],
            ["Bo", "Ek", "bo@exempel.se", "", "Nya Bolaget", "", ""],
        ],
    )


@pytest.fixture
def stored(db: Database) -> dict[str, int]:
    """An office with Anna at Hamnbolaget (archived) and Eva there without a title."""
    hamnen = partner(db, "Hamnbolaget")
    anna = person(db, "Anna", "Berg", hamnen, email="anna@exempel.se", phone="013-12 34 56")
    eva = person(db, "Eva", "de Geer", hamnen)
    with db.unit_of_work() as session:
        contacts.set_contact_archived(session, anna, True)
    return {"hamnen": hamnen, "anna": anna, "eva": eva}


@pytest.mark.parametrize("mode", ["fill", "update"])
def test_import_and_undo_leave_every_table_as_it_was(
    db: Database, tmp_path: Path, stored: dict[str, int], mode: str
) -> None:
    with db.unit_of_work() as session:
        news = groups.create_group(session, {"name": "Nyhetsbrev"}).id
    before = tables(db)
    done = run_import(db, contacts_request(_file(tmp_path), mode=mode, group_id=news))
    assert done.written and done.batch_id is not None
    assert tables(db) != before
    undone = undo_import(db, done.batch_id)
    assert undone.removed >= 4 and undone.restored >= 2
    assert tables(db) == before
    [batch] = list_import_batches(db)
    assert (batch.id, batch.file_name, batch.imported_by) == (
        done.batch_id,
        "kontakter.csv",
        "testare",
    )
    assert batch.undone_at is not None
    with pytest.raises(UserInputError, match="redan ångrad"):
        undo_import(db, done.batch_id)


def test_an_undo_is_refused_when_a_record_was_changed_since(
    db: Database, tmp_path: Path, stored: dict[str, int]
) -> None:
    done = run_import(db, contacts_request(_file(tmp_path)))
    assert done.batch_id is not None
    with db.unit_of_work() as session:
        contacts.update_contact(session, stored["eva"], {"mobile": "070-123 45 67"})
    after = tables(db)
    with pytest.raises(UndoRefused) as refused:
        undo_import(db, done.batch_id)
    assert refused.value.records == ("Eva de Geer",)
    assert "Eva de Geer" in refused.value.message
    assert tables(db) == after


def test_an_undo_is_refused_when_a_new_contact_was_registered_since(
    db: Database, tmp_path: Path
) -> None:
    seminar = meeting(db)
    done = run_import(db, contacts_request(_file(tmp_path)))
    assert done.batch_id is not None
    bo = next(row.record_id for row in done.rows if row.name == "Bo Ek")
    assert bo is not None
    with db.unit_of_work() as session:
        participations.register(session, seminar, bo)
    with pytest.raises(UndoRefused) as refused:
        undo_import(db, done.batch_id)
    assert refused.value.records == ("Bo Ek", "Nya Bolaget")


def test_registrations_are_undone_too(db: Database, tmp_path: Path) -> None:
    seminar = meeting(db)
    path = utf8_csv(
        tmp_path / "a.csv",
        [["Namn", "E-post", "Specialkost"], ["Eva de Geer", "eva@x.se", "Vegan"]],
    )
    before = tables(db)
    done = run_import(db, ImportRequest(path, ImportKind.REGISTRATIONS, meeting_id=seminar))
    assert done.batch_id is not None
    undo_import(db, done.batch_id)
    assert tables(db) == before
