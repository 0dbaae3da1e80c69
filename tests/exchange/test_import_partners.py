"""Importing partners and a meeting's registrations, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_files import swedish_excel_csv, utf8_csv
from imports_setup import jobs, meeting, partner, people, person

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.errors import NotFoundError, UserInputError
from lkoe_desktop.exchange.import_mapping import ImportKind
from lkoe_desktop.services import participations, partners
from lkoe_desktop.services.imports import (
    ImportMode,
    ImportRequest,
    Verdict,
    preview_import,
    run_import,
)

PARTNER_HEADERS = ["Namn", "Org.nr", "Sektor", "Storlek", "Kommun", "Bransch"]


def _partners(path: Path, mode: ImportMode = ImportMode.FILL) -> ImportRequest:
    return ImportRequest(path, ImportKind.PARTNERS, mode)


def _names(db: Database) -> list[tuple[str, str | None, str | None]]:
    with db.reading() as session:
        rows = partners.list_partners(session, partners.PartnerFilter(include_archived=True))
        return sorted((row.name, row.org_number, row.sector) for row in rows)


def test_partners_match_by_number_and_name_then_by_normalised_name(
    db: Database, tmp_path: Path
) -> None:
    östgöta = partner(db, "Östgöta Logistik AB", org_number="556036-0793")
    kommunen = partner(db, "Linköpings kommun")
    path = swedish_excel_csv(
        tmp_path / "partner.csv",
        [
            PARTNER_HEADERS,
            ["ÖSTGÖTA LOGISTIK Aktiebolag", "5560360793", "Näringsliv", "Små", "Linköping", ""],
            ["Linköpings  kommun.", "212000-0001", "Offentlig sektor", "", "0580", ""],
            ["Östgöta Logistik AB", "212000-0019", "", "", "", ""],
            ["Ostgota Logistik", "", "", "", "", ""],
        ],
    )
    preview = preview_import(db, _partners(path))
    first, second, third, fourth = preview.rows
    assert (first.verdict, first.record_id) == (Verdict.UPDATE, östgöta)
    assert {change.field for change in first.changes} == {"sector", "size_class", "municipality"}
    assert (second.verdict, second.record_id) == (Verdict.UPDATE, kommunen)
    assert {change.field for change in second.changes} == {"org_number", "sector", "municipality"}
    assert third.verdict == Verdict.NEW and "556036-0793" in third.warnings[0]
    assert fourth.verdict == Verdict.NEW, "accents are significant"
    run_import(db, _partners(path))
    assert _names(db) == [
        ("Linköpings kommun", "212000-0001", "public"),
        ("Ostgota Logistik", None, None),
        ("Östgöta Logistik AB", "212000-0019", None),
        ("Östgöta Logistik AB", "556036-0793", "business"),
    ]


def test_partner_modes_and_an_archived_partner_restored(db: Database, tmp_path: Path) -> None:
    hamnen = partner(db, "Hamnbolaget", sector="business", industry="Hamn")
    with db.unit_of_work() as session:
        partners.set_partner_archived(session, hamnen, True)
    path = utf8_csv(
        tmp_path / "p.csv", [PARTNER_HEADERS, ["Hamnbolaget", "", "Akademi", "", "", "Sjöfart"]]
    )
    assert run_import(db, _partners(path, ImportMode.CREATE)).rows[0].verdict == Verdict.UNCHANGED
    filled = run_import(db, _partners(path)).rows[0]
    assert filled.verdict == Verdict.UPDATE and filled.unarchived and filled.changes == ()
    updated = run_import(db, _partners(path, ImportMode.UPDATE)).rows[0]
    assert [(c.old, c.new) for c in updated.changes] == [
        ("Näringsliv", "Akademi"),
        ("Hamn", "Sjöfart"),
    ]
    with db.reading() as session:
        stored = partners.get_partner(session, hamnen)
    assert (stored.sector, stored.industry, stored.archived) == ("academia", "Sjöfart", False)


def test_a_web_form_export_registers_people_with_their_dietary_needs(
    db: Database, tmp_path: Path
) -> None:
    seminar = meeting(db)
    hamnen = partner(db, "Hamnbolaget")
    anna = person(db, "Anna", "Berg", hamnen, email="anna@exempel.se")
    with db.unit_of_work() as session:
        participations.invite(session, seminar, [anna])
    path = utf8_csv(
        tmp_path / "anmälningar.csv",
        [
            ["Namn", "E-post", "Organisation", "Specialkost"],
            ["Eva de Geer", "eva@exempel.se", "Kajen AB", "Vegetarisk"],
            ["Anna Berg", "ANNA@exempel.se", "Hamnbolaget", "Glutenfri"],
            ["Eva de Geer", "Eva@Exempel.se", "Kajen AB", ""],
            ["Madonna", "m@exempel.se", "", ""],
        ],
    )
    request = ImportRequest(path, ImportKind.REGISTRATIONS, meeting_id=seminar, skip_invalid=True)
    outcome = run_import(db, request)
    verdicts = [row.verdict for row in outcome.rows]
    assert verdicts == [Verdict.NEW, Verdict.UPDATE, Verdict.DUPLICATE, Verdict.ERROR]
    assert "ett enda ord" in outcome.rows[3].errors[0]
    assert dict(outcome.counts.created) == {"partner": 1, "contact": 1, "participation": 1}
    with db.reading() as session:
        listed = participations.list_participants(session, seminar)
    assert sorted(
        (r.first_name, r.last_name, r.organisation, r.status, r.dietary_needs) for r in listed
    ) == [
        ("Anna", "Berg", "Hamnbolaget", "registered", "Glutenfri"),
        ("Eva", "de Geer", "Kajen AB", "registered", "Vegetarisk"),
    ]
    eva = next(row.record_id for row in outcome.rows if row.verdict == Verdict.NEW)
    assert eva is not None
    assert [name for name in people(db) if name[0] == "Eva"] == [
        ("Eva", "de Geer", "eva@exempel.se", False)
    ]


def test_registrations_need_a_meeting_that_exists(db: Database, tmp_path: Path) -> None:
    path = utf8_csv(tmp_path / "a.csv", [["Namn"], ["Eva de Geer"]])
    with pytest.raises(UserInputError):
        preview_import(db, ImportRequest(path, ImportKind.REGISTRATIONS))
    with pytest.raises(NotFoundError):
        preview_import(db, ImportRequest(path, ImportKind.REGISTRATIONS, meeting_id=99))


def test_a_contacts_employer_is_found_by_number_alone_or_the_row_is_refused(
    db: Database, tmp_path: Path
) -> None:
    östgöta = partner(db, "Östgöta Logistik AB", org_number="556036-0793")
    path = utf8_csv(
        tmp_path / "k.csv",
        [
            ["Förnamn", "Efternamn", "Org.nr"],
            ["Åsa", "Öberg", "556036-0793"],
            ["Bo", "Ek", "212000-0001"],
        ],
    )
    outcome = run_import(db, ImportRequest(path, ImportKind.CONTACTS, skip_invalid=True))
    assert outcome.rows[0].verdict == Verdict.NEW
    assert jobs(db, outcome.rows[0].record_id or 0) == [("Östgöta Logistik AB", None, None, True)]
    assert outcome.rows[1].errors == (
        "Ingen partner har organisationsnummer 212000-0001: skriv organisationens namn i filen "
        "också.",
    )
    assert "partner" not in outcome.counts.created
    with db.reading() as session:
        assert [row.id for row in partners.list_partners(session)] == [östgöta]
