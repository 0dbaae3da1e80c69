"""Every column of every list sorts in Swedish order of what it shows, empty values last, both
ways, through stored keys: the same order on SQLite and PostgreSQL.

The expected order is computed here, in Python, from the values the list shows
(`Field.display`): texts by `domain.text.sort_key`, coded columns by their shown label
or in their codes' own order, dates and numbers as they are; ties as each list breaks them,
then by id in the same direction. Since both databases are held to this one order, they agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import cmp_to_key
from typing import Any

import pytest

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.codes import (
    MeetingKind,
    MeetingStatus,
    ParticipationStatus,
    Relationship,
    Role,
    Sector,
    SizeClass,
)
from lkoe_desktop.domain.entities import CONTACT, MEETING, PARTICIPATION, PARTNER, THEME
from lkoe_desktop.domain.fields import Field
from lkoe_desktop.domain.text import sort_key
from lkoe_desktop.services import contacts, meetings, participations, partners, themes
from lkoe_desktop.services.affiliations import change_job, end_affiliation

# One term of a row's order: a comparable value, or None for an empty one (last either way).
Terms = Callable[[Any], tuple[object, ...]]

# name, org. number, sector, size, municipality, relationship, phone, e-mail
PARTNERS = [
    ("Ödeshögs Åkeri", "556000-0019", "business", "small", "Ödeshög", "member", "0144-123 45",
     "info@odeshog.se"),
    ("Æble Frakt", None, "business", "micro", "Linköping", None, "+45 32 12 34 56",
     "æble@frakt.dk"),
    ("Über Logistik", "556000-0027", "academia", "large", "Linköping", "network",
     "013-12 34 56", None),
    ("Éclat Bygg", "556000-0035", None, "unknown", None, "prospect", None, "éclat@bygg.se"),
    ("Straßen AB", "556000-0043", "public", "medium", "Åtvidaberg", "funder", "+49 40 123456",
     "weiß@straße.de"),
    ("Şahin Transport", None, "civil_society", "small", "Ydre", None, "08-123 45 67",
     "şahin@example.se"),
    ("Œuvre Lager", "556000-0050", "other", "micro", "Boxholm", "project_partner",
     "+47 22 12 34 56", "œuvre@lager.fr"),
    ("Ängens Gods", "556000-0068", "business", "medium", "Linköping", "member", None,
     "ängen@gods.se"),
    ("Østgøta Hamn", "556000-0076", "public", "large", "Ödeshög", "network", "011-10 20 30",
     "østgøta@hamn.no"),
    ("Alfa Frakt", None, "business", "unknown", "Åtvidaberg", "member", "0141-123 45",
     "alfa@frakt.se"),
]  # fmt: skip

# first name, last name, employer (index in PARTNERS), title, e-mail, phone, mobile
PEOPLE = [
    ("Åsa", "Öberg", 0, "Logistikchef", "åsa@exempel.se", "013-12 34 56", "070-123 45 67"),
    ("Émile", "Ærø", 1, "Åkare", "émile@frakt.dk", None, "+45 32 12 34 56"),
    ("Jürgen", "Weiß", 4, "Geschäftsführer", None, "+49 40 123456", None),
    ("Şebnem", "Yılmaz", 5, "Logistikchef", "şebnem@örnek.tr", "08-123 45 67", "073-765 43 21"),
    ("Œlise", "Østergaard", 8, None, "œlise@hamn.no", None, "+47 22 12 34 56"),
    ("ärla", "Ängström", 7, "Ägare", "ärla@gods.se", "0141-123 45", None),
    ("Ødvin", "Åberg", 3, "Chaufför", "ødvin@example.no", None, "010-123 45 67"),
    ("Üma", "Zetterlund", 2, "Doktorand", "üma@example.se", "011-10 20 30", None),
    ("Anna", "Andersson", 9, "ekonom", "anna@frakt.se", None, "0771-567 567"),
    ("anna", "Éclair", 3, "Ekonom", None, "+44 20 7946 0958", None),
    ("Bo", "Straße", 0, "Œnolog", "bo@straße.de", None, None),
    ("Øyvind", "Strasse", 6, "Étalagiste", "øyvind@lager.fr", "0144-123 45", "+358 9 1234567"),
]  # fmt: skip

# name, description, responsible (index in PEOPLE), active from, active until
THEMES = [
    ("Ödesbygdens logistik", "Åkerier på landsbygden", 0, date(2025, 1, 1), None),
    ("Æsthetik i hamnen", None, 3, date(2024, 6, 1), date(2026, 12, 31)),
    ("Über-leveranser", "Élan och ß", None, None, date(2025, 12, 31)),
    ("Şehir lojistiği", "Stadslogistik", 0, date(2026, 1, 1), date(2027, 6, 30)),
    ("Œnologi och frakt", "östgötsk œnologi", 9, None, None),
    ("Ängens gods", "Änglar", 1, date(2025, 3, 1), None),
]

# title, kind, status, place, day in March 2026, people on its list (the first: PARTICIPANTS)
MEETINGS = [
    ("Östgötadagen", "conference", "planned", "Örebro slott", 10, 0),
    ("Æ-seminariet", "seminar", "open", None, 3, 2),
    ("Über-workshop", "workshop", "held", "Åby", 20, 5),
    ("Étape nätverksträff", "network_meeting", "cancelled", "Straßenbahnhof", 5, 0),
    ("Şafak webbinarium", "webinar", "open", "Œresund", 25, 3),
    ("Ängsstyrgruppen", "steering_group", "held", "Ängsbacken", 15, 1),
]

# person (index in PEOPLE), status, role, dietary needs, note: the first meeting's list
PARTICIPANTS = [
    (0, "registered", "speaker", "Vegetarisk", "Talar först"),
    (1, "attended", "participant", None, "Œverst på listan"),
    (2, "attended", "moderator", "Glutenfri", None),
    (3, "invited", "participant", "Ägg och ß", "Şoför"),
    (6, "attended", "participant", "Ärtor", "Åker tidigt"),
    (8, "registered", "organiser", None, None),
    (10, "cancelled", "participant", "Éclair-fri", "Ödmjuk"),
    (11, "attended", "speaker", "Ørret", "Ätt"),
]


def _people(db: Database) -> list[int]:
    """The partners and their people; then one partner renamed, one person changes job, one
    leaves theirs and one changes name, so that every write path's keys are sorted by."""
    with db.unit_of_work() as session:
        fields = ("name", "org_number", "sector", "size_class", "municipality", "relationship")
        organisations = [
            partners.create_partner(
                session, dict(zip((*fields, "phone", "email"), row, strict=True))
            ).id
            for row in PARTNERS
        ]
        people = []
        for first, last, employer, title, email, phone, mobile in PEOPLE:
            values = {"first_name": first, "last_name": last, "email": email, "phone": phone}
            values |= {"mobile": mobile, "organisation_id": organisations[employer]}
            people.append(contacts.create_contact(session, values | {"title": title}).id)
        partners.update_partner(session, organisations[0], {"name": "Aaröds Åkeri"})
        change_job(
            session, people[4], organisations[3], title="Ångbåtskapten", start_date=date(2026, 2, 1)
        )
        end_affiliation(session, people[6], date(2026, 2, 1))
        contacts.update_contact(session, people[7], {"first_name": "Åke"})
    return people


