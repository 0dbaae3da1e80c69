"""A person's job history: change employer, leave a job, correct or delete a wrong entry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Affiliation, Contact, Meeting, Participation
from lkoe_desktop.domain import validation as v
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.entities import AFFILIATION as DESCRIBED
from lkoe_desktop.domain.errors import ConflictError, ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import assign, check_version, get, plain, today, touch
from lkoe_desktop.services.contacts import (
    ENTITY,
    AffiliationRow,
    ContactRecord,
    current_affiliation,
    flush_contact,
    new_job,
    open_affiliation,
    refresh_keys,
    to_record,
)

AFFILIATION = DESCRIBED.name


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


@dataclass(frozen=True)
class Visit:
    """A meeting the person took part in on behalf of an affiliation's organisation."""

    meeting_id: int
    title: str
    day: date


def participations_through(session: Session, affiliation: Affiliation) -> list[Visit]:
    """The participations registered through an affiliation, newest first.

    The participation keeps the organisation the person represented, not the affiliation, so
    "through it" means: a participation of this person, on behalf of this affiliation's
    organisation, at a meeting whose day (Europe/Stockholm) lies within the affiliation's
    dates; a missing start or end date leaves that side open. Any status counts: a
    cancelled registration was still made through the job.
    """
    rows = session.execute(
        select(Meeting.id, Meeting.title, Meeting.starts_at)
        .join(Participation, Participation.meeting_id == Meeting.id)
        .where(
            Participation.contact_id == affiliation.contact_id,
            Participation.organisation_id == affiliation.organisation_id,
        )
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    )
    first, last = affiliation.start_date or date.min, affiliation.end_date or date.max
    visits = [Visit(mid, title, to_stockholm(starts).date()) for mid, title, starts in rows]
    return [visit for visit in visits if first <= visit.day <= last]


def refusal(visits: Sequence[Visit], organisation: str) -> str:
    """Why an affiliation with participations cannot be deleted, and what to do instead."""
    latest = visits[0]
    return ngettext(
        "The employment cannot be deleted: the person took part in a meeting on behalf of "
        "{organisation} while employed there ({day} {meeting}). If the person has left, end "
        "the employment with an until date instead.",
        "The employment cannot be deleted: the person took part in {count} meetings on behalf of "
        "{organisation} while employed there (the latest {day} {meeting}). If the person has "
        "left, end the employment with an until date instead.",
        len(visits),
    ).format(
        count=len(visits),
        organisation=organisation,
        day=latest.day.isoformat(),
        meeting=latest.title,
    )


def _affiliation(record: Contact, affiliation_id: int) -> Affiliation:
    found = next((a for a in record.affiliations if a.id == affiliation_id), None)
    if found is None:
        raise ConflictError(
            _("Someone else removed this employment while you were editing the contact.")
        )
    return found


def edit_affiliation(
    session: Session,
    contact_id: int,
    affiliation_id: int,
    job: EditJob,
) -> ContactRecord:
    """Correct a wrongly entered organisation, job title or dates; an until date on the
    current job ends it. Participations keep the organisation they represent."""
    record = get(session, Contact, contact_id, _("Contact"))
    affiliation = _affiliation(record, affiliation_id)
    keys = ["title", "start_date", "end_date"]
    typed = {"title": job.title, "start_date": job.start_date, "end_date": job.end_date}
    cleaned = v.collect(typed, DESCRIBED.rules(keys))
    start, end = cleaned["start_date"], cleaned["end_date"]
    if isinstance(start, date) and isinstance(end, date) and end < start:
        raise ValidationError({"end_date": _("The end date must not be before the start date.")})
    if affiliation.is_current and isinstance(end, date) and end > today(session):
        raise ValidationError(
            {
                "end_date": _(
                    "A job ends today at the latest: enter the until date once the person has left."
                )
            }
        )
    organisation, title = new_job(session, job.organisation_id, cleaned["title"])
    with session.no_autoflush:
        changes = assign(
            affiliation,
            {"organisation_id": organisation.id, "title": title, "start_date": start},
        )
        affiliation.organisation = organisation
        if end is not None or not affiliation.is_current:
            changes |= assign(affiliation, {"end_date": end, "is_current": False})
    if changes:
        _changed(session, record, affiliation, audit.UPDATE, changes)
    return to_record(record)


