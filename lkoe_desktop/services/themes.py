"""Themes (the subjects the cluster works on): create, edit, archive, read, list and search."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Contact, Theme
from lkoe_desktop.domain.entities import THEME
from lkoe_desktop.domain.errors import DuplicateError, ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import (
    StoredRecord,
    all_ids,
    assign,
    check_version,
    checked,
    flush,
    get,
    gone,
    in_order,
    stored_fields,
    touch,
)
from lkoe_desktop.services.keys import store, theme_keys
from lkoe_desktop.services.order import ordering
from lkoe_desktop.services.search import matches

# A SELECT of any columns (SQLAlchemy 2.1 types a Select by its column types).
Query = Select[*tuple[Any, ...]]

ENTITY = THEME.name


STORED = tuple(described.key for described in THEME.editable)


@dataclass(frozen=True)
class ThemeRow:
    """One line of the theme list; `responsible` is the person's "First Last"."""

    id: int
    name: str
    description: str | None
    colour: str | None
    responsible_id: int | None
    responsible: str | None
    active_from: date | None
    active_until: date | None
    archived: bool


@dataclass(frozen=True)
class ThemeRecord(StoredRecord):
    """Everything kept on one theme."""

    id: int
    name: str
    description: str | None
    colour: str | None
    responsible_id: int | None
    responsible: str | None
    active_from: date | None
    active_until: date | None
    archived: bool
    version: int
    created_at: datetime
    updated_at: datetime


def _to_record(session: Session, record: Theme) -> ThemeRecord:
    person = None if record.responsible_id is None else session.get(Contact, record.responsible_id)
    return ThemeRecord(
        id=record.id,
        responsible=f"{person.first_name} {person.last_name}" if person else None,
        archived=record.archived,
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
        **stored_fields(ThemeRecord, {key: getattr(record, key) for key in STORED}),
    )


def _clean(values: Mapping[str, object], *, new: bool = False) -> dict[str, object]:
    return checked(THEME, values, new=new)


def _check(session: Session, record: Theme) -> None:
    """Rules that span fields or records: the period, the responsible person, a unique name."""
    if record.active_from and record.active_until and record.active_until < record.active_from:
        raise ValidationError(
            {"active_until": _("The end date must not be before the start date.")}
        )
    if record.responsible_id is not None and session.get(Contact, record.responsible_id) is None:
        raise ValidationError({"responsible_id": gone(Contact)})
    clash = session.scalar(
        select(Theme).where(Theme.sort_key == record.sort_key, Theme.id != (record.id or 0))
    )
    if clash is not None:
        raise ValidationError(
            {"name": _("There is already a theme named “{name}”.").format(name=clash.name)}
        )


def _refresh_keys(record: Theme) -> None:
    store(record, theme_keys(name=record.name, description=record.description))


def _flush(session: Session) -> None:
    try:
        flush(session)
    except IntegrityError as error:
        if "name" in str(error.orig).lower():
            raise DuplicateError(_("There is already a theme with that name.")) from error
        raise


def create_theme(session: Session, values: Mapping[str, object]) -> ThemeRecord:
    cleaned = _clean(values)
    if "name" not in cleaned:
        raise ValidationError({"name": _("A name is required.")})
    record = Theme(archived=False)
    changes = assign(record, cleaned)
    _refresh_keys(record)
    with session.no_autoflush:
        _check(session, record)
    touch(session, record, new=True)
    session.add(record)
    _flush(session)
    audit.record(session, ENTITY, record.id, audit.CREATE, changes)
    return _to_record(session, record)


def update_theme(
    session: Session,
    theme_id: int,
    values: Mapping[str, object],
    *,
    expected_version: int | None = None,
) -> ThemeRecord:
    """Save changed fields; refuses with ConflictError if someone saved in between."""
    record = get(session, Theme, theme_id, _("Theme"))
    check_version(record, expected_version)
    cleaned = _clean(values)
    with session.no_autoflush:
        changes = assign(record, cleaned)
        if not changes:
            return _to_record(session, record)
        _refresh_keys(record)
        _check(session, record)
    touch(session, record)
    _flush(session)
    audit.record(session, ENTITY, record.id, audit.UPDATE, changes)
    return _to_record(session, record)


def set_theme_archived(session: Session, theme_id: int, archived: bool) -> ThemeRecord:
    record = get(session, Theme, theme_id, _("Theme"))
    audit.mark_archived(session, record, ENTITY, archived)
    return _to_record(session, record)


def get_theme(session: Session, theme_id: int) -> ThemeRecord:
    return _to_record(session, get(session, Theme, theme_id, _("Theme")))


@dataclass(frozen=True)
class ThemeFilter:
    """What the theme list shows: a search, and archived themes or not."""

    search: str | None = None
    include_archived: bool = False


def _filtered(session: Session, statement: Query, where: ThemeFilter) -> Query:
    if not where.include_archived:
        statement = statement.where(Theme.archived.is_(False))
    clause = matches(session, Theme, where.search)
    return statement if clause is None else statement.where(clause)


def list_themes(
    session: Session,
    where: ThemeFilter | None = None,
    *,
    sort: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    ids: Collection[int] | None = None,
) -> list[ThemeRow]:
    """Themes in Swedish order by name, then id (or by the column `sort`); `ids`: only those."""
    statement = _ordered(session, where, sort, descending, ids).offset(offset).limit(limit)
    rows = [
        ThemeRow(
            id=row.id,
            name=row.name,
            description=row.description,
            colour=row.colour,
            responsible_id=row.responsible_id,
            responsible=f"{row.first_name} {row.last_name}" if row.responsible_id else None,
            active_from=row.active_from,
            active_until=row.active_until,
            archived=row.archived,
        )
        for row in session.execute(statement)
    ]
    return in_order(rows, ids)


def theme_ids(
    session: Session,
    where: ThemeFilter | None = None,
    *,
    sort: str | None = None,
    descending: bool = False,
) -> list[int]:
    """The ids of the whole list, in its order."""
    statement = _ordered(session, where, sort, descending, None).with_only_columns(Theme.id)
    return all_ids(session, statement)


def _ordered(
    session: Session,
    where: ThemeFilter | None,
    sort: str | None,
    descending: bool,
    ids: Collection[int] | None,
) -> Query:
    statement: Query = select(
        Theme.id,
        Theme.name,
        Theme.description,
        Theme.colour,
        Theme.responsible_id,
        Contact.first_name,
        Contact.last_name,
        Theme.active_from,
        Theme.active_until,
        Theme.archived,
    ).outerjoin(Contact, Contact.id == Theme.responsible_id)
    statement = _filtered(session, statement, where or ThemeFilter())
    # The responsible person is shown as "First Last", so sorts by first name.
    sortable = {
        "name": [Theme.sort_key],
        "description": [Theme.description_key],
        "responsible": [Contact.first_name_key],
        "active_from": [Theme.active_from],
        "active_until": [Theme.active_until],
    }
    if ids is not None:
        return statement.where(Theme.id.in_(list(ids)))
    terms = ordering(sort, descending, sortable, [Theme.sort_key, Theme.id], Theme.id)
    return statement.order_by(*terms)


def count_themes(session: Session, where: ThemeFilter | None = None) -> int:
    statement = _filtered(session, select(func.count(Theme.id)), where or ThemeFilter())
    return int(session.execute(statement).scalar_one())
