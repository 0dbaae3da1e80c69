"""Substring search over stored search text, using the database's search index where it has one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, literal_column, select, table, text
from sqlalchemy.orm import Session

from lkoe_desktop.db.search_index import INDEXED_TABLES, fts_table
from lkoe_desktop.domain.text import search_needle

TRIGRAM = 3


def _like_pattern(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matches(session: Session, model: Any, query: str | None) -> ColumnElement[bool] | None:
    """A WHERE clause for rows of `model` whose search text contains `query`, or None.

    Case-insensitive in every alphabet, because the stored text and the query are casefolded
    alike. On SQLite a query of three or more characters goes through the FTS5 trigram index.
    """
    needle = search_needle(query or "")
    if not needle:
        return None
    name = model.__tablename__
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and name in INDEXED_TABLES and len(needle) >= TRIGRAM:
        fts = table(fts_table(name))
        phrase = '"' + needle.replace('"', '""') + '"'
        hits: Select[Any] = (
            select(literal_column("rowid"))
            .select_from(fts)
            .where(text(f"{fts_table(name)} MATCH :phrase").bindparams(phrase=phrase))
        )
        return model.id.in_(hits)
    return model.search_text.like(_like_pattern(needle), escape="\\")
