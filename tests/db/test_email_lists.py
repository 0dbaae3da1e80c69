"""Collecting chosen people's e-mail addresses for Outlook, and a meeting's without the absent."""

from __future__ import annotations

from lkoe_desktop.db.engine import Database
from lkoe_desktop.exchange.email_addresses import parse_addresses
from lkoe_desktop.services import contacts, meetings, participations
from lkoe_desktop.services.email_lists import AddressList, collect_addresses, meeting_addresses


def _people(db: Database) -> dict[str, int]:
    rows = {
        "Öberg": ("Åsa", "asa.oberg@example.se"),
        "Berg": ("Anna", None),
        "Zander": ("Cecilia", "Cecilia@Zander.se"),
        "Lind": ("Ingrid", "ingrid@lind.se"),
        "Rask": ("Elin", "elin@rask.se"),
    }
    with db.unit_of_work() as session:
        ids = {
            last: contacts.create_contact(
                session, {"first_name": first, "last_name": last, "email": email}
            ).id
            for last, (first, email) in rows.items()
        }
        contacts.set_contact_archived(session, ids["Lind"], True)
    return ids


def test_addresses_in_the_order_given_without_archived_or_missing(db: Database) -> None:
    ids = _people(db)
    chosen = [ids["Zander"], ids["Berg"], ids["Öberg"], ids["Lind"], ids["Zander"], 99_999]
    with db.reading() as session:
        found = collect_addresses(session, chosen)
    assert found == AddressList(
        text="Cecilia Zander <cecilia@zander.se>; Åsa Öberg <asa.oberg@example.se>",
        copied=2,
        without_address=["Anna Berg"],
        archived=1,
    )
    assert [a.email for a in parse_addresses(found.text).addresses] == [
        "cecilia@zander.se",
        "asa.oberg@example.se",
    ]


def test_nobody_gives_an_empty_list(db: Database) -> None:
    with db.reading() as session:
        assert collect_addresses(session, []) == AddressList(text="", copied=0)


def test_a_meeting_leaves_out_cancelled_and_no_show_unless_asked(db: Database) -> None:
    ids = _people(db)
    with db.unit_of_work() as session:
        meeting = meetings.create_meeting(
            session, {"title": "Seminarium", "kind": "seminar", "starts_at": "2026-04-01 09:00"}
        ).id
        statuses = {"Öberg": "registered", "Zander": "cancelled", "Rask": "no_show"}
        chosen = []
        for last, status in statuses.items():
            row = participations.register(session, meeting, ids[last])
            participations.set_status(session, row.id, status)
            chosen.append(row.id)
    with db.reading() as session:
        present = meeting_addresses(session, chosen)
        everyone = meeting_addresses(session, chosen, include_absent=True)
    assert present.text == "Åsa Öberg <asa.oberg@example.se>"
    assert (present.copied, present.absent) == (1, 2)
    assert everyone.copied == 3 and everyone.absent == 0
