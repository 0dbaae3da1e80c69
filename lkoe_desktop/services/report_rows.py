"""The rows the printed lists read: deltagarlista, kontaktblad and partner register.

Each function runs a few plain column selects (never one query per partner or person) and
returns frozen rows in Swedish order, so a report over 20 000 partners is collected quickly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import (
    Affiliation,
    Contact,
    Meeting,
    Organisation,
    Participation,
    Theme,
    organisation_themes,
)
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import ParticipationStatus, Role
from lkoe_desktop.domain.errors import ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services.common import Query, get
from lkoe_desktop.services.meetings import stockholm_midnight


@dataclass(frozen=True)
class MeetingInfo:
    """The meeting a deltagarlista is about; times in Europe/Stockholm."""

    id: int
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    place: str | None


@dataclass(frozen=True)
class AttendeeRow:
    """One person who attended a meeting, with the organisation they represented there."""

    participation_id: int
    meeting_id: int
    meeting_title: str
    starts_at: datetime
    contact_id: int
    first_name: str
    last_name: str
    email: str | None
    role: str
    organisation_id: int | None
    organisation: str | None
    org_number: str | None
    sector: str | None
    size_class: str | None
    municipality: str | None


@dataclass(frozen=True)
class ParticipantList:
    """A deltagarlista: one meeting (`meeting` set) or every meeting starting in a period.

    `starts_from` and `starts_until` are inclusive Europe/Stockholm dates; for one meeting
    both are its date.
    """

    meeting: MeetingInfo | None
    starts_from: date
    starts_until: date
    rows: tuple[AttendeeRow, ...]


@dataclass(frozen=True)
class SheetPerson:
    """A person currently working at the partner (current affiliation, not archived)."""

    contact_id: int
    first_name: str
    last_name: str
    title: str | None
    phone: str | None
    mobile: str | None
    email: str | None


@dataclass(frozen=True)
class ContactSheet:
    """A kontaktblad: one partner's details, theme names and current people."""

    id: int
    name: str
    org_number: str | None
    sector: str | None
    size_class: str
    industry: str | None
    municipality: str | None
    postal_street: str | None
    postal_code: str | None
    postal_city: str | None
    visiting_street: str | None
    visiting_code: str | None
    visiting_city: str | None
    phone: str | None
    email: str | None
    website: str | None
    relationship: str | None
    relationship_since: date | None
    relationship_until: date | None
    archived: bool
    themes: tuple[str, ...]
    people: tuple[SheetPerson, ...]


@dataclass(frozen=True)
class RegisterRow:
    """One line of the partner register."""

    id: int
    name: str
    org_number: str | None
    sector: str | None
    size_class: str
    municipality: str | None
    relationship: str | None
    relationship_since: date | None
    relationship_until: date | None


def _attendees() -> Query:
    """Participations that count in reports: attended, in any role but organiser."""
    return (
        select(
            Participation.id,
            Meeting.id,
            Meeting.title,
            Meeting.starts_at,
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Contact.email,
            Participation.role,
            Participation.organisation_id,
            Organisation.name,
            Organisation.org_number,
            Organisation.sector,
            Organisation.size_class,
            Organisation.municipality,
        )
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .join(Contact, Contact.id == Participation.contact_id)
        .outerjoin(Organisation, Organisation.id == Participation.organisation_id)
        .where(
            Participation.status == ParticipationStatus.ATTENDED.value,
            Participation.role != Role.ORGANISER.value,
        )
        .order_by(Meeting.starts_at, Meeting.id, Contact.sort_key, Participation.id)
    )


def _attendee_rows(session: Session, statement: Query) -> tuple[AttendeeRow, ...]:
    rows = []
    for found in session.execute(statement):
        values: list[Any] = list(found)
        values[3] = to_stockholm(values[3])
        rows.append(AttendeeRow(*values))
    return tuple(rows)


