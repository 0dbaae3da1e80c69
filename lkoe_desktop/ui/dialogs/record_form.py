"""What the partner and contact forms share: sections, lists, themes, navigation."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.fields import Entity
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import duplicates, relations
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.forms import openers
from lkoe_desktop.ui.forms.fields import FieldWidget
from lkoe_desktop.ui.forms.form import FormDialog
from lkoe_desktop.ui.forms.openers import CONTACT, MEETING, PARTNER
from lkoe_desktop.ui.screen_fit import fit_to_screen
from lkoe_desktop.ui.widgets.duplicate_warning import DuplicateWarning
from lkoe_desktop.ui.widgets.form_fields import RelatedList, row_height

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.context import AppContext

ID_ROLE = Qt.ItemDataRole.UserRole
ARCHIVED_ROLE = Qt.ItemDataRole.UserRole + 1
THEME_ROWS = 7
WIDEST_COLUMN = 36  # characters
NOTICE_STYLE = "color: #6b5a1e; background: #fff4d6; padding: 6px; border-radius: 4px;"
# A section is a title and its rows: a field's key (caption and editor) or a whole-width widget.
Section = tuple[str, Sequence["str | QWidget"]]


def day(value: date | None) -> str:
    """A date as the window shows it: ÅÅÅÅ-MM-DD."""
    return value.isoformat() if value else ""


def moment(value: datetime | None) -> str:
    """A (Stockholm) time as the window shows it: ÅÅÅÅ-MM-DD HH:MM."""
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def suggest(widget: FieldWidget, items: Iterable[str]) -> QComboBox:
    """Turn a text field into an editable combo offering `items`; its value stays the text."""
    line = widget.editor
    assert isinstance(line, QLineEdit)
    combo = QComboBox(widget)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    layout = widget.layout()
    assert layout is not None
    layout.replaceWidget(line, combo)
    combo.setLineEdit(line)
    combo.addItems(list(items))
    combo.setCurrentIndex(-1)
    combo.activated.connect(lambda _index: widget.edited.emit(widget.field.key))
    return combo


def arrange(dialog: FormDialog, columns: Sequence[Sequence[Section]]) -> list[QGroupBox]:
    """Move the form's rows into titled groups, laid out in side-by-side columns."""
    for widget in dialog.widgets.values():
        dialog.form.takeRow(widget)
    boxes: list[QGroupBox] = []
    focus: list[QWidget] = []
    row = QHBoxLayout()
    row.setSpacing(16)
    for column in columns:
        stack = QVBoxLayout()
        stack.setSpacing(12)
        for title, entries in column:
            box = QGroupBox(_(title), dialog.form_page)
            layout = QFormLayout(box)
            layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            layout.setVerticalSpacing(8)
            for entry in entries:
                if isinstance(entry, str):
                    layout.addRow(dialog.labels[entry], dialog.widgets[entry])
                    focus.append(dialog.widgets[entry].editor)
                else:
                    layout.addRow(entry)
                    focus.append(entry.editor if isinstance(entry, FieldWidget) else entry)
            # A group with a notes field grows with the window; the others keep their height.
            stack.addWidget(box, 1 if box.findChild(QPlainTextEdit) else 0)
            boxes.append(box)
        if not any(box.findChild(QPlainTextEdit) for box in boxes[-len(column) :]):
            stack.addStretch(1)
        row.addLayout(stack, 1)
    # What no section names (and the captions of whole-width fields) is not shown.
    for key, widget in dialog.widgets.items():
        for part in (widget, dialog.labels[key]):
            if part.parentWidget() is dialog.form_page:
                part.hide()
    container = QWidget(dialog.form_page)
    container.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
    container.setLayout(row)
    dialog.form.setContentsMargins(12, 12, 12, 12)
    dialog.form.addRow(container)
    for before, after in itertools.pairwise(focus):  # Tab goes down one column, then the next
        QWidget.setTabOrder(before, after)
    return boxes


