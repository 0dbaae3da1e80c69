"""Frozen period reports: the figures and deltagarlista of a moment, kept unchanged for the audit.

A frozen report is written once, in one transaction, with the period, the time, the user and
a checksum of what it holds; nothing in the program edits or deletes it. It keeps the names it
was frozen with, also of a person erased later (GDPR art. 17(3)(b): the funder's audit).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import FrozenReport
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.periods import Period
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import get, now, user
from lkoe_desktop.services.document_rows import AttendeeRow, FrozenMark, PeriodReport
from lkoe_desktop.services.period_report import (
    attendee_from_values,
    attendee_values,
    period_attendees,
    period_document,
    prepare,
)
from lkoe_desktop.services.period_rows import period_report

ENTITY = "frozen_report"


@dataclass(frozen=True)
class FrozenRow:
    """One frozen report in the list (`report frozen --json` gives these keys)."""

    id: int
    period_from: date
    period_to: date
    frozen_at: datetime
    frozen_by: str
    checksum: str


@dataclass(frozen=True)
class Frozen:
    """A frozen report as stored: its stamp, its figures (the JSON document) and its
    deltagarlista."""

    mark: FrozenMark
    document: dict[str, Any]
    participants: tuple[AttendeeRow, ...]

    def report(self) -> PeriodReport:
        """Laid out again from the snapshot alone, in today's language."""
        return period_report(self.document, self.participants, self.mark)

    def json_document(self) -> dict[str, Any]:
        """The figures as the report's JSON gives them, with the frozen stamp."""
        return self.document | {"frozen": mark_values(self.mark)}


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _checksum(figures: str, participants: str) -> str:
    return hashlib.sha256(f"{figures}\n{participants}".encode()).hexdigest()


def mark_values(mark: FrozenMark) -> dict[str, Any]:
    return {
        "id": mark.id,
        "frozen_at": mark.frozen_at.isoformat(timespec="seconds"),
        "frozen_by": mark.frozen_by,
        "checksum": mark.checksum,
    }


def _mark(record: FrozenReport) -> FrozenMark:
    return FrozenMark(record.id, to_stockholm(record.frozen_at), record.frozen_by, record.checksum)


def freeze(session: Session, period: Period) -> Frozen:
    """Store the period's figures and deltagarlista as they are now, in this transaction."""
    prepare(session)
    document = period_document(session, period)
    participants = period_attendees(session, period)
    figures = _text(document)
    names = _text([attendee_values(row) for row in participants])
    record = FrozenReport(
        period_from=period.starts_from,
        period_to=period.starts_until,
        frozen_at=now(session),
        frozen_by=user(session),
        figures=figures,
        participants=names,
        checksum=_checksum(figures, names),
    )
    session.add(record)
    session.flush()
    audit.record(
        session,
        ENTITY,
        record.id,
        audit.CREATE,
        {"period": [None, [period.starts_from.isoformat(), period.starts_until.isoformat()]]},
    )
    return Frozen(_mark(record), json.loads(figures), participants)


def list_frozen(session: Session) -> list[FrozenRow]:
    """Every frozen report, the newest first."""
    rows = session.execute(
        select(
            FrozenReport.id,
            FrozenReport.period_from,
            FrozenReport.period_to,
            FrozenReport.frozen_at,
            FrozenReport.frozen_by,
            FrozenReport.checksum,
        ).order_by(FrozenReport.frozen_at.desc(), FrozenReport.id.desc())
    )
    return [
        FrozenRow(i, first, last, to_stockholm(at), by, checksum)
        for i, first, last, at, by, checksum in rows
    ]


def get_frozen(session: Session, frozen_id: int) -> Frozen:
    """A frozen report as it was stored; NotFoundError for an unknown id, and an error if its
    content no longer matches its checksum (changed outside the program)."""
    record = get(session, FrozenReport, frozen_id, _("Frozen report"))
    if _checksum(record.figures, record.participants) != record.checksum:
        message = _(
            "Frozen report {id} has been changed outside the program: its checksum does not match."
        )
        raise UserInputError(message.format(id=frozen_id))
    participants = tuple(attendee_from_values(row) for row in json.loads(record.participants))
    return Frozen(_mark(record), json.loads(record.figures), participants)
