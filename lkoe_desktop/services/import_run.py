"""One run of an import over a file's rows: check, match, write, and say what each row does.

The rows are taken a chunk at a time. Each row is checked with the entity descriptions'
validators and matched against the indexes (`import_index`); a new record waits in the chunk
and is written with the chunk's others (`import_bulk`); a matched one is changed through the
services after them (`import_matches`), each in a savepoint of its own, so that a row the
services refuse leaves nothing behind. Between chunks, progress is reported and a cancel asked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Contact, Meeting
from lkoe_desktop.domain import validation as v
from lkoe_desktop.domain.entities import AFFILIATION, CONTACT, PARTICIPATION, PARTNER
from lkoe_desktop.domain.errors import ValidationError
from lkoe_desktop.domain.fields import Entity
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.import_mapping import ImportKind
from lkoe_desktop.exchange.import_rows import ImportRow, ReadResult
from lkoe_desktop.services.common import checked, get, today
from lkoe_desktop.services.group_adding import add_members
from lkoe_desktop.services.import_batches import finish_batch, start_batch
from lkoe_desktop.services.import_bulk import LegalBasis, write_contacts, write_partners
from lkoe_desktop.services.import_index import (
    ContactIndex,
    ContactRef,
    NewContact,
    NewPartner,
    PartnerIndex,
    PartnerRef,
    resolved,
)
from lkoe_desktop.services.import_matches import Match, Matcher, Registration, RowState
from lkoe_desktop.services.imports import (
    Cancelled,
    ImportCancelled,
    ImportCounts,
    ImportMode,
    ImportOutcome,
    ImportRequest,
    Progress,
    RowOutcome,
    Verdict,
)
from lkoe_desktop.services.partners import clean_partner

CHUNK = 2000
# A row's person: contact fields none of which the contacts service keeps apart, so that
# CONTACT.clean checks them as `checked` would (tests/exchange/test_import_contacts.py).
PERSON = ("first_name", "last_name", "gender", "language", "email", "phone", "mobile", "notes")
SOURCE_LENGTH = 200
BULK_CACHE_KIB = 262_144  # as the demo's loading: random-order index inserts need it


class Refused(Exception):
    """A file with errors imported without skip_invalid: rolled back, the outcome kept."""

    def __init__(self, outcome: ImportOutcome) -> None:
        super().__init__("refused")
        self.outcome = outcome


class RowError(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def labelled(entity: Entity, wrong: ValidationError) -> list[str]:
    """A validation error's messages, each after the name of its field ("E-post: …")."""
    return [
        f"{entity.field(key).title}: {message}" if entity.has(key) else message
        for key, message in wrong.errors.items()
    ]


def _source(batch_id: int, file_name: str) -> str:
    """The legal-basis record's source: the import and its file, shortened to fit."""
    text = _("Import {batch} of the file “{file}”").format(batch=batch_id, file=file_name)
    if len(text) <= SOURCE_LENGTH:
        return text
    room = len(file_name) - (len(text) - SOURCE_LENGTH) - 1
    return _("Import {batch} of the file “{file}”").format(
        batch=batch_id, file=file_name[: max(room, 1)] + "…"
    )


