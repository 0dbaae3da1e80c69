"""Reading the complete archive into an empty database: all of it in one transaction, or nothing.

The header is read first (and an archive of a newer format, of another schema or not an
archive at all refused before the database is touched); then the parts are streamed with
`ijson`, checked value by value against their columns and inserted in the order the file gives.
A damaged file, a count that does not match and a database that is not empty all end the
transaction with a message and nothing written. Afterwards the database is ready for new
records: SQLite's search index and the funder's report's reach tables are rebuilt,
PostgreSQL's id sequences follow the highest ids.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast

import ijson
from sqlalchemy import Connection, Integer, Table, delete, func, select
from sqlalchemy.exc import DataError, IntegrityError

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import HEAD, REVISIONS
from lkoe_desktop.db.models import Setting
from lkoe_desktop.db.search_index import (
    INDEXED_TABLES,
    create_sqlite_triggers,
    fts_table,
    sqlite_has_fts,
)
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.archive_tables import (
    FORMAT,
    FORMAT_VERSION,
    ArchiveValueError,
    TableCodec,
    table_codecs,
)
from lkoe_desktop.exchange.archive_write import ArchiveSummary, Progress
from lkoe_desktop.services import office_settings, period_reach
from lkoe_desktop.services.installation import KEY as INSTALLATION_KEY

SETTINGS = cast(Table, Setting.__table__)
BULK_CACHE_KIB = 131_072  # SQLite's page cache while the indexes grow in random order


class ArchiveError(UserInputError):
    """An archive that cannot be imported, or a database it cannot be imported into."""


def _damaged(path: Path, reason: str) -> ArchiveError:
    return ArchiveError(
        _("The archive “{name}” is damaged and cannot be imported ({reason}).").format(
            name=path.name, reason=reason
        )
    )


def _not_an_archive(path: Path) -> ArchiveError:
    return ArchiveError(
        _("“{name}” is not an archive written by LKÖ Desktop (export archive).").format(
            name=path.name
        )
    )


def _read_header(path: Path, source: IO[bytes]) -> dict[str, Any]:
    """The top-level values and `counts`, read up to the `tables` they come before."""
    header: dict[str, Any] = {}
    counts: dict[str, Any] = {}
    try:
        for prefix, event, value in ijson.parse(source):
            if prefix == "" and event == "map_key" and value == "tables":
                break
            if event in ("start_map", "end_map", "map_key"):
                continue
            if prefix.startswith("counts."):
                counts[prefix.removeprefix("counts.")] = value
            elif "." not in prefix and prefix:
                header[prefix] = value
    except ijson.JSONError as error:
        raise _not_an_archive(path) from error
    if header.get("format") != FORMAT:
        raise _not_an_archive(path)
    header["counts"] = counts
    return header


def _check_header(path: Path, header: dict[str, Any], codecs: list[TableCodec]) -> None:
    version = header.get("format_version")
    if type(version) is not int:
        raise _damaged(path, _("its header has no format version"))
    if version > FORMAT_VERSION:
        raise ArchiveError(
            _(
                "The archive “{name}” was written by a newer version of LKÖ Desktop (archive "
                "format {version}). Install the newer version to import it."
            ).format(name=path.name, version=version)
        )
    revision = header.get("schema_revision")
    if revision != HEAD:
        newer = revision not in REVISIONS
        message = (
            _(
                "The archive “{name}” was written by a newer version of LKÖ Desktop (schema "
                "{revision}). Install the newer version to import it."
            )
            if newer
            else _(
                "The archive “{name}” was written by an older version of LKÖ Desktop (schema "
                "{revision}). Import it with that version, then open the database with this one."
            )
        )
        raise ArchiveError(message.format(name=path.name, revision=revision))
    counts = header["counts"]
    if set(counts) != {codec.name for codec in codecs} or any(
        type(count) is not int for count in counts.values()
    ):
        raise _damaged(path, _("its header does not count the tables of this version"))
    if not isinstance(header.get("installation_id"), str):
        raise _damaged(path, _("its header has no installation id"))


def _refuse_non_empty(connection: Connection, codecs: list[TableCodec]) -> None:
    """Only the installation id that every new database gets may be there before."""
    for codec in codecs:
        rows = select(codec.table)
        if codec.table is SETTINGS:
            rows = rows.where(SETTINGS.c.key != INSTALLATION_KEY)
        if connection.execute(select(rows.exists())).scalar():
            raise ArchiveError(
                _(
                    "The database already holds data. An archive can only be imported into a "
                    "new, empty database: give a new file or an empty server database with --db."
                )
            )


def _take_write_lock(connection: Connection, codecs: list[TableCodec]) -> None:
    """The tables locked for writing before the database is looked at, so that nobody adds a
    record between the look and the import: SQLite's write lock (pysqlite would take it only
    at the first INSERT), PostgreSQL's tables in a mode that lets others read but not write."""
    if connection.dialect.name == "postgresql":
        names = ", ".join(
            connection.dialect.identifier_preparer.format_table(c.table) for c in codecs
        )
        connection.exec_driver_sql(f"LOCK TABLE {names} IN EXCLUSIVE MODE")
        return
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    if not driver.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def _bulk_load(connection: Connection) -> Iterator[None]:
    """SQLite: the indexes and the search index built once at the end rather than row by row,
    each as the schema had it, with a big page cache meanwhile; PostgreSQL: the id sequences
    moved past the ids written. A unique index that the rows break is an IntegrityError."""
    if connection.dialect.name == "postgresql":
        yield
        for codec in table_codecs():
            key = list(codec.table.primary_key.columns)
            if len(key) == 1 and isinstance(key[0].type, Integer):
                next_id = select(func.coalesce(func.max(key[0]), 0) + 1).scalar_subquery()
                sequence = func.pg_get_serial_sequence(codec.name, key[0].name)
                connection.execute(select(func.setval(sequence, next_id, False)))
        return
    previous = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    tables = [table for table in INDEXED_TABLES if sqlite_has_fts(connection, table)]
    # SQLite's own indexes (of primary keys and UNIQUE constraints) have no SQL and stay.
    archived = {codec.name for codec in table_codecs()}
    indexes = [
        (name, sql)
        for name, table, sql in connection.exec_driver_sql(
            "SELECT name, tbl_name, sql FROM sqlite_master "
            "WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
        )
        if table in archived
    ]
    try:
        connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
        for table in tables:
            for event in ("insert", "update", "delete"):
                connection.exec_driver_sql(f"DROP TRIGGER {fts_table(table)}_{event}")
        for name, _sql in indexes:
            connection.exec_driver_sql(f'DROP INDEX "{name}"')
        yield
        for _name, sql in indexes:
            connection.exec_driver_sql(sql)
        for table in tables:
            create_sqlite_triggers(connection, table)
            fts = fts_table(table)
            connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={previous}")


