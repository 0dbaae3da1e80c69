"""Swedish order for any column, computed in SQL the same way on SQLite and PostgreSQL.

The main lists sort by stored sort keys (`domain.text.sort_key`). A table sorted by another
text column uses `swedish_order(column)`: on SQLite the same Python sort key, registered as the
SQL function `sv_sort_key` on every connection; on PostgreSQL `translate()` maps Å, Ä, Ö (and
Æ, Ø, Ü, common accents) to the same places, compared byte by byte. Coded columns sort by their
shown label (`code_order`). Empty values come last in either direction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, case, func
from sqlalchemy.sql.expression import collate

from lkoe_desktop.db.engine import SQLITE_SORT_FUNCTION
from lkoe_desktop.domain.codes import label
from lkoe_desktop.domain.text import sort_key

# Letters whose Swedish place differs from their code point order, after lower().
_FROM = "åäæöøüéèêëáàâíìîóòôúùûçñłđ"
_TO = "".join(sort_key(char) for char in _FROM)


def swedish_order(column: Any, dialect: str) -> ColumnElement[Any]:
    """An ORDER BY expression that sorts `column` case-insensitively in Swedish order."""
    if dialect == "sqlite":
        return getattr(func, SQLITE_SORT_FUNCTION)(column)
    return collate(func.translate(func.lower(column), _FROM, _TO), "C")


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
