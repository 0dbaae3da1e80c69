"""The contact form's job and group dialogs: what they change is held by the form until Save."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.entities import AFFILIATION, CONTACT, MEMBERSHIP
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import groups, work_email
from lkoe_desktop.services.affiliations import ChangeJob, DeleteJob, EditJob, JobChange
from lkoe_desktop.services.common import today
from lkoe_desktop.services.contacts import AffiliationRow
from lkoe_desktop.services.group_places import Amend, Join, Place, PlaceChange
from lkoe_desktop.ui.dialogs.contact_dialogs import OrganisationPicker, SmallDialog, checked
from lkoe_desktop.ui.forms.fields import CHOICE, DATE, Field, FieldWidget, form_fields
from lkoe_desktop.ui.widgets.form_fields import attach_calendar, mute, narrow

if TYPE_CHECKING:
    from lkoe_desktop.ui.dialogs.contact_form import ContactForm

WARNING_STYLE = "color: #6b5a1e; background: #fff4d6; padding: 6px; border-radius: 4px;"


class HeldDialog(SmallDialog):
    """A small dialog whose change the form tries at once (so that its messages show here)
    and then holds, to be saved with the form's Save; the form's Cancel undoes it."""

    def __init__(self, form: ContactForm, title: str) -> None:
        super().__init__(form.context, title, form)
        self.contact_form = form
        # Nothing is saved here: the button hands the change to the form, which saves it.
        done = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        done.setText(_("OK"))
        done.setToolTip(_("The change is saved when the contact is saved"))

    def date_field(self, field: Field, value: date | None) -> FieldWidget:
        widget = self.add(FieldWidget(field))
        attach_calendar(widget)
        narrow(widget.editor, 14)
        widget.set_value(value)
        return widget

    def values(self, *keys: str) -> dict[str, object]:
        return {key: self.widgets[key].value() for key in keys}

    def hold(self) -> dict[str, str]:
        """Hand the change to the form; the messages of what it refused."""
        raise NotImplementedError

    def accept(self) -> None:
        errors = self.problems() or self.hold()
        for key, widget in self.widgets.items():
            widget.show_error(errors.get(key))
        unplaced = [message for key, message in errors.items() if key not in self.widgets]
        if unplaced:
            self.context.prompts.error(self, _("Cannot save"), "\n".join(unplaced))
        if not errors:
            QDialog.accept(self)


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


class ChangeEmployerDialog(HeldDialog):
    """The person has a new job: the current one ends the day before the new one starts. An
    e-mail address at the old employer's domain may be changed in the same step."""

    rules = AFFILIATION.rules(["title", "start_date"])

    def __init__(self, form: ContactForm) -> None:
        super().__init__(form, _("Change employer"))
        self.current = form.employment.current()
        if self.current is not None:
            hint = QLabel(
                _(
                    "The employment at {organisation} ends the day before the new one starts."
                ).format(organisation=self.current.organisation),
                self,
            )
            hint.setWordWrap(True)
            mute(hint)
            self.form.addRow(hint)
        self.picker = OrganisationPicker(
            Field("organisation_id", N_("New organisation"), required=True), form.choices
        )
        self.add(self.picker)
        self.add(FieldWidget(form_fields(AFFILIATION, "title")[0]))
        with form.context.database.reading() as session:
            started = today(session)
        self.date_field(Field("start_date", N_("Starts on"), kind=DATE), started)
        self._email_offer(form)
        self.finish()

    def _email_offer(self, form: ContactForm) -> None:
        """The question about the e-mail address, shown once a new employer is chosen."""
        self.address = str(form.widgets["email"].value() or "").strip()
        self.offer = QWidget(self)
        self.question = QLabel(self.offer)
        self.question.setWordWrap(True)
        self.keep = QRadioButton(_("Keep {address}").format(address=self.address), self.offer)
        self.change = QRadioButton(_("Change it to:"), self.offer)
        self.keep.setChecked(True)
        choice = QButtonGroup(self.offer)
        choice.addButton(self.keep)
        choice.addButton(self.change)
        self.new_address = FieldWidget(form_fields(CONTACT, "email")[0], self.offer)
        self.widgets["new_address"] = self.new_address  # its message shows under it
        self.suggested_for: object = None
        self.new_address.edited.connect(lambda _key: self.change.setChecked(True))
        row = QHBoxLayout()
        row.addWidget(self.change)
        row.addWidget(self.new_address, 1)
        self.form.addRow(self.offer)
        stack = QVBoxLayout(self.offer)
        stack.setContentsMargins(0, 8, 0, 0)
        stack.addWidget(self.question)
        stack.addWidget(self.keep)
        stack.addLayout(row)
        self.offer.hide()
        self.at_old = self.current is not None and self._at(self.current.organisation_id)
        self.picker.edited.connect(lambda _key: self._show_offer())

    def _at(self, organisation_id: int) -> bool:
        with self.context.database.reading() as session:
            return work_email.is_at(session, self.address, organisation_id)

    def _show_offer(self) -> None:
        chosen = self.picker.value()
        if not self.at_old or not isinstance(chosen, int) or self.current is None:
            self.offer.hide()
            return
        if chosen != self.suggested_for:  # what the clerk typed stays while the name is typed
            with self.context.database.reading() as session:
                self.new_address.set_value(work_email.address_at(session, self.address, chosen))
            self.suggested_for = chosen
        self.question.setText(
            _(
                "The e-mail address {address} is at {organisation}. Change it to an address at "
                "the new employer?"
            ).format(address=self.address, organisation=self.current.organisation)
        )
        self.offer.show()
        self.adjustSize()

    def problems(self) -> dict[str, str]:
        errors = checked(self.rules, self.values("title", "start_date"))[1]
        problem = self.picker.problem()
        errors |= {"organisation_id": problem} if problem else {}
        if self.changes_address():
            typed = self.new_address.value()
            email = checked(CONTACT.rules(["email"]), {"email": typed})
            message = email[1].get("email") or (None if typed else _("Type the new address."))
            if message:
                errors["new_address"] = message
        return errors

    def changes_address(self) -> bool:
        return not self.offer.isHidden() and self.change.isChecked()

    def hold(self) -> dict[str, str]:
        values = checked(self.rules, self.values("title", "start_date"))[0]
        organisation = self.picker.value()
        assert isinstance(organisation, int)
        change = ChangeJob(organisation, _text(values["title"]), _day(values["start_date"]))
        errors = self.contact_form.employment.hold(change)
        if not errors and self.changes_address():
            self.contact_form.widgets["email"].set_value(self.new_address.value())
        return errors


