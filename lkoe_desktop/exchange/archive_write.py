"""Writing the complete archive: every table, streamed part by part from one consistent snapshot.

The format is described in `archive_tables`. The rows are read from one read transaction (a
snapshot, so that a colleague's change meanwhile never makes the archive inconsistent), a part
at a time, and written to a file beside the target that replaces it only when it is complete.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, Engine, func, select, text

from lkoe_desktop import __version__
from lkoe_desktop.db.engine import Database
from lkoe_desktop.exchange.archive_tables import (
    FORMAT,
    FORMAT_VERSION,
    PART_ROWS,
    SCHEMA_TABLE,
    TableCodec,
    table_codecs,
)
from lkoe_desktop.services.installation import installation_id

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ArchiveSummary:
    """What an archive holds: rows per table, and the installation it is of."""

    installation_id: str
    counts: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection whose every query sees the database as it was at the first one."""
    if engine.dialect.name == "postgresql":
        with (
            engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection,
            connection.begin(),
        ):
            connection.execute(text("SET TRANSACTION READ ONLY"))
            yield connection
        return
    with engine.connect() as connection:
        # pysqlite begins no transaction for a SELECT, so each would see its own moment.
        connection.exec_driver_sql("BEGIN")
        try:
            yield connection
        finally:
            connection.rollback()


# One encoder for every row: `json.dumps` with an option makes a new one at each call.
_encode = json.JSONEncoder(ensure_ascii=False).encode


def _write_part(out: IO[str], codec: TableCodec, rows: list[Any], first: bool) -> None:
    lines = ",\n".join(_encode(codec.to_json(row)) for row in rows)
    out.write(("" if first else ",\n") + f'{{"table": {json.dumps(codec.name)}, "rows": [\n')
    out.write(lines + "\n]}")


def _write_document(
    out: IO[str],
    connection: Connection,
    header: dict[str, Any],
    codecs: list[TableCodec],
    progress: Progress | None,
) -> None:
    out.write("{\n")
    for key, value in header.items():
        out.write(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
    out.write(' "tables": [\n')
    postgresql = connection.dialect.name == "postgresql"
    total, done, first = sum(header["counts"].values()), 0, True
    for codec in codecs:
        statement = select(codec.table).order_by(*codec.order(postgresql))
        result = connection.execution_options(yield_per=PART_ROWS).execute(statement)
        for part in result.partitions():
            _write_part(out, codec, list(part), first)
            first = False
            done += len(part)
            if progress is not None:
                progress(done, total)
    out.write("\n]\n}\n")


def write_archive(
    database: Database, path: Path, progress: Progress | None = None
) -> ArchiveSummary:
    """Write every record of `database` to `path` as one JSON document (see `archive_tables`).

    `progress(done, total)` is told the rows written after each part. The file appears only
    when it is whole: a failure leaves whatever was at `path` before.
    """
    with database.unit_of_work() as session:
        installation = installation_id(session)  # made now if the settings lost it
    codecs = table_codecs()
    with _snapshot(database.engine) as connection:
        counts = {
            codec.name: connection.execute(
                select(func.count()).select_from(codec.table)
            ).scalar_one()
            for codec in codecs
        }
        header = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "exported_at": database.clock.now().isoformat(timespec="microseconds"),
            "installation_id": installation,
            "program_version": __version__,
            "schema_revision": connection.execute(
                text(f"SELECT version_num FROM {SCHEMA_TABLE}")
            ).scalar_one(),
            "counts": counts,
        }
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                _write_document(out, connection, header, codecs, progress)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return ArchiveSummary(installation, counts)
