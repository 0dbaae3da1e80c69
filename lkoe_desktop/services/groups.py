"""Groups (Styrgrupp, Nyhetsbrev, reference groups) and their members with roles and dates."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Affiliation, Contact, Group, GroupMembership, Organisation
from lkoe_desktop.domain import validation as v
from lkoe_desktop.domain.entities import GROUP
from lkoe_desktop.domain.entities import MEMBERSHIP as MEMBERSHIP_ENTITY
from lkoe_desktop.domain.errors import DuplicateError, ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.text import search_needle, sort_key
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import assign, check_version, checked, get, plain, today, touch

# A SELECT of any columns (SQLAlchemy 2.1 types a Select by its column types).
Query = Select[*tuple[Any, ...]]

ENTITY = GROUP.name
MEMBERSHIP = MEMBERSHIP_ENTITY.name


@dataclass(frozen=True)
class GroupRow:
    """One line of the group list; `member_count` counts current members."""

    id: int
    name: str
    description: str | None
    member_count: int
    archived: bool


@dataclass(frozen=True)
class GroupRecord:
    """Everything kept on one group (its members: `list_members`)."""

    id: int
    name: str
    description: str | None
    archived: bool
    version: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class MemberRow:
    """A person's place in a group; `organisation` is their current affiliation's."""

    membership_id: int
    group_id: int
    contact_id: int
    first_name: str
    last_name: str
    organisation: str | None
    role: str | None
    since: date | None
    until: date | None
    email: str | None

    @property
    def id(self) -> int:
        """The membership's id, as a form names the record it saved."""
        return self.membership_id


@dataclass(frozen=True)
class GroupFilter:
    """What the group list shows: a search in names and descriptions, archived groups or not."""

    search: str | None = None
    include_archived: bool = False


def current_membership(session: Session) -> ColumnElement[bool]:
    """Memberships that have not ended: no end date, or one after today."""
    return or_(GroupMembership.until.is_(None), GroupMembership.until > today(session))


