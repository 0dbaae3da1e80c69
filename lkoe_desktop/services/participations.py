"""Who takes part in a meeting: invite, register, check in, roles, represented organisation.

The organisation a person represented is taken from their current affiliation when the
participation is created and is kept afterwards, whatever jobs they take later. Dietary needs
are health data: they never enter the change log and are cleared some days after the meeting.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Affiliation, Contact, Meeting, Organisation, Participation
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import ON_SIGN_IN_SHEET, ParticipationStatus, Role
from lkoe_desktop.domain.entities import PARTICIPATION
from lkoe_desktop.domain.errors import DuplicateError, ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import (
    all_ids,
    assign,
    check_version,
    checked,
    flush,
    get,
    ids_exist,
    in_order,
    now,
    plain,
    touch,
)
from lkoe_desktop.services.keys import participation_keys, store
from lkoe_desktop.services.order import code_order, ordering
from lkoe_desktop.services.search import matches

# A SELECT of any columns (SQLAlchemy 2.1 types a Select by its column types).
Query = Select[*tuple[Any, ...]]

ENTITY = PARTICIPATION.name
# What can change on a participation; the meeting and the person are for good.
CHANGEABLE = ("status", "role", "dietary_needs", "note", "organisation_id")
# What the change log shows instead of dietary needs.
HIDDEN = "<hidden>"

_LOGGED_ON_CREATE = ("meeting_id", "contact_id", "organisation_id", "status", "role", "note")


@dataclass(frozen=True)
class ParticipantRow:
    """A person on a meeting's list; the organisation is the one they represented there."""

    id: int
    meeting_id: int
    contact_id: int
    first_name: str
    last_name: str
    email: str | None
    organisation_id: int | None
    organisation: str | None
    status: str
    role: str
    dietary_needs: str | None
    note: str | None
    checked_in_at: datetime | None


def _participants() -> Query:
    return (
        select(
            Participation.id,
            Participation.meeting_id,
            Participation.contact_id,
            Contact.first_name,
            Contact.last_name,
            Contact.email,
            Participation.organisation_id,
            Organisation.name,
            Participation.status,
            Participation.role,
            Participation.dietary_needs,
            Participation.note,
            Participation.checked_in_at,
        )
        .join(Contact, Contact.id == Participation.contact_id)
        .outerjoin(Organisation, Organisation.id == Participation.organisation_id)
    )


def _to_rows(result: Iterable[Any]) -> list[ParticipantRow]:
    rows = []
    for row in result:
        values: list[Any] = list(row)
        values[-1] = None if row[-1] is None else to_stockholm(row[-1])
        rows.append(ParticipantRow(*values))
    return rows


def _rows(session: Session, participation_ids: Iterable[int]) -> list[ParticipantRow]:
    statement = _participants().where(Participation.id.in_(list(participation_ids)))
    return _to_rows(session.execute(statement.order_by(Contact.sort_key, Participation.id)))


def get_participant(session: Session, participation_id: int) -> ParticipantRow:
    get(session, Participation, participation_id, _("Participation"))
    return _rows(session, [participation_id])[0]


def participation_version(session: Session, participation_id: int) -> int:
    """The participation's version, to refuse saving over someone else's later change."""
    return get(session, Participation, participation_id, _("Participation")).version


def _flush(session: Session) -> None:
    try:
        flush(session)
    except IntegrityError as error:
        if "meeting_contact" in str(error.orig).lower():
            raise DuplicateError(_("The person is already on this meeting's list.")) from error
        raise


def _refuse_archived(people: Iterable[Contact]) -> None:
    for person in people:
        if person.archived:
            raise ValidationError(
                {
                    "contact_id": _("{name} is archived and cannot take part.").format(
                        name=f"{person.first_name} {person.last_name}"
                    )
                }
            )


