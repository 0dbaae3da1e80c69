"""Meetings (activities): create, edit, archive, read, list newest first, filter by period."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Meeting, Participation, meeting_themes
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import (
    ON_SIGN_IN_SHEET,
    MeetingKind,
    MeetingStatus,
    ParticipationStatus,
)
from lkoe_desktop.domain.entities import MEETING
from lkoe_desktop.domain.errors import ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.periods import stockholm_midnight
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import (
    StoredRecord,
    all_ids,
    assign,
    check_version,
    checked,
    flush,
    get,
    in_order,
    stored_fields,
    touch,
)
from lkoe_desktop.services.interests import named_themes, replace_themes
from lkoe_desktop.services.keys import meeting_keys, store
from lkoe_desktop.services.order import code_order, ordering
from lkoe_desktop.services.search import matches

# A SELECT of any columns (SQLAlchemy 2.1 types a Select by its column types).
Query = Select[*tuple[Any, ...]]

ENTITY = MEETING.name


STORED = tuple(described.key for described in MEETING.editable if described.key != "theme_ids")


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meeting list; times in Europe/Stockholm.

    `registered_count` counts registered and attended people, `attended_count` attended ones.
    """

    id: int
    title: str
    kind: str
    status: str
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    organiser: str | None
    capacity: int | None
    archived: bool
    registered_count: int
    attended_count: int


@dataclass(frozen=True)
class MeetingRecord(StoredRecord):
    """Everything kept on one meeting; times in Europe/Stockholm."""

    id: int
    title: str
    kind: str
    status: str
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    address: str | None
    online_url: str | None
    organiser: str | None
    capacity: int | None
    description: str | None
    archived: bool
    theme_ids: tuple[int, ...]
    version: int
    created_at: datetime
    updated_at: datetime


def _local(moment: datetime | None) -> datetime | None:
    return None if moment is None else to_stockholm(moment)


def _to_record(record: Meeting) -> MeetingRecord:
    values = {key: getattr(record, key) for key in STORED}
    values["starts_at"] = to_stockholm(record.starts_at)
    values["ends_at"] = _local(record.ends_at)
    values = stored_fields(MeetingRecord, values)
    return MeetingRecord(
        id=record.id,
        archived=record.archived,
        theme_ids=tuple(sorted(theme.id for theme in record.themes)),
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
        **values,
    )


def _clean(values: Mapping[str, object], *, new: bool = False) -> dict[str, object]:
    return checked(MEETING, values, new=new, apart=("theme_ids",))


def _check_period(record: Meeting) -> None:
    if record.ends_at is not None and record.ends_at < record.starts_at:
        raise ValidationError({"ends_at": _("The meeting cannot end before it starts.")})


def _refresh_keys(record: Meeting) -> None:
    store(record, meeting_keys(title=record.title, place=record.place, organiser=record.organiser))


def create_meeting(session: Session, values: Mapping[str, object]) -> MeetingRecord:
    """A new meeting; title, kind and start are required, the status starts as planned."""
    cleaned = _clean({"status": MeetingStatus.PLANNED.value, **values}, new=True)
    themes = named_themes(session, values)
    record = Meeting(archived=False)
    changes = assign(record, cleaned)
    _check_period(record)
    changes |= replace_themes(record, themes)
    _refresh_keys(record)
    touch(session, record, new=True)
    session.add(record)
    session.flush()
    audit.record(session, ENTITY, record.id, audit.CREATE, changes)
    return _to_record(record)


def update_meeting(
    session: Session,
    meeting_id: int,
    values: Mapping[str, object],
    *,
    expected_version: int | None = None,
) -> MeetingRecord:
    """Save changed fields; refuses with ConflictError if someone saved in between."""
    record = get(session, Meeting, meeting_id, _("Meeting"))
    check_version(record, expected_version)
    cleaned = _clean(values)
    themes = named_themes(session, values)
    changes = assign(record, cleaned)
    _check_period(record)
    changes |= replace_themes(record, themes)
    if changes:
        _refresh_keys(record)
        touch(session, record)
        flush(session)
        audit.record(session, ENTITY, record.id, audit.UPDATE, changes)
    return _to_record(record)


def set_meeting_archived(session: Session, meeting_id: int, archived: bool) -> MeetingRecord:
    record = get(session, Meeting, meeting_id, _("Meeting"))
    audit.mark_archived(session, record, ENTITY, archived)
    return _to_record(record)


def get_meeting(session: Session, meeting_id: int) -> MeetingRecord:
    return _to_record(get(session, Meeting, meeting_id, _("Meeting")))


@dataclass(frozen=True)
class MeetingFilter:
    """What the meeting list shows; `starts_from`/`starts_until` are Stockholm dates, inclusive."""

    search: str | None = None
    include_archived: bool = False
    kind: str | None = None
    status: str | None = None
    theme_id: int | None = None
    starts_from: date | None = None
    starts_until: date | None = None


