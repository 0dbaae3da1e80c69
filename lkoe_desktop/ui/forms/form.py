"""The shared form contract: fields declared as data, `load()`, `validate()`, `save()`.

Each field's message appears under it as the user types; Save runs one transaction and writes
only the fields the user changed; a record saved by someone else in between is merged field by
field (`merge`), and where both changed a field the user chooses, never a silent overwrite.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain import validation
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import label
from lkoe_desktop.domain.errors import ConflictError, LkoeError, ValidationError
from lkoe_desktop.domain.fields import Entity, Kind
from lkoe_desktop.domain.fields import Field as Described
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.forms import merge
from lkoe_desktop.ui.screen_fit import restore_geometry

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.context import AppContext

LINE = "line"
TEXT = "text"
CODE = "code"
CHOICE = "choice"
DATE = "date"
DATETIME = "datetime"
ERROR_STYLE = "color: #b3261e;"


@dataclass(frozen=True)
class Field:
    """One editable field: its key in the service's values, its label and its widget; `value`
    is the entity description's field, which says how a stored value is shown."""

    key: str
    label: str
    kind: str = LINE
    enum: type[StrEnum] | None = None
    required: bool = False
    placeholder: str = ""
    value: Described | None = None


# The editor each kind of value is typed into; a line for any other kind (a form puts a picker
# in place of a reference's line).
EDITORS = {Kind.LONG_TEXT: TEXT, Kind.CODE: CODE, Kind.DATE: DATE, Kind.DATETIME: DATETIME}
# Kinds a line shows as the lists show them (`Described.display`), not as stored.
SHOWN_AS_LISTED = (Kind.PHONE, Kind.MUNICIPALITY, Kind.DATE, Kind.DATETIME)


def form_fields(entity: Entity, *keys: str) -> tuple[Field, ...]:
    """The form's fields as the entity's description gives them: `keys`, or every field of
    its form's sections, or every editable field when it has none (themes of interest are a
    list of their own, not a field)."""
    wanted = keys or tuple(key for section in entity.sections for key in section.fields)
    wanted = wanted or tuple(described.key for described in entity.editable)
    return tuple(
        _form_field(entity.field(key))
        for key in wanted
        if entity.field(key).kind != Kind.REFERENCES
    )


def _form_field(described: Described) -> Field:
    kind = EDITORS.get(described.kind, LINE)
    enum = described.enum if kind == CODE else None
    return Field(
        described.key,
        described.label,
        kind,
        enum,
        described.required,
        described.placeholder,
        described,
    )


class FieldWidget(QWidget):
    """A field's editor with its error message underneath."""

    edited = Signal(str)

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.editor: QWidget
        if field.kind == TEXT:
            editor = QPlainTextEdit(self)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(70)
            editor.textChanged.connect(lambda: self.edited.emit(field.key))
            self.editor = editor
        elif field.kind in (CODE, CHOICE):
            combo = QComboBox(self)
            combo.currentIndexChanged.connect(lambda _i: self.edited.emit(field.key))
            self.editor = combo
            if field.enum is not None:
                self.set_choices([(member.value, label(member)) for member in field.enum])
        else:
            line = QLineEdit(self)
            line.textEdited.connect(lambda _t: self.edited.emit(field.key))
            self.editor = line
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.editor)
        layout.addWidget(self.error)
        self.retranslate()

    def retranslate(self) -> None:
        if isinstance(self.editor, QLineEdit):
            placeholder = self.field.placeholder
            if self.field.kind == DATE:
                placeholder = _("YYYY-MM-DD")
            elif self.field.kind == DATETIME:
                placeholder = _("YYYY-MM-DD HH:MM")
            self.editor.setPlaceholderText(_(placeholder) if placeholder else "")
        if isinstance(self.editor, QComboBox) and self.field.enum is not None:
            for index in range(1, self.editor.count()):
                self.editor.setItemText(index, label(self.field.enum(self.editor.itemData(index))))

    def set_choices(self, choices: Sequence[tuple[object, str]]) -> None:
        assert isinstance(self.editor, QComboBox)
        current = self.value()
        self.editor.blockSignals(True)
        self.editor.clear()
        self.editor.addItem("", None)
        for data, text in choices:
            self.editor.addItem(text, data)
        self.editor.blockSignals(False)
        self.set_value(current)

    def value(self) -> object:
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.toPlainText()
        if isinstance(self.editor, QComboBox):
            return self.editor.currentData()
        assert isinstance(self.editor, QLineEdit)
        return self.editor.text()

    def set_value(self, value: object) -> None:
        if isinstance(self.editor, QPlainTextEdit):
            self.editor.setPlainText("" if value is None else str(value))
        elif isinstance(self.editor, QComboBox):
            index = self.editor.findData(value)
            self.editor.setCurrentIndex(max(index, 0))
        else:
            assert isinstance(self.editor, QLineEdit)
            self.editor.setText(shown(self.field, value))

    def display(self, value: object) -> str:
        """A stored value as the form shows it: a code's label, a date, a phone number…"""
        if isinstance(self.editor, QComboBox):
            index = self.editor.findData(value)
            return self.editor.itemText(index) if index > 0 else ""
        return shown(self.field, value)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


