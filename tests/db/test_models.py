"""Rules the database itself enforces, whoever writes to it: codes, uniqueness, keys, periods."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.exc import DataError, IntegrityError, StatementError

from lkoe_desktop.db.base import Base
from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import (
    Affiliation,
    Consent,
    Contact,
    Meeting,
    Organisation,
    Participation,
)
from lkoe_desktop.domain.clock import STOCKHOLM

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STAMPS = {"created_at": AT, "updated_at": AT}


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _add(connection: Connection, model: type[Base], **values: object) -> int:
    """One row written with SQLAlchemy Core, past every service check; returns its id."""
    return int(
        connection.execute(
            insert(_table(model)).returning(_table(model).c.id), [values]
        ).scalar_one()
    )


def organisation(connection: Connection, **values: object) -> int:
    row = {
        "name": "Östgöta Logistik AB",
        "size_class": "unknown",
        "archived": False,
        "sort_key": "}stg}ta logistik ab",
        "search_text": "östgöta logistik ab",
        "version": 1,
        **STAMPS,
    }
    return _add(connection, Organisation, **(row | values))


def contact(connection: Connection, **values: object) -> int:
    row = {
        "first_name": "Åsa",
        "last_name": "Öberg",
        "language": "sv",
        "archived": False,
        "sort_key": "}berg\x01{sa",
        "search_text": "åsa öberg",
        "version": 1,
        **STAMPS,
    }
    return _add(connection, Contact, **(row | values))


def meeting(connection: Connection, **values: object) -> int:
    row = {
        "title": "Seminarium",
        "kind": "seminar",
        "starts_at": AT,
        "ends_at": AT + timedelta(hours=2),
        "status": "planned",
        "archived": False,
        "sort_key": "seminarium",
        "search_text": "seminarium",
        "version": 1,
        **STAMPS,
    }
    return _add(connection, Meeting, **(row | values))


def participation(connection: Connection, **values: object) -> int:
    row = {"status": "registered", "role": "participant", "version": 1, **STAMPS}
    if "meeting_id" not in values:
        row["meeting_id"] = meeting(connection)
    if "contact_id" not in values:
        row["contact_id"] = contact(connection)
    return _add(connection, Participation, **(row | values))


def affiliation(connection: Connection, **values: object) -> int:
    row = {"is_current": True, **STAMPS}
    if "contact_id" not in values:
        row["contact_id"] = contact(connection)
    if "organisation_id" not in values:
        row["organisation_id"] = organisation(connection)
    return _add(connection, Affiliation, **(row | values))


def consent(connection: Connection, **values: object) -> int:
    row = {
        "contact_id": contact(connection),
        "purpose": "Nyhetsbrev",
        "basis": "consent",
        "granted": True,
        "decided_on": date(2026, 3, 1),
        "recorded_at": AT,
        "recorded_by": "testare",
    }
    return _add(connection, Consent, **(row | values))


def test_valid_rows_are_accepted(db: Database) -> None:
    with db.engine.begin() as connection:
        organisation(connection, sector="business", size_class="small", relationship="member")
        meeting(connection, kind="workshop", status="held", capacity=1)
        participation(connection, status="attended", role="speaker")
        affiliation(connection)
        consent(connection, basis="legitimate_interest")
        contact(connection, email="annan@example.se", gender="unspecified")


Writer = Callable[..., int]


@pytest.mark.parametrize(
    ("writer", "field"),
    [
        (organisation, "sector"),
        (organisation, "size_class"),
        (organisation, "relationship"),
        (meeting, "kind"),
        (meeting, "status"),
        (participation, "status"),
        (participation, "role"),
        (contact, "gender"),
        (contact, "language"),
        (consent, "basis"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_an_unknown_code_is_refused(db: Database, writer: Writer, field: str) -> None:
    # Short enough for every column (language holds five characters); codes are case-sensitive.
    for code in ("nej", "Man", "OTHER", "Sv", ""):
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            writer(connection, **{field: code})


def test_an_e_mail_differing_only_in_case_is_refused(db: Database) -> None:
    with db.engine.begin() as connection:
        contact(connection, email="asa.oberg@example.se")
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        contact(connection, email="Asa.Oberg@EXAMPLE.se")


def test_many_contacts_may_have_no_e_mail(db: Database) -> None:
    with db.engine.begin() as connection:
        for _ in range(3):
            contact(connection, email=None)
        count = connection.execute(select(Contact.id).where(Contact.email.is_(None))).all()
    assert len(count) == 3


def test_one_participation_per_meeting_and_contact(db: Database) -> None:
    with db.engine.begin() as connection:
        meeting_id, contact_id = meeting(connection), contact(connection)
        participation(connection, meeting_id=meeting_id, contact_id=contact_id)
        participation(connection, meeting_id=meeting_id)
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        participation(connection, meeting_id=meeting_id, contact_id=contact_id, role="speaker")


def test_at_most_one_current_affiliation_per_contact(db: Database) -> None:
    with db.engine.begin() as connection:
        contact_id = contact(connection)
        affiliation(connection, contact_id=contact_id)
        for year in (2020, 2022):
            affiliation(
                connection,
                contact_id=contact_id,
                is_current=False,
                start_date=date(year, 1, 1),
                end_date=date(year + 1, 12, 31),
            )
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        affiliation(connection, contact_id=contact_id)


def test_a_current_affiliation_has_no_end_date(db: Database) -> None:
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        affiliation(connection, end_date=date(2026, 1, 1))


@pytest.mark.parametrize(
    ("writer", "missing"),
    [
        (participation, "contact_id"),
        (participation, "meeting_id"),
        (affiliation, "organisation_id"),
        (affiliation, "contact_id"),
        (consent, "contact_id"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_a_reference_to_a_missing_row_is_refused(
    db: Database, writer: Writer, missing: str
) -> None:
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        writer(connection, **{missing: 999_999})


def test_foreign_keys_are_enforced_on_sqlite_connections(sqlite_db: Database) -> None:
    with pytest.raises(IntegrityError), sqlite_db.unit_of_work() as session:
        participation(session.connection(), contact_id=424_242)


def test_a_meeting_cannot_end_before_it_starts(db: Database) -> None:
    with db.engine.begin() as connection:
        meeting(connection, ends_at=AT)
        meeting(connection, ends_at=None)
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        meeting(connection, ends_at=AT - timedelta(minutes=1))


@pytest.mark.parametrize("capacity", [0, -5])
def test_capacity_must_be_positive(db: Database, capacity: int) -> None:
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        meeting(connection, capacity=capacity)


@pytest.mark.parametrize("number", ["5560360793", "556036-079", ""])
def test_an_organisation_number_must_have_eleven_characters(db: Database, number: str) -> None:
    with db.engine.begin() as connection:
        organisation(connection, org_number="556036-0793")
        organisation(connection, org_number=None)
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        organisation(connection, org_number=number)


def test_a_too_long_organisation_number_is_refused(db: Database) -> None:
    # PostgreSQL's varchar(11) refuses it before the check does.
    with pytest.raises((IntegrityError, DataError)), db.engine.begin() as connection:
        organisation(connection, org_number="16556036-0793")


@pytest.mark.parametrize(
    ("writer", "values"),
    [
        (
            organisation,
            {"relationship_since": date(2026, 2, 1), "relationship_until": date(2026, 1, 31)},
        ),
        (
            affiliation,
            {"is_current": False, "start_date": date(2026, 2, 1), "end_date": date(2026, 1, 1)},
        ),
    ],
    ids=["relationship", "affiliation"],
)
def test_a_period_cannot_end_before_it_starts(
    db: Database, writer: Writer, values: dict[str, object]
) -> None:
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        writer(connection, **values)


def test_times_are_stored_as_utc_and_read_back_timezone_aware(db: Database) -> None:
    local = datetime(2026, 6, 10, 13, 30, tzinfo=STOCKHOLM)
    with db.engine.begin() as connection:
        meeting_id = meeting(connection, starts_at=local, ends_at=None)
    with db.reading() as session:
        stored = session.get(Meeting, meeting_id)
        assert stored is not None
        assert stored.starts_at == local
        assert stored.starts_at.utcoffset() == timedelta(0)
        assert stored.starts_at.hour == 11


def test_a_time_without_timezone_is_refused(db: Database) -> None:
    with pytest.raises(StatementError, match="timezone-aware"), db.engine.begin() as connection:
        meeting(connection, starts_at=datetime(2026, 6, 10, 13, 30), ends_at=None)


def _include(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Leave out the indexes the migrations make by hand: for searching (FTS5, pg_trgm, scan)
    and for sorting descending on PostgreSQL."""
    if type_ == "table":
        return not (name or "").startswith("fts_")
    made_by_hand = ("_search_trgm", "_search_scan", "_desc")
    return not (type_ == "index" and (name or "").endswith(made_by_hand))


def test_the_models_and_the_migrations_describe_the_same_schema(db: Database) -> None:
    with db.engine.connect() as connection, warnings.catch_warnings():
        # SQLite cannot reflect the lower(email) index; the e-mail test above covers it.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": _include}
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []
