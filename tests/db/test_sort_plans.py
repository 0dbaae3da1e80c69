"""A page of the large lists, sorted by any text column either way, is read along an index:
no sort of the whole table, on SQLite or on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event

from lkoe_desktop.db.engine import Database
from lkoe_desktop.services import contacts, partners
from lkoe_desktop.services.columns import CODE, CONTACT_COLUMNS, PARTNER_COLUMNS, ColumnSpec

# Coded columns sort by their label, which depends on the language: a few codes, no index.
LISTS: list[tuple[str, Callable[..., Any], tuple[ColumnSpec, ...]]] = [
    ("contacts", contacts.list_contacts, CONTACT_COLUMNS),
    ("partners", partners.list_partners, PARTNER_COLUMNS),
]
SORTED = [
    pytest.param(list_rows, column.key, id=f"{name}-{column.key}")
    for name, list_rows, columns in LISTS
    for column in columns
    if column.kind != CODE
]


def _plan(db: Database, statement: str, parameters: Any) -> str:
    """The database's plan for `statement`; on PostgreSQL with sorting made a last resort, so
    that even a table of a few rows is read along an index wherever one gives the order."""
    with db.engine.connect() as connection:
        if db.dialect == "sqlite":
            steps = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            return "\n".join(str(step[-1]) for step in steps)
        connection.exec_driver_sql("SET enable_sort = off")
        steps = connection.exec_driver_sql("EXPLAIN " + statement, parameters)
        return "\n".join(str(step[0]) for step in steps)


@pytest.mark.parametrize(("list_rows", "sort"), SORTED)
def test_a_sorted_page_walks_an_index_both_ways(
    db: Database, list_rows: Callable[..., Any], sort: str
) -> None:
    statements: list[tuple[str, Any]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    for descending in (False, True):
        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            with db.reading() as session:
                list_rows(session, sort=sort, descending=descending, limit=100)
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
        plan = _plan(db, *statements[-1])
        assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan
        assert "_sort" in plan or "_search_scan" in plan, plan