def _current_organisations(session: Session, contact_ids: list[int]) -> dict[int, int]:
    """Each person's organisation now (their current affiliation), by contact id."""
    if not contact_ids:
        return {}
    found = session.execute(
        select(Affiliation.contact_id, Affiliation.organisation_id).where(
            Affiliation.is_current, Affiliation.contact_id.in_(contact_ids)
        )
    )
    return {contact_id: organisation_id for contact_id, organisation_id in found}


def refresh_keys(record: Participation) -> None:
    """Recompute the keys of the dietary needs and the note, after either has changed."""
    store(record, participation_keys(dietary_needs=record.dietary_needs, note=record.note))


def _hide_dietary_needs(changes: dict[str, list[object]]) -> dict[str, list[object]]:
    if "dietary_needs" in changes:
        changes["dietary_needs"] = [HIDDEN if value else None for value in changes["dietary_needs"]]
    return changes


def _create(
    session: Session, meeting: Meeting, values_by_contact: Mapping[int, Mapping[str, Any]]
) -> list[int]:
    """New participations, logged; without an organisation_id, the person's current one."""
    current = _current_organisations(session, list(values_by_contact))
    records = []
    for contact_id, values in values_by_contact.items():
        fields = {"role": Role.PARTICIPANT.value, **values}
        if fields.get("organisation_id") is None:
            fields["organisation_id"] = current.get(contact_id)
        record = Participation(meeting_id=meeting.id, contact_id=contact_id, **fields)
        refresh_keys(record)
        touch(session, record, new=True)
        session.add(record)
        records.append(record)
    _flush(session)
    for record in records:
        changes: dict[str, list[object]] = {
            field: [None, plain(getattr(record, field))]
            for field in _LOGGED_ON_CREATE
            if getattr(record, field) is not None
        }
        if record.dietary_needs:
            changes["dietary_needs"] = [None, HIDDEN]
        audit.record(session, ENTITY, record.id, audit.CREATE, changes)
    return [record.id for record in records]


def invite(session: Session, meeting_id: int, contact_ids: Iterable[int]) -> list[ParticipantRow]:
    """Put people on the list as invited; returns the new rows (those already there are kept)."""
    meeting = get(session, Meeting, meeting_id, _("Meeting"))
    people = ids_exist(session, Contact, contact_ids, _("Contact"))
    _refuse_archived(people)
    already = set(
        session.scalars(
            select(Participation.contact_id).where(
                Participation.meeting_id == meeting.id,
                Participation.contact_id.in_([person.id for person in people]),
            )
        )
    )
    invited = {"status": ParticipationStatus.INVITED.value}
    newcomers = {person.id: invited for person in people if person.id not in already}
    return _rows(session, _create(session, meeting, newcomers))


def register(
    session: Session,
    meeting_id: int,
    contact_id: int,
    *,
    role: str = Role.PARTICIPANT.value,
    dietary_needs: str | None = None,
    note: str | None = None,
    organisation_id: int | None = None,
) -> ParticipantRow:
    """Register a person: a new participation, or an existing one moved to registered.

    On an existing participation the role is set as given; dietary needs, note and the
    represented organisation change only when given. A person already checked in (attended)
    stays attended, so registering again never undoes a check-in.
    """
    meeting = get(session, Meeting, meeting_id, _("Meeting"))
    person = get(session, Contact, contact_id, _("Contact"))
    _refuse_archived([person])
    given: dict[str, object] = {"role": role, "dietary_needs": dietary_needs, "note": note}
    if organisation_id is not None:
        given["organisation_id"] = organisation_id
    values = _clean(session, given)
    values["status"] = ParticipationStatus.REGISTERED.value
    record = session.scalar(
        select(Participation).where(
            Participation.meeting_id == meeting.id, Participation.contact_id == person.id
        )
    )
    if record is None:
        return _rows(session, _create(session, meeting, {person.id: values}))[0]
    if record.status == ParticipationStatus.ATTENDED.value:
        del values["status"]
    _apply(session, record, {field: value for field, value in values.items() if value is not None})
    _flush(session)
    return _rows(session, [record.id])[0]


