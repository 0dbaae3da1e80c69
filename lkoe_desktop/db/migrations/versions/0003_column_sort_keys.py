"""Stored Swedish sort keys for every text column a table sorts by, indexed for the large lists.

Revision ID: 0003_column_sort_keys
Revises: 0002_search_scan_indexes
Create Date: 2026-12-06

A table sorted by a column without a stored key called a Python function once per row on
SQLite (about 300 ms per heading click on 100 000 contacts) and on PostgreSQL compared
translate(lower(…)), which depends on the server's locale. Each such column now has a key
stored on write: the shown text's Swedish sort key (`domain.text.column_sort_key`), NULL when
empty. A contact's organisation and title are their current job's, kept on the contact so that
the list sorts by them without a join.

This revision adds the columns, computes the keys of the rows already there in batches, and
then creates the indexes (archived, key, id) that a sorted page of contacts or partners walks;
themes, meetings and participants are few enough to sort without one. A partner's coded
column (sorted by its label) gets an index that holds the name too, so that the sort reads
the index rather than every row; the meeting list's counts get an index of their own. SQLite
walks one index both ways with the empty values last; a PostgreSQL b-tree read backwards
gives them first, so there each text column, the list's own order (`sort_key`) too, also gets
a descending index (`…_desc`), made here by hand.

The keys are computed here as `services.keys` stores them (the database layer does not import
services); a test checks that the two agree.
"""

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from lkoe_desktop.domain.text import column_sort_key
from lkoe_desktop.domain.validation import format_phone

revision = "0003_column_sort_keys"
down_revision = "0002_search_scan_indexes"
branch_labels = None
depends_on = None

KEY_LENGTH = 400
BATCH = 5_000
KEYS: dict[str, tuple[str, ...]] = {
    "contacts": (
        "first_name_key",
        "organisation_key",
        "title_key",
        "email_key",
        "phone_key",
        "mobile_key",
    ),
    "organisations": ("municipality_key", "email_key", "phone_key"),
    "themes": ("description_key",),
    "meetings": ("place_key",),
    "participations": ("dietary_needs_key", "note_key"),
}
INDEXED: dict[str, tuple[str, ...]] = {
    "contacts": KEYS["contacts"],
    "organisations": ("org_number", *KEYS["organisations"]),
}
# Coded columns sort by label (a CASE): their indexes hold the name too, for the sort to read.
CODED: dict[str, tuple[str, ...]] = {"organisations": ("sector", "size_class", "relationship")}
# What each table's keys are made of: the rows to read (as `t`, paged by id), and the keys of
# one row read.
SOURCES: dict[str, tuple[str, Callable[[Any], dict[str, str | None]]]] = {
    "contacts": (
        "SELECT t.id, t.first_name, t.last_name, t.email, t.phone, t.mobile, o.name, a.title "
        "FROM contacts t "
        "LEFT JOIN affiliations a ON a.contact_id = t.id AND a.is_current "
        "LEFT JOIN organisations o ON o.id = a.organisation_id",
        lambda row: {
            "first_name_key": column_sort_key(row.first_name, row.last_name),
            "organisation_key": column_sort_key(row.name, row.last_name, row.first_name),
            "title_key": column_sort_key(row.title, row.last_name, row.first_name),
            "email_key": column_sort_key(row.email),
            "phone_key": column_sort_key(format_phone(row.phone)),
            "mobile_key": column_sort_key(format_phone(row.mobile)),
        },
    ),
    "organisations": (
        "SELECT t.id, t.name, t.municipality, t.email, t.phone FROM organisations t",
        lambda row: {
            "municipality_key": column_sort_key(row.municipality, row.name),
            "email_key": column_sort_key(row.email),
            "phone_key": column_sort_key(format_phone(row.phone)),
        },
    ),
    "themes": (
        "SELECT t.id, t.description FROM themes t WHERE t.description IS NOT NULL",
        lambda row: {"description_key": column_sort_key(row.description)},
    ),
    "meetings": (
        "SELECT t.id, t.place FROM meetings t WHERE t.place IS NOT NULL",
        lambda row: {"place_key": column_sort_key(row.place)},
    ),
    "participations": (
        "SELECT t.id, t.dietary_needs, t.note FROM participations t "
        "WHERE (t.dietary_needs IS NOT NULL OR t.note IS NOT NULL)",
        lambda row: {
            "dietary_needs_key": column_sort_key(row.dietary_needs),
            "note_key": column_sort_key(row.note),
        },
    ),
}


def _key_type() -> sa.types.TypeEngine[str]:
    return sa.String(KEY_LENGTH).with_variant(sa.String(KEY_LENGTH, collation="C"), "postgresql")


def _index(table: str, column: str) -> str:
    """The name of the index (archived, column, id): as `db.models.sorted_by` names it."""
    return f"ix_{table}_sort" + ("" if column == "sort_key" else f"_{column.removesuffix('_key')}")


def _pages(connection: sa.Connection, query: str) -> Iterator[Sequence[Any]]:
    """The rows of `query` in batches, by id."""
    where = " AND " if " WHERE " in query else " WHERE "
    statement = sa.text(f"{query}{where}t.id > :after ORDER BY t.id LIMIT :batch")
    after = 0
    while rows := connection.execute(statement, {"after": after, "batch": BATCH}).all():
        yield rows
        after = rows[-1].id


def _fill(connection: sa.Connection, table: str) -> None:
    query, keys_of = SOURCES[table]
    columns = KEYS[table]
    assignments = ", ".join(f"{column} = :{column}" for column in columns)
    update = sa.text(f"UPDATE {table} SET {assignments} WHERE id = :id")
    for rows in _pages(connection, query):
        connection.execute(update, [{"id": row.id, **keys_of(row)} for row in rows])


def upgrade() -> None:
    connection = op.get_bind()
    for table, columns in KEYS.items():
        for column in columns:
            op.add_column(table, sa.Column(column, _key_type(), nullable=True))
        _fill(connection, table)
    postgresql = connection.dialect.name == "postgresql"
    for table, columns in INDEXED.items():
        for column in columns:
            op.create_index(_index(table, column), table, ["archived", column, "id"])
        for column in ("sort_key", *columns) if postgresql else ():
            op.execute(
                f"CREATE INDEX {_index(table, column)}_desc ON {table} "
                f"(archived, {column} DESC NULLS LAST, id DESC)"
            )
    for table, columns in CODED.items():
        for column in columns:
            op.create_index(_index(table, column), table, ["archived", column, "sort_key", "id"])
    # The meeting list's counts of registered and attended people, from the index alone.
    op.create_index("ix_participations_meeting_status", "participations", ["meeting_id", "status"])


def downgrade() -> None:
    op.drop_index("ix_participations_meeting_status", table_name="participations")
    for table, columns in CODED.items():
        for column in columns:
            op.drop_index(_index(table, column), table_name=table)
    for table, columns in INDEXED.items():
        for column in columns:
            op.drop_index(_index(table, column), table_name=table)
        for column in ("sort_key", *columns):
            op.execute(f"DROP INDEX IF EXISTS {_index(table, column)}_desc")
    for table, columns in KEYS.items():
        for column in columns:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
