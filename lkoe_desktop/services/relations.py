"""How records relate: a partner's people and meetings, a contact's history, a theme's reach."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import (
    Affiliation,
    Contact,
    Group,
    GroupMembership,
    Meeting,
    Organisation,
    Participation,
    contact_themes,
    meeting_themes,
    organisation_themes,
)
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import ParticipationStatus

HISTORY_LIMIT = 500


@dataclass(frozen=True)
class PersonAt:
    """Someone who works or worked at an organisation."""

    contact_id: int
    first_name: str
    last_name: str
    title: str | None
    email: str | None
    phone: str | None
    start_date: date | None
    end_date: date | None
    is_current: bool
    archived: bool


@dataclass(frozen=True)
class MeetingVisit:
    """A meeting someone (or some organisation's people) were on the list of."""

    meeting_id: int
    title: str
    starts_at: datetime
    status: str | None
    people: int


@dataclass(frozen=True)
class Named:
    id: int
    name: str
    archived: bool = False


@dataclass(frozen=True)
class GroupPlace:
    group_id: int
    group: str
    role: str | None
    since: date | None
    until: date | None


def people_at(session: Session, organisation_id: int) -> list[PersonAt]:
    """Current people first, then former, each in Swedish order."""
    rows: Any = session.execute(
        select(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Affiliation.title,
            Contact.email,
            Contact.phone,
            Affiliation.start_date,
            Affiliation.end_date,
            Affiliation.is_current,
            Contact.archived,
        )
        .join(Affiliation, Affiliation.contact_id == Contact.id)
        .where(Affiliation.organisation_id == organisation_id)
        .order_by(Affiliation.is_current.desc(), Contact.sort_key, Contact.id)
    )
    return [PersonAt(*row) for row in rows]


def meetings_of_partner(session: Session, organisation_id: int) -> list[MeetingVisit]:
    """Meetings where someone represented the organisation and came, newest first."""
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at, func.count(Participation.id))
        .join(Participation, Participation.meeting_id == Meeting.id)
        .where(
            Participation.organisation_id == organisation_id,
            Participation.status.in_(
                [ParticipationStatus.ATTENDED.value, ParticipationStatus.REGISTERED.value]
            ),
        )
        .group_by(Meeting.id, Meeting.title, Meeting.starts_at)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(HISTORY_LIMIT)
    )
    return [
        MeetingVisit(meeting_id, title, to_stockholm(starts), None, count)
        for meeting_id, title, starts, count in rows
    ]


def meetings_of_contact(session: Session, contact_id: int) -> list[MeetingVisit]:
    """Every meeting the person was on the list of, with their status, newest first."""
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at, Participation.status)
        .join(Participation, Participation.meeting_id == Meeting.id)
        .where(Participation.contact_id == contact_id)
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(HISTORY_LIMIT)
    )
    return [
        MeetingVisit(meeting_id, title, to_stockholm(starts), status, 1)
        for meeting_id, title, starts, status in rows
    ]


def groups_of_contact(session: Session, contact_id: int) -> list[GroupPlace]:
    rows = session.execute(
        select(
            Group.id, Group.name, GroupMembership.role, GroupMembership.since, GroupMembership.until
        )
        .join(GroupMembership, GroupMembership.group_id == Group.id)
        .where(GroupMembership.contact_id == contact_id)
        .order_by(Group.sort_key, GroupMembership.since)
    )
    return [GroupPlace(*row) for row in rows]


def meetings_of_theme(session: Session, theme_id: int) -> list[MeetingVisit]:
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.status)
        .join(meeting_themes, meeting_themes.c.meeting_id == Meeting.id)
        .where(meeting_themes.c.theme_id == theme_id, Meeting.archived.is_(False))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        .limit(HISTORY_LIMIT)
    )
    return [
        MeetingVisit(meeting_id, title, to_stockholm(starts), status, 0)
        for meeting_id, title, starts, status in rows
    ]


def partners_of_theme(session: Session, theme_id: int) -> list[Named]:
    rows = session.execute(
        select(Organisation.id, Organisation.name)
        .join(organisation_themes, organisation_themes.c.organisation_id == Organisation.id)
        .where(organisation_themes.c.theme_id == theme_id, Organisation.archived.is_(False))
        .order_by(Organisation.sort_key, Organisation.id)
        .limit(HISTORY_LIMIT)
    )
    return [Named(*row) for row in rows]


def contacts_of_theme(session: Session, theme_id: int) -> list[Named]:
    rows = session.execute(
        select(Contact.id, Contact.first_name + " " + Contact.last_name)
        .join(contact_themes, contact_themes.c.contact_id == Contact.id)
        .where(contact_themes.c.theme_id == theme_id, Contact.archived.is_(False))
        .order_by(Contact.sort_key, Contact.id)
        .limit(HISTORY_LIMIT)
    )
    return [Named(*row) for row in rows]


def theme_names(session: Session, include_archived: bool = False) -> list[Named]:
    """Every theme for pick-lists, in Swedish order."""
    from lkoe_desktop.db.models import Theme

    statement = select(Theme.id, Theme.name, Theme.archived).order_by(Theme.sort_key, Theme.id)
    if not include_archived:
        statement = statement.where(Theme.archived.is_(False))
    return [Named(*row) for row in session.execute(statement)]


def group_names(session: Session) -> list[Named]:
    statement = (
        select(Group.id, Group.name, Group.archived)
        .where(Group.archived.is_(False))
        .order_by(Group.sort_key, Group.id)
    )
    return [Named(*row) for row in session.execute(statement)]


def is_referenced(
    session: Session,
    *,
    organisation_id: int | None = None,
    contact_id: int | None = None,
    theme_id: int | None = None,
    meeting_id: int | None = None,
    group_id: int | None = None,
) -> bool:
    """Whether anything refers to the record, so that it may only be archived, not deleted
    (a group: any membership, former ones too, since they are its history)."""
    checks = []
    if organisation_id is not None:
        checks += [
            select(Affiliation.id).where(Affiliation.organisation_id == organisation_id),
            select(Participation.id).where(Participation.organisation_id == organisation_id),
        ]
    if contact_id is not None:
        checks += [
            select(Participation.id).where(Participation.contact_id == contact_id),
            select(GroupMembership.id).where(GroupMembership.contact_id == contact_id),
        ]
    if theme_id is not None:
        checks += [
            select(meeting_themes.c.meeting_id).where(meeting_themes.c.theme_id == theme_id),
            select(contact_themes.c.contact_id).where(contact_themes.c.theme_id == theme_id),
            select(organisation_themes.c.organisation_id).where(
                organisation_themes.c.theme_id == theme_id
            ),
        ]
    if meeting_id is not None:
        checks.append(select(Participation.id).where(Participation.meeting_id == meeting_id))
    if group_id is not None:
        checks.append(select(GroupMembership.id).where(GroupMembership.group_id == group_id))
    return any(session.execute(check.limit(1)).first() is not None for check in checks)
