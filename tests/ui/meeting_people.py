"""A meeting with about twenty people in every status, for the window tests of meetings."""

from __future__ import annotations

from lkoe_desktop.db.engine import Database
from lkoe_desktop.services import participations
from lkoe_desktop.services.contacts import create_contact
from lkoe_desktop.services.meetings import create_meeting
from lkoe_desktop.services.partners import create_partner

PEOPLE = (
    ("Åsa", "Öberg", "Norrköpings kommun", "registered"),
    ("Łukasz", "Wójcik", "Hamnbolaget AB", "registered"),
    ("Erik", "Andersson", "Linköpings universitet", "registered"),
    ("Maria", "Berg", "Region Östergötland", "registered"),
    ("Johan", "Carlsson", "Norrköpings kommun", "registered"),
    ("Karin", "Dahl", "Hamnbolaget AB", "registered"),
    ("Anders", "Ek", "Linköpings universitet", "registered"),
    ("Lena", "Fors", "Region Östergötland", "registered"),
    ("Per", "Gustavsson", "Norrköpings kommun", "registered"),
    ("Sara", "Holm", "Hamnbolaget AB", "registered"),
    ("Olof", "Ivarsson", "Linköpings universitet", "registered"),
    ("Eva", "Jönsson", "Region Östergötland", "registered"),
    ("Nils", "Karlsson", "Norrköpings kommun", "invited"),
    ("Ingrid", "Lind", "Hamnbolaget AB", "invited"),
    ("Björn", "Månsson", "Linköpings universitet", "invited"),
    ("Sofia", "Nilsson", "Region Östergötland", "invited"),
    ("Gustav", "Olsson", "Norrköpings kommun", "cancelled"),
    ("Helena", "Persson", "Hamnbolaget AB", "cancelled"),
    ("Viktor", "Quist", "Linköpings universitet", "attended"),
    ("Elin", "Rask", "Region Östergötland", "no_show"),
)


def populate(database: Database, people: tuple[tuple[str, str, str, str], ...]) -> int:
    """A meeting with these people on its list, each at their organisation and status."""
    with database.unit_of_work() as session:
        meeting = create_meeting(
            session,
            {"title": "Frukostseminarium", "kind": "seminar", "starts_at": "2026-03-02 09:00"},
        ).id
        organisations: dict[str, int] = {}
        for first, last, organisation, status in people:
            if organisation not in organisations:
                organisations[organisation] = create_partner(session, {"name": organisation}).id
            values = {
                "first_name": first,
                "last_name": last,
                "organisation_id": organisations[organisation],
            }
            contact = create_contact(session, values).id
            row = participations.register(session, meeting, contact)
            if status != "registered":
                participations.set_status(session, row.id, status)
    return meeting
