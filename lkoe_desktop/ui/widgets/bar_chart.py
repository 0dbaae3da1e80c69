"""A simple bar chart painted with Qt: the same `Chart` rows the period report's PDF draws."""

from __future__ import annotations

import re

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from lkoe_desktop.domain.fields import figure_text
from lkoe_desktop.services.document_rows import Chart

# One colour per stacked series, as the PDF's charts use them.
SERIES_COLOURS = ("#2f6f9f", "#e59c38", "#6a9f4a", "#9f4a6a")
MARGIN = 8
BAR_SHARE = 0.6  # of each category's slot
LABEL_GAP = 10  # pixels kept free between two categories' names
LABEL_LINES = 2
# A word of a category's name, or a bracketed part of it kept whole.
WORDS = re.compile(r"\([^)]*\)|[^\s(]+")


def _step(largest: float) -> int:
    """A round step for the value axis, so that it has at most about five lines."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if largest / step <= 5:
            return step
    return int(largest // 5) or 1


def _number(value: float) -> str:
    """1 234 for a whole number, else one decimal as the reader's language writes it."""
    return figure_text(int(value) if value == int(value) else value)


def label_lines(metrics: QFontMetrics, name: str, room: int) -> list[str]:
    """A category's name on at most two lines `room` pixels wide: broken between words (a
    bracketed part such as "(< 250)" kept whole), what still does not fit cut with "…"."""

    def fits(text: str) -> bool:
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, room) == text

    lines: list[str] = []
    for word in WORDS.findall(name):
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and fits(joined):
            lines[-1] = joined
        else:
            lines.append(word)
    if len(lines) > LABEL_LINES:
        lines = [*lines[: LABEL_LINES - 1], " ".join(lines[LABEL_LINES - 1 :])]
    return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, room) for text in lines]


class BarChart(QWidget):
    """One bar (or stack) per category, its total written above it, the category's name under
    it; a chart without a value says so instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)

    def show_chart(self, chart: Chart, empty_text: str) -> None:
        self.chart = chart
        self.empty_text = empty_text
        self.setAccessibleName(chart.title)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 240)

    def totals(self) -> list[float]:
        """Each category's height: its series' values added up."""
        if self.chart is None:
            return []
        return [
            sum(values[index] for _name, values in self.chart.series)
            for index in range(len(self.chart.categories))
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(text_colour)
        metrics = painter.fontMetrics()
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        title = self.chart.title if self.chart is not None else ""
        painter.drawText(area, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft, title)
        totals = self.totals()
        largest = max(totals, default=0.0)
        step = _step(largest) if largest > 0 else 1
        top = step * (int(largest // step) + 1)
        room = metrics.horizontalAdvance(_number(top)) + 6  # for the widest value on the axis
        plot = area.adjusted(room, line * 2, 0, -line * 2.2)
        if self.chart is None or largest <= 0:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            painter.end()
            return
        grid = QColor(text_colour)
        grid.setAlpha(50)
        for value in range(0, top + 1, step):
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(grid)
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(text_colour)
            label = QRectF(area.left(), y - line / 2, plot.left() - area.left() - 4, line)
            painter.drawText(label, Qt.AlignmentFlag.AlignRight, _number(value))
        slot = plot.width() / len(totals)
        for index, name in enumerate(self.chart.categories):
            left = plot.left() + slot * index + slot * (1 - BAR_SHARE) / 2
            base = plot.bottom()
            for number, (_series, values) in enumerate(self.chart.series):
                height = plot.height() * values[index] / top
                colour = QColor(SERIES_COLOURS[number % len(SERIES_COLOURS)])
                painter.fillRect(QRectF(left, base - height, slot * BAR_SHARE, height), colour)
                base -= height
            painter.setPen(text_colour)
            above = QRectF(plot.left() + slot * index, base - line, slot, line)
            painter.drawText(above, Qt.AlignmentFlag.AlignHCenter, _number(totals[index]))
            width = max(slot - LABEL_GAP, 1.0)
            for number, text in enumerate(label_lines(metrics, name, int(width))):
                under = QRectF(
                    plot.left() + slot * index + (slot - width) / 2,
                    plot.bottom() + 2 + line * number,
                    width,
                    line,
                )
                painter.drawText(under, Qt.AlignmentFlag.AlignHCenter, text)
        painter.end()