def _load(connection: Connection, statement: str, rows: list[tuple[Any, ...]]) -> None:
    """Rows given to the driver: PostgreSQL's COPY (an INSERT per row costs a round trip to the
    server each), SQLite's executemany; a broken constraint is an IntegrityError either way."""
    if connection.dialect.name != "postgresql":
        connection.exec_driver_sql(statement, rows)
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    dbapi = connection.dialect.loaded_dbapi
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except dbapi.IntegrityError as error:
        raise IntegrityError(statement, None, error) from error
    except dbapi.DataError as error:
        raise DataError(statement, None, error) from error


def _insert_parts(
    path: Path,
    source: IO[bytes],
    connection: Connection,
    codecs: list[TableCodec],
    total: int,
    progress: Progress | None,
) -> dict[str, int]:
    dialect = connection.dialect
    tables = {codec.name: (codec, codec.reader(dialect), codec.insert(dialect)) for codec in codecs}
    read = dict.fromkeys(tables, 0)
    done = 0
    for part in ijson.items(source, "tables.item"):
        if not isinstance(part, dict) or part.keys() != {"table", "rows"}:
            raise _damaged(path, _("a part is not a table's rows"))
        if part["table"] not in tables or not isinstance(part["rows"], list):
            raise _damaged(path, _("unknown table {table}").format(table=part["table"]))
        codec, reader, statement = tables[part["table"]]
        rows = []
        for number, row in enumerate(part["rows"], start=read[codec.name] + 1):
            try:
                rows.append(reader(row))
            except ArchiveValueError as error:
                where = _("table {table}, row {row}").format(table=codec.name, row=number)
                raise _damaged(path, f"{where}: {error}") from error
        if rows:
            try:
                _load(connection, statement, rows)
            except (IntegrityError, DataError) as error:
                where = _("table {table}").format(table=codec.name)
                raise _damaged(path, f"{where}: {str(error.orig).splitlines()[0]}") from error
        read[codec.name] += len(rows)
        done += len(rows)
        if progress is not None:
            progress(done, total)
    return read


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def read_header(path: Path) -> dict[str, Any]:
    """The archive's header (its top-level values and `counts`), checked: ArchiveError for a
    file that is not an archive, is damaged there, or is of a newer format or another schema;
    OSError when it cannot be read."""
    with path.open("rb") as source:
        header = _read_header(path, source)
    _check_header(path, header, table_codecs())
    return header


def read_archive(
    database: Database, path: Path, progress: Progress | None = None
) -> ArchiveSummary:
    """Import the archive at `path` into `database`, which must be empty (but for its
    installation id, which the archive's replaces), in one transaction.

    `progress(done, total)` is told the rows read after each part. Raises ArchiveError, with
    nothing written, for a damaged file, an archive of a newer format or another schema, or a
    database that already holds data; OSError when the file cannot be read.
    """
    header = read_header(path)
    counts: dict[str, int] = header["counts"]
    codecs = table_codecs()
    with path.open("rb") as source, database.unit_of_work() as session:
        connection = session.connection()
        _take_write_lock(connection, codecs)
        _refuse_non_empty(connection, codecs)
        connection.execute(delete(SETTINGS).where(SETTINGS.c.key == INSTALLATION_KEY))
        try:
            with _bulk_load(connection):
                read = _insert_parts(
                    path, source, connection, codecs, sum(counts.values()), progress
                )
        except ijson.JSONError as error:
            raise _damaged(path, _("it is cut short or its JSON is broken")) from error
        except IntegrityError as error:  # a unique index made again after the rows
            raise _damaged(path, str(error.orig).splitlines()[0]) from error
        if read != counts:
            wrong = sorted(name for name in counts if read[name] != counts[name])
            message = _("it holds another number of rows than its header says in {tables}")
            raise _damaged(path, message.format(tables=", ".join(wrong)))
        installation = connection.execute(
            select(SETTINGS.c.value).where(SETTINGS.c.key == INSTALLATION_KEY)
        ).scalar()
        if installation is None or _json_or_none(installation) != header["installation_id"]:
            raise _damaged(path, _("its settings do not hold its installation id"))
        period_reach.refresh(session, office_settings.load(session).own_partner_id)
    return ArchiveSummary(header["installation_id"], counts)