class AffiliationDialog(HeldDialog):
    """Correct a job's organisation, title or dates, end it, or delete a wrong entry."""

    rules = AFFILIATION.rules(["title", "start_date", "end_date"])

    def __init__(
        self, form: ContactForm, job: AffiliationRow, opened_by: int | None, *, ending: bool
    ) -> None:
        super().__init__(form, _("End employment") if ending else _("Edit employment"))
        self.job, self.opened_by = job, opened_by
        fields = {f.key: f for f in form_fields(AFFILIATION, "organisation_id", "title")}
        self.picker = OrganisationPicker(fields["organisation_id"], form.choices)
        self.add(self.picker)
        self.picker.set_value(job.organisation_id)
        self.add(FieldWidget(fields["title"])).set_value(job.title)
        start, end = form_fields(AFFILIATION, "start_date", "end_date")
        self.date_field(start, job.start_date)
        self.until = self.date_field(end, job.end_date)
        if job.is_current:
            hint = QLabel(
                _("This is the current job. An until date ends it without naming a new one."),
                self,
            )
            hint.setWordWrap(True)
            mute(hint)
            self.form.addRow(hint)
        self.refusal = QLabel(self)
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(WARNING_STYLE)
        self.refusal.hide()
        self.form.addRow(self.refusal)
        self.end_instead = QPushButton(_("End the employment instead"), self)
        self.end_instead.clicked.connect(self.offer_end)
        self.end_instead.hide()
        self.form.addRow(self.end_instead)
        self.form.setAlignment(self.end_instead, Qt.AlignmentFlag.AlignLeft)
        self.delete = QPushButton(_("Delete employment"), self)
        self.delete.setAutoDefault(False)
        self.delete.clicked.connect(self.delete_job)
        row = QHBoxLayout()
        row.addWidget(self.delete)
        row.addStretch(1)
        row.addWidget(self.buttons)
        self.form.addRow(row)
        if ending:
            self.offer_end()

    def offer_end(self) -> None:
        """Put today's date in the until field (unless one is there) and the cursor in it."""
        if not self.until.value():
            with self.context.database.reading() as session:
                self.until.set_value(today(session))
        self.until.editor.setFocus()

    def delete_job(self) -> None:
        errors = self.contact_form.employment.hold(DeleteJob(self._stored_id(), self.opened_by))
        if not errors:
            QDialog.accept(self)
            return
        reason = errors.get("delete") or "\n".join(errors.values())
        self.refusal.setText(reason)
        self.refusal.show()
        self.end_instead.setVisible("delete" in errors)
        self.adjustSize()

    def _stored_id(self) -> int | None:
        return None if self.opened_by is not None else self.job.id

    def problems(self) -> dict[str, str]:
        errors = checked(self.rules, self.values("title", "start_date", "end_date"))[1]
        problem = self.picker.problem()
        return errors | ({"organisation_id": problem} if problem else {})

    def hold(self) -> dict[str, str]:
        values = checked(self.rules, self.values("title", "start_date", "end_date"))[0]
        organisation = self.picker.value()
        assert isinstance(organisation, int)
        change: JobChange = EditJob(
            self._stored_id(),
            self.opened_by,
            organisation,
            _text(values["title"]),
            _day(values["start_date"]),
            _day(values["end_date"]),
        )
        return self.contact_form.employment.hold(change)