def _to_record(record: Group) -> GroupRecord:
    return GroupRecord(
        id=record.id,
        name=record.name,
        description=record.description,
        archived=record.archived,
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


def _clean(values: Mapping[str, object], *, new: bool = False) -> dict[str, object]:
    return checked(GROUP, values, new=new)


def _check_name_free(session: Session, record: Group) -> None:
    with session.no_autoflush:
        clash = session.scalar(
            select(Group).where(Group.sort_key == record.sort_key, Group.id != (record.id or 0))
        )
    if clash is not None:
        raise ValidationError(
            {"name": _("There is already a group named “{name}”.").format(name=clash.name)}
        )


def _flush(session: Session) -> None:
    try:
        session.flush()
    except IntegrityError as error:
        if "name" in str(error.orig).lower():
            raise DuplicateError(_("There is already a group with that name.")) from error
        raise


def create_group(session: Session, values: Mapping[str, object]) -> GroupRecord:
    cleaned = _clean(values)
    if "name" not in cleaned:
        raise ValidationError({"name": _("A name is required.")})
    record = Group(archived=False)
    changes = assign(record, cleaned)
    record.sort_key = sort_key(record.name)
    _check_name_free(session, record)
    touch(session, record, new=True)
    session.add(record)
    _flush(session)
    audit.record(session, ENTITY, record.id, audit.CREATE, changes)
    return _to_record(record)


def update_group(
    session: Session,
    group_id: int,
    values: Mapping[str, object],
    *,
    expected_version: int | None = None,
) -> GroupRecord:
    """Save changed fields; refuses with ConflictError if someone saved in between."""
    record = get(session, Group, group_id, _("Group"))
    check_version(record, expected_version)
    cleaned = _clean(values)
    changes = assign(record, cleaned)
    if changes:
        record.sort_key = sort_key(record.name)
        _check_name_free(session, record)
        touch(session, record)
        _flush(session)
        audit.record(session, ENTITY, record.id, audit.UPDATE, changes)
    return _to_record(record)


def set_group_archived(session: Session, group_id: int, archived: bool) -> GroupRecord:
    record = get(session, Group, group_id, _("Group"))
    audit.mark_archived(session, record, ENTITY, archived)
    return _to_record(record)


def get_group(session: Session, group_id: int) -> GroupRecord:
    return _to_record(get(session, Group, group_id, _("Group")))


def list_groups(session: Session, include_archived: bool = False) -> list[GroupRow]:
    """Groups in Swedish order by name, then id, with their number of current members."""
    members = (
        select(GroupMembership.group_id, func.count(GroupMembership.id).label("count"))
        .join(Contact, Contact.id == GroupMembership.contact_id)
        .where(current_membership(session), Contact.archived.is_(False))
        .group_by(GroupMembership.group_id)
        .subquery()
    )
    statement: Query = select(
        Group.id,
        Group.name,
        Group.description,
        func.coalesce(members.c.count, 0),
        Group.archived,
    ).outerjoin(members, members.c.group_id == Group.id)
    if not include_archived:
        statement = statement.where(Group.archived.is_(False))
    statement = statement.order_by(Group.sort_key, Group.id)
    return [GroupRow(*row) for row in session.execute(statement)]


def _searched(row: GroupRow, needle: str) -> bool:
    return needle in search_needle(f"{row.name} {row.description or ''}")


def _sorted_rows(
    session: Session, where: GroupFilter | None, sort: str | None, descending: bool
) -> list[GroupRow]:
    """The groups the filter lets through, in the order asked for. An office has a handful of
    groups, so they are searched and sorted here rather than through stored keys."""
    where = where or GroupFilter()
    rows = list_groups(session, include_archived=where.include_archived)
    needle = search_needle(where.search or "")
    if needle:
        rows = [row for row in rows if _searched(row, needle)]
    if sort == "member_count":
        rows.sort(key=lambda row: (row.member_count, sort_key(row.name), row.id))
    elif sort == "description":
        rows.sort(key=lambda row: (sort_key(row.description or ""), sort_key(row.name), row.id))
    if descending:
        rows.reverse()
    return rows


def group_rows(
    session: Session,
    where: GroupFilter | None = None,
    *,
    sort: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    ids: Collection[int] | None = None,
) -> list[GroupRow]:
    """The group list's rows as the Grupper view asks for them (`ids`: only those, in order)."""
    rows = _sorted_rows(session, where, sort, descending)
    if ids is not None:
        position = {group_id: index for index, group_id in enumerate(ids)}
        return sorted((row for row in rows if row.id in position), key=lambda row: position[row.id])
    return rows[offset : None if limit is None else offset + limit]


def group_ids(
    session: Session,
    where: GroupFilter | None = None,
    *,
    sort: str | None = None,
    descending: bool = False,
) -> list[int]:
    return [row.id for row in _sorted_rows(session, where, sort, descending)]


def _members() -> Query:
    return (
        select(
            GroupMembership.id,
            GroupMembership.group_id,
            GroupMembership.contact_id,
            Contact.first_name,
            Contact.last_name,
            Organisation.name,
            GroupMembership.role,
            GroupMembership.since,
            GroupMembership.until,
            Contact.email,
        )
        .join(Contact, Contact.id == GroupMembership.contact_id)
        .outerjoin(Affiliation, and_(Affiliation.contact_id == Contact.id, Affiliation.is_current))
        .outerjoin(Organisation, Organisation.id == Affiliation.organisation_id)
    )


def get_membership(session: Session, membership_id: int) -> MemberRow:
    get(session, GroupMembership, membership_id, _("Group membership"))
    row = session.execute(_members().where(GroupMembership.id == membership_id)).one()
    return MemberRow(*row)


def list_members(
    session: Session,
    group_id: int,
    *,
    include_former: bool = False,
    include_archived: bool = False,
) -> list[MemberRow]:
    """A group's members in Swedish order by last name, first name; former ones if asked."""
    get(session, Group, group_id, _("Group"))
    statement = _members().where(GroupMembership.group_id == group_id)
    if not include_former:
        statement = statement.where(current_membership(session))
    if not include_archived:
        statement = statement.where(Contact.archived.is_(False))
    statement = statement.order_by(Contact.sort_key, GroupMembership.id)
    return [MemberRow(*row) for row in session.execute(statement)]


def _membership_values(role: object, since: object, until: object) -> dict[str, Any]:
    cleaned = v.collect(
        {"role": role, "since": since, "until": until},
        MEMBERSHIP_ENTITY.rules(["role", "since", "until"]),
    )
    start, end = cleaned["since"], cleaned["until"]
    if isinstance(start, date) and isinstance(end, date) and end < start:
        raise ValidationError({"until": _("The end date must not be before the start date.")})
    return cleaned


def _refuse_second_membership(
    session: Session, group: Group, person: Contact, membership_id: int | None
) -> None:
    """A person is a current member of a group at most once."""
    clash = session.scalar(
        select(GroupMembership.id).where(
            GroupMembership.group_id == group.id,
            GroupMembership.contact_id == person.id,
            GroupMembership.id != (membership_id or 0),
            current_membership(session),
        )
    )
    if clash is not None:
        raise ValidationError(
            {
                "contact_id": _("{name} is already a member of {group}.").format(
                    name=f"{person.first_name} {person.last_name}", group=group.name
                )
            }
        )


def add_member(
    session: Session,
    group_id: int,
    contact_id: int,
    *,
    role: str | None = None,
    since: date | str | None = None,
) -> MemberRow:
    """Make a contact a current member; an archived contact or a current member is refused."""
    group = get(session, Group, group_id, _("Group"))
    person = get(session, Contact, contact_id, _("Contact"))
    if person.archived:
        raise ValidationError(
            {
                "contact_id": _("{name} is archived and cannot be added.").format(
                    name=f"{person.first_name} {person.last_name}"
                )
            }
        )
    cleaned = _membership_values(role, since, None)
    _refuse_second_membership(session, group, person, None)
    membership = GroupMembership(group_id=group.id, contact_id=person.id, **cleaned)
    touch(session, membership)
    membership.created_at = membership.updated_at
    session.add(membership)
    session.flush()
    changes = {field: [None, plain(value)] for field, value in cleaned.items() if value}
    changes |= {"group_id": [None, group.id], "contact_id": [None, person.id]}
    audit.record(session, MEMBERSHIP, membership.id, audit.CREATE, changes)
    return get_membership(session, membership.id)


def end_membership(
    session: Session, membership_id: int, until: date | str | None = None
) -> MemberRow:
    """The person leaves the group on `until` (today when not given)."""
    membership = get(session, GroupMembership, membership_id, _("Group membership"))
    end = until if until is not None else today(session)
    cleaned = _membership_values(membership.role, membership.since, end)
    return _save_membership(session, membership, {"until": cleaned["until"]})


def update_membership(
    session: Session,
    membership_id: int,
    *,
    role: str | None,
    since: date | str | None,
    until: date | str | None,
) -> MemberRow:
    """Change a membership's role and dates; reopening one must not make a second membership."""
    membership = get(session, GroupMembership, membership_id, _("Group membership"))
    cleaned = _membership_values(role, since, until)
    if cleaned["until"] is None or cleaned["until"] > today(session):
        _refuse_second_membership(session, membership.group, membership.contact, membership.id)
    return _save_membership(session, membership, cleaned)


def _save_membership(
    session: Session, membership: GroupMembership, values: Mapping[str, object]
) -> MemberRow:
    changes = assign(membership, values)
    if changes:
        touch(session, membership)
        session.flush()
        audit.record(session, MEMBERSHIP, membership.id, audit.UPDATE, changes)
    return get_membership(session, membership.id)
