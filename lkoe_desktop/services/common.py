"""Helpers every service shares: the session's clock and user, lookups, versions, changes."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from lkoe_desktop.db.base import Base
from lkoe_desktop.domain.errors import ConflictError, NotFoundError
from lkoe_desktop.domain.fields import Entity
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _

ModelT = TypeVar("ModelT", bound=Base)
RowT = TypeVar("RowT")
# A select of any number of columns (SQLAlchemy 2.1 types `Select[Any]` as one column).
Query = Select[*tuple[Any, ...]]
# The ids a table can hold: id columns are INTEGER, 32 bits on PostgreSQL, which refuses to
# compare them with a larger number (and SQLite anything beyond 64 bits).
SMALLEST_ID, LARGEST_ID = -(2**31), 2**31 - 1


def now(session: Session) -> datetime:
    """The time of the session's clock (set by `Database`; tests fix it)."""
    return session.info["clock"].now()


def today(session: Session) -> date:
    from lkoe_desktop.domain.clock import to_stockholm

    return to_stockholm(now(session)).date()


def user(session: Session) -> str:
    return str(session.info.get("user", ""))


# What the window says when a record it showed has gone, by table; it never shows ids.
_GONE = {
    "organisations": N_("The partner no longer exists (someone else may have deleted it)."),
    "contacts": N_("The contact no longer exists (someone else may have deleted it)."),
    "themes": N_("The theme no longer exists (someone else may have deleted it)."),
    "groups": N_("The group no longer exists (someone else may have deleted it)."),
    "group_memberships": N_(
        "The person is no longer a member of the group (someone else may have removed them)."
    ),
    "meetings": N_("The meeting no longer exists (someone else may have deleted it)."),
    "participations": N_(
        "The person is no longer on the meeting's list (someone else may have removed them)."
    ),
}
_RECORD_GONE = N_("The record no longer exists (someone else may have deleted it).")


def gone(model: type[Base]) -> str:
    """The window's message for a record of `model` that no longer exists, without its id."""
    return _(_GONE.get(model.__tablename__, _RECORD_GONE))


def not_found(model: type[Base], record_id: int, what: str) -> NotFoundError:
    """The error for an unknown id: the window says what has gone, the command line repeats
    the id it was given ("Möte 99 finns inte.")."""
    return NotFoundError(
        gone(model), _("{what} {id} does not exist.").format(what=what, id=record_id)
    )


def get(session: Session, model: type[ModelT], record_id: int, what: str) -> ModelT:
    """The record with this id, or a NotFoundError that names what was looked for (also for
    an id no database can hold, such as one typed with too many digits)."""
    record = session.get(model, record_id) if SMALLEST_ID <= record_id <= LARGEST_ID else None
    if record is None:
        raise not_found(model, record_id, what)
    return record


def _conflict() -> ConflictError:
    return ConflictError(
        _(
            "Someone else saved this record after you opened it. Reload it to see their "
            "changes, or keep editing and save again to overwrite them."
        )
    )


def check_version(record: Any, expected: int | None) -> None:
    """Refuse to save over a record that someone else has saved since it was read."""
    if expected is not None and record.version != expected:
        raise _conflict()


def flush(session: Session) -> None:
    """Write pending changes now; a record another transaction saved meanwhile is a conflict.

    The version check in the UPDATE itself catches a save that lands between reading a record
    and writing it, which `check_version` cannot see.
    """
    try:
        session.flush()
    except StaleDataError as error:
        raise _conflict() from error


# A session's `info` may hold this: a function saying the ids being read are no longer wanted.
SUPERSEDED = "superseded"
IDS_PER_CHUNK = 10_000


class Superseded(Exception):
    """A read nobody waits for any more was stopped part-way."""


