"""What every tab shares: a search field, quick filters, a windowed table and a details pane."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.entities import BY_NAME
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.export_lists import ListToExport
from lkoe_desktop.ui.models.cell_delegate import CellDelegate
from lkoe_desktop.ui.models.table_model import ListSource, WindowedTableModel
from lkoe_desktop.ui.tabs.filters import FilterCombo
from lkoe_desktop.ui.tabs.widths import ColumnFitter
from lkoe_desktop.ui.widgets.table_copy import enable_copy

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

FILTER_DELAY_MS = 150
SEARCH_CHARS = 24  # the search field keeps room for this many characters
ROW_HEIGHT_PADDING = 6


def record_table(model: WindowedTableModel, parent: QWidget) -> QTableView:
    """A read-only table of records as every list in the window shows them: whole rows chosen,
    several at a time, evenly spaced, sorted in SQL by a click on a heading, painted quickly,
    copied with Ctrl+C for Excel."""
    table = QTableView(parent)
    table.setModel(model)
    table.setItemDelegate(CellDelegate(model, table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + ROW_HEIGHT_PADDING)
    header = table.horizontalHeader()
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header.setSortIndicatorShown(True)
    header.setStretchLastSection(True)
    table.setSortingEnabled(True)
    enable_copy(table)
    return table


class ListTab(QWidget):
    """A table of one kind of record. Subclasses name the kind and fill in the blanks:
    `make_filter()`, `build_filters()`, `details_html()`, `open_form()`, `count_text()`."""

    kind = ""
    entity = ""
    export_kind = ""  # the kind of list Arkiv → Exportera… writes ("contacts"); "": none
    status_changed = Signal(str)
    link_activated = Signal(str, int)  # kind, id: "show this record in its tab"

    def __init__(self, context: AppContext, source: ListSource, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.model = WindowedTableModel(context.database, source, self)
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().averageCharWidth() * SEARCH_CHARS)
        self.search.textChanged.connect(lambda _text: self._filter_timer.start())
        self.search.returnPressed.connect(self._focus_table)
        self.archived = QCheckBox(self)
        self.archived.toggled.connect(lambda _on: self.apply_filter())

        self.filters = QHBoxLayout()
        self.filters.setContentsMargins(0, 0, 0, 0)
        self.filters.addWidget(self.search, 3)
        self.build_filters(self.filters)
        self.filters.addWidget(self.archived)

        self.table = record_table(self.model, self)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda point: self.column_menu().exec(header.mapToGlobal(point))
        )
        self.fitter = ColumnFitter(self.table, self.model)  # unless widths were remembered
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # only while the table has focus
            shortcut = QShortcut(QKeySequence(key), self.table, self._open_current)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_details(self.model.id_at(current.row()))
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_row_menu)

        for column, spec in enumerate(self.model.columns):
            self.table.setColumnHidden(column, not spec.shown)
        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._on_link)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 320])

        layout = QVBoxLayout(self)
        layout.addLayout(self.filters)
        layout.addWidget(self.splitter, 1)
        self.model.count_known.connect(lambda _count: self.status_changed.emit(self.status_text()))
        self.model.modelReset.connect(lambda: self.status_changed.emit(self.status_text()))
        context.bus.changed.connect(self._on_changed)
        self._loaded = False

    # --- for subclasses -------------------------------------------------------------------
    def build_filters(self, layout: QHBoxLayout) -> None:
        """Add the tab's quick-filter widgets to `layout`."""

    def make_filter(self) -> Any:
        """The filter object the list source understands, from the widgets."""
        raise NotImplementedError

    def details_html(self, record_id: int) -> str:
        raise NotImplementedError

    def open_form(self, record_id: int | None) -> None:
        """Open the form for a record (None: a new one)."""
        raise NotImplementedError

    def count_text(self, count: int) -> str:
        raise NotImplementedError

    def show_people_of(self, organisation_id: int) -> None:
        """Only the contacts tab lists an organisation's people."""

    def copy_addresses(self) -> None:
        """Only the contacts tab copies the selected people's e-mail addresses."""

    def add_row_actions(self, menu: QMenu) -> None:
        """Add what the tab does with the selected rows to their right-click menu."""

    def add_export_actions(self, menu: QMenu) -> None:
        """Add the right-click menu's exports (the selected rows, where the list is exported)."""
        if self.export_kind:
            menu.addAction(_("Export selected…"), lambda: self.export(selected_first=True))

    def export_listing(self) -> ListToExport | None:
        """This list as it is shown now, for the export (None: this list is not exported)."""
        if not self.export_kind:
            return None
        sort, descending = self.model.order
        return ListToExport(
            self.export_kind,
            _(BY_NAME[self.entity].plural),
            self.model.where,
            sort,
            descending,
            self.model.rowCount() if self.model.exact else None,
            tuple(self.selected_ids()),
            ", ".join(self.filter_texts()),
        )

    def filter_texts(self) -> list[str]:
        """The list's search and quick filters in words, as the export says them."""
        said = []
        if self.search.text().strip():
            said.append(_("search “{text}”").format(text=self.search.text().strip()))
        for place in range(self.filters.count()):
            item = self.filters.itemAt(place)
            widget = None if item is None else item.widget()
            if isinstance(widget, FilterCombo) and widget.currentIndex() > 0:
                said.append(widget.currentText())
        if self.archived.isChecked():
            said.append(_("archived included"))
        return said

    def archive_one(self, session: Session, record_id: int, archived: bool) -> None:
        raise NotImplementedError

    def archived_text(self, count: int, archived: bool) -> str:
        raise NotImplementedError

    def delete_one(self, session: Session, record_id: int) -> None:
        """Delete a record nothing refers to; raises a domain error otherwise."""
        from lkoe_desktop.services.deletion import delete_record

        delete_record(session, self.entity, record_id)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search (Ctrl+F)…"))
        self.archived.setText(_("Show archived"))
        self.details.setPlaceholderText(_("Select a row to see its details here."))
        self.model.retranslate()
        self.status_changed.emit(self.status_text())

    # --- archive and delete -------------------------------------------------------------------
    def set_archived(self, ids: list[int], archived: bool) -> str:
        """Archive (or restore) the records in one transaction; returns the status message."""
        with self.context.database.unit_of_work() as session:
            for record_id in ids:
                self.archive_one(session, record_id, archived)
        return self.archived_text(len(ids), archived)

    def delete_for_real(self, record_id: int) -> None:
        from lkoe_desktop.domain.errors import LkoeError

        prompts = self.context.prompts
        if not prompts.confirm(
            self,
            _("Delete permanently"),
            _(
                "Delete this record permanently? This cannot be undone. Archiving keeps it "
                "out of the lists without losing its history."
            ),
        ):
            return
        try:
            with self.context.database.unit_of_work() as session:
                self.delete_one(session, record_id)
        except LkoeError as error:
            prompts.error(self, _("Cannot delete"), error.message)

    # --- the selected rows ------------------------------------------------------------------
    def row_menu(self) -> QMenu | None:
        """The right-click menu of the selected rows (None when none is selected)."""
        if not self.selected_ids():
            return None
        menu = QMenu(self)
        menu.addAction(_("Open…"), self._open_current)
        self.add_row_actions(menu)
        menu.addSeparator()  # hidden when nothing follows it
        self.add_export_actions(menu)
        return menu

    def _show_row_menu(self, point: QPoint) -> None:
        menu = self.row_menu()
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(point))
            menu.deleteLater()

    def can_export(self) -> bool:
        """Whether Arkiv → Exportera… has something to export from this list now."""
        return bool(self.export_kind)

    def export(self, listing: ListToExport | None = None, *, selected_first: bool = False) -> None:
        """Arkiv → Exportera… (`selected_first`: Exportera markerade…) of this list, or of
        `listing`: the dialog, then the file written in the background; the status bar says
        how it went."""
        from lkoe_desktop.ui.export_runner import export_list

        listing = listing or self.export_listing()
        if listing is not None:
            export_list(
                self.context, self, listing, self.status_changed.emit, selected_first=selected_first
            )

    # --- behaviour --------------------------------------------------------------------------
    def ensure_loaded(self) -> None:
        """Fill the table the first time the tab is shown."""
        if not self._loaded:
            self._loaded = True
            self.apply_filter()

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self._loaded = True
        selected = self.current_id()
        self.model.set_filter(self.make_filter())
        if selected is not None:
            self.select_id(selected)
        self.status_changed.emit(self.status_text())

    def status_text(self) -> str:
        count = self.model.rowCount()
        text = self.count_text(count)
        return text if self.model.exact else _("{count} (counting…)").format(count=text)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = [self.model.id_at(row) for row in rows]
        return [record_id for record_id in ids if record_id is not None]

    def select_id(self, record_id: int) -> bool:
        row = self.model.row_of_id(record_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def show_details(self, record_id: int | None) -> None:
        if record_id is None:
            self.details.clear()
            return
        self.details.setHtml(self.details_html(record_id))

    def refresh(self) -> None:
        if self._loaded:
            self.apply_filter()
            self.show_details(self.current_id())

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if self.kind in kinds:
            self.refresh()

    def open_record(self, record_id: int) -> None:
        """Open a record's form; one that has gone meanwhile is told (without its id, which
        the window never shows) and the list read again."""
        from lkoe_desktop.domain.errors import NotFoundError

        try:
            self.open_form(record_id)
        except NotFoundError as error:
            self.context.prompts.error(self, _("Cannot open"), error.message)
            self.refresh()

    def _open_row(self, row: int) -> None:
        record_id = self.model.id_at(row)
        if record_id is not None:
            self.open_record(record_id)

    def _open_current(self) -> None:
        record_id = self.current_id()
        if record_id is not None:
            self.open_record(record_id)

    def _focus_table(self) -> None:
        if self._filter_timer.isActive():  # Enter before the pause: filter first
            self.apply_filter()
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.table.setFocus()

    def column_menu(self) -> QMenu:
        """The headings' right-click menu: show or hide columns (remembered with the header)."""
        menu = QMenu(self)
        header = self.table.horizontalHeader()
        shown = header.count() - header.hiddenSectionCount()
        for column, spec in enumerate(self.model.columns):
            action = menu.addAction(spec.title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(shown > 1 or header.isSectionHidden(column))  # keep one column
            action.toggled.connect(lambda on, c=column: self.table.setColumnHidden(c, not on))
        return menu

    def _on_link(self, url: QUrl) -> None:
        record_id = url.path().strip("/")
        if url.scheme() == "lkoe" and record_id.isdigit():
            self.link_activated.emit(url.host(), int(record_id))

    # --- remembered state -----------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        """The columns of a tab that has been shown (one not shown yet fits them when it is),
        and the splitter."""
        if self.fitter.done or self._loaded:
            settings.setValue(f"{self.kind}/header", self.table.horizontalHeader().saveState())
        settings.setValue(f"{self.kind}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        header = settings.value(f"{self.kind}/header")
        view = self.table.horizontalHeader()
        if isinstance(header, QByteArray) and view.restoreState(header):
            # Earlier versions also saved the untouched widths of a tab never shown (all alike
            # but the last, which stretches): fit those.
            shown = [
                view.sectionSize(c) for c in range(view.count()) if not view.isSectionHidden(c)
            ]
            self.fitter.done = any(width != view.defaultSectionSize() for width in shown[:-1])
        splitter = settings.value(f"{self.kind}/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
