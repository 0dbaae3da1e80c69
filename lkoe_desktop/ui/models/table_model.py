"""A table model that shows a window of SQL rows: the first page at once, the rest on demand.

The model never holds a whole table. The first page is fetched at once so rows paint
immediately; the ordered ids of the whole list are read on a worker thread, and the model grows
to their number when they arrive. Rows are then fetched a page at a time by id (a page of
primary-key look-ups wherever the view scrolls, never a large OFFSET) and cached, most recently
used first. Sorting and filtering run in SQL through the list source.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from lkoe_desktop.domain.fields import Field, Kind
from lkoe_desktop.services.common import SUPERSEDED, Superseded
from lkoe_desktop.ui.ops import submit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.db.engine import Database

PAGE_SIZE = 200
# The first page after a keystroke is only as long as a tall window shows: fetching 200 rows
# made each keystroke 2-3 ms slower. Once the count has come, rows are fetched a page at a time.
FIRST_PAGE_SIZE = 100
CACHED_PAGES = 40
# The first page paints before the ids are read, so the two do not compete for the GIL; the
# pause also lets a fast typist's next keystroke cancel a read nobody would see.
IDS_DELAY_MS = 60
# Roles as plain numbers: `data` compares them for every role of every cell at each paint.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FONT = int(Qt.ItemDataRole.FontRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 2

AnyIndex = QModelIndex | QPersistentModelIndex


class ListSource(Protocol):
    """What a table shows: its columns, a first page, the ordered ids, and rows by id."""

    @property
    def columns(self) -> Sequence[Field]: ...

    def page(
        self,
        session: Session,
        where: Any,
        sort: str | None,
        descending: bool,
        offset: int,
        limit: int,
    ) -> list[Any]: ...

    def ids(
        self, session: Session, where: Any, sort: str | None, descending: bool
    ) -> list[int]: ...

    def rows(
        self, session: Session, where: Any, sort: str | None, descending: bool, ids: list[int]
    ) -> list[Any]: ...


class WindowedTableModel(QAbstractTableModel):
    """Rows of a `ListSource`, fetched a page at a time; `count_known` fires with the total."""

    count_known = Signal(int)

    def __init__(self, database: Database, source: ListSource, parent: QObject | None = None):
        super().__init__(parent)
        self._database = database
        self._source = source
        self._columns = list(source.columns)
        self._where: Any = None
        self._sort: str | None = None
        self._descending = False
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._ids: list[int] | None = None
        self._positions: dict[int, int] | None = None
        # Row number -> (the row's texts formatted once, archived?), for the rows painted.
        self._shown: dict[int, tuple[list[str], bool]] = {}
        self._row_count = 0
        self._exact = False
        self._generation = 0
        self._active = False

    # --- what to show -------------------------------------------------------------------
    def set_filter(self, where: Any) -> None:
        self._where = where
        self._active = True
        self.refresh()

    @property
    def where(self) -> Any:
        return self._where

    @property
    def order(self) -> tuple[str | None, bool]:
        """The key of the column the list is sorted by (None: the list's own order), and
        whether it is sorted descending."""
        return self._sort, self._descending

    @property
    def columns(self) -> list[Field]:
        return self._columns

    @property
    def exact(self) -> bool:
        """Whether rowCount() is the exact number of matching rows yet."""
        return self._exact

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column in SQL; column -1 is the list's own order (e.g. by last name)."""
        self._sort = self._columns[column].key if 0 <= column < len(self._columns) else None
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._active:
            self.refresh()

    def refresh(self) -> None:
        """Fetch the first page now and the ordered ids of the whole list in the background."""
        self._generation += 1
        self.beginResetModel()
        self._pages.clear()
        self._shown.clear()
        self._positions = None
        with self._database.reading() as session:
            first = self._source.page(
                session, self._where, self._sort, self._descending, 0, FIRST_PAGE_SIZE
            )
        self._pages[0] = first
        self._exact = len(first) < FIRST_PAGE_SIZE
        self._ids = [row.id for row in first] if self._exact else None
        self._row_count = len(first)
        self.endResetModel()
        if self._exact:
            self.count_known.emit(self._row_count)
        else:
            generation = self._generation
            QTimer.singleShot(IDS_DELAY_MS, self, lambda: self._start_ids(generation))

    def _start_ids(self, generation: int) -> None:
        """Read the whole list's ids, unless the filter changed again in the meantime."""
        if generation != self._generation:
            return
        where, sort, descending = self._where, self._sort, self._descending

        database, source = self._database, self._source
        current = lambda: self._generation  # noqa: E731 - read on the worker, before the query

        def task() -> tuple[int, list[int]]:
            if current() != generation:
                return generation, []  # superseded while waiting for a worker
            with database.reading() as session:
                # Typed on meanwhile: the rest of a long list is not read (nor the GUI slowed).
                session.info[SUPERSEDED] = lambda: current() != generation
                try:
                    return generation, source.ids(session, where, sort, descending)
                except Superseded:
                    return generation, []

        submit(task, lambda result: self._on_ids(*result), self)

    def _on_ids(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return  # an answer for a filter or sort that is no longer shown
        first = self._pages.get(0, [])
        changed = [row.id for row in first] != ids[: len(first)]
        if changed:
            self._pages.clear()
            self._shown.clear()  # the data changed in between: fetch again by id
        elif len(first) < min(PAGE_SIZE, len(ids)):
            self._pages.pop(0, None)  # the short first page: fetched again as a whole page by id
        self._ids = ids
        self._positions = None
        count = len(ids)
        if count > self._row_count:
            self.beginInsertRows(QModelIndex(), self._row_count, count - 1)
            self._row_count = count
            self.endInsertRows()
        elif count < self._row_count:
            self.beginRemoveRows(QModelIndex(), count, self._row_count - 1)
            self._row_count = count
            self.endRemoveRows()
        self._exact = True
        if changed and count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(self._columns) - 1))
        self.count_known.emit(count)

    # --- pages --------------------------------------------------------------------------
    def _window(self, page: int) -> list[int]:
        return (self._ids or [])[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]

    def _reader(self) -> Callable[[list[int]], list[Any]]:
        """Rows by id for the current filter and order; touches no Qt object."""
        return partial(
            read_rows, self._database, self._source, self._where, self._sort, self._descending
        )

    def _fetch(self, page: int) -> list[Any]:
        return self._reader()(self._window(page))

    def _page(self, page: int) -> list[Any]:
        rows = self._pages.get(page)
        if rows is None:
            rows = self._fetch(page)
            self._pages[page] = rows
            while len(self._pages) > CACHED_PAGES:
                _page, evicted = self._pages.popitem(last=False)
                if evicted:
                    self._shown.clear()
        else:
            self._pages.move_to_end(page)
        return rows

    def row_at(self, row: int) -> Any | None:
        if not 0 <= row < self._row_count:
            return None
        rows = self._page(row // PAGE_SIZE)
        offset = row % PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def id_at(self, row: int) -> int | None:
        record = self.row_at(row)
        return None if record is None else int(record.id)

    def row_of_id(self, record_id: int) -> int | None:
        """The row showing `record_id`, if it is in the list."""
        if self._ids is None:
            first = self._pages.get(0, [])
            return next((row for row, record in enumerate(first) if record.id == record_id), None)
        if self._positions is None:
            self._positions = {value: row for row, value in enumerate(self._ids)}
        return self._positions.get(record_id)

    def cached_row_count(self) -> int:
        return sum(len(rows) for rows in self._pages.values())

    # --- Qt's model interface -------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._row_count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].heading
        return None

    def row_texts(self, row: int) -> tuple[list[str], bool] | None:
        """A row's texts and whether it is archived, formatted once while it is shown."""
        cells = self._shown.get(row)
        if cells is None:
            record = self.row_at(row)
            if record is None:
                return None
            cells = (
                texts_of_record(self._columns, record),
                bool(getattr(record, "archived", False)),
            )
            self._shown[row] = cells
        return cells

    def texts_of(self, rows: Sequence[int]) -> RowTexts:
        """The texts of `rows` (in ascending order) as the table shows them, e.g. to copy:
        cached pages as they are, the others to be read when the result is called."""
        pages = []
        for page, chosen in groupby(rows, key=lambda row: row // PAGE_SIZE):
            records = self._pages.get(page)
            ids = self._window(page) if records is None else []
            pages.append((records, ids, [row % PAGE_SIZE for row in chosen]))
        return RowTexts(pages, self._reader(), list(self._columns))

    def right_aligned(self, column: int) -> bool:
        return self._columns[column].kind == Kind.NUMBER

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        # The window's tables paint through `CellDelegate`, which asks for a row's texts once;
        # this answers everyone else, role by role: plain numbers compared, common roles first.
        if role in (DISPLAY, TOOLTIP):
            cells = self.row_texts(index.row())
            return None if cells is None else cells[0][index.column()]
        if role in (FONT, FOREGROUND):
            cells = self.row_texts(index.row())
            if cells is None or not cells[1]:
                return None
            return archived_font() if role == FONT else archived_colour()
        if role == ALIGNMENT:
            return RIGHT_ALIGNED if self.right_aligned(index.column()) else None
        if role == ID_ROLE:
            return self.id_at(index.row())
        if role == ROW_ROLE:
            return self.row_at(index.row())
        return None

    def retranslate(self) -> None:
        """Headings and labels follow a language switch."""
        self._shown.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._row_count:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._row_count - 1, len(self._columns) - 1)
            )