def all_ids(session: Session, statement: Select[Any]) -> list[int]:
    """The first column of every row of `statement`: the ids of a whole list, in its order.

    Taken from the driver's cursor once SQLAlchemy has run the statement: for the 100 000
    contacts that is half the time of SQLAlchemy's rows, and little of it holds the
    interpreter lock that the window needs while a list is counted in the background. Between
    chunks of rows, `session.info[SUPERSEDED]` (if set) is asked whether the ids are still
    wanted; if not, `Superseded` is raised and the rest is never read.
    """
    superseded = session.info.get(SUPERSEDED)
    result = session.connection().execute(statement)
    try:
        ids: list[int] = []
        while chunk := result.cursor.fetchmany(IDS_PER_CHUNK):
            ids += [row[0] for row in chunk]
            if superseded is not None and superseded():
                raise Superseded
        return ids
    finally:
        result.close()


def in_order(rows: list[RowT], ids: Collection[int] | None) -> list[RowT]:
    """`rows` in the order of `ids` (when given): rows fetched by id come back unordered."""
    if ids is None:
        return rows
    position = {record_id: index for index, record_id in enumerate(ids)}
    return sorted(rows, key=lambda row: position[row.id])  # type: ignore[attr-defined]


def plain(value: object) -> object:
    """A value as the change log stores it (JSON-friendly)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple | list):
        return sorted(plain(v) for v in value)  # type: ignore[type-var]
    return value


def assign(record: Any, values: Mapping[str, object]) -> dict[str, list[object]]:
    """Set the fields that differ; returns {field: [old, new]} for the change log."""
    changes: dict[str, list[object]] = {}
    for field, new in values.items():
        old = getattr(record, field)
        if old != new:
            changes[field] = [plain(old), plain(new)]
            setattr(record, field, new)
    return changes


def touch(session: Session, record: Any, *, new: bool = False) -> None:
    """Stamp created/updated times and the first version from the session's clock.

    A record changed only in its links (its themes) is still written, so that it gets a new
    version even when the clock shows the same time as at its last save.
    """
    moment = now(session)
    if new:
        record.created_at = moment
        record.version = 1
    record.updated_at = moment
    if not new:
        flag_modified(record, "updated_at")


def ids_exist(session: Session, model: type[ModelT], ids: Iterable[int], what: str) -> list[ModelT]:
    wanted = sorted(set(ids))
    if not wanted:
        return []
    found = list(session.scalars(select(model).where(model.id.in_(wanted))))  # type: ignore[attr-defined]
    missing = set(wanted) - {record.id for record in found}  # type: ignore[attr-defined]
    if missing:
        raise not_found(model, min(missing), what)
    return found


def checked(
    entity: Entity,
    values: Mapping[str, object],
    *,
    new: bool = False,
    apart: Collection[str] = (),
) -> dict[str, object]:
    """`values` checked and cleaned as the entity's description says; the keys in `apart` are
    the caller's to handle (themes, an employer) and are left out. A key the description does
    not know as editable is a programming error."""
    unknown = set(values) - {described.key for described in entity.editable}
    if unknown:
        raise ValueError(f"unknown {entity.name} fields: {sorted(unknown)}")
    return entity.clean({key: value for key, value in values.items() if key not in apart}, new=new)


@dataclasses.dataclass(frozen=True)
class StoredRecord:
    """A record as a form reads it: the stored fields its class names are typed attributes; a
    field described since (in `domain.entities`, on the model, not yet named here) is read by
    name too, from `more`, so that it needs no line of its own in the record's class."""

    more: Mapping[str, object] = dataclasses.field(default_factory=dict, kw_only=True, repr=False)

    def __getattr__(self, name: str) -> Any:
        more = self.__dict__.get("more", {})
        if name in more:
            return more[name]
        raise AttributeError(name)


def stored_fields(record_class: type[StoredRecord], values: Mapping[str, object]) -> dict[str, Any]:
    """`values` as keyword arguments of `record_class`: those it names, the rest as `more`."""
    named = {described.name for described in dataclasses.fields(record_class)}
    more = {key: value for key, value in values.items() if key not in named}
    return {**{key: value for key, value in values.items() if key in named}, "more": more}