class Importer:
    """An import under way in one session (committed or rolled back by the caller)."""

    def __init__(self, session: Session, request: ImportRequest, read: ReadResult) -> None:
        self.session = session
        self.request = request
        self.read = read
        self.mode = request.mode
        self.today = today(session)
        meeting = None
        if request.kind == ImportKind.REGISTRATIONS:
            assert request.meeting_id is not None
            meeting = get(session, Meeting, request.meeting_id, _("Meeting")).id
        self.batch = start_batch(session, request.kind.value, self.mode.value, read.table.file_name)
        self.partners = PartnerIndex.load(session)
        self.title_rules = AFFILIATION.rules(["title"])
        self.number_rules = PARTNER.rules(["org_number"])
        self.contacts = (
            ContactIndex() if request.kind == ImportKind.PARTNERS else ContactIndex.load(session)
        )
        self.basis = LegalBasis(
            purpose=_("Network register and invitations to activities"),
            basis=request.legal_basis,
            source=_source(self.batch.id, read.table.file_name),
            decided_on=self.today,
        )
        self.states: list[RowState] = []
        self.new_partners: list[NewPartner] = []
        self.new_contacts: list[NewContact] = []
        self.matches: list[Match] = []
        self.registrations: list[Registration] = []
        self.touched: dict[object, int] = {}
        self.matcher = Matcher(session, self.mode, self.today, meeting, self.partners)

    # --- rows ---------------------------------------------------------------------------
    def add(self, row: ImportRow) -> None:
        kind = self.request.kind
        entity = {ImportKind.PARTNERS: PARTNER, ImportKind.CONTACTS: CONTACT}.get(
            kind, PARTICIPATION
        )
        state = RowState(row.number, entity.name, _row_name(row), warnings=list(row.warnings))
        self.states.append(state)
        try:
            if row.errors:
                raise RowError(list(row.errors))
            if kind == ImportKind.PARTNERS:
                self._partner_row(row, state)
            elif kind == ImportKind.CONTACTS:
                self._contact_row(row, state)
            else:
                self._registration_row(row, state)
        except RowError as wrong:
            state.fail(wrong.messages)

    def _touch(self, key: object, state: RowState) -> bool:
        """Note the first row that touches a record; a later one is a duplicate (True)."""
        earlier = self.touched.get(key)
        if earlier is None:
            self.touched[key] = state.number
            return False
        state.duplicate_of = earlier
        return True

    def _partner_row(self, row: ImportRow, state: RowState) -> None:
        try:
            cleaned = clean_partner(row.values)
        except ValidationError as wrong:
            raise RowError(labelled(PARTNER, wrong)) from None
        name, number = str(cleaned["name"]), _text(cleaned.get("org_number"))
        ref, warning = self.partners.find(name, number)
        if warning:
            state.warnings.append(warning)
        if ref is None:
            ref = self._new_partner(cleaned, state.number)
            self._touch(ref, state)
            state.verdict, state.ref = Verdict.NEW, ref
            return
        duplicate = self._touch(_key("partner", ref), state)
        state.ref = ref
        if duplicate:
            state.warnings.append(
                _("The same partner as row {row}: applied as a match.").format(
                    row=state.duplicate_of
                )
            )
        if self.mode == ImportMode.CREATE:
            state.verdict = Verdict.DUPLICATE if duplicate else Verdict.UNCHANGED
            return
        self.matches.append(Match(state, ref, cleaned, None, None, duplicate))

    def _new_partner(self, values: dict[str, object], number: int) -> NewPartner:
        partner = NewPartner(values, number)
        self.new_partners.append(partner)
        self.partners.add(partner, partner.name, _text(values.get("org_number")))
        return partner

    def _checked_person(self, row: ImportRow) -> tuple[dict[str, object], str | None, str | None]:
        """The person's cleaned values, job title and organisation number, or a RowError."""
        values = row.values
        errors: list[str] = []
        cleaned: dict[str, object] = {}
        try:
            cleaned = CONTACT.clean({k: values[k] for k in PERSON if k in values}, new=True)
        except ValidationError as wrong:
            errors += labelled(CONTACT, wrong)
        title = number = None
        try:
            job = v.collect({"title": values.get("title")}, self.title_rules)
            title = _text(job["title"])
            numbered = v.collect({"org_number": values.get("org_number")}, self.number_rules)
            number = _text(numbered["org_number"])
        except ValidationError as wrong:
            errors += labelled(PARTNER if "org_number" in wrong.errors else AFFILIATION, wrong)
        if errors:
            raise RowError(errors)
        return cleaned, title, number

    def _employer(self, name: str | None, number: str | None, state: RowState) -> PartnerRef | None:
        if not name and not number:
            return None
        ref, warning = self.partners.find(name, number)
        if warning:
            state.warnings.append(warning)
        if ref is not None:
            return ref
        if not name:
            raise RowError(
                [
                    _(
                        "No partner has the organisation number {number}: write the "
                        "organisation's name in the file too."
                    ).format(number=number)
                ]
            )
        try:
            values = clean_partner({"name": name, "org_number": number})
        except ValidationError as wrong:
            raise RowError(labelled(PARTNER, wrong)) from None
        return self._new_partner(values, state.number)

    def _contact_row(self, row: ImportRow, state: RowState) -> ContactRef:
        cleaned, title, number = self._checked_person(row)
        organisation = self._employer(_text(row.values.get("organisation")), number, state)
        if title is not None and organisation is None:
            state.warnings.append(
                _("The job title is not imported: the row names no organisation.")
            )
            title = None
        email = _text(cleaned.get("email"))
        first, last = str(cleaned["first_name"]), str(cleaned["last_name"])
        state.organisation = organisation
        ref, warning = self.contacts.find(email, first, last, organisation)
        if warning:
            state.warnings.append(warning)
        contact_kind = state.entity == CONTACT.name
        if ref is None:
            person = NewContact(cleaned, organisation, title, state.number)
            self.new_contacts.append(person)
            self.contacts.add(person, email, first, last, organisation)
            self._touch(person, state)
            state.contact = person
            if contact_kind:
                state.verdict, state.ref = Verdict.NEW, person
            return person
        state.contact = ref
        duplicate = self._touch(_key("contact", ref), state) if contact_kind else False
        if duplicate:
            state.warnings.append(
                _("The same person as row {row}: applied as a match.").format(
                    row=state.duplicate_of
                )
            )
        if contact_kind:
            state.ref = ref
        if self.mode == ImportMode.CREATE:
            state.verdict = Verdict.DUPLICATE if duplicate else Verdict.UNCHANGED
            return ref
        if organisation is not None:
            self.contacts.worked_at(ref, organisation)
        self.matches.append(Match(state, ref, cleaned, organisation, title, duplicate))
        return ref

    def _registration_row(self, row: ImportRow, state: RowState) -> None:
        given: dict[str, object] = {
            k: row.values[k] for k in ("dietary_needs", "status") if k in row.values
        }
        try:
            wanted = checked(PARTICIPATION, given)
        except ValidationError as wrong:
            raise RowError(labelled(PARTICIPATION, wrong)) from None
        contact = self._contact_row(row, state)
        duplicate = self._touch(("participation", contact), state)
        if duplicate:
            state.warnings.append(
                _("The same person as row {row}: applied as a match.").format(
                    row=state.duplicate_of
                )
            )
        self.registrations.append(
            Registration(
                state,
                contact,
                _text(wanted.get("dietary_needs")),
                _text(wanted.get("status")),
                duplicate,
            )
        )

    # --- writing ------------------------------------------------------------------------
    def write_chunk(self) -> None:
        """Write the chunk's new records, then change the matched ones and register people."""
        write_partners(self.session, self.new_partners)
        for partner in self.new_partners:
            self.matcher.created("partner", resolved(partner), partner.row)
        write_contacts(self.session, self.new_contacts, self.partners, self.basis)
        for person in self.new_contacts:
            self.matcher.created("contact", resolved(person), person.row)
        self.new_partners, self.new_contacts = [], []
        self.matcher.apply_matches(self.matches)
        self.matcher.register(self.registrations)
        self.matches, self.registrations = [], []

    def finish(self, written: bool) -> ImportOutcome:
        self.write_chunk()
        if self.request.group_id is not None and self.request.kind != ImportKind.PARTNERS:
            self._add_to_group(self.request.group_id)
        rows = tuple(state.outcome() for state in self.states)
        counts = self._counts(rows)
        finish_batch(
            self.session,
            self.batch,
            {"rows": counts.rows, **{f"{k}_created": n for k, n in counts.created.items()}},
            self.matcher.items,
        )
        return ImportOutcome(
            request=self.request,
            table=self.read.table,
            mapping=self.read.mapping,
            rows=rows,
            file_problems=self.read.file_problems,
            counts=counts,
            written=written,
            batch_id=self.batch.id if written else None,
        )

    def _add_to_group(self, group_id: int) -> None:
        wanted = list(
            dict.fromkeys(
                resolved(state.contact)
                for state in self.states
                if state.contact is not None and state.verdict != Verdict.ERROR
            )
        )
        archived = (
            set(
                self.session.scalars(
                    select(Contact.id).where(Contact.id.in_(wanted), Contact.archived)
                )
            )
            if wanted
            else set()
        )
        added = add_members(
            self.session, group_id, [i for i in wanted if i not in archived], since=self.today
        )
        for membership_id in added.added:
            self.matcher.created("membership", membership_id, None)

    def _counts(self, rows: tuple[RowOutcome, ...]) -> ImportCounts:
        verdicts = Counter(row.verdict for row in rows)
        return ImportCounts(
            rows=len(rows),
            new=verdicts[Verdict.NEW],
            updated=verdicts[Verdict.UPDATE],
            unchanged=verdicts[Verdict.UNCHANGED],
            duplicates=verdicts[Verdict.DUPLICATE],
            errors=verdicts[Verdict.ERROR],
            warnings=sum(1 for row in rows if row.warnings),
            created=dict(self.matcher.created_counts),
            changed=dict(self.matcher.changed_counts),
        )


