"""Giving many participants one status in a way that can be undone, and the undoing.

The undo puts back only what this change did: a participation changed again since (by anyone:
its version is no longer the one this change gave it) is kept and named, one taken off the
list since is counted as gone, never put back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Contact, Participation
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import participations
from lkoe_desktop.services.common import ids_exist


@dataclass(frozen=True)
class Before:
    """A participation as it was before the change, and the version the change gave it."""

    participation_id: int
    status: str
    checked_in_at: datetime | None
    version: int


@dataclass(frozen=True)
class StatusChange:
    """What `change_statuses` did: the participations whose status it changed."""

    status: str
    changed: list[Before]


@dataclass(frozen=True)
class StatusUndo:
    """What undoing a status change did: how many got their status back, who was kept because
    their participation changed again since, and how many had been taken off the list."""

    restored: int
    kept_changed: list[str]
    gone: int


def change_statuses(
    session: Session, participation_ids: Iterable[int], status: str
) -> StatusChange:
    """Give these participations `status` (as `participations.set_statuses`) and remember what
    each had before, for `undo_status_change`."""
    ids = list(dict.fromkeys(participation_ids))
    records = ids_exist(session, Participation, ids, _("Participation"))
    before = {record.id: (record.status, record.checked_in_at) for record in records}
    participations.set_statuses(session, ids, status)
    changed = [
        Before(record.id, *before[record.id], record.version)
        for record in records
        if before[record.id][0] != record.status
    ]
    return StatusChange(status, changed)


def undo_status_change(session: Session, change: StatusChange) -> StatusUndo:
    """Put back the statuses (and check-in times) `change` replaced, where nothing has
    changed the participation since."""
    wanted = {before.participation_id: before for before in change.changed}
    statement = (
        select(Participation, Contact.first_name, Contact.last_name)
        .join(Contact, Contact.id == Participation.contact_id)
        .where(Participation.id.in_(list(wanted)))
        .order_by(Contact.sort_key, Participation.id)
        .with_for_update(of=Participation)
    )
    found = list(session.execute(statement))
    kept: list[str] = []
    for record, first, last in found:
        before = wanted[record.id]
        if record.version != before.version:
            kept.append(f"{first} {last}".strip())
            continue
        participations.put_back_status(session, record, before.status, before.checked_in_at)
    return StatusUndo(len(found) - len(kept), kept, len(wanted) - len(found))
