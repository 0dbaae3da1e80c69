"""Many rows into one table in one driver call, for an import's tens of thousands of records.

SQLAlchemy's own executemany processes every parameter of every row through its compiled
statement (2–3 times the database's own time for 100 000 rows); here each column's value is
converted by the column's type as SQLAlchemy would convert it, once per distinct value in a
row after row (stamps repeat), and the rows go to the driver's `executemany` as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table


def _placeholder(paramstyle: str, name: str, position: int) -> str:
    return {
        "qmark": "?",
        "format": "%s",
        "pyformat": f"%({name})s",
        "named": f":{name}",
        "numeric": f":{position}",
    }[paramstyle]


def bulk_insert(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert `rows` (each with the same keys, column names of `table`) into `table`."""
    if not rows:
        return
    dialect = connection.dialect
    names = list(rows[0])
    columns = [table.c[name] for name in names]
    style = dialect.paramstyle
    named = style in ("pyformat", "named")
    seen: dict[int, tuple[object, object]] = {}

    def _converted(process: Callable[[Any], Any], value: object, position: int) -> object:
        """The value as the driver takes it; the last value of a column is remembered."""
        last = seen.get(position)
        if last is not None and last[0] is value:
            return last[1]
        result = process(value)
        seen[position] = (value, result)
        return result

    marks = ", ".join(_placeholder(style, name, n) for n, name in enumerate(names, start=1))
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})"
    converting = [
        (position, process)
        for position, column in enumerate(columns)
        if (process := column.type.bind_processor(dialect)) is not None
    ]
    values_of = itemgetter(*names)
    parameters: list[Any] = []
    for row in rows:
        values = values_of(row)
        values = list(values) if len(names) > 1 else [values]
        for position, process in converting:
            value = values[position]
            if value is not None:
                values[position] = _converted(process, value, position)
        parameters.append(dict(zip(names, values, strict=True)) if named else tuple(values))
    connection.exec_driver_sql(sql, parameters)
