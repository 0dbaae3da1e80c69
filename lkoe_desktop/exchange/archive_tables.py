"""What the complete archive holds: every table of the models, each column as its raw JSON value.

The archive walks `Base.metadata`, so that a table added to the models is archived without
anyone naming it here. The tables a database holds beside them are derived (`is_derived`):
made by the migrations or rebuilt from the archived rows after an import (the search index,
the funder's report's reach tables). A column whose type
has no JSON form here is refused when the walk is made (`TableCodec.of`), not silently skipped.

The document (`FORMAT_VERSION` 1), one JSON object with the header first:

    {"format": "lkoe-desktop-archive", "format_version": 1, "exported_at": "…",
     "installation_id": "…", "program_version": "…", "schema_revision": "…",
     "counts": {"organisations": 120, …},
     "tables": [{"table": "organisations", "rows": [{"id": 1, "name": "…", …}, …]}, …]}

Each table's rows come in primary-key order, in parts of at most `PART_ROWS` rows (a part is
what a reader holds in memory at once), the tables in an order in which every row's foreign
keys point at rows already read. Values are the columns' own: integers, text, booleans,
dates as `YYYY-MM-DD` and moments as ISO 8601 in UTC with microseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Date, Dialect, Integer, String, Table
from sqlalchemy.sql.elements import ColumnElement

from lkoe_desktop.db.base import Base, UTCDateTime
from lkoe_desktop.db.models import REACH_TABLES
from lkoe_desktop.db.search_index import INDEXED_TABLES, fts_table

FORMAT = "lkoe-desktop-archive"
FORMAT_VERSION = 1
PART_ROWS = 1_000
# The schema's revision lives in the database's own `alembic_version`, which the migrations
# write; the archive says it in its header instead.
SCHEMA_TABLE = "alembic_version"


def is_derived(name: str) -> bool:
    """Whether a table of a database is left out of the archive because the migrations make it
    (`alembic_version`) or an import rebuilds it from the archived rows (SQLite's search
    index over contacts and partners, its FTS5 table and their shadow tables; the funder's
    report's reach tables)."""
    if name == SCHEMA_TABLE or name in REACH_TABLES:
        return True
    return any(name == fts_table(t) or name.startswith(f"{fts_table(t)}_") for t in INDEXED_TABLES)


def archived_tables() -> list[Table]:
    """Every table of the models but the derived ones, each after the tables its foreign keys
    point at."""
    return [table for table in Base.metadata.sorted_tables if table.name not in REACH_TABLES]


class ArchiveValueError(ValueError):
    """A value in an archive that its column cannot hold."""


def _moment_to_json(value: datetime) -> str:
    return value.isoformat(timespec="microseconds")


def _date_to_json(value: date) -> str:
    return value.isoformat()


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ArchiveValueError(f"text expected, found {value!r}")
    return value


def _integer(value: Any) -> int:
    if type(value) is not int:
        raise ArchiveValueError(f"an integer expected, found {value!r}")
    return value


def _boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise ArchiveValueError(f"true or false expected, found {value!r}")
    return value


def _date(value: Any) -> date:
    try:
        return date.fromisoformat(_text(value))
    except ValueError as error:
        raise ArchiveValueError(f"a date expected, found {value!r}") from error


def _moment(value: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(_text(value))
    except ValueError as error:
        raise ArchiveValueError(f"a moment expected, found {value!r}") from error
    if moment.tzinfo is None:
        raise ArchiveValueError(f"a moment without its time zone: {value!r}")
    return moment


@dataclass(frozen=True)
class ColumnCodec:
    """One column: its value as the archive writes it, and read back and checked."""

    column: Column[Any]
    to_json: Callable[[Any], Any] | None  # None: the value is its own JSON form
    from_json: Callable[[Any], Any]

    @classmethod
    def of(cls, column: Column[Any]) -> ColumnCodec:
        kind = column.type
        writes: Callable[[Any], Any] | None = None
        reads: Callable[[Any], Any]
        if isinstance(kind, UTCDateTime):
            writes, reads = _moment_to_json, _moment
        elif isinstance(kind, Boolean):
            reads = _boolean
        elif isinstance(kind, Integer):
            reads = _integer
        elif isinstance(kind, Date):
            writes, reads = _date_to_json, _date
        elif isinstance(kind, String):
            reads = _text
        else:
            raise TypeError(f"the archive has no JSON form for {column} of type {kind!r}")
        return cls(column, writes, reads)

    @property
    def name(self) -> str:
        return self.column.name

    def reader(self, dialect: Dialect) -> Callable[[Any], Any]:
        """An archive value checked and turned into what the database driver is given for it,
        by the column type's own bind processing (as an ORM or Core insert would do)."""
        check, nullable = self.from_json, bool(self.column.nullable)
        bind = self.column.type.dialect_impl(dialect).bind_processor(dialect)

        def read(value: Any) -> Any:
            if value is None:
                if not nullable:
                    raise ArchiveValueError(f"{self.name} must have a value")
                return None
            try:
                checked = check(value)
            except ArchiveValueError as error:
                raise ArchiveValueError(f"{self.name}: {error}") from error
            return checked if bind is None else bind(checked)

        return read


@dataclass(frozen=True)
class TableCodec:
    """One table's rows as archive objects and back."""

    table: Table
    columns: tuple[ColumnCodec, ...]
    names: tuple[str, ...]
    # The columns whose values are not their own JSON form: (position, how to write it).
    conversions: tuple[tuple[int, Callable[[Any], Any]], ...]

    @classmethod
    def of(cls, table: Table) -> TableCodec:
        columns = tuple(ColumnCodec.of(column) for column in table.columns)
        conversions = tuple(
            (index, codec.to_json)
            for index, codec in enumerate(columns)
            if codec.to_json is not None
        )
        return cls(table, columns, tuple(codec.name for codec in columns), conversions)

    @property
    def name(self) -> str:
        return self.table.name

    def order(self, postgresql: bool) -> list[ColumnElement[Any]]:
        """The primary key (or, without one, every column); text compared byte by byte, so
        that both databases give one order whatever the server's locale."""
        keys = list(self.table.primary_key.columns) or list(self.table.columns)
        return [
            key.collate("C") if postgresql and isinstance(key.type, String) else key for key in keys
        ]

    def to_json(self, row: Sequence[Any]) -> dict[str, Any]:
        values = list(row)
        for index, convert in self.conversions:
            if values[index] is not None:
                values[index] = convert(values[index])
        return dict(zip(self.names, values, strict=True))

    def insert(self, dialect: Dialect) -> str:
        """The statement that `reader`'s rows are given to: on PostgreSQL a COPY, elsewhere an
        INSERT in the driver's own parameter style."""
        quote = dialect.identifier_preparer
        table = quote.format_table(self.table)
        names = ", ".join(quote.quote(codec.name) for codec in self.columns)
        if dialect.name == "postgresql":
            return f"COPY {table} ({names}) FROM STDIN"
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        marks = ", ".join(mark for _ in self.columns)
        return f"INSERT INTO {table} ({names}) VALUES ({marks})"

    def reader(self, dialect: Dialect) -> Callable[[Any], tuple[Any, ...]]:
        """An archive row checked, as the parameters of `insert`."""
        columns = tuple((codec.name, codec.reader(dialect)) for codec in self.columns)
        names = frozenset(self.names)

        def read(row: Any) -> tuple[Any, ...]:
            if not isinstance(row, dict):
                raise ArchiveValueError(f"a row must be an object, found {row!r}")
            if row.keys() != names:
                raise ArchiveValueError(f"the row's columns {sorted(row)} are not {sorted(names)}")
            return tuple([value(row[name]) for name, value in columns])

        return read


def table_codecs() -> list[TableCodec]:
    return [TableCodec.of(table) for table in archived_tables()]
