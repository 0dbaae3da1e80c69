"""The contact form's organisation picker, its small dialogs' frame, and recording a consent."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from lkoe_desktop.domain import validation
from lkoe_desktop.domain.codes import LegalBasis
from lkoe_desktop.domain.entities import CONSENT
from lkoe_desktop.domain.errors import LkoeError, ValidationError
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import consents, duplicates
from lkoe_desktop.services.common import today
from lkoe_desktop.ui.dialogs.record_form import suggest
from lkoe_desktop.ui.forms.fields import CODE, Field, FieldWidget, form_fields
from lkoe_desktop.ui.widgets.form_fields import attach_calendar, narrow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.context import AppContext
    from lkoe_desktop.ui.dialogs.contact_form import ContactForm

VISIBLE_CHOICES = 12


class OrganisationPicker(FieldWidget):
    """A partner chosen by typing part of its name; every name is read once, when first needed."""

    def __init__(self, field: Field, load: Callable[[], Sequence[duplicates.PartnerChoice]]):
        super().__init__(field)
        self._load = load
        self.by_label: dict[str, int] | None = None
        assert isinstance(self.editor, QLineEdit)
        self.line: QLineEdit = self.editor
        self.line.setClearButtonEnabled(True)
        self.completer = QCompleter(self)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(VISIBLE_CHOICES)
        self.completer.activated.connect(self._chosen)
        self.line.setCompleter(self.completer)

    def retranslate(self) -> None:
        assert isinstance(self.editor, QLineEdit)
        self.editor.setPlaceholderText(_("Type part of the name"))

    def choices(self) -> dict[str, int]:
        if self.by_label is None:
            loaded = self._load()
            self.by_label = {choice.label: choice.id for choice in loaded}
            self.completer.setModel(QStringListModel(list(self.by_label), self.completer))
        return self.by_label

    def _chosen(self, text: str) -> None:
        self.line.setText(text)
        self.edited.emit(self.field.key)

    def value(self) -> object:
        text = self.line.text().strip()
        if not text:
            return None
        choices = self.choices()
        if text in choices:
            return choices[text]
        same = [pid for name, pid in choices.items() if name.casefold() == text.casefold()]
        return same[0] if len(same) == 1 else None

    def set_value(self, value: object) -> None:
        self.line.setText(self.display(value))

    def display(self, value: object) -> str:
        if not isinstance(value, int):
            return ""
        names = {pid: name for name, pid in self.choices().items()}
        return names.get(value, "")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.by_label is None:
            QTimer.singleShot(0, self.choices)  # read the names once the window has painted

    def problem(self) -> str | None:
        if self.value() is not None:
            return None
        if self.line.text().strip():
            return _("Choose an organisation from the list that appears as you type.")
        return _("Choose the organisation.") if self.field.required else None


class SmallDialog(QDialog):
    """A few fields, each with its message under it, saved by `apply` in one transaction."""

    saved = Signal(object)  # what `apply` returned, once it is committed
    rules: Mapping[str, Any] = {}

    def __init__(self, context: AppContext, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.widgets: dict[str, FieldWidget] = {}
        self.form = QFormLayout(self)
        self.form.setVerticalSpacing(10)
        self.form.setContentsMargins(16, 16, 16, 12)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(480)

    def add(self, widget: FieldWidget) -> FieldWidget:
        caption = QLabel(_(widget.field.label) + (" *" if widget.field.required else ""), self)
        caption.setBuddy(widget.editor)
        self.form.addRow(caption, widget)
        self.widgets[widget.field.key] = widget
        widget.edited.connect(self.check)
        return widget

    def check(self, key: str) -> None:
        """A field's message as the user types (fields with a rule)."""
        if key in self.rules:
            errors = checked({key: self.rules[key]}, {key: self.widgets[key].value()})[1]
            self.widgets[key].show_error(errors.get(key))

    def finish(self) -> None:
        self.form.addRow(self.buttons)

    def problems(self) -> dict[str, str]:
        """What is wrong before saving; {} when all is well."""
        return {}

    def apply(self, session: Session) -> object:
        raise NotImplementedError

    def accept(self) -> None:
        errors = self.problems()
        result: object = None
        if not errors:
            try:
                with self.context.database.unit_of_work() as session:
                    result = self.apply(session)
            except ValidationError as error:
                errors = error.errors
            except LkoeError as error:
                self.context.prompts.error(self, _("Cannot save"), error.message)
                return
        for key, widget in self.widgets.items():
            widget.show_error(errors.get(key))
        unplaced = [message for key, message in errors.items() if key not in self.widgets]
        if unplaced:
            self.context.prompts.error(self, _("Cannot save"), "\n".join(unplaced))
        if not errors:
            super().accept()
            self.saved.emit(result)


def checked(
    rules: Mapping[str, Any], values: dict[str, object]
) -> tuple[dict[str, object], dict[str, str]]:
    """Values cleaned by `rules`, and the messages of those that are not acceptable."""
    try:
        return validation.collect(values, rules), {}
    except ValidationError as error:
        return {}, error.errors


class ConsentDialog(SmallDialog):
    """A consent given or withdrawn, or a legal basis, for one purpose: a new history row."""

    rules = consents.RULES

    def __init__(self, form: ContactForm, purposes: Sequence[str]) -> None:
        super().__init__(form.context, _("Record consent"), form)
        self.contact_id = form.record_id or 0
        purpose = self.add(FieldWidget(Field("purpose", N_("Purpose"), required=True)))
        suggest(purpose, purposes)
        basis = self.add(FieldWidget(Field("basis", N_("Legal basis"), kind=CODE, enum=LegalBasis)))
        basis.set_value(LegalBasis.CONSENT.value)
        self.granted = QRadioButton(_("Given"), self)
        self.withdrawn = QRadioButton(_("Withdrawn"), self)
        self.granted.setChecked(True)
        group = QButtonGroup(self)
        row = QHBoxLayout()
        for button in (self.granted, self.withdrawn):
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.form.addRow(_("Decision"), row)
        decided = self.add(FieldWidget(form_fields(CONSENT, "decided_on")[0]))
        attach_calendar(decided)
        narrow(decided.editor, 14)
        self.add(FieldWidget(form_fields(CONSENT, "source")[0]))
        with form.context.database.reading() as session:
            decided.set_value(today(session))
        self.finish()

    def problems(self) -> dict[str, str]:
        values = {key: widget.value() for key, widget in self.widgets.items()}
        errors = checked(self.rules, values)[1]
        if self.widgets["basis"].value() is None:
            errors.setdefault("basis", _("This field is required."))
        return errors

    def apply(self, session: Session) -> consents.ConsentRow:
        def text(key: str) -> str:
            return str(self.widgets[key].value() or "")

        return consents.record_consent(
            session,
            self.contact_id,
            purpose=text("purpose"),
            basis=text("basis"),
            granted=self.granted.isChecked(),
            decided_on=text("decided_on") or None,
            source=text("source") or None,
        )
