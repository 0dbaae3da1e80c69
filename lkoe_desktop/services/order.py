"""Swedish order for any column of a list, the same on SQLite and PostgreSQL.

Text columns sort by keys stored on write (`services.keys`, `domain.text.column_sort_key`) and
compared byte by byte, so neither a Python function called per row nor a server's locale
decides the order; the columns of the large lists have an index (archived, key, id) to walk.
Dates and numbers sort as they are stored. Coded columns sort by their shown label
(`code_order`). Empty values come last in either direction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, case

from lkoe_desktop.domain.codes import label
from lkoe_desktop.domain.text import sort_key


def code_order(column: Any, enum: type[StrEnum], *, by_label: bool = True) -> ColumnElement[Any]:
    """Sort a coded column by its label in the current language, or in the codes' own order."""
    members = list(enum)
    if by_label:
        members.sort(key=lambda member: sort_key(label(member)))
    return case({member.value: rank for rank, member in enumerate(members)}, value=column)


def ordering(
    sort: str | None,
    descending: bool,
    sortable: Mapping[str, Any],
    default: Sequence[Any],
    tiebreak: Any,
) -> list[Any]:
    """ORDER BY terms for sorting a list by the column `sort` (one of `sortable`'s keys).

    Unknown or no column gives the list's own `default` order; ties are broken by `tiebreak`
    (the id) in the same direction, so paging is stable.
    """
    if sort is None or sort not in sortable:
        return list(default)
    terms = [(term.desc() if descending else term.asc()).nulls_last() for term in sortable[sort]]
    return [*terms, tiebreak.desc() if descending else tiebreak.asc()]
