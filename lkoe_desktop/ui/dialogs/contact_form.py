"""The contact form: a person, their employer, and their history on further pages."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lkoe_desktop.domain import entities
from lkoe_desktop.domain.codes import Language, LegalBasis, ParticipationStatus, label
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import consents, contacts, duplicates, relations
from lkoe_desktop.ui.dialogs.contact_dialogs import ConsentDialog, OrganisationPicker
from lkoe_desktop.ui.dialogs.contact_pages import EmploymentPage, GroupsPage
from lkoe_desktop.ui.dialogs.employment_dialogs import ChangeEmployerDialog
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
        self.employment = EmploymentPage(self)
        self.places = GroupsPage(self)
        decisions: tuple[str, ...] = (N_("Decided on"), N_("Purpose"), N_("Legal basis"))
        decisions += (N_("Decision"), N_("Source"), N_("Recorded by"))
        self.consents = self.listing("consent", decisions, 4)
        record = QPushButton(_("Record consent…"), self)
        record.clicked.connect(self.record_consent)
        self.meetings = self.listing(MEETING, (N_("Starts"), N_("Meeting"), N_("Status")), 1)
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
        self.employment.fill(session)
        self.places.fill(session)
        history = consents.consent_history(session, record.id)
        self.purposes = sorted({row.purpose for row in history}, key=str.casefold)
        self.consents.fill([(row.id, decision_texts(row)) for row in reversed(history)])
        visits = relations.meetings_of_contact(session, record.id)
        self.meetings.fill(
            [(v.meeting_id, [moment(v.starts_at), v.title, status_text(v.status)]) for v in visits]
        )
        titles = (_("Consents"), _("Meetings"))
        counts = (len(history), len(visits))
        for index, title, count in zip(self.related_pages[2:], titles, counts, strict=True):
            self.pages.setTabText(index, counted(title, count))

    def show_employer(self, current: contacts.AffiliationRow | None) -> None:
        """The current job on the Details page, as it will be saved."""
        held = " <i>" + escape(_("(not saved yet)")) + "</i>" if self.employment.changes else ""
        if current is None:
            self.employer.setText(escape(_("No current employer.")) + held)
            return
        text = f'<a href="lkoe://{PARTNER}/{current.organisation_id}">'
        text += f"{escape(current.organisation)}</a>"
        if current.title:
            text += f", {escape(current.title)}"
        if current.start_date:
            text += " " + escape(_("(since {date})").format(date=day(current.start_date)))
        self.employer.setText(text + held)

    def _open_employer(self) -> None:
        current = self.employment.current()
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
        contacts.update_contact(session, self.record_id, values, expected_version=self.version)
        self.employment.save(session)
        self.places.save(session)
        return contacts.get_contact(session, self.record_id)

    def has_changes(self) -> bool:
        held = self.employment.changes or self.places.changes
        return bool(held) or super().has_changes()

    # --- the small dialogs ---------------------------------------------------------------------
    def change_employer(self) -> ChangeEmployerDialog:
        """Open the "change employer" dialog; the change is saved with the form."""
        dialog = ChangeEmployerDialog(self)
        dialog.open()
        return dialog

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
