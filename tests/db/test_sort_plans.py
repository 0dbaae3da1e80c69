"""A page of the large lists, sorted by any column either way, is found along an index: no sort
of the whole table's rows, on SQLite or on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.entities import CONTACT, PARTNER
from lkoe_desktop.domain.fields import Field, Kind
from lkoe_desktop.services import contacts, partners

LISTS: list[tuple[str, Callable[..., Any], tuple[Field, ...]]] = [
    ("contacts", contacts.list_contacts, CONTACT.columns),
    ("partners", partners.list_partners, PARTNER.columns),
]
# Text, numbers and dates: an index in their order. Coded columns sort by their label, which
# depends on the language: their order is worked out from an index, see the last test.
SORTED = [
    pytest.param(list_rows, column.key, id=f"{name}-{column.key}")
    for name, list_rows, columns in LISTS
    for column in columns
    if column.kind != Kind.CODE
]
CODED = [column.key for column in PARTNER.columns if column.kind == Kind.CODE]


def _page_plan(db: Database, list_rows: Callable[..., Any], **order: object) -> str:
    """The database's plan for the query that finds a page of the list in the given order.

    On PostgreSQL sorting is made a last resort, so that even a table of a few rows is read
    along an index wherever one gives the order.
    """
    statements: list[tuple[str, Any]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        with db.reading() as session:
            list_rows(session, **order, limit=100)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    # The ordered query (a partner page is found as ids first, then read by id).
    statement, parameters = next(seen for seen in reversed(statements) if "ORDER BY" in seen[0])
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
    for descending in (False, True):
        plan = _page_plan(db, list_rows, sort=sort, descending=descending)
        assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan
        assert "_sort" in plan or "_search_scan" in plan, plan


@pytest.mark.parametrize("sort", CODED)
def test_a_page_of_partners_sorted_by_a_label_reads_one_index_and_no_rows(
    sqlite_db: Database, sort: str
) -> None:
    """SQLite: the label's order (a CASE) is worked out from the coded column's own index,
    which holds the name and the id too; the rows are read by id for the page only."""
    plan = _page_plan(sqlite_db, partners.list_partners, sort=sort)
    assert f"COVERING INDEX ix_organisations_sort_{sort}" in plan, plan
