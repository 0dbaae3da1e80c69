"""Consent and legal-basis records per contact and purpose: an append-only history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Consent, Contact
from lkoe_desktop.domain import validation as v
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.entities import CONSENT
from lkoe_desktop.domain.errors import ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import get, now, plain, today, user

ENTITY = CONSENT.name

RULES = CONSENT.rules(["purpose", "basis", "decided_on", "source"])


@dataclass(frozen=True)
class ConsentRow:
    """One decision: consent granted or withdrawn, or a legal basis, for one purpose."""

    id: int
    contact_id: int
    purpose: str
    basis: str
    granted: bool
    decided_on: date
    source: str | None
    recorded_at: datetime
    recorded_by: str


def _to_row(record: Consent) -> ConsentRow:
    return ConsentRow(
        id=record.id,
        contact_id=record.contact_id,
        purpose=record.purpose,
        basis=record.basis,
        granted=record.granted,
        decided_on=record.decided_on,
        source=record.source,
        recorded_at=to_stockholm(record.recorded_at),
        recorded_by=record.recorded_by,
    )


def _history(session: Session, contact_id: int) -> list[Consent]:
    return list(
        session.scalars(
            select(Consent)
            .where(Consent.contact_id == contact_id)
            .order_by(Consent.decided_on, Consent.id)
        )
    )


def record_consent(
    session: Session,
    contact_id: int,
    *,
    purpose: str,
    basis: str,
    granted: bool,
    decided_on: date | str | None = None,
    source: str | None = None,
) -> ConsentRow:
    """Add a decision to the person's history; a withdrawal is a new row with granted=False.

    A purpose written like an earlier one of this person's, apart from case, is stored with
    the earlier spelling, so the history of one purpose stays together.
    """
    person = get(session, Contact, contact_id, _("Contact"))
    cleaned = v.collect(
        {"purpose": purpose, "basis": basis, "decided_on": decided_on, "source": source}, RULES
    )
    if cleaned["basis"] is None:
        raise ValidationError({"basis": _("This field is required.")})
    decided = cleaned["decided_on"]
    day = decided if isinstance(decided, date) else today(session)
    if day > today(session):
        raise ValidationError({"decided_on": _("The decision date cannot be in the future.")})
    wanted = str(cleaned["purpose"])
    earlier = {record.purpose.casefold(): record.purpose for record in _history(session, person.id)}
    record = Consent(
        contact_id=person.id,
        purpose=earlier.get(wanted.casefold(), wanted),
        basis=cleaned["basis"],
        granted=bool(granted),
        decided_on=day,
        source=cleaned["source"],
        recorded_at=now(session),
        recorded_by=user(session),
    )
    session.add(record)
    session.flush()
    fields = ("contact_id", "purpose", "basis", "granted", "decided_on", "source")
    changes = {field: [None, plain(getattr(record, field))] for field in fields}
    audit.record(session, ENTITY, record.id, audit.CREATE, changes)
    return _to_row(record)


def consent_history(session: Session, contact_id: int) -> list[ConsentRow]:
    """Every decision on the person, oldest first (by decision date, then as recorded)."""
    get(session, Contact, contact_id, _("Contact"))
    return [_to_row(record) for record in _history(session, contact_id)]


def current_consents(session: Session, contact_id: int) -> dict[str, ConsentRow]:
    """The decision in force for each purpose: its latest by decision date, then as recorded."""
    return {row.purpose: row for row in consent_history(session, contact_id)}
