"""Upgrading a database written before the column sort keys: every key is computed for the rows
already there, as the services store it, and the lists sort by them at once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Table, insert, text
from test_lifecycle import fresh_url  # noqa: F401 - the fixture: a new database on each engine

from lkoe_desktop.db import migrate
from lkoe_desktop.db.base import Base
from lkoe_desktop.db.engine import make_engine
from lkoe_desktop.db.migrate import HEAD, current_revision, open_database
from lkoe_desktop.db.models import (
    Affiliation,
    Contact,
    Meeting,
    Organisation,
    Participation,
    Theme,
)
from lkoe_desktop.services import contacts, partners
from lkoe_desktop.services.keys import (
    contact_keys,
    meeting_keys,
    organisation_keys,
    participation_keys,
    theme_keys,
)

BEFORE = "0002_search_scan_indexes"
AT = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
VERSIONED = {"created_at": AT, "updated_at": AT, "version": 1}
# More people than the upgrade computes keys for at a time, so that it takes several batches.
MANY = 5_100

ORGANISATIONS = [
    {"name": "Östgöta Åkeri", "municipality": "Ödeshög", "email": "åkeri@östgöta.se",
     "phone": "+4614412345"},
    {"name": "Æble Frakt", "municipality": "Linköping", "phone": "+4532123456"},
    {"name": "Straßen AB", "email": "weiß@straße.de"},
]  # fmt: skip
PEOPLE = [
    ("Şebnem", "Yılmaz", 0, "Logistikchef", "şebnem@örnek.tr", "+46812345670", "+46737654321"),
    ("Émile", "Ærø", 1, "Åkare", None, None, "+4532123456"),
    ("Œlise", "Østergaard", None, None, "œlise@hamn.no", "+4722123456", None),
    ("Jürgen", "Weiß", 2, None, "jürgen@straße.de", None, None),
    ("Üma", "Ängström", 0, "Ägare", None, "+4614112345", None),
]


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _write_before(connection: Connection) -> None:
    """Rows as the previous revision holds them: its sort keys and search text, no others."""
    for number, values in enumerate(ORGANISATIONS, start=1):
        keys = organisation_keys(**values)
        connection.execute(
            insert(_table(Organisation)),
            [
                values
                | {"id": number, "size_class": "unknown", "archived": False}
                | {"sort_key": keys["sort_key"], "search_text": keys["search_text"]}
                | VERSIONED
            ],
        )
    people, jobs = [], []
    for number, (first, last, employer, title, email, phone, mobile) in enumerate(PEOPLE, 1):
        organisation = None if employer is None else ORGANISATIONS[employer]["name"]
        keys = contact_keys(
            first_name=first, last_name=last, email=email, phone=phone, mobile=mobile,
            organisation=organisation, title=title,
        )  # fmt: skip
        people.append(
            {"id": number, "first_name": first, "last_name": last, "email": email}
            | {"phone": phone, "mobile": mobile, "language": "sv", "archived": False}
            | {"sort_key": keys["sort_key"], "search_text": keys["search_text"]}
            | VERSIONED
        )
        if employer is not None:
            jobs.append(
                {"contact_id": number, "organisation_id": employer + 1, "title": title}
                | {"is_current": True, "created_at": AT, "updated_at": AT}
            )
    # Someone whose only job has ended: no organisation or title now.
    jobs.append(
        {"contact_id": 3, "organisation_id": 1, "title": "Hamnchef", "is_current": False}
        | {"end_date": date(2025, 12, 31), "created_at": AT, "updated_at": AT}
    )
    for number in range(len(PEOPLE) + 1, len(PEOPLE) + MANY + 1):
        first, last = f"Person{number}", "Svensson"
        keys = contact_keys(first_name=first, last_name=last)
        people.append(
            {"id": number, "first_name": first, "last_name": last, "email": None}
            | {"phone": None, "mobile": None, "language": "sv", "archived": False}
            | {"sort_key": keys["sort_key"], "search_text": keys["search_text"]}
            | VERSIONED
        )
    connection.execute(insert(_table(Contact)), people)
    connection.execute(insert(_table(Affiliation)), jobs)
    theme = theme_keys(name="Bygglogistik", description="Ängar och œnologi")
    connection.execute(
        insert(_table(Theme)),
        [
            {"id": 1, "name": "Bygglogistik", "description": "Ängar och œnologi"}
            | {"archived": False, "sort_key": theme["sort_key"]}
            | {"search_text": theme["search_text"]}
            | VERSIONED
        ],
    )
    meeting = meeting_keys(title="Seminarium", place="Åby gård")
    connection.execute(
        insert(_table(Meeting)),
        [
            {"id": 1, "title": "Seminarium", "kind": "seminar", "starts_at": AT}
            | {"place": "Åby gård", "status": "held", "archived": False}
            | {"sort_key": meeting["sort_key"], "search_text": meeting["search_text"]}
            | VERSIONED
        ],
    )
    connection.execute(
        insert(_table(Participation)),
        [
            {"meeting_id": 1, "contact_id": 1, "dietary_needs": "Ärtor", "note": None}
            | {"status": "attended", "role": "participant"}
            | VERSIONED,
            {"meeting_id": 1, "contact_id": 2, "dietary_needs": None, "note": "Ødmjuk"}
            | {"status": "registered", "role": "speaker"}
            | VERSIONED,
        ],
    )


def _stored(connection: Connection, sql: str) -> list[Any]:
    return list(connection.execute(text(sql)))


def _check_keys(connection: Connection) -> None:
    """Every key the upgrade computed is the one the services compute from the same row."""
    for row in _stored(
        connection,
        "SELECT c.*, o.name AS organisation, a.title FROM contacts c "
        "LEFT JOIN affiliations a ON a.contact_id = c.id AND a.is_current "
        "LEFT JOIN organisations o ON o.id = a.organisation_id",
    ):
        values = row._mapping
        expected = contact_keys(
            first_name=row.first_name, last_name=row.last_name, email=row.email,
            phone=row.phone, mobile=row.mobile, organisation=row.organisation, title=row.title,
        )  # fmt: skip
        assert {key: values[key] for key in expected} == expected, row.id
    for row in _stored(connection, "SELECT * FROM organisations"):
        values = row._mapping
        expected = organisation_keys(
            name=row.name, org_number=row.org_number, municipality=row.municipality,
            industry=row.industry, email=row.email, phone=row.phone, postal_city=row.postal_city,
        )  # fmt: skip
        assert {key: values[key] for key in expected} == expected, row.name
    for row in _stored(connection, "SELECT * FROM themes"):
        expected = theme_keys(name=row.name, description=row.description)
        assert {key: row._mapping[key] for key in expected} == expected
    for row in _stored(connection, "SELECT * FROM meetings"):
        expected = meeting_keys(title=row.title, place=row.place, organiser=row.organiser)
        assert {key: row._mapping[key] for key in expected} == expected
    for row in _stored(connection, "SELECT * FROM participations"):
        expected = participation_keys(dietary_needs=row.dietary_needs, note=row.note)
        assert {key: row._mapping[key] for key in expected} == expected


def test_an_upgrade_computes_every_column_key_as_the_services_do(fresh_url: str) -> None:  # noqa: F811
    engine = make_engine(fresh_url)
    try:
        migrate.upgrade(engine, BEFORE)
        with engine.begin() as connection:
            _write_before(connection)
    finally:
        engine.dispose()
    database = open_database(fresh_url, user="testare")
    try:
        assert current_revision(database.engine) == HEAD
        with database.engine.connect() as connection:
            _check_keys(connection)
        with database.reading() as session:
            by_organisation = contacts.list_contacts(session, sort="organisation", limit=5)
            by_email = partners.list_partners(session, sort="email", descending=True)
        assert [(row.last_name, row.organisation) for row in by_organisation] == [
            ("Weiß", "Straßen AB"),
            ("Ærø", "Æble Frakt"),
            ("Yılmaz", "Östgöta Åkeri"),
            ("Ängström", "Östgöta Åkeri"),
            ("Østergaard", None),
        ]
        assert [row.email for row in by_email] == [
            "åkeri@östgöta.se",
            "weiß@straße.de",
            None,
        ]
    finally:
        database.dispose()
