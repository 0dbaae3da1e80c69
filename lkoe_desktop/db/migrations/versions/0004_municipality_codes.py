"""Municipalities as codes, and the change log's entity names as the descriptions name them.

Revision ID: 0004_municipality_codes
Revises: 0003_column_sort_keys
Create Date: 2026-12-06

A partner's municipality was free text; it is now the code of one of Sweden's 290
municipalities (SCB's four digits, "0580" for Linköping), or, for a place abroad, the place as
written. Each text already stored is matched by name, as people write it ("Linköpings kommun",
"linköping"); what matches no municipality is kept as it is, as another place. The partner's
search text and municipality sort key are made again from the name the code stands for.

The change log named partners "organisation" and group memberships "group_membership"; they
are now "partner" and "membership", the names the entity descriptions give them, so that the
history of a record written before reads as one with what is written after.
"""

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from lkoe_desktop.domain import municipalities
from lkoe_desktop.domain.text import column_sort_key, search_text
from lkoe_desktop.domain.validation import format_phone

revision = "0004_municipality_codes"
down_revision = "0003_column_sort_keys"
branch_labels = None
depends_on = None

BATCH = 5_000
RENAMED = {"organisation": "partner", "group_membership": "membership"}
PARTNER_COLUMNS = "id, name, org_number, municipality, industry, email, phone, postal_city"


def _partners(connection: sa.Connection) -> Iterator[Sequence[Any]]:
    statement = sa.text(
        f"SELECT {PARTNER_COLUMNS} FROM organisations WHERE id > :after ORDER BY id LIMIT :batch"
    )
    after = 0
    while rows := connection.execute(statement, {"after": after, "batch": BATCH}).all():
        yield rows
        after = rows[-1].id


def _search_text(row: Any, place: str | None) -> str:
    """As `services.keys.organisation_keys` makes it (the database layer does not import
    services; a test checks that the two agree)."""
    phone = format_phone(row.phone) if row.phone else None
    return search_text(
        row.name,
        row.org_number,
        row.org_number.replace("-", "") if row.org_number else None,
        place,
        row.industry,
        row.email,
        row.postal_city,
        *([row.phone, phone, "".join(ch for ch in phone if ch.isdigit())] if phone else []),
    )


def _rewrite(connection: sa.Connection, stored: Any) -> None:
    """Every partner's municipality as `stored(text)` gives it, with its keys made again."""
    update = sa.text(
        "UPDATE organisations SET municipality = :municipality, "
        "municipality_key = :municipality_key, search_text = :search_text WHERE id = :id"
    )
    for rows in _partners(connection):
        changes = []
        for row in rows:
            municipality = stored(row.municipality) if row.municipality else None
            place = municipalities.name_of(municipality) if municipality else None
            changes.append(
                {
                    "id": row.id,
                    "municipality": municipality,
                    "municipality_key": column_sort_key(place, row.name) if place else None,
                    "search_text": _search_text(row, place),
                }
            )
        connection.execute(update, changes)


def _renamed(connection: sa.Connection, names: dict[str, str]) -> None:
    statement = sa.text("UPDATE change_log SET entity = :new WHERE entity = :old")
    for old, new in names.items():
        connection.execute(statement, {"old": old, "new": new})


def upgrade() -> None:
    connection = op.get_bind()
    _rewrite(connection, lambda text: municipalities.code_for(text) or text.strip())
    _renamed(connection, RENAMED)


def downgrade() -> None:
    connection = op.get_bind()
    _rewrite(connection, municipalities.name_of)
    _renamed(connection, {new: old for old, new in RENAMED.items()})
