"""Dietary needs are health data: clear them once the meeting is some days past."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Meeting, Participation
from lkoe_desktop.services import audit, office_settings
from lkoe_desktop.services.common import now, touch
from lkoe_desktop.services.participations import ENTITY, refresh_keys

# What the change log shows instead of the dietary needs that were cleared.
CLEARED = "<cleared>"


def clear_dietary_needs(session: Session, *, days_after: int = 30) -> int:
    """Empty the dietary needs of meetings that ended more than `days_after` days ago.

    Returns how many participations were cleared; the change log records that they were,
    never what they said.
    """
    if days_after < 0:
        raise ValueError("days_after must not be negative")
    cutoff = now(session) - timedelta(days=days_after)
    ended = func.coalesce(Meeting.ends_at, Meeting.starts_at)
    records = list(
        session.scalars(
            select(Participation)
            .join(Meeting, Meeting.id == Participation.meeting_id)
            .where(Participation.dietary_needs.is_not(None), ended < cutoff)
        )
    )
    for record in records:
        record.dietary_needs = None
        refresh_keys(record)
        touch(session, record)
        audit.record(session, ENTITY, record.id, audit.UPDATE, {"dietary_needs": [CLEARED, None]})
    session.flush()
    return len(records)


def clear_due(session: Session) -> int:
    """Clear the dietary needs that the office's setting (`dietary_days`) says are due."""
    return clear_dietary_needs(session, days_after=office_settings.load(session).dietary_days)