def shown(field: Field, value: object) -> str:
    """A stored value as the form shows it for editing."""
    if value is None:
        return ""
    if field.value is not None and field.value.kind in SHOWN_AS_LISTED:
        return field.value.display(value)
    if field.kind == DATETIME and isinstance(value, datetime):
        return to_stockholm(value).strftime("%Y-%m-%d %H:%M")
    if field.kind == DATE and isinstance(value, date):
        return value.isoformat()
    return str(value)


class FormDialog(QDialog):
    """A record's form. Subclasses declare `fields` and implement `fetch`, `persist`, `title`."""

    fields: Sequence[Field] = ()
    rules: Mapping[str, Callable[[Any], object]] = {}
    record_noun = ""  # "the contact": how messages about a conflict name the record
    extra_labels: Mapping[str, str] = {}  # the labels of `extra_values`' keys

    def __init__(self, context: AppContext, record_id: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.record_id = record_id
        self.version: int | None = None
        self.record: Any = None
        self.saved_id: int | None = None
        self._pristine: tuple[object, ...] | None = None
        self.widgets: dict[str, FieldWidget] = {}
        self.pages = QTabWidget(self)
        self.form_page = QWidget(self)
        self.form = QFormLayout(self.form_page)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.labels: dict[str, QLabel] = {}
        for field in self.fields:
            widget = FieldWidget(field, self.form_page)
            widget.edited.connect(self.check_field)
            self.widgets[field.key] = widget
            caption = QLabel(self.form_page)
            caption.setBuddy(widget.editor)
            self.labels[field.key] = caption
            self.form.addRow(caption, widget)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form_page)
        self.pages.addTab(scroll, "")
        self.above = QVBoxLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.above)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self.build()
        self.retranslate()
        self.load()
        self._restore_geometry()

    # --- for subclasses -----------------------------------------------------------------------
    def build(self) -> None:
        """Add related lists as extra pages (`self.pages`) or widgets above the form."""

    def title(self) -> str:
        raise NotImplementedError

    def fetch(self, session: Session, record_id: int) -> Any:
        raise NotImplementedError

    def persist(self, session: Session, values: dict[str, object]) -> Any:
        """Create or update the record in `session`; returns the saved record row."""
        raise NotImplementedError

    def fill_related(self, session: Session, record: Any) -> None:
        """Fill the extra pages for a loaded record."""

    def extra_values(self) -> dict[str, object]:
        """Values that do not come from a declared field (e.g. chosen themes)."""
        return {}

    def stored_extras(self, record: Any) -> dict[str, object]:
        """A record's values for the keys of `extra_values`."""
        return {}

    def show_extra(self, key: str, value: object) -> None:
        """Show a stored value of one of the keys of `extra_values`."""
        raise KeyError(key)

    def show_record_state(self) -> None:
        """Show what depends on the record read (its name in the title, whether archived)."""
        self.setWindowTitle(self.title())

    # --- the contract -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.title())
        self.pages.setTabText(0, _("Details"))
        for field in self.fields:
            text = _(field.label) + (" *" if field.required else "")
            self.labels[field.key].setText(text)
            self.widgets[field.key].retranslate()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def load(self) -> None:
        """Read the record (if any) and show it."""
        if self.record_id is None:
            return
        with self.context.database.reading() as session:
            self.record = self.fetch(session, self.record_id)
            self.fill_related(session, self.record)
        self.version = getattr(self.record, "version", None)
        for field in self.fields:
            self.widgets[field.key].set_value(getattr(self.record, field.key, None))
        for key, value in self.stored_extras(self.record).items():
            self.show_extra(key, value)
        for widget in self.widgets.values():
            widget.show_error(None)
        self.show_record_state()
        if self.isVisible():
            self._pristine = self._editor_state()

    def values(self) -> dict[str, object]:
        values = {key: widget.value() for key, widget in self.widgets.items()}
        return values | self.extra_values()

    def check_field(self, key: str) -> None:
        """Validate one field as the user types and show its message under it."""
        rule = self.rules.get(key)
        if rule is None:
            return
        try:
            validation.collect({key: self.widgets[key].value()}, {key: rule})
        except ValidationError as error:
            self.widgets[key].show_error(error.errors.get(key))
        else:
            self.widgets[key].show_error(None)

    def validate(self) -> dict[str, str]:
        """Every field's problem, shown next to the field; empty when all is well."""
        values = {key: widget.value() for key, widget in self.widgets.items()}
        try:
            validation.collect(values, {k: r for k, r in self.rules.items() if k in values})
        except ValidationError as error:
            self.show_errors(error.errors)
            return error.errors
        self.show_errors({})
        return {}

    def show_errors(self, errors: Mapping[str, str]) -> None:
        first: FieldWidget | None = None
        for key, widget in self.widgets.items():
            widget.show_error(errors.get(key))
            if key in errors and first is None:
                first = widget
        if first is not None:
            self.pages.setCurrentIndex(0)
            first.editor.setFocus()

    def save(self) -> bool:
        """Save in one transaction; True when saved and the dialog closed.

        When someone else saved the record first, their changes are merged into the form and
        the save is made again over their version, as often as that happens.
        """
        while True:
            if self.validate():
                return False
            try:
                with self.context.database.unit_of_work() as session:
                    saved = self.persist(session, merge.changed(self))
                break
            except ValidationError as error:
                self.show_errors(error.errors)
                unplaced = [m for k, m in error.errors.items() if k not in self.widgets]
                if unplaced:
                    self.context.prompts.error(self, _("Cannot save"), "\n".join(unplaced))
                return False
            except ConflictError as error:
                if merge.merge_newer(self, error) is not merge.Outcome.SAVE_AGAIN:
                    return False
            except LkoeError as error:
                self.context.prompts.error(self, _("Cannot save"), merge.explain(self, error))
                return False
        self.saved_id = saved.id
        self.accept()
        return True

    # --- remembered geometry -----------------------------------------------------------------
    def _restore_geometry(self) -> None:
        saved = settings().value(f"dialogs/{type(self).__name__}")
        restore_geometry(self, saved, QSize(640, 720))

    # --- unsaved changes ------------------------------------------------------------------------
    def _editor_state(self) -> tuple[object, ...]:
        """What the editors show, cheaply (no look-ups), to tell whether anything was changed."""
        state: list[object] = []
        for widget in self.widgets.values():
            editor = widget.editor
            if isinstance(editor, QLineEdit):
                state.append(editor.text())
            elif isinstance(editor, QPlainTextEdit):
                state.append(editor.toPlainText())
            elif isinstance(editor, QComboBox):
                state.append((editor.currentIndex(), editor.currentText()))
            else:
                state.append(repr(widget.value()))
        state.append(repr(self.extra_values()))
        return tuple(state)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pristine is None:  # the form as it was opened, defaults and all
            self._pristine = self._editor_state()

    def setVisible(self, visible: bool) -> None:
        opening = visible and self._pristine is None
        super().setVisible(visible)
        if opening:  # after QDialog's own choice (the tab bar), and with nothing selected
            self.first_field().setFocus()

    def first_field(self) -> QWidget:
        """Where the cursor is when the form opens, so that typing goes straight into it."""
        return self.widgets[self.fields[0].key].editor

    def has_changes(self) -> bool:
        return self._pristine is not None and self._editor_state() != self._pristine

    def reject(self) -> None:
        """Cancel, Esc or the window's close button: ask before unsaved changes are lost."""
        if self.has_changes() and not self.context.prompts.confirm(
            self,
            _("Discard changes?"),
            _("What you have changed in this form is not saved. Close it and discard the changes?"),
        ):
            return
        super().reject()

    def discard(self) -> None:
        """Close without asking (the caller has asked already)."""
        QDialog.reject(self)

    def done(self, result: int) -> None:
        settings().setValue(f"dialogs/{type(self).__name__}", self.saveGeometry())
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings().setValue(f"dialogs/{type(self).__name__}", self.saveGeometry())
        super().closeEvent(event)


def rule_for(field: Field, base: Callable[..., object]) -> Callable[[Any], object]:
    """A field's validation rule, with `required` applied for text fields."""
    if field.required and base is validation.text:
        return partial(validation.text, required=True)
    return base
