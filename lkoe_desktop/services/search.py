"""Substring search over stored search text, using the database's search index where it has one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, literal_column, select, table, text
from sqlalchemy.orm import Session

from lkoe_desktop.db.search_index import INDEXED_TABLES, fts_table
from lkoe_desktop.domain.text import search_needle

TRIGRAM = 3
# Above this many hits, reading the list in order finds a page sooner than the index does.
DENSE_HITS = 2000


def _like_pattern(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matches(
    session: Session, model: Any, query: str | None, *, paged: bool = False
) -> ColumnElement[bool] | None:
    """A WHERE clause for rows of `model` whose search text contains `query`, or None.

    Case-insensitive in every alphabet, because the stored text and the query are casefolded
    alike. On SQLite a query of three or more characters first counts its hits in the FTS5
    trigram index (a millisecond): no hits gives an empty result at once; hits are looked up
    through the index; except that for one page (`paged`) of many hits, reading the list in
    its order finds them sooner, since they lie close together: the plain substring test.
    The hits are counted only as far as that choice needs.
    """
    needle = search_needle(query or "")
    if not needle:
        return None
    name = model.__tablename__
    dialect = session.get_bind().dialect.name
    like: ColumnElement[bool] = model.search_text.like(_like_pattern(needle), escape="\\")
    if dialect != "sqlite" or name not in INDEXED_TABLES or len(needle) < TRIGRAM:
        return like
    fts = table(fts_table(name))
    phrase = '"' + needle.replace('"', '""') + '"'
    match = text(f"{fts_table(name)} MATCH :phrase").bindparams(phrase=phrase)
    # Counted only as far as the choice needs: whether there are any, or more than DENSE_HITS.
    enough = DENSE_HITS + 1 if paged else 1
    found = select(literal_column("1")).select_from(fts).where(match).limit(enough).subquery()
    hits = session.connection().execute(select(func.count()).select_from(found)).scalar_one()
    if hits == 0:
        return false()
    if paged and hits > DENSE_HITS:
        return like
    rowids: Select[Any] = select(literal_column("rowid")).select_from(fts).where(match)
    return model.id.in_(rowids)