def align_captions(boxes: Sequence[QGroupBox]) -> None:
    """Give the captions of groups in one column one width, so their fields line up."""
    captions = [
        label for box in boxes for label in box.findChildren(QLabel) if label.buddy() is not None
    ]
    width = max((label.sizeHint().width() for label in captions), default=0)
    for label in captions:
        label.setMinimumWidth(width)


def page(*entries: QWidget | tuple[QWidget, int]) -> QWidget:
    """A form page holding widgets one under the other; lists share the spare height (by the
    number given with them, or equally), buttons sit on the right."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(12, 12, 12, 12)
    for entry in entries:
        widget, share = entry if isinstance(entry, tuple) else (entry, 1)
        if isinstance(widget, QPushButton):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignRight)
        else:
            layout.addWidget(widget, share if isinstance(widget, QAbstractItemView) else 0)
    return holder


class Listing(RelatedList):
    """A list of related records whose `stretch` column takes the spare width; the other
    columns fit their text, up to a limit, so that no column pushes the rest out of sight."""

    def __init__(
        self, kind: str, headings: tuple[str, ...], stretch: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(kind, headings, parent)
        header = self.header()
        header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Interactive)
        self.stretch = stretch
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def fill(self, rows: list[tuple[int, list[str]]]) -> None:
        super().fill(rows)
        widest = self.fontMetrics().averageCharWidth() * WIDEST_COLUMN
        for column in range(self.columnCount()):
            if column != self.stretch and self.columnWidth(column) > widest:
                self.setColumnWidth(column, widest)


def counted(title: str, count: int) -> str:
    """A page title with how many rows it lists (500+ when the list was cut off)."""
    more = "+" if count >= relations.HISTORY_LIMIT else ""
    return f"{title} ({count}{more})"


class ThemeChecklist(QListWidget):
    """Every theme with a check box; archived themes show only while they are chosen."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def load(self, session: Session) -> None:
        self.blockSignals(True)
        self.clear()
        for theme in relations.theme_names(session, include_archived=True):
            text = theme.name + (" " + _("(archived)") if theme.archived else "")
            item = QListWidgetItem(text, self)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setData(ID_ROLE, theme.id)
            item.setData(ARCHIVED_ROLE, theme.archived)
            item.setSizeHint(QSize(0, row_height(self)))
        self.blockSignals(False)
        self.set_ids(())
        rows = max(1, min(self.count(), THEME_ROWS))
        self.setFixedHeight(rows * row_height(self) + 2 * self.frameWidth())

    def set_ids(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        self.blockSignals(True)
        for row in range(self.count()):
            item = self.item(row)
            chosen = item.data(ID_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            item.setHidden(bool(item.data(ARCHIVED_ROLE)) and not chosen)
        self.blockSignals(False)

    def ids(self) -> list[int]:
        return [
            int(self.item(row).data(ID_ROLE))
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]


class RecordForm(FormDialog):
    """A partner's or contact's form: two columns of grouped fields, themes, related lists on
    further pages, a duplicate warning while a new record is typed in, and the knowledge of
    whether anything was typed, so that it can give way to another record's form."""

    form_size = (940, 700)
    archived_text = ""
    extra_labels: Mapping[str, str] = {"theme_ids": N_("Themes of interest")}

    def __init__(self, context: AppContext, record_id: int | None, parent: QWidget | None = None):
        super().__init__(context, record_id, parent)
        if not isinstance(settings().value(f"dialogs/{type(self).__name__}"), QByteArray):
            fit_to_screen(self, QSize(*self.form_size))  # room for two columns of fields

    def build(self) -> None:
        self.dirty = False
        self.redirect: tuple[str, int] | None = None
        self.columns: list[list[QGroupBox]] = []
        self.listings: list[RelatedList] = []
        self.related_pages: list[int] = []
        self.notice = QLabel(self)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()
        self.above.addWidget(self.notice)
        self.themes = ThemeChecklist(self)
        self.themes.changed.connect(self.mark_dirty)
        with self.context.database.reading() as session:
            self.themes.load(session)

    def lay_out(self, *columns: Sequence[Section]) -> None:
        boxes = iter(arrange(self, columns))
        self.columns = [[next(boxes) for _section in column] for column in columns]

    def lay_out_described(
        self, entity: Entity, shown_as: Mapping[str, Sequence[str | QWidget]]
    ) -> None:
        """Lay the form out in the sections of the entity's description; a section named in
        `shown_as` holds those rows instead of its fields (a list of themes, a notes box)."""
        columns: list[list[Section]] = []
        for section in entity.sections:
            while len(columns) <= section.column:
                columns.append([])
            rows = shown_as.get(section.key, section.fields)
            columns[section.column].append((section.title, rows))
        self.lay_out(*columns)

    def listing(self, kind: str, headings: tuple[str, ...], stretch: int) -> Listing:
        """A list of related records; a row of a kind with a form opens it."""
        listing = Listing(kind, headings, stretch, self)
        if kind in (PARTNER, CONTACT, MEETING):
            listing.opened.connect(self.show_related)
        self.listings.append(listing)
        return listing

    def add_page(self, *entries: QWidget | tuple[QWidget, int]) -> int:
        """A page of related records, shown once the record is saved."""
        index = self.pages.addTab(page(*entries), "")
        self.related_pages.append(index)
        return index

    def watch(self, *keys: str) -> None:
        """While a new record is typed in, look for existing ones like it as these fields change."""
        if self.record_id is not None:
            return
        self.warning = DuplicateWarning(self.context.database, self.similar, self)
        self.warning.open_record.connect(self.open_instead)
        self.above.addWidget(self.warning)
        for key in keys:
            self.widgets[key].edited.connect(self.warning.schedule)

    def similar(self, session: Session) -> list[duplicates.SimilarRecord]:
        raise NotImplementedError

    def retranslate(self) -> None:
        super().retranslate()
        for column in self.columns:
            align_captions(column)
        for listing in self.listings:
            listing.retranslate()

    def mark_dirty(self) -> None:
        self.dirty = True

    def check_field(self, key: str) -> None:
        self.dirty = True
        super().check_field(key)

    def load(self) -> None:
        for index in self.related_pages:
            self.pages.setTabVisible(index, self.record_id is not None)
        super().load()
        self.dirty = False

    def show_record_state(self) -> None:
        super().show_record_state()
        self.notice.setText(_(self.archived_text))
        self.notice.setVisible(self.record.archived)

    def extra_values(self) -> dict[str, object]:
        return {"theme_ids": self.themes.ids()}

    def stored_extras(self, record: Any) -> dict[str, object]:
        return {"theme_ids": record.theme_ids}

    def show_extra(self, key: str, value: object) -> None:
        assert key == "theme_ids" and isinstance(value, Iterable)
        self.themes.set_ids(value)

    def refresh_related(self) -> None:
        """Read the related lists again (after another form changed them)."""
        if self.record is not None:
            with self.context.database.reading() as session:
                self.fill_related(session, self.record)

    def open_instead(self, kind: str, record_id: int) -> None:
        """Close this form and open another record's form, asking first if anything was typed."""
        if self.dirty and not self.context.prompts.confirm(
            self,
            _("Open the existing record?"),
            _("What you have typed in this form will not be saved."),
        ):
            return
        self.redirect = (kind, record_id)
        self.discard()

    def show_related(self, kind: str, record_id: int) -> None:
        """Open a listed record's form on top of this one, then show the lists as they are now."""
        openers.open_record(self.context, kind, record_id, self)
        self.refresh_related()


def run_form(form: RecordForm, own_kind: str) -> int | None:
    """Show a form until it closes; follow it to the record it was asked to open instead."""
    form.exec()
    saved, redirect = form.saved_id, form.redirect
    context, parent = form.context, form.parentWidget()
    form.deleteLater()
    if redirect is None:
        return saved
    kind, record_id = redirect
    opened = openers.open_record(context, kind, record_id, parent)
    return opened if kind == own_kind else None
