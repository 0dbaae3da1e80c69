"""The caterer's summary: registered people and their dietary needs counted, never named."""

from __future__ import annotations

from datetime import datetime

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.services import contacts, meetings
from lkoe_desktop.services.catering import catering_summary, catering_text
from lkoe_desktop.services.participations import invite, register, set_status

NEEDS = [
    ("registered", "vegetarisk "),
    ("registered", "Vegetarisk"),
    ("attended", "  VEGETARISK"),
    ("registered", "Vegetarisk"),
    ("attended", "glutenfri"),
    ("registered", "Glutenfri"),
    ("registered", "Laktosfri  och   nötfri"),
    ("registered", "Ägg"),
    ("registered", "Nej"),
    ("registered", "-"),
    ("registered", None),
    ("attended", ""),
    ("invited", "Halal"),
    ("cancelled", "Kosher"),
    ("no_show", "Vegan"),
]


def _meeting(db: Database, **values: object) -> int:
    fields: dict[str, object] = {
        "title": "Frukostmöte: Bygglogistik, Östergötland",
        "kind": "seminar",
        "starts_at": "2026-04-01 08:00",
        "ends_at": "2026-04-01 10:30",
        "place": "Hamnhuset",
        "address": "Hamngatan 1, Norrköping",
    }
    with db.unit_of_work() as session:
        return meetings.create_meeting(session, {**fields, **values}).id


def _fill(db: Database, meeting: int) -> None:
    with db.unit_of_work() as session:
        for number, (status, needs) in enumerate(NEEDS):
            person = contacts.create_contact(
                session, {"first_name": "Person", "last_name": f"Hemlig{number}"}
            ).id
            if status == "invited":
                invite(session, meeting, [person])
                continue
            row = register(session, meeting, person, dietary_needs=needs, note="Privat anteckning")
            if status != "registered":
                set_status(session, row.id, status)


def test_needs_are_counted_case_insensitively_for_registered_and_attended(db: Database) -> None:
    meeting = _meeting(db)
    _fill(db, meeting)
    with db.reading() as session:
        summary = catering_summary(session, meeting)
    assert summary.title == "Frukostmöte: Bygglogistik, Östergötland"
    assert summary.starts_at == datetime(2026, 4, 1, 8, 0, tzinfo=STOCKHOLM)
    assert summary.ends_at == datetime(2026, 4, 1, 10, 30, tzinfo=STOCKHOLM)
    assert summary.registered_count == 12
    assert summary.needs == [
        ("Vegetarisk", 4),
        ("Glutenfri", 2),
        ("Laktosfri och nötfri", 1),
        ("Ägg", 1),
    ]
    assert summary.count_without_needs == 4
    assert summary.counted_at == db.clock.now()


def test_the_text_for_the_caterer_has_counts_and_no_names(db: Database) -> None:
    meeting = _meeting(db)
    _fill(db, meeting)
    i18n.set_language("en")
    with db.reading() as session:
        text = catering_text(catering_summary(session, meeting))
    assert text == (
        "Catering for Frukostmöte: Bygglogistik, Östergötland\n"
        "\n"
        "Time: 2026-04-01, 08:00–10:30\n"
        "Place: Hamnhuset, Hamngatan 1, Norrköping\n"
        "Number of participants: 12\n"
        "\n"
        "Dietary needs:\n"
        "- Vegetarisk: 4\n"
        "- Glutenfri: 2\n"
        "- Laktosfri och nötfri: 1\n"
        "- Ägg: 1\n"
        "Without dietary needs: 4\n"
        "\n"
        "As registered on 2026-03-02 at 10:00.\n"
    )
    i18n.set_language("sv")
    with db.reading() as session:
        swedish = catering_text(catering_summary(session, meeting))
    for secret in ("Hemlig", "Person", "Privat", "Halal", "Kosher", "Vegan"):
        assert secret not in text
        assert secret not in swedish
    assert "- Vegetarisk: 4" in swedish
    assert "12" in swedish


def test_a_meeting_without_needs_an_end_or_a_place(db: Database) -> None:
    meeting = _meeting(db, ends_at=None, place=None, address=None)
    i18n.set_language("en")
    with db.reading() as session:
        summary = catering_summary(session, meeting)
        text = catering_text(summary)
    assert (summary.registered_count, summary.needs, summary.count_without_needs) == (0, [], 0)
    assert "Time: 2026-04-01 at 08:00\n" in text
    assert "Place" not in text
    assert "No one has stated any dietary needs." in text


def test_a_meeting_over_several_days(db: Database) -> None:
    meeting = _meeting(db, ends_at="2026-04-02 16:00")
    i18n.set_language("en")
    with db.reading() as session:
        text = catering_text(catering_summary(session, meeting))
    assert "Time: 2026-04-01 08:00 – 2026-04-02 16:00\n" in text
