"""What the archive tests archive: the small demo and the records that are easy to get wrong, and
the new records a database must take after an import."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import Meeting, Participation
from lkoe_desktop.demo.load import load_demo
from lkoe_desktop.domain.periods import parse_quarter
from lkoe_desktop.services import (
    consents,
    contacts,
    frozen_reports,
    groups,
    meetings,
    participations,
    partners,
)

FROZEN_QUARTER = parse_quarter("2025Q3")
NOTES = 'Två rader\nmed "citat", \\ och 🚚 – tab\there'


def fill(db: Database) -> None:
    """The small demo, then: people with names in other alphabets, archived records, a frozen
    report, and a person erased after it (an anonymous stand-in who still counts)."""
    load_demo(db, "small")
    with db.unit_of_work() as session:
        greek = partners.create_partner(
            session, {"name": "Ελληνική Εφοδιαστική", "notes": NOTES, "municipality": "0581"}
        ).id
        sofia = contacts.create_contact(
            session,
            {
                "first_name": "Ξανθίππη",
                "last_name": "Ζαχαρίου",
                "email": "xanthippi@example.gr",
                "organisation_id": greek,
                "title": "Διευθύντρια",
                "notes": NOTES,
            },
        ).id
        contacts.create_contact(session, {"first_name": "Łukasz", "last_name": "Wójcik"})
        contacts.create_contact(session, {"first_name": "小龍", "last_name": "李"})
        consents.record_consent(
            session, sofia, purpose="Nyhetsbrev", basis="consent", granted=True, source="Mässa"
        )
        consents.record_consent(
            session, sofia, purpose="nyhetsbrev", basis="consent", granted=False
        )
        steering = groups.create_group(session, {"name": "Referensgrupp Øresund"}).id
        groups.add_member(session, steering, sofia, role="Ordförande", since=date(2025, 9, 1))
        partners.set_partner_archived(session, greek, True)
        contacts.set_contact_archived(session, sofia, True)
        meetings.set_meeting_archived(
            session, session.scalars(select(Meeting.id)).first() or 0, True
        )
        frozen_reports.freeze(session, FROZEN_QUARTER)
        erased = session.scalars(
            select(Participation.contact_id)
            .join(Meeting, Meeting.id == Participation.meeting_id)
            .where(
                Participation.status == "attended",
                Meeting.starts_at >= datetime(2025, 7, 2, tzinfo=UTC),
                Meeting.starts_at < datetime(2025, 9, 30, tzinfo=UTC),
            )
            .order_by(Participation.id)
        ).first()
        assert erased is not None
        contacts.update_contact(
            session,
            erased,
            {"first_name": "Raderad", "last_name": "person", "email": None, "phone": None},
        )


def add_new_records(db: Database) -> tuple[int, int, int, int]:
    """A partner, a contact working there, a meeting and the contact registered for it: the
    ids each got."""
    with db.unit_of_work() as session:
        partner = partners.create_partner(session, {"name": "Åby Nyföretag AB"}).id
        person = contacts.create_contact(
            session,
            {
                "first_name": "Nyqvist",
                "last_name": "Ångermanälv",
                "email": "ny.oberg@aby.se",
                "organisation_id": partner,
            },
        ).id
        meeting = meetings.create_meeting(
            session, {"title": "Nytt möte", "kind": "seminar", "starts_at": "2026-05-05 09:00"}
        ).id
        participation = participations.register(session, meeting, person).id
    return partner, person, meeting, participation
