"""The column widths a table starts with: room for its headings and content, within the view."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QStyle, QTableView

from lkoe_desktop.domain.codes import label
from lkoe_desktop.domain.fields import Field, Kind
from lkoe_desktop.ui.models.table_model import PAGE_SIZE, WindowedTableModel

LAID_OUT_WIDTH = 200  # a view narrower than this has not had its size from the layout yet
CELL_PADDING = 16  # the cell's margins
SORT_ARROW = 28  # the heading's margins and its sort indicator
LEAST_TEXT_SHARE = 0.6  # a text column gives way first, down to this share of its spec width
LEAST_CODE_SHARE = 0.75  # a coded column, down to this share of its longest label
MOST_TEXT_FACTOR = 1.5  # a text column grows to its content up to 1.5 times its spec width
SAMPLES = {
    Kind.DATE: "2026-12-31",
    Kind.DATETIME: "2026-12-31 23:59",
    Kind.PHONE: "0123-45 67 89",
    Kind.NUMBER: "100 000",
    Kind.ORG_NUMBER: "000000-0000",
    Kind.POSTCODE: "000 00",
}
# Columns of free text: they give way to the first column when the view is narrow.
TEXTS = {Kind.TEXT, Kind.LONG_TEXT, Kind.EMAIL, Kind.MUNICIPALITY, Kind.URL}


def _content_width(table: QTableView, model: WindowedTableModel, column: int) -> int:
    """The widest value among the rows already fetched (the first page at most)."""
    metrics = table.fontMetrics()
    rows = min(model.rowCount(), PAGE_SIZE)
    return max(
        (
            metrics.horizontalAdvance(model.data(model.index(row, column)) or "")
            for row in range(rows)
        ),
        default=0,
    )


def _longest(model: WindowedTableModel, column: int) -> int:
    """The most characters of a value among the rows already fetched (the first page at most)."""
    rows = min(model.rowCount(), PAGE_SIZE)
    return max((len(model.data(model.index(row, column)) or "") for row in range(rows)), default=0)


def _heading(table: QTableView, column: int, spec: Field) -> int:
    """Room for the heading and its sort arrow, as the style draws them (a hidden column's
    heading is measured by hand, for when it is shown)."""
    header = table.horizontalHeader()
    measured = header.fontMetrics().horizontalAdvance(spec.heading) + SORT_ARROW
    return max(measured, header.sectionSizeHint(column))


def _natural(table: QTableView, model: WindowedTableModel, column: int, spec: Field) -> int:
    metrics = table.fontMetrics()
    if spec.kind == Kind.CODE and spec.enum is not None:
        content = max(metrics.horizontalAdvance(label(member)) for member in spec.enum)
    elif spec.kind in SAMPLES:
        content = metrics.horizontalAdvance(SAMPLES[spec.kind])
    else:
        most = int(spec.width * metrics.averageCharWidth() * MOST_TEXT_FACTOR)
        found = _content_width(table, model, column)
        usual = 0 if model.rowCount() else spec.width * metrics.averageCharWidth()
        content = min(found, most) if found else usual  # rows all empty here: the heading's
    return max(_heading(table, column, spec), content + CELL_PADDING)


def fitted_widths(table: QTableView, model: WindowedTableModel, available: int) -> list[int]:
    """Each column as wide as its heading and content. When the view is narrower than that,
    the other text and coded columns give way to the first one (the record's name), down to
    a readable width (text to a share of its usual width, codes to a share of their longest
    label); then all of them together, the first one down to a readable width and the others
    down to their headings. Dates, numbers, phone numbers and short text (org. numbers) stay
    whole; a view too narrow even for that scrolls sideways."""
    columns = model.columns
    char = table.fontMetrics().averageCharWidth()
    wanted = [_natural(table, model, column, spec) for column, spec in enumerate(columns)]
    readable, least = list(wanted), list(wanted)
    for column, spec in enumerate(columns):
        heading = min(_heading(table, column, spec), wanted[column])
        if spec.kind in TEXTS and not 0 < _longest(model, column) <= spec.width:  # short: whole
            readable[column] = max(heading, int(spec.width * char * LEAST_TEXT_SHARE))
        elif spec.kind == Kind.CODE:
            readable[column] = max(heading, int(wanted[column] * LEAST_CODE_SHARE))
        else:
            continue
        readable[column] = min(readable[column], wanted[column])
        least[column] = readable[column] if column == 0 else heading
    for column in range(len(columns)):
        if table.isColumnHidden(column):  # takes no room; keeps its width for when shown
            readable[column] = least[column] = wanted[column]

    def room(widths: list[int]) -> int:
        return sum(w for column, w in enumerate(widths) if not table.isColumnHidden(column))

    squeezed = _give_way(wanted, wanted[:1] + readable[1:], room(wanted) - available)
    return _give_way(squeezed, least, room(squeezed) - available)


def _give_way(widths: list[int], least: list[int], excess: int) -> list[int]:
    """Take `excess` pixels from the columns in proportion to what each can spare."""
    spare = sum(width - low for width, low in zip(widths, least, strict=True))
    if excess <= 0 or spare <= 0:
        return widths
    share = min(1.0, excess / spare)
    return [
        width - math.ceil((width - low) * share) for width, low in zip(widths, least, strict=True)
    ]


def fit_columns(table: QTableView, model: WindowedTableModel) -> None:
    """Give the table's columns their fitted widths for the view's present width (less a
    vertical scroll bar still to come; the last column stretches into what is left)."""
    scroll_bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    available = table.viewport().width() - (
        0 if table.verticalScrollBar().isVisible() else scroll_bar
    )
    widths = fitted_widths(table, model, available)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)


class ColumnFitter(QObject):
    """Fits a table's columns once, as soon as it is shown at its real width with its first
    rows in; `done` is set instead where widths were remembered, `refit()` fits them again
    (the headings and code labels of another language)."""

    def __init__(self, table: QTableView, model: WindowedTableModel) -> None:
        super().__init__(table)
        self.table, self.model = table, model
        self.done = False
        table.installEventFilter(self)  # shown
        table.viewport().installEventFilter(self)  # given its width by the layout
        model.modelReset.connect(self.fit_soon)  # the first rows are in

    def fit_soon(self) -> None:
        if not self.done:
            QTimer.singleShot(0, self, self._fit)

    def refit(self) -> None:
        self.done = False
        self.fit_soon()

    def _fit(self) -> None:
        if self.done or not self.table.isVisible():
            return
        fit_columns(self.table, self.model)
        laid_out = self.table.viewport().width() > LAID_OUT_WIDTH  # not the size before layout
        self.done = laid_out and self.model.rowCount() > 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self.fit_soon()
        return super().eventFilter(watched, event)
