"""A form's fields: each field's editor with its message under it, made from the entity
descriptions (`domain.entities`), and how a stored value is shown in it for editing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import label
from lkoe_desktop.domain.fields import Entity, Kind
from lkoe_desktop.domain.fields import Field as Described
from lkoe_desktop.domain.i18n import gettext as _

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import Prompts

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

    def confirm(self, prompts: Prompts, parent: QWidget) -> bool:
        """Whether the value may be saved, once valid; a field may ask the clerk first."""
        return True


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