class MembershipDialog(HeldDialog):
    """Add the person to a group with role and since date, or correct or end a membership."""

    rules = MEMBERSHIP.rules(["role", "since", "until"])

    def __init__(
        self,
        form: ContactForm,
        place: Place | None,
        joined_by: int | None,
        *,
        ending: bool = False,
    ) -> None:
        title = _("Add to group") if place is None else _("Edit group membership")
        super().__init__(form, _("End group membership") if ending else title)
        self.place, self.joined_by = place, joined_by
        described = MEMBERSHIP.field("group_id")
        self.group = self.add(
            FieldWidget(Field("group_id", described.label, CHOICE, required=True))
        )
        with form.context.database.reading() as session:
            choices = [(row.id, row.name) for row in groups.list_groups(session)]
            started = today(session)
        if place is not None and all(group != place.group_id for group, _name in choices):
            choices.append((place.group_id, place.group))  # an archived group stays shown
        self.group.set_choices(choices)
        role, since, until = form_fields(MEMBERSHIP, "role", "since", "until")
        self.add(FieldWidget(role))
        self.date_field(since, started if place is None else place.since)
        self.until = self.date_field(until, None if place is None else place.until)
        if place is not None:
            self.group.set_value(place.group_id)
            self.group.editor.setEnabled(False)
            self.widgets["role"].set_value(place.role)
        self.finish()
        if ending and not self.until.value():
            self.until.set_value(started)
        if ending:
            self.until.editor.setFocus()

    def problems(self) -> dict[str, str]:
        errors = checked(self.rules, self.values("role", "since", "until"))[1]
        if self.group.value() is None:
            errors["group_id"] = _("Choose the group.")
        return errors

    def hold(self) -> dict[str, str]:
        values = checked(self.rules, self.values("role", "since", "until"))[0]
        role, since, until = _text(values["role"]), _day(values["since"]), _day(values["until"])
        change: PlaceChange
        if self.place is None:
            group = self.group.value()
            assert isinstance(group, int)
            change = Join(group, role, since, until)
        else:
            stored = None if self.joined_by is not None else self.place.membership_id
            change = Amend(stored, self.joined_by, role, since, until)
        errors = self.contact_form.places.hold(change)
        if "contact_id" in errors:  # already a current member: said under the group
            errors["group_id"] = errors.pop("contact_id")
        return errors
