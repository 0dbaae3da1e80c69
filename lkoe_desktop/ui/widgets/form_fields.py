"""Field widgets and helpers the forms share: dates with a calendar, colours, people, lists."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QModelIndex, QPoint, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QColorDialog,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain import validation
from lkoe_desktop.domain.errors import NotFoundError, ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services.contacts import ContactFilter, get_contact, list_contacts
from lkoe_desktop.ui.forms.fields import Field, FieldWidget
from lkoe_desktop.ui.forms.form import FormDialog
from lkoe_desktop.ui.widgets.table_copy import enable_copy

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database

SUGGESTIONS = 20
MIN_SEARCH = 2
SEARCH_DELAY_MS = 150
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def calendar_icon(colour: QColor) -> QIcon:
    """A small calendar drawn in `colour`, so no icon theme is needed."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(3, 6, 26, 8), 2, 2)
    for x in (9, 21):
        painter.drawRoundedRect(QRectF(x, 2, 3, 7), 1, 1)
    for row in range(3):
        for column in range(4):
            painter.drawRect(QRectF(5 + column * 6, 16 + row * 5, 4, 3))
    painter.end()
    pixmap.setDevicePixelRatio(2)
    return QIcon(pixmap)


class CalendarPopup(QCalendarWidget):
    """A month calendar under a date field; clicking a day (or Enter) writes it into the field."""

    def __init__(self, parent: QWidget, chosen: Callable[[date], None]) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(self.sizeHint().expandedTo(QSize(320, 210)))
        self._chosen = chosen
        self.clicked.connect(self._choose)
        self.activated.connect(self._choose)

    def _choose(self, day: QDate) -> None:
        self.close()
        self._chosen(date(day.year(), day.month(), day.day()))


def attach_calendar(widget: FieldWidget, default_time: Callable[[], str] | None = None) -> None:
    """Give a date field a calendar button (and Alt+Down); with `default_time`, a date and time."""
    line = widget.editor
    assert isinstance(line, QLineEdit)
    icon = calendar_icon(line.palette().color(QPalette.ColorRole.Text))
    action = line.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
    action.setObjectName("calendar")

    def chosen(day: date) -> None:
        text = day.isoformat()
        if default_time is not None:
            text += " " + (line.text().strip()[10:].strip() or default_time())
        line.setText(text)
        widget.edited.emit(widget.field.key)

    def open_calendar() -> None:
        popup = CalendarPopup(line, chosen)
        with suppress(ValueError):
            typed = date.fromisoformat(line.text().strip()[:10])
            popup.setSelectedDate(QDate(typed.year, typed.month, typed.day))
        popup.adjustSize()
        below = line.mapToGlobal(QPoint(0, line.height()))
        screen = line.screen().availableGeometry()
        x = max(screen.left(), min(below.x(), screen.right() - popup.width()))
        y = below.y()
        if y + popup.height() > screen.bottom():
            y = line.mapToGlobal(QPoint(0, 0)).y() - popup.height()
        popup.move(x, y)
        popup.show()
        popup.setFocus()

    action.triggered.connect(open_calendar)
    QShortcut(QKeySequence("Alt+Down"), line, open_calendar, Qt.ShortcutContext.WidgetShortcut)
    action.setToolTip(_("Choose from the calendar (Alt+Down)"))


def mute(widget: QWidget) -> None:
    """Show a widget's text in the quieter colour of hints and placeholders."""
    palette = widget.palette()
    colour = palette.color(QPalette.ColorRole.PlaceholderText)
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    widget.setPalette(palette)


def swap_field(form: FormDialog, widget: FieldWidget) -> None:
    """Put a specialised field widget where the form placed the plain one for the same key."""
    key = widget.field.key
    old = form.widgets[key]
    form.form.replaceWidget(old, widget)
    old.hide()
    old.deleteLater()
    form.labels[key].setBuddy(widget.editor)
    widget.edited.connect(form.check_field)
    form.widgets[key] = widget


