"""The contact form: a person, their employer, and their history on further pages."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lkoe_desktop.domain import entities
from lkoe_desktop.domain.codes import Language, LegalBasis, ParticipationStatus, label
from lkoe_desktop.domain.errors import ConflictError
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import consents, contacts, duplicates, relations
from lkoe_desktop.ui.dialogs.contact_dialogs import (
    ChangeEmployerDialog,
    ConsentDialog,
    OrganisationPicker,
)
from lkoe_desktop.ui.dialogs.record_form import (
    CONTACT,
    MEETING,
    PARTNER,
    RecordForm,
    counted,
    day,
    moment,
    run_form,
)
from lkoe_desktop.ui.forms import merge
from lkoe_desktop.ui.forms.fields import form_fields
from lkoe_desktop.ui.widgets.form_fields import swap_field

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.context import AppContext


class ContactForm(RecordForm):
    """Create or edit a person; a saved person also shows their history on further pages."""

    fields = form_fields(entities.CONTACT)
    rules = entities.CONTACT.rules()
    record_noun = N_("the contact")

    archived_text = N_("This contact is archived.")

    def build(self) -> None:
        super().build()
        self._choices: list[duplicates.PartnerChoice] | None = None
        self.picker = OrganisationPicker(self.widgets["organisation_id"].field, self.choices)
        swap_field(self, self.picker)
        employer: Sequence[str | QWidget] = ("organisation_id", "title")
        if self.record_id is not None:
            self.employer = QLabel(self)
            self.employer.setWordWrap(True)
            self.employer.linkActivated.connect(lambda _link: self._open_employer())
            employer = (self.employer, right_aligned(self.change_button()))
        self.lay_out_described(
            entities.CONTACT,
            {"employer": employer, "themes": (self.themes,), "notes": (self.widgets["notes"],)},
        )
        jobs = (N_("Organisation"), N_("Job title"), N_("From"), N_("Until"))
        self.jobs = self.listing(PARTNER, jobs, 1)
        places = (N_("Group"), N_("Role"), N_("Since"), N_("Until"))
        self.groups = self.listing("group", places, 0)
        decisions: tuple[str, ...] = (N_("Decided on"), N_("Purpose"), N_("Legal basis"))
        decisions += (N_("Decision"), N_("Source"), N_("Recorded by"))
        self.consents = self.listing("consent", decisions, 4)
        record = QPushButton(_("Record consent…"), self)
        record.clicked.connect(self.record_consent)
        self.meetings = self.listing(MEETING, (N_("Starts"), N_("Meeting"), N_("Status")), 1)
        self.add_page(self.jobs, self.change_button())
        self.add_page(self.groups)
        self.add_page(self.consents, record)
        self.add_page(self.meetings)
        self.watch("first_name", "last_name", "email", "organisation_id")
        if self.record_id is None:
            self.widgets["language"].set_value(Language.SWEDISH.value)

    def change_button(self) -> QPushButton:
        button = QPushButton(_("Change employer…"), self)
        button.clicked.connect(self.change_employer)
        return button

    def title(self) -> str:
        if self.record_id is None:
            return _("New contact")
        if self.record is None:
            return _("Contact")
        name = f"{self.record.first_name} {self.record.last_name}"
        return _("Contact: {name}").format(name=name)

    def choices(self) -> list[duplicates.PartnerChoice]:
        """Every partner's name for the pickers, read once per form."""
        if self._choices is None:
            with self.context.database.reading() as session:
                self._choices = duplicates.partner_choices(session)
        return self._choices

    def similar(self, session: Session) -> list[duplicates.SimilarRecord]:
        organisation = self.picker.value()
        return duplicates.similar_contacts(
            session,
            first_name=str(self.widgets["first_name"].value()),
            last_name=str(self.widgets["last_name"].value()),
            email=str(self.widgets["email"].value()),
            organisation_id=organisation if isinstance(organisation, int) else None,
            exclude_id=self.record_id,
        )

    def fetch(self, session: Session, record_id: int) -> Any:
        return contacts.get_contact(session, record_id)

    def fill_related(self, session: Session, record: Any) -> None:
        self._show_jobs(record)
        places = relations.groups_of_contact(session, record.id)
        self.groups.fill(
            [(g.group_id, [g.group, g.role or "", day(g.since), day(g.until)]) for g in places]
        )
        history = consents.consent_history(session, record.id)
        self.purposes = sorted({row.purpose for row in history}, key=str.casefold)
        self.consents.fill([(row.id, decision_texts(row)) for row in reversed(history)])
        visits = relations.meetings_of_contact(session, record.id)
        self.meetings.fill(
            [(v.meeting_id, [moment(v.starts_at), v.title, status_text(v.status)]) for v in visits]
        )
        titles = (_("Employment"), _("Groups"), _("Consents"), _("Meetings"))
        counts = (len(record.affiliations), len(places), len(history), len(visits))
        for index, title, count in zip(self.related_pages, titles, counts, strict=True):
            self.pages.setTabText(index, counted(title, count))

    def _show_jobs(self, record: contacts.ContactRecord) -> None:
        jobs = list(reversed(record.affiliations))
        self.jobs.fill([(job.organisation_id, job_texts(job)) for job in jobs])
        for row, job in enumerate(jobs):
            if job.is_current:
                item = self.jobs.topLevelItem(row)
                assert item is not None
                font = QFont(item.font(0))
                font.setBold(True)
                for column in range(self.jobs.columnCount()):
                    item.setFont(column, font)
        current = record.current
        if current is None:
            self.employer.setText(_("No current employer."))
            return
        text = f'<a href="lkoe://{PARTNER}/{current.organisation_id}">'
        text += f"{escape(current.organisation)}</a>"
        if current.title:
            text += f", {escape(current.title)}"
        if current.start_date:
            text += " " + escape(_("(since {date})").format(date=day(current.start_date)))
        self.employer.setText(text)

    def _open_employer(self) -> None:
        current = self.record.current if self.record is not None else None
        if current is not None:
            self.show_related(PARTNER, current.organisation_id)

    def validate(self) -> dict[str, str]:
        errors = super().validate()
        problem = self.picker.problem() if self.record_id is None else None
        if problem is None and self.picker.value() is None and self.widgets["title"].value():
            problem = _("Choose the organisation where the person has this job title.")
        if problem and "organisation_id" not in errors:
            errors = errors | {"organisation_id": problem}
            self.show_errors(errors)
        return errors

    def persist(self, session: Session, values: dict[str, object]) -> Any:
        if self.record_id is None:
            return contacts.create_contact(session, values)
        values = {k: v for k, v in values.items() if k not in ("organisation_id", "title")}
        return contacts.update_contact(
            session, self.record_id, values, expected_version=self.version
        )

    # --- the small dialogs ---------------------------------------------------------------------
    def change_employer(self) -> ChangeEmployerDialog:
        """Open the "change employer" dialog (it saves on its own; the form then shows it)."""
        dialog = ChangeEmployerDialog(self)
        dialog.saved.connect(self._employer_changed)
        dialog.conflicted.connect(self._employer_conflict)
        dialog.open()
        return dialog

    def _employer_conflict(self, error: ConflictError) -> None:
        """Someone else saved the person first: show their changes, then say to try again."""
        if merge.merge_newer(self, error) is not merge.Outcome.GONE:
            self.context.prompts.inform(
                self,
                _("Saved by someone else"),
                _(
                    "Someone else saved the contact while you were changing the employer, so the "
                    "new employer is not saved. Their changes are now in the form: change the "
                    "employer again."
                ),
            )

    def _employer_changed(self, record: contacts.ContactRecord) -> None:
        # The change has its own transaction: what is typed in the form stays as it is.
        self.record, self.version = record, record.version
        self.refresh_related()

    def record_consent(self) -> ConsentDialog:
        dialog = ConsentDialog(self, self.purposes)
        dialog.saved.connect(lambda _row: self.refresh_related())
        dialog.open()
        return dialog


def right_aligned(button: QPushButton) -> QWidget:
    holder = QWidget(button.parentWidget())
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(button)
    return holder


def job_texts(job: contacts.AffiliationRow) -> list[str]:
    until = _("current") if job.is_current else day(job.end_date)
    return [job.organisation, job.title or "", day(job.start_date), until]


def decision_texts(row: consents.ConsentRow) -> list[str]:
    return [
        day(row.decided_on),
        row.purpose,
        label(LegalBasis(row.basis)),
        _("Given") if row.granted else _("Withdrawn"),
        row.source or "",
        f"{row.recorded_by}, {moment(row.recorded_at)}",
    ]


def status_text(status: str | None) -> str:
    return label(ParticipationStatus(status)) if status else ""


def open_contact_form(
    context: AppContext,
    record_id: int | None,
    parent: QWidget | None = None,
    *,
    organisation_id: int | None = None,
) -> int | None:
    """Open a contact's form (None: a new contact, at `organisation_id` if given).

    Returns the saved contact's id, or None when nothing was saved.
    """
    form = ContactForm(context, record_id, parent)
    if record_id is None and organisation_id is not None:
        form.widgets["organisation_id"].set_value(organisation_id)
    return run_form(form, CONTACT)
