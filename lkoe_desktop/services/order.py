"""Swedish order for any text column, computed in SQL the same way on SQLite and PostgreSQL.

The main lists sort by stored sort keys (`domain.text.sort_key`); a table sorted by another
text column uses `swedish_order(column)`, a chain of replacements that maps Å, Ä, Ö (and Æ, Ø,
Ü, common accents) to the same places the stored keys use, compared byte by byte.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, func
from sqlalchemy.sql.expression import collate

from lkoe_desktop.domain.text import sort_key

# Letters whose Swedish place differs from their code point order, in both cases.
_REPLACED = "åäæöøüéèêëáàâíìîóòôúùûçñłÅÄÆÖØÜÉÈÊËÁÀÂÍÌÎÓÒÔÚÙÛÇÑŁ"


def _replacements() -> list[tuple[str, str]]:
    return [(char, sort_key(char)) for char in _REPLACED]


def swedish_order(column: Any, dialect: str) -> ColumnElement[Any]:
    """An ORDER BY expression that sorts `column` case-insensitively in Swedish order."""
    expression: Any = func.lower(func.coalesce(column, ""))
    for char, key in _replacements():
        expression = func.replace(expression, char, key)
    if dialect == "postgresql":
        return collate(expression, "C")
    return expression


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
    terms = [term.desc() if descending else term.asc() for term in sortable[sort]]
    return [*terms, tiebreak.desc() if descending else tiebreak.asc()]
