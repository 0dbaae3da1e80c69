"""A person's job history: change employer, or leave the current one without a new one."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Contact
from lkoe_desktop.domain.errors import ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import check_version, get, today, touch
from lkoe_desktop.services.contacts import (
    ENTITY,
    ContactRecord,
    current_affiliation,
    flush_contact,
    new_job,
    open_affiliation,
    refresh_keys,
    to_record,
)

AFFILIATION = "affiliation"


def change_job(
    session: Session,
    contact_id: int,
    organisation_id: int,
    *,
    title: str | None = None,
    start_date: date | None = None,
    expected_version: int | None = None,
) -> ContactRecord:
    """Close the current affiliation the day before `start_date` and open a new current one.

    Past participations keep the organisation the person represented then.
    """
    record = get(session, Contact, contact_id, _("Contact"))
    check_version(record, expected_version)
    start = start_date or today(session)
    organisation, cleaned_title = new_job(session, organisation_id, title)
    current = current_affiliation(record)
    if current is not None and current.start_date and start <= current.start_date:
        raise ValidationError(
            {"start_date": _("The new job must start after the current one started.")}
        )
    changes: dict[str, list[object]] = {
        "organisation_id": [current.organisation_id if current else None, organisation.id],
        "title": [current.title if current else None, cleaned_title],
    }
    if current is not None:
        current.is_current = False
        current.end_date = start - timedelta(days=1)
        touch(session, current)
        flush_contact(session)
    open_affiliation(session, record, organisation, cleaned_title, start)
    refresh_keys(record)
    touch(session, record)
    flush_contact(session)
    audit.record(session, ENTITY, record.id, "change_job", changes)
    return to_record(record)


def end_affiliation(
    session: Session,
    contact_id: int,
    end_date: date | None = None,
    *,
    expected_version: int | None = None,
) -> ContactRecord:
    """The person has left their current organisation and has no new one (yet)."""
    record = get(session, Contact, contact_id, _("Contact"))
    check_version(record, expected_version)
    current = current_affiliation(record)
    if current is None:
        return to_record(record)
    end = end_date or today(session)
    if current.start_date and end < current.start_date:
        raise ValidationError({"end_date": _("The end date must not be before the start date.")})
    current.is_current = False
    current.end_date = end
    touch(session, current)
    refresh_keys(record)
    touch(session, record)
    flush_contact(session)
    audit.record(
        session,
        AFFILIATION,
        current.id,
        audit.UPDATE,
        {"end_date": [None, current.end_date.isoformat()]},
    )
    return to_record(record)
