"""A small network to export: Swedish and non-Latin names, foreign numbers, formula-like text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from lkoe_desktop.db.engine import Database
from lkoe_desktop.services import contacts, groups, meetings, participations, partners

# Job titles a spreadsheet would run as formulas if they were written as they are.
FORMULA_TITLES = ("=1+1", "+46 chef", "-Logistikchef", "@kajen", '=HYPERLINK("http://x","y")')


@dataclass(frozen=True)
class Network:
    partner_id: int
    other_partner_id: int
    contact_ids: dict[str, int]  # by last name
    meeting_id: int
    group_id: int


def build(db: Database) -> Network:
    """Two partners, five people (one archived), a meeting with three of them, a group."""
    with db.unit_of_work() as session:
        partner = partners.create_partner(
            session,
            {
                "name": "Östgöta Logistik AB",
                "org_number": "556036-0793",
                "sector": "business",
                "size_class": "small",
                "municipality": "0580",
                "phone": "013-12 34 56",
                "email": "info@ostgota.se",
                "postal_street": "Box 12; Storgatan 2",
                "postal_code": "581 83",
                "postal_city": "Linköping",
            },
        )
        other = partners.create_partner(
            session, {"name": "=Formelbolaget", "phone": "+44 20 7946 0958"}
        )
        people = [
            ("Åsa", "Öberg", partner.id, FORMULA_TITLES[0], "013-12 34 56", "070-123 45 67"),
            ("Łukasz", "Wójcik", partner.id, FORMULA_TITLES[1], "+44 20 7946 0958", None),
            ("Σοφία", "Παπαδοπούλου", other.id, FORMULA_TITLES[2], None, "+49 30 1234567"),
            ("小龍", "李", other.id, FORMULA_TITLES[3], None, None),
            ("Arkiv", "Person", partner.id, FORMULA_TITLES[4], None, None),
        ]
        ids = {}
        for first, last, organisation, title, phone, mobile in people:
            made = contacts.create_contact(
                session,
                {
                    "first_name": first,
                    "last_name": last,
                    "email": f"{len(ids)}.person@example.se",
                    "phone": phone,
                    "mobile": mobile,
                    "organisation_id": organisation,
                    "title": title,
                },
            )
            ids[last] = made.id
        contacts.set_contact_archived(session, ids["Person"], True)
        meeting = meetings.create_meeting(
            session,
            {
                "title": "Nätverksträff: Bygglogistik; Östgöta, =kväll",
                "kind": "network_meeting",
                "status": "held",
                "starts_at": datetime(2026, 3, 31, 21, 30, tzinfo=UTC),
                "place": "Norrköpings Hamn",
                "capacity": 40,
            },
        )
        for last in ("Öberg", "Wójcik", "李"):
            participations.register(session, meeting.id, ids[last], note="=2+2")
        group = groups.create_group(session, {"name": "Styrgrupp"})
        for last in ("Öberg", "Παπαδοπούλου"):
            groups.add_member(session, group.id, ids[last], role="Ordförande")
    return Network(partner.id, other.id, ids, meeting.id, group.id)