def _build(db: Database) -> dict[str, int]:
    """Partners, people, themes, meetings with people on their lists, and one meeting's list
    with every status, role, dietary needs, notes and check-in times."""
    people = _people(db)
    with db.unit_of_work() as session:
        for name, description, responsible, since, until in THEMES:
            themes.create_theme(
                session,
                {
                    "name": name,
                    "description": description,
                    "responsible_id": None if responsible is None else people[responsible],
                    "active_from": since,
                    "active_until": until,
                },
            )
        meeting_ids = []
        for title, kind, status, place, day, listed in MEETINGS:
            starts = datetime(2026, 3, day, 8 + day % 5, 0, tzinfo=UTC)
            values = {"title": title, "kind": kind, "status": status, "place": place}
            meeting_ids.append(meetings.create_meeting(session, values | {"starts_at": starts}).id)
            rows = [participations.register(session, meeting_ids[-1], p) for p in people[:listed]]
            if rows:
                participations.set_status(session, rows[0].id, "attended")
    for person, status, role, diet, note in PARTICIPANTS:
        db.clock.advance(minutes=7 * (person % 4) + 1)
        with db.unit_of_work() as session:
            row = participations.register(
                session, meeting_ids[0], people[person], role=role, dietary_needs=diet, note=note
            )
            participations.set_status(session, row.id, status)
    with db.unit_of_work() as session:
        [first, *_rest] = participations.list_participants(session, meeting_ids[0])
        participations.update_participation(session, first.id, {"note": "Ändrad anteckning"})
    return {"meeting": meeting_ids[0]}


