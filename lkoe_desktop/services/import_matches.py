"""What an import does to records a row matches, and the registrations it makes, through the
services: fields filled or overwritten (by mode), a job started, changed or retitled, an
archived record restored, a person registered for the meeting. Each change is made in a
savepoint of its own, after the record's row is kept for the undo (`import_batches.snapshot`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from lkoe_desktop.db.models import Affiliation, Contact, Organisation, Participation
from lkoe_desktop.domain.codes import ParticipationStatus, SizeClass
from lkoe_desktop.domain.entities import CONTACT, PARTICIPATION, PARTNER
from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.fields import Entity
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services.affiliations import (
    EditJob,
    change_job,
    edit_affiliation,
    end_affiliation,
)
from lkoe_desktop.services.contacts import current_affiliation, set_contact_archived, update_contact
from lkoe_desktop.services.import_batches import CREATE, UPDATE, snapshot
from lkoe_desktop.services.import_index import (
    ContactRef,
    NewPartner,
    PartnerIndex,
    PartnerRef,
    resolved,
)
from lkoe_desktop.services.imports import FieldChange, ImportMode, RowOutcome, Verdict
from lkoe_desktop.services.participations import register, update_participation
from lkoe_desktop.services.partners import set_partner_archived, update_partner

Item = dict[str, object]
_REGISTER_AGAIN = (ParticipationStatus.INVITED.value, ParticipationStatus.CANCELLED.value)


@dataclass(eq=False)
class RowState:
    """A row's outcome while the import runs."""

    number: int
    entity: str
    name: str
    verdict: Verdict | None = None
    ref: object = None
    contact: ContactRef | None = None
    organisation: PartnerRef | None = None
    changes: list[FieldChange] = field(default_factory=list)
    unarchived: bool = False
    duplicate_of: int | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def fail(self, messages: list[str]) -> None:
        self.verdict = Verdict.ERROR
        self.errors.extend(messages)

    def outcome(self) -> RowOutcome:
        verdict = self.verdict or Verdict.UNCHANGED
        if self.duplicate_of is not None and verdict != Verdict.ERROR:
            verdict = Verdict.DUPLICATE
        record_id = None
        if verdict != Verdict.ERROR and self.ref is not None:
            record_id = self.ref if isinstance(self.ref, int) else getattr(self.ref, "id", None)
        return RowOutcome(
            number=self.number,
            verdict=verdict,
            entity=self.entity,
            name=self.name,
            record_id=record_id,
            changes=tuple(self.changes),
            unarchived=self.unarchived,
            duplicate_of=self.duplicate_of,
            errors=tuple(self.errors),
            warnings=tuple(self.warnings),
        )


@dataclass(frozen=True)
class Match:
    """A row that matched a stored record (or one an earlier row created)."""

    state: RowState
    ref: PartnerRef | ContactRef
    values: dict[str, object]
    organisation: PartnerRef | None
    title: str | None
    duplicate: bool


@dataclass(frozen=True)
class Registration:
    state: RowState
    contact: ContactRef
    dietary_needs: str | None
    status: str | None
    duplicate: bool


def _change(entity: Entity, key: str, old: object, new: object) -> FieldChange:
    described = entity.field(key)
    return FieldChange(key, described.title, described.display(old), described.display(new))


