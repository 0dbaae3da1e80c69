"""Importing contacts: the preview, matching, modes, all or nothing, on SQLite and PostgreSQL."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from import_files import swedish_excel_csv, utf8_csv, with_cached_values, workbook
from imports_setup import (
    CONTACT_HEADERS,
    consents,
    contacts_request,
    jobs,
    partner,
    people,
    person,
    tables,
)

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.entities import CONTACT
from lkoe_desktop.services import contacts, groups
from lkoe_desktop.services.contacts import APART
from lkoe_desktop.services.import_run import PERSON
from lkoe_desktop.services.imports import (
    ImportCancelled,
    Verdict,
    preview_import,
    run_import,
)

TODAY = date(2026, 3, 2)  # the tests' fixed clock


def _swedish_file(tmp_path: Path) -> Path:
    return swedish_excel_csv(
        tmp_path / "Kontakter från Excel.csv",
        [
            CONTACT_HEADERS,
            ["Åsa", "Öberg", "asa.oberg@exempel.se", "013-12 34 56", "Östgöta Logistik AB",
             "556036-0793", "Logistikchef"],
            ["Eva", "de Geer", "Eva.deGeer@Exempel.se", "", "Hamnbolaget", "", "Hamnchef"],
            ["Eva", "de Geer", "eva.degeer@exempel.se", "070-123 45 67", "Hamnbolaget", "", ""],
            ["Jöns", "Ström", "", "", "", "", ""],
        ],
    )  # fmt: skip


def test_a_swedish_excel_csv_is_previewed_then_imported_as_the_preview_said(
    db: Database, tmp_path: Path
) -> None:
    path = _swedish_file(tmp_path)
    before = tables(db)
    preview = preview_import(db, contacts_request(path))
    assert tables(db) == before, "a preview writes nothing"
    assert [row.verdict for row in preview.rows] == [
        Verdict.NEW,
        Verdict.NEW,
        Verdict.DUPLICATE,
        Verdict.NEW,
    ]
    assert preview.counts.new == 3 and preview.counts.duplicates == 1 and preview.ok
    assert dict(preview.counts.created) == {"partner": 2, "contact": 3}
    third = preview.rows[2]
    assert third.duplicate_of == 3 and [str(p) for p in third.problems()] == [
        "rad 4: Samma person som rad 3: tillämpas som en träff."
    ]
    assert [(c.label, c.old, c.new) for c in third.changes] == [("Telefon", "", "070-123 45 67")]
    done = run_import(db, contacts_request(path))
    assert done.written and done.batch_id is not None
    assert [row.verdict for row in done.rows] == [row.verdict for row in preview.rows]
    assert done.counts == preview.counts
    assert people(db) == [
        ("Åsa", "Öberg", "asa.oberg@exempel.se", False),
        ("Eva", "de Geer", "eva.degeer@exempel.se", False),
        ("Jöns", "Ström", None, False),
    ]
    åsa, eva, jöns = (row.record_id for row in done.rows if row.verdict == Verdict.NEW)
    assert jobs(db, åsa) == [("Östgöta Logistik AB", "Logistikchef", None, True)]
    assert jobs(db, jöns) == []
    with db.reading() as session:
        assert contacts.get_contact(session, eva).phone == "+46701234567"
        found = contacts.list_contacts(session, contacts.ContactFilter(search="östgöta logi"))
        assert [row.id for row in found] == [åsa], "the search index has the new people"
        assert contacts.count_contacts(session, contacts.ContactFilter(search="070-123")) == 1
    source = f"Import {done.batch_id} av filen ”Kontakter från Excel.csv”"
    assert sorted(consents(db)) == [
        (åsa, "legitimate_interest", source),
        (eva, "legitimate_interest", source),
        (jöns, "legitimate_interest", source),
    ]


def test_a_contact_is_matched_by_e_mail_in_any_case_even_archived_and_is_restored(
    db: Database, tmp_path: Path
) -> None:
    gone = person(db, "Åsa", "Öberg", email="asa.oberg@exempel.se")
    with db.unit_of_work() as session:
        contacts.set_contact_archived(session, gone, True)
    path = utf8_csv(
        tmp_path / "k.csv",
        [CONTACT_HEADERS, ["Åsa", "Öberg", "ASA.Oberg@exempel.se", "013-12 34 56", "", "", ""]],
    )
    outcome = run_import(db, contacts_request(path))
    row = outcome.rows[0]
    assert (row.verdict, row.record_id, row.unarchived) == (Verdict.UPDATE, gone, True)
    assert people(db) == [("Åsa", "Öberg", "asa.oberg@exempel.se", False)]
    assert consents(db) == [], "only a contact the import creates gets a legal basis"


def test_a_name_matches_at_the_same_organisation_current_or_former_never_elsewhere(
    db: Database, tmp_path: Path
) -> None:
    hamnen, kommunen = partner(db, "Hamnbolaget"), partner(db, "Norrköpings kommun")
    eva = person(db, "Eva", "de Geer", hamnen)
    with db.unit_of_work() as session:
        from lkoe_desktop.services.affiliations import change_job

        change_job(session, eva, kommunen, start_date=date(2026, 1, 1))
    path = utf8_csv(
        tmp_path / "k.csv",
        [
            CONTACT_HEADERS,
            ["eva", "De  Geer", "", "", "Hamnbolaget AB", "", ""],
            ["Eva", "de Geer", "", "", "Annat Bolag", "", ""],
            ["Éva", "de Geer", "", "", "Hamnbolaget", "", ""],
        ],
    )
    outcome = preview_import(db, contacts_request(path))
    first, second, third = outcome.rows
    assert (first.verdict, first.record_id) == (Verdict.UNCHANGED, eva)
    assert second.verdict == Verdict.NEW, "the same name elsewhere is another person"
    assert third.verdict == Verdict.NEW, "accents are significant"


def test_when_the_e_mail_and_the_name_point_at_two_people_the_e_mail_wins(
    db: Database, tmp_path: Path
) -> None:
    hamnen = partner(db, "Hamnbolaget")
    anna = person(db, "Anna", "Berg", hamnen, email="anna@exempel.se")
    other = person(db, "Eva", "Lind", hamnen)
    path = utf8_csv(
        tmp_path / "k.csv",
        [CONTACT_HEADERS, ["Eva", "Lind", "anna@exempel.se", "", "Hamnbolaget", "", ""]],
    )
    row = preview_import(db, contacts_request(path)).rows[0]
    assert row.record_id == anna and row.record_id != other
    assert row.warnings and "Anna Berg" in row.warnings[0] and "Eva Lind" in row.warnings[0]


def test_modes_fill_create_and_update(db: Database, tmp_path: Path) -> None:
    hamnen = partner(db, "Hamnbolaget")
    anna = person(db, "Anna", "Berg", hamnen, email="anna@exempel.se", phone="013-12 34 56")
    path = utf8_csv(
        tmp_path / "k.csv",
        [
            CONTACT_HEADERS,
            ["Anna", "Berg", "anna@exempel.se", "013-99 99 99", "Kajen AB", "", "VD"],
        ],
    )
    skipped = run_import(db, contacts_request(path, mode="create"))
    assert skipped.rows[0].verdict == Verdict.UNCHANGED
    filled = run_import(db, contacts_request(path))
    assert filled.rows[0].verdict == Verdict.UNCHANGED, "mode fill keeps a stored phone and job"
    assert "Kajen AB" in filled.rows[0].warnings[0]
    updated = run_import(db, contacts_request(path, mode="update"))
    assert {(c.field, c.old, c.new) for c in updated.rows[0].changes} == {
        ("phone", "013-12 34 56", "013-99 99 99"),
        ("organisation", "Hamnbolaget", "Kajen AB"),
        ("title", "", "VD"),
    }
    assert jobs(db, anna) == [("Hamnbolaget", None, TODAY, False), ("Kajen AB", "VD", None, True)]


def test_a_file_with_errors_writes_nothing_unless_the_valid_rows_are_asked_for(
    db: Database, tmp_path: Path
) -> None:
    path = swedish_excel_csv(
        tmp_path / "fel.csv",
        [
            CONTACT_HEADERS,
            ["Åsa", "Öberg", "asa@exempel.se", "", "", "", ""],
            ["Per", "Fel", "per@@exempel", "", "", "", ""],
            ["Bo", "Nummer", "", "", "Bolaget", "556036-0794", ""],
            ["Lång", "Titel", "", "", "Bolaget", "", "x" * 100_000],
            ["Ny", "Telefon", "", "12", "", "", ""],
        ],
    )
    before = tables(db)
    refused = run_import(db, contacts_request(path))
    assert not refused.written and refused.batch_id is None
    assert tables(db) == before
    problems = [str(p) for p in refused.problems()]
    assert problems[0].startswith("rad 3: E-post: Ogiltig e-postadress")
    assert problems[1].startswith("rad 4: Organisationsnummer: Ogiltigt organisationsnummer")
    assert problems[2].startswith("rad 5: Befattning får innehålla högst 200 tecken (nu 100")
    assert problems[3].startswith("rad 6: Telefon: Ogiltigt telefonnummer")
    valid = run_import(db, contacts_request(path, skip_invalid=True))
    assert valid.written and valid.counts.new == 1 and valid.counts.errors == 4
    assert people(db) == [("Åsa", "Öberg", "asa@exempel.se", False)]


def test_an_xlsx_with_typed_cells_and_a_formula_imports_what_excel_shows(
    db: Database, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path / "k.xlsx",
        [
            CONTACT_HEADERS,
            ["Åsa", "Öberg", "asa@exempel.se", 13123456, "Bolaget", 5560360793, '="Chef"'],
        ],
        formats={"F2": "000000-0000", "D2": "000-000000"},
    )
    with_cached_values(path, {"G2": ("str", "Logistikchef")})
    outcome = run_import(db, contacts_request(path))
    assert outcome.ok and outcome.written
    assert jobs(db, outcome.rows[0].record_id or 0) == [("Bolaget", "Logistikchef", None, True)]


def test_imported_contacts_can_join_a_group_and_the_run_reports_progress(
    db: Database, tmp_path: Path
) -> None:
    with db.unit_of_work() as session:
        news = groups.create_group(session, {"name": "Nyhetsbrev"}).id
    known = person(db, "Anna", "Berg", email="anna@exempel.se")
    path = utf8_csv(
        tmp_path / "k.csv",
        [
            CONTACT_HEADERS,
            ["Anna", "Berg", "anna@exempel.se", "", "", "", ""],
            ["Bo", "Ek", "", "", "", "", ""],
        ],
    )
    seen: list[tuple[int, int]] = []
    outcome = run_import(
        db,
        contacts_request(path, group_id=news),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(2, 2)] and dict(outcome.counts.created)["membership"] == 2
    with db.reading() as session:
        members = {row.contact_id for row in groups.list_members(session, news)}
    assert known in members and len(members) == 2


def test_a_cancelled_import_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = _swedish_file(tmp_path)
    before = tables(db)
    with pytest.raises(ImportCancelled):
        run_import(db, contacts_request(path), cancelled=lambda: True)
    assert tables(db) == before


def test_a_rows_person_is_checked_as_the_contacts_service_checks_it() -> None:
    editable = {described.key for described in CONTACT.editable}
    assert set(PERSON) <= editable - set(APART)


@pytest.mark.parametrize("run", [preview_import, run_import])
def test_the_collector_rests_while_an_import_runs_and_runs_again_after(
    db: Database, tmp_path: Path, run: Callable[..., object]
) -> None:
    """Full collections over a hundred thousand rows' objects cost a quarter of the import."""
    path = _swedish_file(tmp_path)
    gc.enable()
    seen: list[bool] = []
    run(db, contacts_request(path), progress=lambda done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()
