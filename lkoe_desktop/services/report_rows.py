"""What the printed documents print, collected from the database in a few queries each.

Who is on a sign-in sheet and gets a badge, the deltagarlista, kontaktblad and partner
register, and the page setup (the office's header and footer, the print date). Each function
runs a few plain column selects (never one query per partner or person) and returns the frozen
rows of `document_rows` in Swedish order, so a report over 20 000 partners is collected quickly
and `reports/` only lays them out.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, or_, select
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
from lkoe_desktop.domain.codes import ON_SIGN_IN_SHEET, ParticipationStatus, Role
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.periods import Period
from lkoe_desktop.domain.text import sort_key
from lkoe_desktop.services import office_settings
from lkoe_desktop.services.common import Query, get, today
from lkoe_desktop.services.document_rows import (
    AttendeeRow,
    Badge,
    BadgeSet,
    ContactSheet,
    MeetingInfo,
    PageSetup,
    ParticipantList,
    PrintedOffice,
    RegisterRow,
    SheetPerson,
    SignInRow,
    SignInSheet,
)
from lkoe_desktop.services.meetings import get_meeting
from lkoe_desktop.services.office_settings import OfficeSettings
from lkoe_desktop.services.participations import list_participants
from lkoe_desktop.services.themes import ThemeFilter, list_themes


def printed_office(settings: OfficeSettings) -> PrintedOffice:
    """What of the office's settings its documents print."""
    return PrintedOffice(
        office_name=settings.office_name,
        funding_line=settings.funding_line,
        logo_path=settings.logo_path,
        printer_offset_x_mm=settings.printer_offset_x_mm,
        printer_offset_y_mm=settings.printer_offset_y_mm,
    )


def page_setup(session: Session, *, landscape: bool = False) -> PageSetup:
    """What the office prints on every page, and today's date (from the session's clock)."""
    return PageSetup(printed_office(office_settings.load(session)), today(session), landscape)


def statuses(include_invited: bool) -> list[str]:
    """Who is on a sign-in sheet or gets a badge: registered and attended, invited if asked."""
    chosen = [status.value for status in ON_SIGN_IN_SHEET]
    return [*chosen, ParticipationStatus.INVITED.value] if include_invited else chosen


def collect_sign_in_sheet(
    session: Session, meeting_id: int, *, include_invited: bool = False
) -> SignInSheet:
    """The meeting and its people in Swedish order by last name, numbered from 1;
    NotFoundError if unknown."""
    meeting = get_meeting(session, meeting_id)
    named = list_themes(session, ThemeFilter(include_archived=True), ids=meeting.theme_ids)
    rows = list_participants(session, meeting_id, statuses=statuses(include_invited))
    people = tuple(
        SignInRow(
            number=number,
            participation_id=row.id,
            first_name=row.first_name,
            last_name=row.last_name,
            organisation=row.organisation,
            status=row.status,
            role=row.role,
        )
        for number, row in enumerate(rows, 1)
    )
    return SignInSheet(
        meeting_id=meeting.id,
        title=meeting.title,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        address=meeting.address,
        online_url=meeting.online_url,
        themes=tuple(sorted((theme.name for theme in named), key=sort_key)),
        people=people,
        include_invited=include_invited,
    )


def collect_badges(session: Session, meeting_id: int, *, include_invited: bool = False) -> BadgeSet:
    """Badges for the people of the sign-in sheet; NotFoundError for an unknown meeting."""
    sheet = collect_sign_in_sheet(session, meeting_id, include_invited=include_invited)
    return BadgeSet(
        meeting_id=sheet.meeting_id,
        title=sheet.title,
        starts_at=sheet.starts_at,
        ends_at=sheet.ends_at,
        badges=tuple(
            Badge(row.first_name, row.last_name, row.organisation, row.role) for row in sheet.people
        ),
    )


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


def period_participants(session: Session, period: Period, own_partner: int = 0) -> ParticipantList:
    """The deltagarlista of every meeting (archived too) that starts inside the period; with
    `own_partner`, without the participations on behalf of that record (the office's own)."""
    statement = _attendees().where(
        Meeting.starts_at >= period.begins,
        Meeting.starts_at < period.ends,
        or_(Participation.organisation_id.is_(None), Participation.organisation_id != own_partner),
    )
    return ParticipantList(
        None, period.starts_from, period.starts_until, _attendee_rows(session, statement)
    )


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
