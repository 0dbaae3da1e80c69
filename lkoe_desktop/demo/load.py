"""Realistic, deterministic Swedish demo data, bulk-inserted into an empty database.

Every value is drawn from one seeded `random.Random` and placed relative to fixed dates, so a
size always gives the same rows; only created/updated times come from the database's clock.
Both sizes go through one code path: Core bulk inserts in chunks with explicit ids (PostgreSQL
sequences are moved past them afterwards), sort keys and search text from `services.keys`,
exactly as the services store them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, cast

from sqlalchemy import Column, Dialect, Table, func, insert, literal_column, null, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from lkoe_desktop.db.base import Base
from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import (
    Affiliation,
    Consent,
    Contact,
    Group,
    GroupMembership,
    Meeting,
    Organisation,
    Participation,
    Theme,
    contact_themes,
    meeting_themes,
    organisation_themes,
)
from lkoe_desktop.db.search_index import (
    INDEXED_TABLES,
    create_sqlite_triggers,
    fts_table,
    sqlite_has_fts,
)
from lkoe_desktop.demo import names as n
from lkoe_desktop.demo.activities import Demo, group_rows, meeting_row, theme_rows
from lkoe_desktop.demo.people import Plan, contact_row
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import audit, office_settings, period_reach
from lkoe_desktop.services.common import now, user
from lkoe_desktop.services.contents import is_empty
from lkoe_desktop.services.keys import participation_keys

CHUNK = 5_000
BULK_CACHE_KIB = 262_144  # SQLite page cache while loading: random-order index inserts need it


@dataclass(frozen=True)
class DemoSummary:
    """How many records the demo wrote."""

    organisations: int
    contacts: int
    themes: int
    meetings: int
    participations: int
    groups: int

    @property
    def partners(self) -> int:
        """The organisations, by the name the window and the command line give them."""
        return self.organisations


PLANS = {
    "small": Plan(120, 600, 44, 1_000, date(2025, 2, 1), date(2027, 6, 30), 3, 10),
    "large": Plan(20_000, 100_000, 5_000, 300_000, date(2020, 1, 1), date(2027, 12, 31), 100, 500),
}


class _Batch(NamedTuple):
    """One table's rows: `make` turns an item into the values that differ from row to row;
    `same` holds the values every row shares, written once into the statement."""

    table: Table
    items: Sequence[Any]
    make: Callable[[Any], dict[str, Any]]
    same: dict[str, Any]


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _fields(*names: str) -> Callable[[tuple[Any, ...]], dict[str, Any]]:
    def make(values: tuple[Any, ...]) -> dict[str, Any]:
        return dict(zip(names, values, strict=True))

    return make


_participation_fields = _fields(
    "id",
    "meeting_id",
    "contact_id",
    "organisation_id",
    "status",
    "role",
    "dietary_needs",
    "checked_in_at",
)


def _participation(values: tuple[Any, ...]) -> dict[str, Any]:
    row = _participation_fields(values)
    return row | participation_keys(dietary_needs=row["dietary_needs"])


def _numbered(rows: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [(number, *row) for number, row in enumerate(rows, start=1)]


def _batches(demo: Demo, moment: datetime, user_name: str) -> list[_Batch]:
    """Every table's rows in the order the foreign keys need."""
    stamp: dict[str, Any] = {"created_at": moment, "updated_at": moment}
    versioned = stamp | {"version": 1}
    affiliations: list[tuple[Any, ...]] = []
    for person in demo.people:
        if person.old is not None and person.start is not None:
            old, title, begun = person.old
            ended = person.start - timedelta(days=1)
            affiliations.append((person.id, old.id, title, begun, ended, False))
        affiliations.append((person.id, person.org.id, person.title, person.start, None, True))
    memberships = [
        (group, member.person.id, member.role, member.since, member.until)
        for group, members in enumerate(demo.groups, start=1)
        for member in members
    ]
    attendance = Counter(row[0] for row in demo.participations)
    first_day = demo.plan.first_day
    key_people = [member.person for member in demo.steering] + demo.office
    responsible = {person.title: person.id for person in key_people}
    return [
        _Batch(_table(Organisation), demo.orgs, lambda org: org.row, versioned),
        _Batch(_table(Contact), demo.people, contact_row, versioned),
        _Batch(
            _table(Affiliation),
            _numbered(affiliations),
            _fields(
                "id",
                "contact_id",
                "organisation_id",
                "title",
                "start_date",
                "end_date",
                "is_current",
            ),
            stamp,
        ),
        _Batch(_table(Theme), theme_rows(first_day, responsible), dict, versioned),
        _Batch(
            organisation_themes,
            [(org.id, theme + 1) for org in demo.orgs for theme in org.themes],
            _fields("organisation_id", "theme_id"),
            {},
        ),
        _Batch(
            contact_themes,
            [(person.id, theme + 1) for person in demo.people for theme in person.themes],
            _fields("contact_id", "theme_id"),
            {},
        ),
        _Batch(_table(Group), group_rows(), dict, versioned),
        _Batch(
            _table(GroupMembership),
            _numbered(memberships),
            _fields("id", "group_id", "contact_id", "role", "since", "until"),
            stamp,
        ),
        _Batch(
            _table(Meeting),
            demo.meetings,
            lambda meeting: meeting_row(meeting, attendance[meeting.id]),
            versioned,
        ),
        _Batch(
            meeting_themes,
            [(m.id, m.theme + 1) for m in demo.meetings if m.theme is not None],
            _fields("meeting_id", "theme_id"),
            {},
        ),
        _Batch(
            _table(Participation),
            _numbered(demo.participations),
            _participation,
            versioned | {"note": None},
        ),
        _Batch(
            _table(Consent),
            _numbered(demo.consents),
            _fields("id", "contact_id", "purpose", "basis", "granted", "decided_on", "source"),
            {"recorded_at": moment, "recorded_by": user_name},
        ),
    ]