def meeting_participants(session: Session, meeting_id: int) -> ParticipantList:
    """The deltagarlista of one meeting; NotFoundError for an unknown meeting."""
    record = get(session, Meeting, meeting_id, _("Meeting"))
    starts_at = to_stockholm(record.starts_at)
    meeting = MeetingInfo(
        id=record.id,
        title=record.title,
        kind=record.kind,
        starts_at=starts_at,
        ends_at=None if record.ends_at is None else to_stockholm(record.ends_at),
        place=record.place,
    )
    rows = _attendee_rows(session, _attendees().where(Participation.meeting_id == meeting_id))
    return ParticipantList(meeting, starts_at.date(), starts_at.date(), rows)


def period_participants(session: Session, starts_from: date, starts_until: date) -> ParticipantList:
    """The deltagarlista of every meeting (archived too) that starts inside the period."""
    if starts_until < starts_from:
        raise ValidationError({"starts_until": _("The period cannot end before it starts.")})
    statement = _attendees().where(
        Meeting.starts_at >= stockholm_midnight(starts_from),
        Meeting.starts_at < stockholm_midnight(starts_until + timedelta(days=1)),
    )
    return ParticipantList(None, starts_from, starts_until, _attendee_rows(session, statement))


_SHEET_COLUMNS = (
    Organisation.id,
    Organisation.name,
    Organisation.org_number,
    Organisation.sector,
    Organisation.size_class,
    Organisation.industry,
    Organisation.municipality,
    Organisation.postal_street,
    Organisation.postal_code,
    Organisation.postal_city,
    Organisation.visiting_street,
    Organisation.visiting_code,
    Organisation.visiting_city,
    Organisation.phone,
    Organisation.email,
    Organisation.website,
    Organisation.relationship,
    Organisation.relationship_since,
    Organisation.relationship_until,
    Organisation.archived,
)


def _grouped(session: Session, statement: Query) -> dict[int, list[tuple[Any, ...]]]:
    """Rows keyed by their first column (an organisation id), the rest kept in query order."""
    grouped: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for found in session.execute(statement):
        grouped[found[0]].append(tuple(found[1:]))
    return grouped


def contact_sheets(session: Session, partner_id: int | None = None) -> list[ContactSheet]:
    """Kontaktblad for one partner (archived or not; NotFoundError if unknown) or, without an
    id, for every partner that is not archived, in Swedish order. Three queries in all."""
    chosen: ColumnElement[bool]
    if partner_id is None:
        chosen = Organisation.archived.is_(False)
    else:
        get(session, Organisation, partner_id, _("Partner"))
        chosen = Organisation.id == partner_id
    themes = _grouped(
        session,
        select(organisation_themes.c.organisation_id, Theme.name)
        .join(Theme, Theme.id == organisation_themes.c.theme_id)
        .join(Organisation, Organisation.id == organisation_themes.c.organisation_id)
        .where(chosen, Theme.archived.is_(False))
        .order_by(Theme.sort_key, Theme.id),
    )
    people = _grouped(
        session,
        select(
            Affiliation.organisation_id,
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Affiliation.title,
            Contact.phone,
            Contact.mobile,
            Contact.email,
        )
        .join(Contact, Contact.id == Affiliation.contact_id)
        .join(Organisation, Organisation.id == Affiliation.organisation_id)
        .where(chosen, Affiliation.is_current, Contact.archived.is_(False))
        .order_by(Contact.sort_key, Contact.id),
    )
    partners = session.execute(
        select(*_SHEET_COLUMNS).where(chosen).order_by(Organisation.sort_key, Organisation.id)
    )
    return [
        ContactSheet(
            **found._asdict(),
            themes=tuple(name for (name,) in themes.get(found[0], ())),
            people=tuple(SheetPerson(*person) for person in people.get(found[0], ())),
        )
        for found in partners
    ]


def partner_register(session: Session) -> list[RegisterRow]:
    """Every partner that is not archived, in Swedish order (one plain column select)."""
    statement = (
        select(
            Organisation.id,
            Organisation.name,
            Organisation.org_number,
            Organisation.sector,
            Organisation.size_class,
            Organisation.municipality,
            Organisation.relationship,
            Organisation.relationship_since,
            Organisation.relationship_until,
        )
        .where(Organisation.archived.is_(False))
        .order_by(Organisation.sort_key, Organisation.id)
    )
    return [RegisterRow(*found) for found in session.connection().execute(statement)]