class Matcher:
    """Changes matched records and registers people; keeps the batch's items and counts."""

    def __init__(
        self,
        session: Session,
        mode: ImportMode,
        today: date,
        meeting_id: int | None,
        partners: PartnerIndex,
    ) -> None:
        self.session = session
        self.mode = mode
        self.today = today
        self.meeting_id = meeting_id
        self.partners = partners
        self.items: list[Item] = []
        self.kept: set[tuple[str, int]] = set()
        self.made: set[tuple[str, int]] = set()
        self.created_counts: Counter[str] = Counter()
        self.changed_counts: Counter[str] = Counter()
        self.participants: dict[int, int] = {}
        if meeting_id is not None:
            found = session.execute(
                select(Participation.contact_id, Participation.id).where(
                    Participation.meeting_id == meeting_id
                )
            )
            self.participants = {contact_id: row_id for contact_id, row_id in found}

    def created(self, entity: str, record_id: int, row: int | None) -> None:
        self.items.append(
            {"row": row, "entity": entity, "entity_id": record_id, "action": CREATE, "before": None}
        )
        self.kept.add((entity, record_id))
        self.made.add((entity, record_id))
        self.created_counts[entity] += 1

    def _keep(self, entity: str, record_id: int, row: int, pending: list[Item]) -> None:
        """Keep the record's row as it is before the import first changes it."""
        if (entity, record_id) in self.kept or any(
            item["entity"] == entity and item["entity_id"] == record_id for item in pending
        ):
            return
        before = snapshot(self.session, entity, record_id)
        pending.append(
            {
                "row": row,
                "entity": entity,
                "entity_id": record_id,
                "action": UPDATE,
                "before": before,
            }
        )

    def _saved(self, state: RowState, work: Callable[[list[Item]], None]) -> bool:
        """Run `work` in a savepoint; a refusal of the services is the row's error."""
        pending: list[Item] = []
        try:
            with self.session.begin_nested():
                work(pending)
        except LkoeError as wrong:
            state.fail([wrong.message])
            return False
        self.items += pending
        for item in pending:
            if item["action"] == CREATE:
                self.created_counts[str(item["entity"])] += 1
            self.kept.add((str(item["entity"]), int(item["entity_id"])))  # type: ignore[call-overload]
        return True

    def _differs(self, old: object, new: object, key: str = "") -> bool:
        if new is None or new == "":
            return False
        if self.mode == ImportMode.UPDATE:
            return new != old
        return old is None or old == "" or (key == "size_class" and old == SizeClass.UNKNOWN.value)

    # --- matched records -----------------------------------------------------------------
    def apply_matches(self, matches: list[Match]) -> None:
        people = [resolved(m.ref) for m in matches if m.state.entity != PARTNER.name]
        if people:
            list(
                self.session.scalars(
                    select(Contact)
                    .where(Contact.id.in_(people))
                    .options(
                        selectinload(Contact.affiliations).selectinload(Affiliation.organisation)
                    )
                )
            )
        partners = [resolved(m.ref) for m in matches if m.state.entity == PARTNER.name]
        if partners:
            list(self.session.scalars(select(Organisation).where(Organisation.id.in_(partners))))
        for match in matches:
            if match.state.entity == PARTNER.name:
                self._partner(match)
            else:
                self._contact(match)

    def _partner(self, match: Match) -> None:
        state, partner_id = match.state, resolved(match.ref)
        record = self.session.get(Organisation, partner_id)
        assert record is not None
        fields = {
            key: new
            for key, new in match.values.items()
            if self._differs(getattr(record, key), new, key)
        }
        shown = [_change(PARTNER, key, getattr(record, key), new) for key, new in fields.items()]
        unarchive = record.archived
        if not fields and not unarchive:
            state.verdict = Verdict.UNCHANGED
            return

        def work(pending: list[Item]) -> None:
            self._keep("partner", partner_id, state.number, pending)
            if fields:
                update_partner(self.session, partner_id, fields)
            if unarchive:
                set_partner_archived(self.session, partner_id, False)

        if self._saved(state, work):
            state.verdict, state.changes, state.unarchived = Verdict.UPDATE, shown, unarchive
            if fields.get("org_number") and isinstance(match.ref, int | NewPartner):
                self.partners.set_number(match.ref, str(fields["org_number"]))
            if ("partner", partner_id) not in self.made:
                self.changed_counts["partner"] += 1

    def _contact(self, match: Match) -> None:
        state, contact_id = match.state, resolved(match.ref)
        record = self.session.get(Contact, contact_id)
        assert record is not None
        fields = {
            key: new
            for key, new in match.values.items()
            if self._differs(getattr(record, key), new)
        }
        shown = [_change(CONTACT, key, getattr(record, key), new) for key, new in fields.items()]
        job, job_shown = self._job(record, match)
        unarchive = record.archived
        own = state.entity == CONTACT.name
        if not fields and job is None and not unarchive:
            if own:
                state.verdict = Verdict.UNCHANGED
            return

        def work(pending: list[Item]) -> None:
            self._keep("contact", contact_id, state.number, pending)
            if fields:
                update_contact(self.session, contact_id, fields)
            if unarchive:
                set_contact_archived(self.session, contact_id, False)
            if job is not None:
                job(pending)

        if self._saved(state, work):
            state.changes += shown + job_shown
            state.unarchived = unarchive
            if own:
                state.verdict = Verdict.UPDATE
            if ("contact", contact_id) not in self.made:
                self.changed_counts["contact"] += 1

    def _job(
        self, record: Contact, match: Match
    ) -> tuple[Callable[[list[Item]], None] | None, list[FieldChange]]:
        """What the row does to the person's job: start one, change it (mode update), or
        give the current one the file's title; with what the preview shows of it."""
        contact_id, title, state = record.id, match.title, match.state
        current = current_affiliation(record)
        organisation = None if match.organisation is None else resolved(match.organisation)
        employer = "" if match.organisation is None else self.partners.names[match.organisation]
        now_at = current.organisation.name if current is not None else ""
        moved = (
            current is not None
            and organisation is not None
            and current.organisation_id != organisation
        )
        if organisation is not None and (current is None or moved):
            if moved and self.mode != ImportMode.UPDATE:
                state.warnings.append(
                    _(
                        "{name} works at {current} in the register, the file says {employer}: "
                        "the job is left as it is (import in mode update to record a job change)."
                    ).format(name=state.name, current=now_at, employer=employer)
                )
                return None, []
            shown = [_change(CONTACT, "organisation", now_at, employer)]
            if title is not None and (current is None or current.title != title):
                shown.append(_change(CONTACT, "title", current.title if current else None, title))

            def start(pending: list[Item]) -> None:
                if current is not None:
                    self._keep("affiliation", current.id, state.number, pending)
                    end_affiliation(self.session, contact_id, end_date=self.today)
                change_job(
                    self.session, contact_id, organisation, title=title, start_date=self.today
                )
                opened = self.session.scalar(
                    select(Affiliation.id).where(
                        Affiliation.contact_id == contact_id, Affiliation.is_current
                    )
                )
                assert opened is not None
                pending.append(
                    {
                        "row": state.number,
                        "entity": "affiliation",
                        "entity_id": opened,
                        "action": CREATE,
                        "before": None,
                    }
                )

            return start, shown
        if current is not None and title is not None and self._differs(current.title, title):
            job = EditJob(
                current.id, None, current.organisation_id, title, current.start_date, None
            )

            def retitle(pending: list[Item]) -> None:
                self._keep("affiliation", job.affiliation_id or 0, state.number, pending)
                edit_affiliation(self.session, contact_id, current.id, job)

            return retitle, [_change(CONTACT, "title", current.title, title)]
        return None, []

    # --- registrations -------------------------------------------------------------------
    def register(self, registrations: list[Registration]) -> None:
        assert self.meeting_id is not None or not registrations
        for registration in registrations:
            if registration.state.verdict == Verdict.ERROR:
                continue
            self._register(registration)

    def _register(self, registration: Registration) -> None:
        state, meeting_id = registration.state, self.meeting_id
        assert meeting_id is not None
        contact_id = resolved(registration.contact)
        organisation = None if state.organisation is None else resolved(state.organisation)
        existing = self.participants.get(contact_id)
        if existing is None:

            def add(pending: list[Item]) -> None:
                row = register(
                    self.session,
                    meeting_id,
                    contact_id,
                    dietary_needs=registration.dietary_needs,
                    organisation_id=organisation,
                )
                if registration.status and registration.status != row.status:
                    update_participation(self.session, row.id, {"status": registration.status})
                state.ref = row.id
                pending.append(
                    {
                        "row": state.number,
                        "entity": "participation",
                        "entity_id": row.id,
                        "action": CREATE,
                        "before": None,
                    }
                )

            if self._saved(state, add):
                self.participants[contact_id] = int(state.ref)  # type: ignore[call-overload]
                state.verdict = Verdict.NEW
            return
        record = self.session.get(Participation, existing)
        assert record is not None
        state.ref = existing
        values: dict[str, object] = {}
        status = registration.status
        if status is None and record.status in _REGISTER_AGAIN:
            status = ParticipationStatus.REGISTERED.value
        if status is not None and status != record.status:
            values["status"] = status
        if registration.dietary_needs and not record.dietary_needs:
            values["dietary_needs"] = registration.dietary_needs
        if organisation is not None and record.organisation_id is None:
            values["organisation_id"] = organisation
        if not values:
            state.verdict = Verdict.UPDATE if state.changes else Verdict.UNCHANGED
            return
        shown = [
            _change(PARTICIPATION, key, getattr(record, key), new)
            for key, new in values.items()
            if key != "organisation_id"
        ]

        def change(pending: list[Item]) -> None:
            self._keep("participation", existing, state.number, pending)
            update_participation(self.session, existing, values)

        if self._saved(state, change):
            state.changes += shown
            state.verdict = Verdict.UPDATE
            self.changed_counts["participation"] += 1