def _clean(session: Session, values: Mapping[str, object]) -> dict[str, Any]:
    unknown = set(values) - set(CHANGEABLE)
    if unknown:
        raise ValueError(f"participation fields that cannot change: {sorted(unknown)}")
    cleaned: dict[str, Any] = checked(PARTICIPATION, values, apart=("organisation_id",))
    if "organisation_id" in values:
        cleaned["organisation_id"] = _organisation_id(session, values["organisation_id"])
    return cleaned


def _organisation_id(session: Session, value: object) -> int | None:
    if value is None:
        return None
    return get(session, Organisation, int(value), _("Partner")).id  # type: ignore[call-overload]


def _apply(session: Session, record: Participation, values: Mapping[str, object]) -> None:
    """Set changed fields and log them; the caller flushes.

    Becoming attended stamps the check-in time if there is none; leaving attended (an undone
    or mistaken check-in) clears it, so a later check-in gets its own time.
    """
    changes = assign(record, values)
    if "status" in changes and "checked_in_at" not in values:
        attended = record.status == ParticipationStatus.ATTENDED.value
        if attended and record.checked_in_at is None:
            changes |= assign(record, {"checked_in_at": now(session)})
        elif not attended:
            changes |= assign(record, {"checked_in_at": None})
    if changes:
        refresh_keys(record)
        touch(session, record)
        audit.record(session, ENTITY, record.id, audit.UPDATE, _hide_dietary_needs(changes))


def update_participation(
    session: Session,
    participation_id: int,
    values: Mapping[str, object],
    *,
    expected_version: int | None = None,
) -> ParticipantRow:
    """Change status, role, dietary needs, note or represented organisation (None clears it)."""
    record = get(session, Participation, participation_id, _("Participation"))
    check_version(record, expected_version)
    _apply(session, record, _clean(session, values))
    _flush(session)
    return _rows(session, [record.id])[0]


def set_status(
    session: Session, participation_id: int, status: str, *, expected_version: int | None = None
) -> ParticipantRow:
    return update_participation(
        session, participation_id, {"status": status}, expected_version=expected_version
    )


def set_statuses(
    session: Session, participation_ids: Iterable[int], status: str
) -> list[ParticipantRow]:
    """Give many participations one status; an unknown id changes nothing."""
    records = ids_exist(session, Participation, participation_ids, _("Participation"))
    values = _clean(session, {"status": status})
    for record in records:
        _apply(session, record, values)
    _flush(session)
    return _rows(session, [record.id for record in records])


def put_back_status(
    session: Session, record: Participation, status: str, checked_in_at: datetime | None
) -> None:
    """Give a participation back the status and check-in time it had (undoing a change);
    logged like any change."""
    _apply(session, record, {"status": status, "checked_in_at": checked_in_at})
    _flush(session)


def set_role(session: Session, participation_id: int, role: str) -> ParticipantRow:
    return update_participation(session, participation_id, {"role": role})


def set_represented_organisation(
    session: Session, participation_id: int, organisation_id: int | None
) -> ParticipantRow:
    """Correct the organisation a person represented at the meeting (None: none)."""
    return update_participation(session, participation_id, {"organisation_id": organisation_id})


def remove(session: Session, participation_id: int) -> None:
    """Take a person off a meeting's list altogether (cancelling keeps them on it)."""
    remove_records(session, [get(session, Participation, participation_id, _("Participation"))])


def remove_records(session: Session, records: Iterable[Participation]) -> None:
    """Take participations off their lists, each logged as a deletion; a record someone else
    changed meanwhile is a conflict and nothing is removed."""
    for record in records:
        changes = {field: [plain(getattr(record, field)), None] for field in _LOGGED_ON_CREATE}
        audit.record(session, ENTITY, record.id, audit.DELETE, changes)
        session.delete(record)
    flush(session)


