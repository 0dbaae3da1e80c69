"""Ctrl+C in a table: the selected rows as Excel pastes them, headings first, as shown.

Rows a windowed table has not cached are read from the database a page at a time; when there
are many (Ctrl+A in a list of 100 000), that runs in the background with progress and cancel.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMessageBox,
    QTableView,
    QTreeView,
)

from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.exchange.spreadsheet_text import tab_separated
from lkoe_desktop.ui.models.table_model import RowTexts, WindowedTableModel
from lkoe_desktop.ui.ops import Cancelled, Operation, Progress, run_in_background

DISPLAY = Qt.ItemDataRole.DisplayRole
# Rows to read from the database above which a copy runs in the background (about 0.2 s).
READ_IN_BACKGROUND = 2_000
_running: set[Operation] = set()


def enable_copy(view: QAbstractItemView) -> None:
    """Make Ctrl+C (the platform's Copy key) in `view` copy its selected rows.

    A shortcut of the view's own, not an event filter: Python is then called only for the key
    itself, never for the view's other events (a worker thread would make each call wait).
    """
    copy = QAction(view)
    copy.setShortcut(QKeySequence.StandardKey.Copy)
    copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    copy.triggered.connect(lambda _checked=False: copy_rows(view))
    view.addAction(copy)


def copy_rows(view: QAbstractItemView) -> bool:
    """Put the selected rows of `view` on the clipboard: the shown columns' headings, then
    each row's cells as the view shows them, both in the view's order. False when no row is
    selected."""
    model = view.model()
    selection = view.selectionModel()
    if model is None or selection is None:
        return False
    ranges = selection.selection()
    chosen: set[int] = set()
    for number in range(ranges.count()):
        part = ranges.at(number)
        if not part.parent().isValid():
            chosen.update(range(part.top(), part.bottom() + 1))
    if not chosen:
        return False
    rows = sorted(chosen)
    header = _header(view)
    order = (header.logicalIndex(place) for place in range(header.count()))
    columns = [column for column in order if not header.isSectionHidden(column)]
    headings = [str(model.headerData(c, Qt.Orientation.Horizontal, DISPLAY) or "") for c in columns]
    if not isinstance(model, WindowedTableModel):
        cells = [[str(model.index(row, c).data(DISPLAY) or "") for c in columns] for row in rows]
        QGuiApplication.clipboard().setText(tab_separated([headings, *cells]))
        return True
    texts = model.texts_of(rows)
    if texts.to_read > READ_IN_BACKGROUND:
        _copy_in_background(view, headings, columns, texts, len(rows))
    else:
        QGuiApplication.clipboard().setText(_text(headings, columns, texts()))
    return True


def _text(headings: list[str], columns: Sequence[int], rows: list[list[str]]) -> str:
    return tab_separated([headings, *([row[c] for c in columns] for row in rows)])


def _copy_in_background(
    view: QAbstractItemView,
    headings: list[str],
    columns: list[int],
    texts: RowTexts,
    count: int,
) -> None:
    title = ngettext("Copying {count} row…", "Copying {count} rows…", count).format(
        count=format_number(count)
    )

    def work(progress: Progress) -> str:
        return _text(headings, columns, texts(lambda done, total: progress.report(done, total)))

    def done(text: str) -> None:
        _running.discard(operation)
        QGuiApplication.clipboard().setText(text)

    def failed(error: BaseException) -> None:
        _running.discard(operation)
        if isinstance(error, Cancelled):
            return
        message = (
            error.message
            if isinstance(error, LkoeError)
            else _("Something went wrong. The details are written to the program's log file.")
        )
        QMessageBox.warning(view.window(), _("Cannot copy"), message)

    operation = run_in_background(view.window(), work, done, failed, title=title)
    _running.add(operation)


def _header(view: QAbstractItemView) -> QHeaderView:
    if isinstance(view, QTableView):
        return view.horizontalHeader()
    assert isinstance(view, QTreeView), "a table or a list with columns"
    return view.header()