def delete_affiliation(session: Session, contact_id: int, affiliation_id: int) -> ContactRecord:
    """Remove an affiliation entered by mistake; refused when a participation was registered
    through it (`participations_through`), with the reason."""
    record = get(session, Contact, contact_id, _("Contact"))
    affiliation = _affiliation(record, affiliation_id)
    visits = participations_through(session, affiliation)
    if visits:
        raise ValidationError({"delete": refusal(visits, affiliation.organisation.name)})
    changes: dict[str, list[object]] = {
        "organisation_id": [affiliation.organisation_id, None],
        "title": [affiliation.title, None],
        "start_date": [plain(affiliation.start_date), None],
        "end_date": [plain(affiliation.end_date), None],
    }
    record.affiliations.remove(affiliation)
    session.delete(affiliation)
    _changed(session, record, affiliation, audit.DELETE, changes)
    return to_record(record)


def _changed(
    session: Session,
    record: Contact,
    affiliation: Affiliation,
    action: str,
    changes: dict[str, list[object]],
) -> None:
    if action != audit.DELETE:
        touch(session, affiliation)
    refresh_keys(record)
    touch(session, record)
    flush_contact(session)
    audit.record(session, AFFILIATION, affiliation.id, action, changes)


# --- changes a form holds until its Save ------------------------------------------------------
@dataclass(frozen=True)
class ChangeJob:
    """A new current job; the current one ends the day before it starts."""

    organisation_id: int
    title: str | None
    start_date: date | None


@dataclass(frozen=True)
class EditJob:
    """Corrected values of a job: a stored one (`affiliation_id`), or the one opened by the
    held change at index `opened_by`."""

    affiliation_id: int | None
    opened_by: int | None
    organisation_id: int
    title: str | None
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True)
class DeleteJob:
    affiliation_id: int | None
    opened_by: int | None


JobChange = ChangeJob | EditJob | DeleteJob


def same_jobs(stored: Sequence[AffiliationRow], base: Sequence[AffiliationRow]) -> bool:
    """Whether the stored jobs are still those a form read (a partner's new name aside)."""

    def shape(rows: Sequence[AffiliationRow]) -> list[tuple[object, ...]]:
        return [
            (a.id, a.organisation_id, a.title, a.start_date, a.end_date, a.is_current) for a in rows
        ]

    return shape(stored) == shape(base)


def apply_jobs(
    session: Session,
    contact_id: int,
    base: Sequence[AffiliationRow],
    changes: Sequence[JobChange],
) -> tuple[ContactRecord, dict[int, int]]:
    """Make a form's held job changes, in order, over the jobs it read (`base`); refused with
    ConflictError when someone else changed the person's jobs since. Also returns, for each
    job a change opened, its id and the change's index."""
    record = to_record(get(session, Contact, contact_id, _("Contact")))
    if not same_jobs(record.affiliations, base):
        raise ConflictError(
            _("Someone else changed this person's employment while you were editing the contact.")
        )
    opened: dict[int, int] = {}

    def target(change: EditJob | DeleteJob) -> int:
        if change.opened_by is None:
            assert change.affiliation_id is not None
            return change.affiliation_id
        return next(aid for aid, index in opened.items() if index == change.opened_by)

    for index, change in enumerate(changes):
        if isinstance(change, ChangeJob):
            before = {a.id for a in record.affiliations}
            record = change_job(
                session,
                contact_id,
                change.organisation_id,
                title=change.title,
                start_date=change.start_date,
            )
            opened |= {a.id: index for a in record.affiliations if a.id not in before}
        elif isinstance(change, EditJob):
            record = edit_affiliation(session, contact_id, target(change), change)
        else:
            record = delete_affiliation(session, contact_id, target(change))
    return record, opened