def narrow(widget: QWidget, characters: int) -> None:
    """Keep a short value's editor about as wide as the text it takes."""
    widget.setMaximumWidth(widget.fontMetrics().averageCharWidth() * characters + 40)


def roomy(form: FormDialog) -> None:
    """Space the rows of a form so that it reads calmly."""
    form.form.setVerticalSpacing(10)
    form.form.setHorizontalSpacing(14)
    form.form.setContentsMargins(12, 14, 16, 12)


def row_height(widget: QWidget) -> int:
    """The height of one row in a list, with room around the text."""
    return widget.fontMetrics().height() + 8


class PeriodForm(FormDialog):
    """A form with a start and an end: an end before the start is shown under the end field."""

    period: tuple[str, str] = ("", "")
    period_message = ""

    def period_errors(self) -> dict[str, str]:
        start, end = self.period
        try:
            values = validation.collect(
                {key: self.widgets[key].value() for key in self.period},
                {key: self.rules[key] for key in self.period},
            )
        except ValidationError:
            return {}
        first, last = values[start], values[end]
        if first is None or last is None or last >= first:  # type: ignore[operator]
            return {}
        return {end: _(self.period_message)}

    def check_field(self, key: str) -> None:
        super().check_field(key)
        start, end = self.period
        if key == start:
            super().check_field(end)
        if key in self.period:
            for field, message in self.period_errors().items():
                self.widgets[field].show_error(message)

    def validate(self) -> dict[str, str]:
        errors = super().validate()
        more = {key: text for key, text in self.period_errors().items() if key not in errors}
        if more:
            errors = errors | more
            self.show_errors(errors)
        return errors


def pick_colour(initial: QColor, parent: QWidget) -> QColor | None:
    """Qt's colour dialog; None when the user cancels."""
    chosen = QColorDialog.getColor(initial, parent, _("Choose a colour"))
    return chosen if chosen.isValid() else None