def _text(value: object) -> str | None:
    return sort_key(str(value)) if value else None


def _shown(columns: Sequence[Field], key: str) -> Terms:
    """The column's shown text, in Swedish order."""
    spec = next(column for column in columns if column.key == key)
    return lambda row: (_text(spec.display(getattr(row, key))),)


def _native(key: str) -> Terms:
    return lambda row: (getattr(row, key),)


def _code(key: str, enum: type[StrEnum], then: Terms | None = None) -> Terms:
    """A code in its enum's own order (the process: planned, open, held…; small to large)."""
    order = {member.value: rank for rank, member in enumerate(enum)}
    rest = then or (lambda _row: ())
    return lambda row: (order.get(getattr(row, key)), *rest(row))


def _together(*parts: Callable[[Any], object]) -> Terms:
    """One term of several fields, empty as a whole when the first is empty (a stored key)."""

    def term(row: Any) -> tuple[object, ...]:
        values = tuple(part(row) for part in parts)
        return (None,) if values[0] is None else (values,)

    return term


def _field(key: str) -> Callable[[Any], object]:
    return lambda row: _text(getattr(row, key))


def _expected(rows: list[Any], terms: Terms, descending: bool) -> list[int]:
    def compare(a: Any, b: Any) -> int:
        for x, y in zip((*terms(a), a.id), (*terms(b), b.id), strict=True):
            if x == y:
                continue
            if x is None or y is None:
                return 1 if x is None else -1
            before = x < y  # type: ignore[operator]
            return (1 if before else -1) if descending else (-1 if before else 1)
        return 0

    return [row.id for row in sorted(rows, key=cmp_to_key(compare))]


NAMES = _together(_field("last_name"), _field("first_name"))
FIRST_NAMES = _together(_field("first_name"), _field("last_name"))

