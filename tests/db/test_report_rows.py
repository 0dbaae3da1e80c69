"""The rows of the deltagarlista, the kontaktblad and the partner register, and the page setup."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.errors import NotFoundError, UserInputError
from lkoe_desktop.domain.periods import Period
from lkoe_desktop.services import (
    affiliations,
    contacts,
    meetings,
    office_settings,
    participations,
    partners,
    themes,
)
from lkoe_desktop.services.document_rows import PageSetup, PrintedOffice
from lkoe_desktop.services.report_rows import (
    contact_sheets,
    meeting_participants,
    page_setup,
    partner_register,
    period_participants,
)


def _partner(db: Database, name: str, **values: object) -> int:
    with db.unit_of_work() as session:
        return partners.create_partner(session, {"name": name, **values}).id


def _person(db: Database, first: str, last: str, organisation_id: int | None, **values: Any) -> int:
    with db.unit_of_work() as session:
        fields: dict[str, object] = {"first_name": first, "last_name": last, **values}
        if organisation_id is not None:
            fields["organisation_id"] = organisation_id
        return contacts.create_contact(session, fields).id


def _meeting(db: Database, title: str, starts_at: str, **values: object) -> int:
    with db.unit_of_work() as session:
        return meetings.create_meeting(
            session, {"title": title, "kind": "seminar", "starts_at": starts_at, **values}
        ).id


def _take_part(db: Database, meeting_id: int, contact_id: int, status: str, role: str) -> None:
    with db.unit_of_work() as session:
        row = participations.register(session, meeting_id, contact_id, role=role)
        if status != "registered":
            participations.set_status(session, row.id, status)


@pytest.fixture
def seminar(db: Database) -> tuple[int, dict[str, int]]:
    """A seminar with people in every status and role; returns (meeting id, org ids)."""
    hamn = _partner(
        db,
        "Norrköpings Hamn",
        org_number="556012-5790",
        sector="business",
        size_class="medium",
        municipality="Norrköping",
    )
    liu = _partner(db, "Linköpings universitet", sector="academia", size_class="large")
    meeting = _meeting(db, "Bygglogistik i praktiken", "2026-04-01 09:00")
    people = [
        ("Ægir", "Øster", hamn, "attended", "participant"),
        ("Łukasz", "Wójcik", liu, "attended", "speaker"),
        ("Anna", "Åberg", hamn, "attended", "moderator"),
        ("Bo", "Andersson", None, "attended", "participant"),
        ("Cilla", "Cancelled", hamn, "cancelled", "participant"),
        ("Nils", "Noshow", hamn, "no_show", "participant"),
        ("Rita", "Registered", hamn, "registered", "participant"),
        ("Olle", "Organiser", liu, "attended", "organiser"),
    ]
    for first, last, organisation, status, role in people:
        email = f"{first.lower()}@example.se" if first.isascii() else None
        contact = _person(db, first, last, organisation, email=email)
        _take_part(db, meeting, contact, status, role)
    return meeting, {"hamn": hamn, "liu": liu}


def test_meeting_list_holds_the_attended_in_swedish_order(
    db: Database, seminar: tuple[int, dict[str, int]]
) -> None:
    meeting, _orgs = seminar
    with db.reading() as session:
        found = meeting_participants(session, meeting)
    assert found.meeting is not None
    assert found.meeting.title == "Bygglogistik i praktiken"
    assert found.starts_from == found.starts_until == date(2026, 4, 1)
    assert [(row.first_name, row.last_name) for row in found.rows] == [
        ("Bo", "Andersson"),
        ("Łukasz", "Wójcik"),
        ("Anna", "Åberg"),
        ("Ægir", "Øster"),
    ]
    assert [row.role for row in found.rows] == [
        "participant",
        "speaker",
        "moderator",
        "participant",
    ]
    first = found.rows[3]
    assert (first.organisation, first.org_number, first.sector, first.size_class) == (
        "Norrköpings Hamn",
        "556012-5790",
        "business",
        "medium",
    )
    assert first.municipality == "0581"
    assert first.starts_at.isoformat() == "2026-04-01T09:00:00+02:00"
    assert found.rows[0].organisation is None and found.rows[0].email == "bo@example.se"


def test_the_represented_organisation_is_kept_after_a_job_change(
    db: Database, seminar: tuple[int, dict[str, int]]
) -> None:
    meeting, orgs = seminar
    with db.reading() as session:
        anna = next(
            row for row in meeting_participants(session, meeting).rows if row.first_name == "Anna"
        )
    with db.unit_of_work() as session:
        affiliations.change_job(session, anna.contact_id, orgs["liu"], start_date=date(2026, 5, 1))
    with db.reading() as session:
        again = next(
            row for row in meeting_participants(session, meeting).rows if row.first_name == "Anna"
        )
    assert again.organisation == "Norrköpings Hamn"


def test_an_unknown_meeting_is_not_found(db: Database) -> None:
    with db.reading() as session, pytest.raises(NotFoundError):
        meeting_participants(session, 404)


def test_a_period_counts_meetings_by_their_stockholm_start_date(db: Database) -> None:
    person = _person(db, "Eva", "Ek", None)
    inside_last = _meeting(db, "Sista kvällen", "2026-03-31 23:30")
    inside_first = _meeting(db, "Nyårsfrukost", "2026-01-01 00:10", status="cancelled")
    outside = _meeting(db, "Aprilmöte", "2026-04-01 00:30")
    before = _meeting(db, "Julbord", "2025-12-31 23:50")
    for meeting in (inside_last, inside_first, outside, before):
        _take_part(db, meeting, person, "attended", "participant")
    with db.unit_of_work() as session:
        meetings.set_meeting_archived(session, inside_last, True)
    with db.reading() as session:
        found = period_participants(session, Period(date(2026, 1, 1), date(2026, 3, 31)))
    assert found.meeting is None
    assert [row.meeting_title for row in found.rows] == ["Nyårsfrukost", "Sista kvällen"]
    assert [row.starts_at.date() for row in found.rows] == [date(2026, 1, 1), date(2026, 3, 31)]


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(UserInputError):
        Period(date(2026, 4, 1), date(2026, 3, 31))


@contextmanager
def _counted(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_contact_sheets_hold_current_people_and_themes(db: Database) -> None:
    with db.unit_of_work() as session:
        bygg = themes.create_theme(session, {"name": "Bygglogistik"}).id
        ehandel = themes.create_theme(session, {"name": "E-handel"}).id
        old = themes.create_theme(session, {"name": "Arkiverat tema"}).id
        themes.set_theme_archived(session, old, True)
    hamn = _partner(
        db,
        "Norrköpings Hamn",
        org_number="556012-5790",
        postal_street="Box 1",
        postal_code="60102",
        postal_city="Norrköping",
        phone="011-15 50 00",
        website="https://www.norrkopingshamn.se",
        relationship="project_partner",
        relationship_since="2024-01-01",
        theme_ids=[ehandel, bygg, old],
    )
    alfa = _partner(db, "Alfa Åkeri")
    _partner(db, "Ödets Logistik")
    gone = _partner(db, "Borta AB")
    with db.unit_of_work() as session:
        partners.set_partner_archived(session, gone, True)
    _person(db, "Σοφία", "Παπαδοπούλου", hamn, title="Hamnchef", mobile="070-123 45 67")
    _person(db, "Anna", "Öberg", hamn, email="anna@hamn.se")
    _person(db, "Bertil", "Berg", hamn)
    archived = _person(db, "Arne", "Arkiv", hamn)
    moved = _person(db, "Maja", "Flytt", hamn)
    with db.unit_of_work() as session:
        contacts.set_contact_archived(session, archived, True)
        affiliations.change_job(session, moved, alfa, start_date=date(2026, 1, 1))
    with db.reading() as session, _counted(db) as statements:
        sheets = contact_sheets(session)
    assert len(statements) <= 4
    assert [sheet.name for sheet in sheets] == ["Alfa Åkeri", "Norrköpings Hamn", "Ödets Logistik"]
    harbour = sheets[1]
    assert harbour.themes == ("Bygglogistik", "E-handel")
    assert [(p.first_name, p.last_name) for p in harbour.people] == [
        ("Bertil", "Berg"),
        ("Anna", "Öberg"),
        ("Σοφία", "Παπαδοπούλου"),
    ]
    assert harbour.people[2].title == "Hamnchef" and harbour.people[2].mobile == "+46701234567"
    assert (harbour.postal_code, harbour.relationship_since) == ("601 02", date(2024, 1, 1))
    assert [p.last_name for p in sheets[0].people] == ["Flytt"]
    with db.reading() as session:
        assert [sheet.name for sheet in contact_sheets(session, gone)] == ["Borta AB"]
        assert contact_sheets(session, alfa)[0].people[0].first_name == "Maja"
        with pytest.raises(NotFoundError):
            contact_sheets(session, 404)


def test_the_register_leaves_out_archived_partners(db: Database) -> None:
    _partner(db, "Östgöta Frakt", municipality="Linköping", relationship="member")
    _partner(
        db,
        "Åkeri Ek",
        org_number="556012-5790",
        sector="business",
        size_class="small",
        relationship="network",
        relationship_since="2023-05-01",
    )
    _partner(db, "Zeta Hamn")
    gone = _partner(db, "Arkiverad AB")
    with db.unit_of_work() as session:
        partners.set_partner_archived(session, gone, True)
    with db.reading() as session:
        rows = partner_register(session)
    assert [row.name for row in rows] == ["Zeta Hamn", "Åkeri Ek", "Östgöta Frakt"]
    akeri = rows[1]
    assert (akeri.org_number, akeri.sector, akeri.size_class, akeri.relationship) == (
        "556012-5790",
        "business",
        "small",
        "network",
    )
    assert akeri.relationship_since == date(2023, 5, 1)
    assert rows[2].municipality == "0580" and rows[2].size_class == "unknown"


def test_the_page_setup_carries_what_the_office_set_and_the_day_of_printing(db: Database) -> None:
    with db.unit_of_work() as session:
        office_settings.save(
            session,
            {
                "office_name": "Kansliet Östgöta",
                "funding_line": "Stöd från ERUF",
                "logo_path": "/delat/logga.png",
                "printer_offset_x_mm": "1,5",
                "printer_offset_y_mm": "-2",
                "dietary_days": "14",
            },
        )
    with db.reading() as session:
        setup = page_setup(session, landscape=True)
    office = PrintedOffice("Kansliet Östgöta", "Stöd från ERUF", "/delat/logga.png", 1.5, -2.0)
    assert setup == PageSetup(office, date(2026, 3, 2), landscape=True)  # the fixed clock's day
