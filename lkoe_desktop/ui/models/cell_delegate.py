"""Paints the cells of a windowed table: each cell's look set from its row's texts in one call.

Qt's own delegate asks the model for seven roles of every visible cell at every paint (text,
font, colour, alignment, check state, icon, background), each a call from Qt into Python; on a
table filling a 1280 × 800 window that was a fifth of a paint. This delegate fills the same
style option as Qt's does, from what `WindowedTableModel` has formatted for the row: the text,
the italic grey of an archived row, and numbers right-aligned. The tables show no check boxes,
icons or backgrounds of their own. Tests compare both delegates' options, cell by cell.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFontMetrics, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from lkoe_desktop.ui.models.table_model import (
    RIGHT_ALIGNED,
    WindowedTableModel,
    archived_colour,
    archived_font,
)

HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
NO_BACKGROUND = QBrush()


class CellDelegate(QStyledItemDelegate):
    """Qt's item delegate, its style option filled straight from `model`'s row texts."""

    def __init__(self, model: WindowedTableModel, parent: QWidget) -> None:
        super().__init__(parent)
        self._model = model
        self._right = Qt.AlignmentFlag(RIGHT_ALIGNED)

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        model = self._model
        # PySide6 converts a persistent index to a QModelIndex here; its stubs do not say so.
        option.index = index  # type: ignore[assignment]
        cells = model.row_texts(index.row())
        column = index.column()
        if cells is not None:
            option.text = cells[0][column]
            option.features |= HAS_DISPLAY
            if cells[1]:
                option.font = archived_font().resolve(option.font)
                option.fontMetrics = QFontMetrics(option.font)
                palette = QPalette(option.palette)
                palette.setBrush(QPalette.ColorRole.Text, QBrush(archived_colour()))
                option.palette = palette
        if model.right_aligned(column):
            option.displayAlignment = self._right
        option.backgroundBrush = NO_BACKGROUND
