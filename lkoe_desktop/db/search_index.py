"""Substring search indexes over stored search text: FTS5 trigram on SQLite, pg_trgm on PostgreSQL.

Migrations create them (and recreate the SQLite triggers after rebuilding a table); queries in
`lkoe_desktop.services.search` use them. Each indexed table has a `search_text` column.

On SQLite a search with many hits reads the list in its order and tests each row's text (see
`services.search.matches`); a scan index holds that order with the text beside it, so such a
search reads the index alone and looks up only the rows it shows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

INDEXED_TABLES = ("contacts", "organisations")


def fts_table(table: str) -> str:
    return f"fts_{table}"


def create_sqlite_triggers(connection: Connection, table: str) -> None:
    fts = fts_table(table)
    _create_insert_trigger(connection, table)
    connection.execute(
        text(
            f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_text) "
            f"VALUES ('delete', old.id, old.search_text); END"
        )
    )
    connection.execute(
        text(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF search_text ON {table} BEGIN "
            f"INSERT INTO {fts}({fts}, rowid, search_text) "
            f"VALUES ('delete', old.id, old.search_text); "
            f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
    )


def _create_insert_trigger(connection: Connection, table: str) -> None:
    fts = fts_table(table)
    connection.execute(
        text(
            f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END"
        )
    )


@contextmanager
def indexed_after(connection: Connection, table: str, first: int, last: int) -> Iterator[None]:
    """Rows with ids `first`…`last` inserted into `table` in the block join its SQLite search
    index after it, in one statement rather than one trigger call each: ten times faster for
    an import's thousands of rows. Inside a transaction, which undoes it all on an error.
    PostgreSQL's index needs nothing."""
    if connection.dialect.name != "sqlite" or not sqlite_has_fts(connection, table):
        yield
        return
    fts = fts_table(table)
    connection.execute(text(f"DROP TRIGGER {fts}_insert"))
    yield
    connection.execute(
        text(
            f"INSERT INTO {fts}(rowid, search_text) SELECT id, search_text FROM {table} "
            "WHERE id BETWEEN :first AND :last"
        ),
        {"first": first, "last": last},
    )
    _create_insert_trigger(connection, table)


def _create_sqlite(connection: Connection) -> None:
    for table in INDEXED_TABLES:
        fts = fts_table(table)
        connection.execute(
            text(
                f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
                f"content_rowid='id', tokenize='trigram')"
            )
        )
        create_sqlite_triggers(connection, table)
        connection.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))


def _create_postgresql(connection: Connection) -> None:
    try:
        with connection.begin_nested():
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except DBAPIError as error:
        log.warning("pg_trgm is not available, searches will scan: %s", error)
        return
    for table in INDEXED_TABLES:
        connection.execute(
            text(
                f"CREATE INDEX ix_{table}_search_trgm ON {table} "
                f"USING gin (search_text gin_trgm_ops)"
            )
        )


def create_search_indexes(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        _create_sqlite(connection)
    elif connection.dialect.name == "postgresql":
        _create_postgresql(connection)


def drop_search_indexes(connection: Connection) -> None:
    for table in INDEXED_TABLES:
        if connection.dialect.name == "sqlite":
            connection.execute(text(f"DROP TABLE IF EXISTS {fts_table(table)}"))
        elif connection.dialect.name == "postgresql":
            connection.execute(text(f"DROP INDEX IF EXISTS ix_{table}_search_trgm"))


def scan_index(table: str) -> str:
    return f"ix_{table}_search_scan"


def create_scan_indexes(connection: Connection) -> None:
    """SQLite: the list order (as in the table's `ix_<table>_sort`) with the search text."""
    if connection.dialect.name != "sqlite":
        return
    for table in INDEXED_TABLES:
        connection.execute(
            text(
                f"CREATE INDEX {scan_index(table)} ON {table} (archived, sort_key, id, search_text)"
            )
        )


def drop_scan_indexes(connection: Connection) -> None:
    for table in INDEXED_TABLES:
        connection.execute(text(f"DROP INDEX IF EXISTS {scan_index(table)}"))


def sqlite_has_fts(connection: Connection, table: str) -> bool:
    return bool(
        connection.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name=:name"),
            {"name": fts_table(table)},
        ).first()
    )