def read_rows(
    database: Database,
    source: ListSource,
    where: Any,
    sort: str | None,
    descending: bool,
    ids: list[int],
) -> list[Any]:
    """The rows of `ids` in their order (None for a row that has gone meanwhile)."""
    if not ids:
        return []
    with database.reading() as session:
        rows = source.rows(session, where, sort, descending, ids)
    found = {row.id: row for row in rows}
    return [found.get(record_id) for record_id in ids]


def texts_of_record(columns: Sequence[Field], record: Any) -> list[str]:
    return [column.display(getattr(record, column.key)) for column in columns]


@dataclass(frozen=True)
class RowTexts:
    """Chosen rows of a table, as pages: (the page's cached rows, or the ids to read them by;
    the chosen rows' places in the page). Called, it gives their texts as the table shows
    them, reading a page at a time; it touches no Qt object, so it may run on a worker."""

    pages: list[tuple[list[Any] | None, list[int], list[int]]]
    read: Callable[[list[int]], list[Any]]
    columns: list[Field]

    @property
    def to_read(self) -> int:
        """How many rows will be read from the database (the pages that are not cached)."""
        return sum(len(ids) for records, ids, _places in self.pages if records is None)

    def __call__(self, report: Callable[[int, int], None] | None = None) -> list[list[str]]:
        """The texts; `report(done, total)` is told after each page."""
        texts: list[list[str]] = []
        for number, (cached, ids, places) in enumerate(self.pages, start=1):
            records = self.read(ids) if cached is None else cached
            for place in places:
                record = records[place] if place < len(records) else None
                if record is not None:
                    texts.append(texts_of_record(self.columns, record))
            if report is not None:
                report(number, len(self.pages))
        return texts


# Archived rows (shown only when asked for) are italic and greyed out.
def archived_font() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


def archived_colour() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
