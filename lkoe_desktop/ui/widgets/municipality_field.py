"""The municipality field: a line that offers Sweden's municipalities as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QStyle, QWidget

from lkoe_desktop.domain import municipalities
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.forms.fields import Field, FieldWidget

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import Prompts

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
VISIBLE_ROWS = 10
OPENING_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_Up)
LIST_PADDING = 24  # the list's frame and the room either side of a row's text


class MunicipalityField(FieldWidget):
    """A municipality picked from the list that typing narrows (names that begin with the text
    first, Östergötland's first among them, each shown with its county).

    Down opens the list and moves in it; Enter, Tab or a click takes the one highlighted and
    nothing else (that Enter does not also save the form); Escape closes the list. A name typed
    in full, in any case or as “Linköpings kommun”, is written as the list has it when the
    field is left. A text that names no municipality is a place outside Sweden: saving asks
    first (`confirm`)."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        line = self.editor
        assert isinstance(line, QLineEdit)
        self.line = line
        self.loaded = ""
        self.abroad = ""  # the place the clerk has said is outside Sweden
        self.widest = 0
        self.suggestions = QStandardItemModel(self)
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setWidget(line)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(VISIBLE_ROWS)
        self.completer.activated[QModelIndex].connect(self._choose)  # type: ignore[index]
        popup = self.completer.popup()
        assert popup is not None
        self.popup = popup
        self.popup.installEventFilter(self)  # before the completer's own: Tab takes the row
        line.installEventFilter(self)
        line.textEdited.connect(self._typed)
        line.editingFinished.connect(self._tidy)

    def offer(self, typed: str) -> int:
        """Fill the list with what `typed` may be; the number of rows."""
        self.suggestions.clear()
        height = self.line.fontMetrics().height() + 8
        texts = [
            (code, name, f"{name}  ·  {municipalities.county_of(code)}")
            for code, name in municipalities.suggestions(typed)
        ]
        metrics = self.popup.fontMetrics()
        self.widest = max((metrics.horizontalAdvance(text) for *_pair, text in texts), default=0)
        for code, name, text in texts:
            item = QStandardItem(text)
            item.setData(code, CODE_ROLE)
            item.setData(name, NAME_ROLE)
            item.setEditable(False)
            item.setSizeHint(QSize(0, height))
            self.suggestions.appendRow(item)
        return self.suggestions.rowCount()

    def _typed(self, text: str) -> None:
        found = self.offer(text) if text.strip() else 0
        exact = found == 1 and municipalities.code_for(text) is not None
        if found and not exact:
            self.show_list()
        else:
            self.popup.hide()

    def show_list(self) -> None:
        """The list under the field, wide enough for its longest name and county."""
        scrollbar = self.popup.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = max(self.line.width(), self.widest + scrollbar + LIST_PADDING)
        self.completer.complete(QRect(0, 0, width, self.line.height()))

    def open_list(self) -> None:
        """Show what the text may be (everything when it is empty), the first row highlighted."""
        if self.offer(self.line.text()):
            self.show_list()
            self.popup.setCurrentIndex(self.suggestions.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.line and event.key() in OPENING_KEYS and not self.popup.isVisible():
                self.open_list()
                return True
            if watched is self.popup and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                current = self.popup.currentIndex()
                if current.isValid():
                    self._choose(current)  # and the completer moves on to the next field
        return super().eventFilter(watched, event)

    def _choose(self, index: QModelIndex) -> None:
        self.line.setText(str(index.data(NAME_ROLE)))
        self.popup.hide()
        self.edited.emit(self.field.key)

    def _tidy(self) -> None:
        """A municipality typed in full is written as the list has it (linköpings kommun)."""
        code = municipalities.code_for(self.line.text())
        if code is not None and self.line.text() != municipalities.name_of(code):
            self.line.setText(municipalities.name_of(code))
            self.edited.emit(self.field.key)

    def set_value(self, value: object) -> None:
        super().set_value(value)
        self.loaded = self.line.text()

    def confirm(self, prompts: Prompts, parent: QWidget) -> bool:
        """True unless the text, changed, names no Swedish municipality and the clerk does not
        want it kept as a place outside Sweden; then the cursor is back in the field."""
        text = self.line.text().strip()
        if text in ("", self.loaded.strip(), self.abroad) or municipalities.code_for(text):
            return True
        question = _("“{place}” is not a Swedish municipality. Save it as a place outside Sweden?")
        if prompts.confirm(parent, _("A place outside Sweden?"), question.format(place=text)):
            self.abroad = text  # asked once, also when the save is made again after a conflict
            return True
        self.show_error(_("Choose a Swedish municipality from the list, or correct the place."))
        self.line.setFocus()
        self.line.selectAll()
        return False