def _filtered(
    session: Session,
    statement: Query,
    meeting_id: int | None,
    statuses: Iterable[str] | None,
    search: str | None,
) -> Query:
    if meeting_id is not None:
        get(session, Meeting, meeting_id, _("Meeting"))
        statement = statement.where(Participation.meeting_id == meeting_id)
    if statuses is not None:
        statement = statement.where(Participation.status.in_(list(statuses)))
    found = [matches(session, model, search) for model in (Contact, Organisation)]
    clauses = [clause for clause in found if clause is not None]
    return statement.where(or_(*clauses)) if clauses else statement


def list_participants(
    session: Session,
    meeting_id: int | None = None,
    *,
    statuses: Iterable[str] | None = None,
    search: str | None = None,
    sort: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    ids: Collection[int] | None = None,
) -> list[ParticipantRow]:
    """Participations in Swedish order by last name, first name, then id (or by `sort`).

    `ids` keeps only those participations, fetched in the same order.
    """
    if ids is not None:  # a window of rows already filtered and ordered: look them up by id
        statement = _participants().where(Participation.id.in_(list(ids)))
        return in_order(_to_rows(session.execute(statement)), ids)
    statement = _ordered(session, meeting_id, statuses, search, sort, descending)
    return _to_rows(session.execute(statement.offset(offset).limit(limit)))


def participant_ids(
    session: Session,
    meeting_id: int | None = None,
    *,
    statuses: Iterable[str] | None = None,
    search: str | None = None,
    sort: str | None = None,
    descending: bool = False,
) -> list[int]:
    """The ids of the whole list, in its order."""
    statement = _ordered(session, meeting_id, statuses, search, sort, descending)
    return all_ids(session, statement.with_only_columns(Participation.id))


def _ordered(
    session: Session,
    meeting_id: int | None,
    statuses: Iterable[str] | None,
    search: str | None,
    sort: str | None,
    descending: bool,
) -> Query:
    statement = _filtered(session, _participants(), meeting_id, statuses, search)
    sortable = {
        "last_name": [Contact.sort_key],
        "first_name": [Contact.first_name_key],
        "organisation": [Organisation.sort_key],
        "status": [code_order(Participation.status, ParticipationStatus, by_label=False)],
        "role": [code_order(Participation.role, Role, by_label=False)],
        "dietary_needs": [Participation.dietary_needs_key],
        "note": [Participation.note_key],
        "checked_in_at": [Participation.checked_in_at],
    }
    default = [Contact.sort_key, Participation.id]
    return statement.order_by(*ordering(sort, descending, sortable, default, Participation.id))


def count_participants(
    session: Session,
    meeting_id: int | None = None,
    *,
    statuses: Iterable[str] | None = None,
    search: str | None = None,
) -> int:
    statement = select(func.count(Participation.id)).join(
        Contact, Contact.id == Participation.contact_id
    )
    statement = statement.outerjoin(Organisation, Organisation.id == Participation.organisation_id)
    statement = _filtered(session, statement, meeting_id, statuses, search)
    return int(session.execute(statement).scalar_one())


def status_counts(session: Session, meeting_id: int) -> dict[ParticipationStatus, int]:
    """How many people the meeting's list has in each status (every status, zeros included)."""
    counted: dict[str, int] = {
        status: count
        for status, count in session.execute(
            select(Participation.status, func.count(Participation.id))
            .where(Participation.meeting_id == meeting_id)
            .group_by(Participation.status)
        )
    }
    return {status: int(counted.get(status.value, 0)) for status in ParticipationStatus}


def capacity_left(session: Session, meeting_id: int) -> int | None:
    """Places left (negative when overbooked), or None for a meeting without a capacity."""
    meeting = get(session, Meeting, meeting_id, _("Meeting"))
    if meeting.capacity is None:
        return None
    taken = session.scalar(
        select(func.count(Participation.id)).where(
            Participation.meeting_id == meeting.id,
            Participation.status.in_([status.value for status in ON_SIGN_IN_SHEET]),
        )
    )
    return meeting.capacity - int(taken or 0)