def _inline(column: Column[Any], value: Any, dialect: Dialect) -> ColumnElement[Any]:
    """A value as SQL text, so that it is converted once per statement and not once per row."""
    if value is None:
        return null()
    render = column.type.literal_processor(dialect)
    assert render is not None, column
    return literal_column(render(value))


def _write(
    session: Session, batches: list[_Batch], progress: Callable[[int, int], None] | None
) -> None:
    dialect = session.get_bind().dialect
    total, done = sum(len(batch.items) for batch in batches), 0
    for table, items, make, same in batches:
        shared = {name: _inline(table.c[name], value, dialect) for name, value in same.items()}
        statement = insert(table).values(shared) if shared else insert(table)
        for start in range(0, len(items), CHUNK):
            chunk = items[start : start + CHUNK]
            session.execute(statement, [make(item) for item in chunk])
            done += len(chunk)
            if progress is not None:
                progress(done, total)


@contextmanager
def _bulk_load(session: Session) -> Iterator[None]:
    """On SQLite, build the search index once at the end rather than row by row, with a big
    page cache meanwhile; the transaction undoes both if anything fails."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    if not connection.connection.driver_connection.in_transaction:  # type: ignore[union-attr]
        # pysqlite opens a transaction only before INSERT/UPDATE/DELETE; the DDL below must
        # be inside it, or a failure would leave the triggers dropped. IMMEDIATE: the write
        # lock is waited for here, up to the busy timeout; a transaction that has read first
        # cannot wait for it (SQLite answers "locked" at once, to avoid a deadlock).
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    previous = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    tables = [table for table in INDEXED_TABLES if sqlite_has_fts(connection, table)]
    try:
        connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        for table in tables:
            for event in ("insert", "update", "delete"):
                connection.exec_driver_sql(f"DROP TRIGGER {fts_table(table)}_{event}")
        yield
        for table in tables:
            create_sqlite_triggers(connection, table)
            fts = fts_table(table)
            connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={previous}")


def _move_sequences(session: Session, batches: list[_Batch]) -> None:
    """On PostgreSQL, let the next id of each table follow the explicit ids written."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for batch in batches:
        if "id" in batch.table.c and batch.items:
            session.execute(
                select(
                    func.setval(
                        func.pg_get_serial_sequence(batch.table.name, "id"), len(batch.items)
                    )
                )
            )


def _refuse_non_empty(session: Session) -> None:
    if not is_empty(session):
        raise UserInputError(
            _(
                "The database already holds data. Demo data can only be added to an "
                "empty database: create a new one with --db."
            )
        )


def load_demo(
    database: Database,
    size: str = "small",
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with demo data of `size` ("small" or "large"), in one transaction.

    `progress(done, total)` is called after every chunk of rows. A database that already holds
    organisations, contacts, themes, meetings or groups is refused with a UserInputError.
    """
    plan = PLANS.get(size)
    if plan is None:
        message = _("Unknown demo size “{size}”: use small or large.")
        raise UserInputError(message.format(size=size))
    with database.unit_of_work() as session:
        _refuse_non_empty(session)
        demo = Demo(plan)
        demo.build()
        batches = _batches(demo, now(session), user(session))
        with _bulk_load(session):
            _write(session, batches, progress)
        _move_sequences(session, batches)
        office_settings.save(
            session,
            {
                "own_partner_id": demo.fixed["office"].id,
                "project_start": plan.first_day.isoformat(),
            },
        )
        summary = DemoSummary(
            organisations=len(demo.orgs),
            contacts=len(demo.people),
            themes=len(n.THEMES),
            meetings=len(demo.meetings),
            participations=len(demo.participations),
            groups=len(demo.groups),
        )
        changes: dict[str, list[object]] = {"size": [None, size]}
        changes |= {what: [0, count] for what, count in asdict(summary).items()}
        audit.record(session, "demo", None, audit.CREATE, changes)
        # The funder's report counts what the project reached from tables kept for it; they
        # are built now, not by the first report.
        period_reach.refresh(session, demo.fixed["office"].id)
    return summary