PARTNER_ORDER: dict[str, Terms] = {
    "name": _shown(PARTNER.columns, "name"),
    "org_number": _shown(PARTNER.columns, "org_number"),
    "sector": lambda row: (*_shown(PARTNER.columns, "sector")(row), _text(row.name)),
    "size_class": _code("size_class", SizeClass, _shown(PARTNER.columns, "name")),
    "municipality": _together(
        lambda row: _text(PARTNER.field("municipality").display(row.municipality)),
        _field("name"),
    ),
    "relationship": lambda row: (*_shown(PARTNER.columns, "relationship")(row), _text(row.name)),
    "phone": _shown(PARTNER.columns, "phone"),
    "email": _shown(PARTNER.columns, "email"),
}
CONTACT_ORDER: dict[str, Terms] = {
    "last_name": NAMES,
    "first_name": FIRST_NAMES,
    "organisation": _together(_field("organisation"), _field("last_name"), _field("first_name")),
    "title": _together(_field("title"), _field("last_name"), _field("first_name")),
    "email": _shown(CONTACT.columns, "email"),
    "phone": _shown(CONTACT.columns, "phone"),
    "mobile": _shown(CONTACT.columns, "mobile"),
}
THEME_ORDER: dict[str, Terms] = {
    "name": _shown(THEME.columns, "name"),
    "responsible": _shown(THEME.columns, "responsible"),
    "active_from": _native("active_from"),
    "active_until": _native("active_until"),
    "description": _shown(THEME.columns, "description"),
}
MEETING_ORDER: dict[str, Terms] = {
    "starts_at": _native("starts_at"),
    "title": _shown(MEETING.columns, "title"),
    "kind": _shown(MEETING.columns, "kind"),
    "status": _code("status", MeetingStatus),
    "place": _shown(MEETING.columns, "place"),
    "registered_count": _native("registered_count"),
    "attended_count": _native("attended_count"),
}
PARTICIPANT_ORDER: dict[str, Terms] = {
    "last_name": NAMES,
    "first_name": FIRST_NAMES,
    "organisation": _shown(PARTICIPATION.columns, "organisation"),
    "status": _code("status", ParticipationStatus),
    "role": _code("role", Role),
    "dietary_needs": _shown(PARTICIPATION.columns, "dietary_needs"),
    "note": _shown(PARTICIPATION.columns, "note"),
    "checked_in_at": _native("checked_in_at"),
}


def test_every_shown_column_has_an_expected_order() -> None:
    for columns, order in (
        (PARTNER.columns, PARTNER_ORDER),
        (CONTACT.columns, CONTACT_ORDER),
        (THEME.columns, THEME_ORDER),
        (MEETING.columns, MEETING_ORDER),
        (PARTICIPATION.columns, PARTICIPANT_ORDER),
    ):
        assert [column.key for column in columns] == list(order)
    # The coded columns sorted by label are those whose labels are in no natural order.
    assert {Sector, Relationship, MeetingKind} == {
        column.enum for column in (*PARTNER.columns, *MEETING.columns) if column.key in
        ("sector", "relationship", "kind")
    }  # fmt: skip


def _lists(db: Database, made: dict[str, int]) -> dict[str, tuple[dict[str, Terms], Any, Any]]:
    """Each list: its expected orders, and functions giving (rows, ids) sorted by a column."""
    meeting = made["meeting"]
    return {
        "partners": (PARTNER_ORDER, partners.list_partners, partners.partner_ids),
        "contacts": (CONTACT_ORDER, contacts.list_contacts, contacts.contact_ids),
        "themes": (THEME_ORDER, themes.list_themes, themes.theme_ids),
        "meetings": (MEETING_ORDER, meetings.list_meetings, meetings.meeting_ids),
        "participants": (
            PARTICIPANT_ORDER,
            lambda session, **sort: participations.list_participants(session, meeting, **sort),
            lambda session, **sort: participations.participant_ids(session, meeting, **sort),
        ),
    }


@pytest.mark.parametrize("name", ["partners", "contacts", "themes", "meetings", "participants"])
def test_every_column_sorts_in_swedish_order_of_what_it_shows_both_ways(
    db: Database, name: str
) -> None:
    order, list_rows, list_ids = _lists(db, _build(db))[name]
    wrong = {}
    with db.reading() as session:
        rows = list_rows(session)
        assert len(rows) >= 6
        for column, terms in order.items():
            for descending in (False, True):
                expected = _expected(rows, terms, descending)
                sort = {"sort": column, "descending": descending}
                found = [row.id for row in list_rows(session, **sort)]
                page = [row.id for row in list_rows(session, **sort, limit=4, offset=2)]
                ids = list_ids(session, **sort)
                if not found == ids == expected or page != expected[2:6]:
                    wrong[column, descending] = (found, ids, page, expected)
            assert _expected(rows, terms, False) != _expected(rows, terms, True)
    assert not wrong, wrong
