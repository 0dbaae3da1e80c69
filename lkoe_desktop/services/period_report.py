"""The funder's report for a period: its figures beside the project's so far, the warnings and
the deltagarlista, as one JSON-ready document that a frozen report keeps as it is."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Meeting
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import MeetingStatus
from lkoe_desktop.domain.periods import Period
from lkoe_desktop.services import office_settings
from lkoe_desktop.services.common import now, today
from lkoe_desktop.services.document_rows import AttendeeRow
from lkoe_desktop.services.meetings import first_meeting_day
from lkoe_desktop.services.period_figures import Window, held, in_window, window_figures
from lkoe_desktop.services.period_reach import reach_figures, refresh
from lkoe_desktop.services.period_warnings import period_warnings
from lkoe_desktop.services.report_rows import period_participants


def project_start(session: Session) -> date:
    """Where the project's figures start: the setting, else the first meeting's day, else
    today."""
    chosen = office_settings.load(session).project_start
    if chosen:
        return date.fromisoformat(chosen)
    return first_meeting_day(session) or today(session)


def project_period(session: Session) -> Period:
    """The whole project so far: from its start to today (to its start, if that is still to
    come)."""
    first = project_start(session)
    return Period(first, max(first, today(session)))


def _span(period: Period) -> dict[str, str]:
    return {"from": period.starts_from.isoformat(), "to": period.starts_until.isoformat()}


def _not_held(session: Session, window: Window) -> tuple[list[dict[str, Any]], ...]:
    """The period's meetings not counted as held: those to come, and those cancelled."""
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.kind, Meeting.starts_at, Meeting.status)
        .where(*in_window(window), ~held(window))
        .order_by(Meeting.starts_at, Meeting.id)
    )
    planned: list[dict[str, Any]] = []
    cancelled: list[dict[str, Any]] = []
    for meeting_id, title, kind, starts_at, status in rows:
        listed = cancelled if status == MeetingStatus.CANCELLED.value else planned
        listed.append(
            {
                "meeting_id": meeting_id,
                "title": title,
                "kind": kind,
                "date": to_stockholm(starts_at).date().isoformat(),
                "status": status,
            }
        )
    return planned, cancelled


def prepare(session: Session) -> None:
    """Bring what the project has reached up to date (in a writing transaction), so that the
    figures from the project's start are counted quickly; they are right without it, only
    slower."""
    refresh(session, office_settings.load(session).own_partner_id)


def figures_of(session: Session, window: Window, steering_group: str) -> dict[str, Any]:
    """Every figure of the window: from what the project has reached where that can give
    them, else counted from the participations."""
    quick = reach_figures(session, window, steering_group=steering_group)
    if quick is not None:
        return quick
    return window_figures(session, window, steering_group=steering_group)


def period_document(session: Session, period: Period) -> dict[str, Any]:
    """Every figure of the period and, under `cumulative`, of the project from its start to
    the period's end; the period's planned and cancelled meetings; and its warnings."""
    settings = office_settings.load(session)
    moment = now(session)
    window = Window(period.begins, period.ends, moment, settings.own_partner_id)
    figures = figures_of(session, window, settings.steering_group)
    so_far = Period(min(project_start(session), period.starts_from), period.starts_until)
    if so_far == period:
        cumulative = dict(figures)
    else:
        whole = Window(so_far.begins, so_far.ends, moment, settings.own_partner_id)
        cumulative = figures_of(session, whole, settings.steering_group)
    planned, cancelled = _not_held(session, window)
    return {
        "period": _span(period),
        **figures,
        "activities_planned": planned,
        "activities_cancelled": cancelled,
        "cumulative": {"period": _span(so_far), **cumulative},
        "warnings": period_warnings(session, window),
    }


def period_attendees(session: Session, period: Period) -> tuple[AttendeeRow, ...]:
    """The deltagarlista behind the figures: who counts, meeting by meeting."""
    own = office_settings.load(session).own_partner_id
    return period_participants(session, period, own).rows


def attendee_values(row: AttendeeRow) -> dict[str, Any]:
    """An attendee as JSON values (the start time in ISO 8601 with its offset)."""
    values = asdict(row)
    values["starts_at"] = row.starts_at.isoformat()
    return values


def attendee_from_values(values: dict[str, Any]) -> AttendeeRow:
    return AttendeeRow(**(values | {"starts_at": datetime.fromisoformat(values["starts_at"])}))
