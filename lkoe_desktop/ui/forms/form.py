"""The shared form contract: fields declared as data, `load()`, `validate()`, `save()`.

Each field's message appears under it as the user types; Save runs one transaction and writes
only the fields the user changed; a record saved by someone else in between is merged field by
field (`merge`), and where both changed a field the user chooses, never a silent overwrite.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
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
from lkoe_desktop.domain.errors import ConflictError, LkoeError, ValidationError
from lkoe_desktop.domain.fields import Kind
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.forms import merge
from lkoe_desktop.ui.forms.fields import Field, FieldWidget
from lkoe_desktop.ui.screen_fit import restore_geometry
from lkoe_desktop.ui.widgets.municipality_field import MunicipalityField

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.context import AppContext

# The field widget each kind of value has, when it needs more than its plain editor.
WIDGETS: Mapping[Kind, type[FieldWidget]] = {Kind.MUNICIPALITY: MunicipalityField}


class FormDialog(QDialog):
    """A record's form. Subclasses declare `fields` and implement `fetch`, `persist`, `title`."""

    fields: Sequence[Field] = ()
    rules: Mapping[str, Callable[[Any], object]] = {}
    record_noun = ""  # "the contact": how messages about a conflict name the record
    extra_labels: Mapping[str, str] = {}  # the labels of `extra_values`' keys
    first_size = QSize(640, 720)  # before the clerk has sized it (less on a smaller screen)

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
            made = WIDGETS.get(field.value.kind, FieldWidget) if field.value else FieldWidget
            widget = made(field, self.form_page)
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
            if not all(w.confirm(self.context.prompts, self) for w in self.widgets.values()):
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
        restore_geometry(self, saved, self.first_size)

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