def _filtered(session: Session, statement: Query, where: MeetingFilter) -> Query:
    if not where.include_archived:
        statement = statement.where(Meeting.archived.is_(False))
    if where.kind is not None:
        statement = statement.where(Meeting.kind == where.kind)
    if where.status is not None:
        statement = statement.where(Meeting.status == where.status)
    if where.theme_id is not None:
        statement = statement.where(
            Meeting.id.in_(
                select(meeting_themes.c.meeting_id).where(
                    meeting_themes.c.theme_id == where.theme_id
                )
            )
        )
    if where.starts_from is not None:
        statement = statement.where(Meeting.starts_at >= stockholm_midnight(where.starts_from))
    if where.starts_until is not None:
        next_day = stockholm_midnight(where.starts_until + timedelta(days=1))
        statement = statement.where(Meeting.starts_at < next_day)
    clause = matches(session, Meeting, where.search)
    return statement if clause is None else statement.where(clause)


def _counts() -> tuple[Any, Any]:
    """Registered (including attended) and attended people of each meeting row."""

    def counted(statuses: list[str]) -> Any:
        return (
            select(func.count(Participation.id))
            .where(Participation.meeting_id == Meeting.id, Participation.status.in_(statuses))
            .correlate(Meeting)
            .scalar_subquery()
        )

    return (
        counted([status.value for status in ON_SIGN_IN_SHEET]),
        counted([ParticipationStatus.ATTENDED.value]),
    )


def list_meetings(
    session: Session,
    where: MeetingFilter | None = None,
    *,
    sort: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    ids: Collection[int] | None = None,
) -> list[MeetingRow]:
    """Meetings newest first (by start, then id), with their registered and attended counts.

    The counts are correlated subqueries, so a page of rows costs a page of index look-ups.
    `ids` keeps only those meetings: a window of `meeting_ids`, fetched in the same order. A
    page (`limit`) is found as ids first, then fetched by id: the counts are worked out for
    the page only, unless the list is sorted by one of them.
    """
    if ids is None and limit is not None:
        page = _ordered(session, where, sort, descending, None).with_only_columns(Meeting.id)
        return list_meetings(session, ids=all_ids(session, page.offset(offset).limit(limit)))
    statement = _ordered(session, where, sort, descending, ids).offset(offset).limit(limit)
    rows = []
    for row in session.execute(statement):
        values: list[Any] = list(row)
        values[4], values[5] = to_stockholm(row[4]), _local(row[5])
        values[10], values[11] = int(row[10]), int(row[11])
        rows.append(MeetingRow(*values))
    return in_order(rows, ids)


def meeting_ids(
    session: Session,
    where: MeetingFilter | None = None,
    *,
    sort: str | None = None,
    descending: bool = False,
) -> list[int]:
    """The ids of the whole list, in its order."""
    statement = _ordered(session, where, sort, descending, None).with_only_columns(Meeting.id)
    return all_ids(session, statement)


def _ordered(
    session: Session,
    where: MeetingFilter | None,
    sort: str | None,
    descending: bool,
    ids: Collection[int] | None,
) -> Query:
    registered, attended = _counts()
    statement: Query = select(
        Meeting.id,
        Meeting.title,
        Meeting.kind,
        Meeting.status,
        Meeting.starts_at,
        Meeting.ends_at,
        Meeting.place,
        Meeting.organiser,
        Meeting.capacity,
        Meeting.archived,
        registered,
        attended,
    )
    statement = _filtered(session, statement, where or MeetingFilter())
    sortable = {
        "starts_at": [Meeting.starts_at],
        "title": [Meeting.sort_key],
        "kind": [code_order(Meeting.kind, MeetingKind)],
        "status": [code_order(Meeting.status, MeetingStatus, by_label=False)],
        "place": [Meeting.place_key],
        "registered_count": [registered],
        "attended_count": [attended],
    }
    if ids is not None:
        return statement.where(Meeting.id.in_(list(ids)))
    newest_first = [Meeting.starts_at.desc(), Meeting.id.desc()]
    return statement.order_by(*ordering(sort, descending, sortable, newest_first, Meeting.id))


def count_meetings(session: Session, where: MeetingFilter | None = None) -> int:
    statement = _filtered(session, select(func.count(Meeting.id)), where or MeetingFilter())
    return int(session.execute(statement).scalar_one())


def first_meeting_day(session: Session) -> date | None:
    """The Stockholm date of the earliest meeting (archived too), or None without meetings."""
    first = session.scalar(select(func.min(Meeting.starts_at)))
    return None if first is None else to_stockholm(first).date()
