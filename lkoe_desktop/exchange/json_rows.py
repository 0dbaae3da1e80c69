"""Service rows as JSON-ready flat dicts: codes as codes, times in Stockholm with their offset."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.domain.fields import Entity, Field, Kind

JsonValue = None | bool | int | float | str | list[Any] | dict[str, Any]


def json_value(value: object) -> JsonValue:
    """One value as JSON holds it.

    An aware datetime becomes ISO 8601 in Europe/Stockholm with its offset
    (`2026-03-31T23:30:00+02:00`), a date `YYYY-MM-DD`, an enumerated code its English code;
    text, numbers, booleans and None pass through; sequences, dicts and nested dataclass rows
    are converted item by item. A naive datetime is refused: it does not say which moment it is.
    """
    if isinstance(value, Enum):
        return json_value(value.value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} has no time zone")
        return value.astimezone(STOCKHOLM).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return json_row(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def json_row(row: object) -> dict[str, JsonValue]:
    """A dataclass row as a dict of its fields, keyed by field name, values as JSON holds them."""
    if not dataclasses.is_dataclass(row) or isinstance(row, type):
        raise TypeError(f"expected a dataclass row, got {type(row).__name__}")
    return {field.name: json_value(getattr(row, field.name)) for field in dataclasses.fields(row)}


def json_rows(rows: Iterable[object]) -> list[dict[str, JsonValue]]:
    return [json_row(row) for row in rows]


def dumps(rows: Iterable[object]) -> str:
    """Rows as a JSON array of flat objects, non-ASCII letters kept as they are."""
    return json.dumps(json_rows(rows), ensure_ascii=False, indent=2)


def field_value(described: Field, value: object) -> JsonValue:
    """A field's value as a list's JSON holds it: as stored, but a municipality by its name."""
    if described.kind == Kind.MUNICIPALITY and value:
        return described.display(value)
    return json_value(value)


def listed_row(entity: Entity, row: Any) -> dict[str, JsonValue]:
    """One row of a list as PRODUCT.md's JSON has it: `id`, then each field the entity's
    description gives a JSON key and the row carries, under that key."""
    found: dict[str, JsonValue] = {"id": json_value(row.id)}
    for described in entity.fields:
        key = described.json_key
        if key and hasattr(row, described.key):
            found[key] = field_value(described, getattr(row, described.key))
    return found


def dumps_listed(entity: Entity, rows: Iterable[object]) -> str:
    """A list's rows as a JSON array of flat objects, non-ASCII letters kept as they are."""
    return json.dumps([listed_row(entity, row) for row in rows], ensure_ascii=False, indent=2)