def _key(entity: str, ref: Any) -> object:
    return (entity, ref) if isinstance(ref, int) else ref


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _row_name(row: ImportRow) -> str:
    values = row.values
    if "name" in values:
        return str(values["name"])
    return " ".join(str(values[k]) for k in ("first_name", "last_name") if k in values)


@contextmanager
def _big_cache(session: Session) -> Iterator[None]:
    """On SQLite, a page cache big enough for the indexes of 100 000 new rows meanwhile (the
    setting is the connection's: it is put back after)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    previous = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    connection.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={previous}")


def run(
    session: Session,
    request: ImportRequest,
    read: ReadResult,
    progress: Progress | None,
    cancelled: Cancelled | None,
    *,
    commit: bool,
) -> ImportOutcome:
    """The import of `read` in `session`; the caller commits or rolls back. Raises Refused
    (to roll back) for a file with errors imported without skip_invalid."""
    with _big_cache(session):
        importer = Importer(session, request, read)
        total = len(read.rows)
        for start in range(0, total, CHUNK):
            if cancelled is not None and cancelled():
                raise ImportCancelled(_("The import was cancelled: nothing was imported."))
            for row in read.rows[start : start + CHUNK]:
                importer.add(row)
            if start + CHUNK < total:
                importer.write_chunk()
            if progress is not None:
                progress(min(start + CHUNK, total), total)
        outcome = importer.finish(written=commit)
    if commit and not outcome.ok and not request.skip_invalid:
        raise Refused(replace(outcome, written=False, batch_id=None))
    return outcome