class ColourField(FieldWidget):
    """A colour typed as #RRGGBB or chosen in the colour dialog, with a swatch showing it."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.pick: Callable[[QColor, QWidget], QColor | None] = pick_colour
        self.swatch = QLabel(self)
        self.swatch.setObjectName("swatch")
        height = self.editor.sizeHint().height()
        self.swatch.setFixedSize(height * 2, height)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.choose)
        narrow(self.editor, 10)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(self.editor)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.editor, 1)
        row.addWidget(self.swatch)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.insertLayout(0, row)
        assert isinstance(self.editor, QLineEdit)
        self.editor.textChanged.connect(self._show_swatch)
        self._show_swatch()

    def current(self) -> str | None:
        try:
            return validation.colour(str(self.value()))
        except validation.InvalidValue:
            return None

    def _show_swatch(self) -> None:
        colour = self.current()
        border = "1px solid palette(mid)" if colour else "1px dashed palette(mid)"
        self.swatch.setStyleSheet(
            f"background: {colour or 'transparent'}; border: {border}; border-radius: 3px;"
        )

    def choose(self) -> None:
        chosen = self.pick(QColor(self.current() or "#FFFFFF"), self)
        if chosen is None:
            return
        assert isinstance(self.editor, QLineEdit)
        self.editor.setText(chosen.name().upper())
        self.edited.emit(self.field.key)


class ContactPicker(FieldWidget):
    """A person found by typing part of their name; at most 20 suggestions are fetched at a time."""

    def __init__(self, field: Field, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.database = database
        self.contact_id: int | None = None
        self.chosen_name = ""
        line = self.editor
        assert isinstance(line, QLineEdit)
        self.line = line
        self.line.setClearButtonEnabled(True)
        self.suggestions = QStandardItemModel(self)
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setWidget(self.line)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self.completer.activated[QModelIndex].connect(self._choose)  # type: ignore[index]
        self.timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.suggest)
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self._finished)

    def _typed(self, text: str) -> None:
        if text.strip() != self.chosen_name:
            self.contact_id = None
            self.chosen_name = ""
        self.timer.start()

    def _find(self, text: str) -> list[Any]:
        with self.database.reading() as session:
            return list_contacts(session, ContactFilter(search=text), limit=SUGGESTIONS)

    def suggest(self) -> None:
        """Ask the database for people matching what is typed and show them under the field."""
        self.timer.stop()
        needle = self.line.text().strip()
        self.suggestions.clear()
        if self.contact_id is not None or len(needle) < MIN_SEARCH:
            self._hide_suggestions()
            return
        height = row_height(self.line)
        for row in self._find(needle):
            name = f"{row.first_name} {row.last_name}"
            where = row.organisation or row.email
            item = QStandardItem(f"{name}  ·  {where}" if where else name)
            item.setData(name, NAME_ROLE)
            item.setData(row.id, ID_ROLE)
            item.setEditable(False)
            item.setSizeHint(QSize(0, height))
            self.suggestions.appendRow(item)
        if self.suggestions.rowCount():
            self.completer.complete()
        else:
            self._hide_suggestions()

    def _hide_suggestions(self) -> None:
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()

    def _choose(self, index: QModelIndex) -> None:
        self.choose(int(index.data(ID_ROLE)), str(index.data(NAME_ROLE)))

    def choose(self, contact_id: int, name: str) -> None:
        self.timer.stop()
        self.contact_id = contact_id
        self.chosen_name = name
        self.line.setText(name)
        self.edited.emit(self.field.key)

    def _finished(self) -> None:
        """Leaving the field with a full name typed picks that person, if only one has it."""
        text = self.line.text().strip()
        if self.contact_id is None and text:
            wanted = text.casefold()
            same = [
                r for r in self._find(text) if f"{r.first_name} {r.last_name}".casefold() == wanted
            ]
            if len(same) == 1:
                self.choose(same[0].id, f"{same[0].first_name} {same[0].last_name}")
        self.show_error(self.problem())

    def problem(self) -> str | None:
        if self.contact_id is None and self.line.text().strip():
            return _("Choose a person from the suggestions that appear as you type.")
        return None

    def value(self) -> object:
        return self.contact_id

    def set_value(self, value: object) -> None:
        self.chosen_name = self.display(value)
        self.contact_id = value if self.chosen_name and isinstance(value, int) else None
        self.line.setText(self.chosen_name)

    def display(self, value: object) -> str:
        """The person's name ("" when there is none, or nobody has that id any more)."""
        if not isinstance(value, int):
            return ""
        try:
            with self.database.reading() as session:
                person = get_contact(session, value)
        except NotFoundError:
            return ""
        return f"{person.first_name} {person.last_name}"


class RelatedList(QTreeWidget):
    """A read-only list of linked records; double-click (or Enter) opens one, Ctrl+C copies
    the selected rows."""

    opened = Signal(str, int)

    def __init__(self, kind: str, headings: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.headings = headings
        self.stretch = len(headings) // 2  # the middle column (title or name) takes the room
        self.setObjectName(kind)
        self.setColumnCount(len(headings))
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Stretch)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        enable_copy(self)
        self.itemActivated.connect(
            lambda item, _column: self.opened.emit(self.kind, int(item.data(0, ID_ROLE)))
        )

    def fill(self, rows: list[tuple[int, list[str]]]) -> None:
        self.clear()
        height = row_height(self)
        for record_id, texts in rows:
            item = QTreeWidgetItem(texts)
            item.setData(0, ID_ROLE, record_id)
            item.setSizeHint(0, QSize(0, height))
            self.addTopLevelItem(item)
        self._size_columns([texts for _id, texts in rows])

    def _size_columns(self, rows: list[list[str]]) -> None:
        """Columns beside the stretching one as wide as their widest text, with a margin."""
        metrics = self.fontMetrics()
        for column in range(self.columnCount()):
            if column != self.stretch:
                texts = [_(self.headings[column])] + [row[column] for row in rows]
                self.setColumnWidth(column, max(map(metrics.horizontalAdvance, texts)) + 28)

    def retranslate(self) -> None:
        self.setHeaderLabels([_(heading) for heading in self.headings])
