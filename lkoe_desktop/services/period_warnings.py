"""What a careful office checks before it hands the funder a period's figures.

Each warning names its records (entity, id, name) so that the window can open them: past
meetings still planned or open for registration, business partners reached whose size class
is unknown, counted participants without an organisation, held meetings without an end time,
and partner records sharing an organisation number that disagree on sector or size class.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import CTE, distinct, func, select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Contact, Meeting, Organisation, Participation
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import MeetingStatus, Sector, SizeClass
from lkoe_desktop.domain.entities import MEETING, PARTICIPATION, PARTNER
from lkoe_desktop.services.period_figures import (
    Window,
    counted,
    held,
    in_window,
    reached_records,
    undecided_numbers,
)

PAST_NOT_HELD = "past_meeting_not_held"
SIZE_UNKNOWN = "business_size_unknown"
NO_ORGANISATION = "participant_without_organisation"
NO_END = "meeting_without_end"
NUMBER_DISAGREES = "org_number_disagrees"
KINDS = (PAST_NOT_HELD, SIZE_UNKNOWN, NO_ORGANISATION, NO_END, NUMBER_DISAGREES)


def _record(entity: str, record_id: int, name: str) -> dict[str, Any]:
    return {"entity": entity, "id": record_id, "name": name}


def _warning(kind: str, records: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    return {"kind": kind, "ids": [record["id"] for record in records], **more} | {
        "records": records
    }


def _meeting_name(title: str, starts_at: Any) -> str:
    return f"{title} ({to_stockholm(starts_at).date().isoformat()})"


def _meetings(session: Session, *where: Any) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at)
        .where(*where)
        .order_by(Meeting.starts_at, Meeting.id)
    )
    return [_record(MEETING.name, i, _meeting_name(t, s)) for i, t, s in rows]


def _partners(session: Session, statement: Any) -> list[dict[str, Any]]:
    return [_record(PARTNER.name, i, name) for i, name in session.execute(statement)]


def period_warnings(session: Session, window: Window) -> list[dict[str, Any]]:
    """Every warning of the window, in the order of KINDS; a kind with nothing found is left
    out. JSON-ready: `kind`, `ids`, `records` [{entity, id, name}], and for a number whose
    records disagree, `org_number` and `decided_by` (the record whose values count)."""
    participations = counted(window)
    found: list[dict[str, Any]] = []
    past = _meetings(
        session,
        *in_window(window),
        Meeting.starts_at < window.now,
        Meeting.status.in_([MeetingStatus.PLANNED.value, MeetingStatus.OPEN.value]),
    )
    if past:
        found.append(_warning(PAST_NOT_HELD, past))
    unknown = _partners(
        session,
        select(Organisation.id, Organisation.name)
        .where(
            Organisation.id.in_(select(participations.c.organisation_id)),
            Organisation.sector == Sector.BUSINESS.value,
            Organisation.size_class == SizeClass.UNKNOWN.value,
        )
        .order_by(Organisation.name, Organisation.id),
    )
    if unknown:
        found.append(_warning(SIZE_UNKNOWN, unknown))
    nobody = session.execute(
        select(Participation.id, Contact.first_name, Contact.last_name, Meeting.title)
        .join(Contact, Contact.id == Participation.contact_id)
        .join(Meeting, Meeting.id == Participation.meeting_id)
        .where(
            Participation.id.in_(
                select(participations.c.participation_id).where(
                    participations.c.organisation_id.is_(None)
                )
            )
        )
        .order_by(Meeting.starts_at, Meeting.id, Contact.sort_key, Participation.id)
    )
    missing = [
        _record(PARTICIPATION.name, i, f"{first} {last}, {title}")
        for i, first, last, title in nobody
    ]
    if missing:
        found.append(_warning(NO_ORGANISATION, missing))
    endless = _meetings(session, *in_window(window), held(window), Meeting.ends_at.is_(None))
    if endless:
        found.append(_warning(NO_END, endless))
    found.extend(
        _disagreements(session, reached_records(window, participations, undecided_numbers(session)))
    )
    return found


def _disagreements(session: Session, records: CTE) -> list[dict[str, Any]]:
    """One warning per organisation number whose records reached differ in sector or size
    (`records`: those reached whose number's records differ at all, a few)."""
    numbers = (
        select(records.c.org_number)
        .where(records.c.org_number.is_not(None))
        .group_by(records.c.org_number)
        .having(
            (func.count(distinct(records.c.sector)) > 1)
            | (func.count(distinct(records.c.size_class)) > 1)
        )
    )
    rows = session.execute(
        select(records.c.org_number, records.c.id, records.c.name)
        .where(records.c.org_number.in_(numbers))
        .order_by(records.c.org_number, records.c.ordinal)
    )
    by_number: dict[str, tuple[int, list[dict[str, Any]]]] = {}
    for number, record_id, name in rows:  # the first of a number is the one that decides
        by_number.setdefault(number, (record_id, []))[1].append(
            _record(PARTNER.name, record_id, name)
        )
    return [
        _warning(NUMBER_DISAGREES, listed, org_number=number, decided_by=decider)
        for number, (decider, listed) in by_number.items()
    ]
