"""The period report's bar charts, drawn with reportlab's own graphics: one bar per category,
or one stack when a chart has several series, with each bar's total printed above it."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from lkoe_desktop.reports.fonts import FONT, FONT_BOLD, register_fonts, text_width
from lkoe_desktop.reports.template import ACCENT, INK, MUTED, RULE
from lkoe_desktop.services.document_rows import Chart

HEIGHT = 56 * mm
LABEL_SIZE = 7.5
BAR_WIDTH = 16 * mm
LEGEND_WIDTH = 38 * mm
# Room under the plot for category labels on at most this many lines (or turned on end).
LABEL_LINES = 3
PALETTE = (
    ACCENT,
    colors.HexColor("#6FA8C0"),
    colors.HexColor("#B9D6E2"),
    colors.HexColor("#E0A458"),
    colors.HexColor("#C4CACF"),
    colors.HexColor("#7C9A5E"),
)
# Totals are printed above the bars up to this many categories.
MOST_TOTALS = 24


def _step(largest: float) -> int:
    """A whole, round step for the value axis so that it has about five lines."""
    rough = max(largest / 5, 1.0)
    power = 10 ** math.floor(math.log10(rough))
    return int(next(factor * power for factor in (1, 2, 5, 10) if factor * power >= rough))


def _total_text(value: float) -> str:
    return str(round(value)) if float(value).is_integer() else f"{value:.1f}"


def _wrapped(name: str, room: float) -> list[str] | None:
    """`name` in lines no wider than `room`, broken at spaces only; None if a word is wider."""
    lines: list[str] = []
    for word in name.split():
        if text_width(word, FONT, LABEL_SIZE) > room:
            return None
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(joined, FONT, LABEL_SIZE) <= room:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines


def _labels(categories: tuple[str, ...], slot: float) -> tuple[list[str], bool]:
    """Category labels wrapped into their slot at spaces (a date such as 2026-01 is never
    broken), and whether they must stand on end instead because they do not fit."""
    wrapped = [_wrapped(name, slot - 4) for name in categories]
    if any(lines is None or len(lines) > LABEL_LINES for lines in wrapped):
        return list(categories), True
    return ["\n".join(lines or []) for lines in wrapped], False


def chart_drawing(chart: Chart, width: float) -> Drawing | None:
    """The chart `width` points wide, or None when it has nothing above zero to show."""
    register_fonts()
    stacked = len(chart.series) > 1
    totals = [
        sum(values[index] for _name, values in chart.series)
        for index in range(len(chart.categories))
    ]
    if not chart.categories or not any(totals):
        return None
    plot_width = width - (LEGEND_WIDTH if stacked else 0) - 14 * mm
    slot = plot_width / len(chart.categories)
    labels, on_end = _labels(chart.categories, slot)
    under = (
        max(text_width(name, FONT, LABEL_SIZE) for name in labels) + 4
        if on_end
        else LABEL_LINES * LABEL_SIZE * 1.2 + 4
    )
    drawing = Drawing(width, HEIGHT + under)
    bars = VerticalBarChart()
    bars.x, bars.y = 12 * mm, under
    bars.width, bars.height = plot_width, HEIGHT - 8 * mm
    bars.data = [list(values) for _name, values in chart.series]
    bars.strokeColor = None
    bars.useAbsolute = 1  # bar width and spacing in points
    bars.barWidth = min(slot * 0.6, BAR_WIDTH)
    bars.groupSpacing = slot - bars.barWidth
    for index in range(len(chart.series)):
        bars.bars[index].fillColor = PALETTE[index % len(PALETTE)]
        bars.bars[index].strokeColor = colors.white
        bars.bars[index].strokeWidth = 0.4
    axis = bars.categoryAxis
    axis.categoryNames = labels
    axis.style = "stacked" if stacked else "parallel"
    axis.strokeColor = RULE
    axis.labels.fontName, axis.labels.fontSize = FONT, LABEL_SIZE
    axis.labels.fillColor = INK
    axis.labels.leading = LABEL_SIZE * 1.2
    if on_end:
        axis.labels.angle, axis.labels.boxAnchor, axis.labels.dy = 90, "e", -3
    else:
        axis.labels.boxAnchor, axis.labels.dy = "n", -3
    step = _step(max(totals))
    values = bars.valueAxis
    values.valueMin, values.valueStep = 0, step
    values.valueMax = step * math.ceil(max(totals) * 1.08 / step)
    values.labels.fontName, values.labels.fontSize = FONT, LABEL_SIZE
    values.labels.fillColor = MUTED
    values.labelTextFormat = "%d"
    values.strokeColor = RULE
    values.visibleGrid = True
    values.gridStrokeColor = colors.HexColor("#E4E9EC")
    values.gridStrokeWidth = 0.4
    drawing.add(bars)
    if len(chart.categories) <= MOST_TOTALS:
        top = bars.height / values.valueMax
        for index, total in enumerate(totals):
            if total:
                x = bars.x + slot * (index + 0.5)
                y = bars.y + total * top + 2
                drawing.add(
                    String(
                        x,
                        y,
                        _total_text(total),
                        fontName=FONT_BOLD,
                        fontSize=LABEL_SIZE,
                        fillColor=INK,
                        textAnchor="middle",
                    )
                )
    if stacked:
        legend = Legend()
        legend.x, legend.y = bars.x + plot_width + 6 * mm, bars.y + bars.height
        legend.alignment = "right"
        legend.fontName, legend.fontSize = FONT, LABEL_SIZE + 0.5
        legend.fillColor = INK
        legend.columnMaximum = len(chart.series)
        legend.deltay = LABEL_SIZE * 2
        legend.dx = legend.dy = LABEL_SIZE
        legend.strokeColor = None
        # Listed top down in the order the stack is drawn from the top.
        legend.colorNamePairs = [
            (PALETTE[index % len(PALETTE)], name)
            for index, (name, _values) in reversed(list(enumerate(chart.series)))
        ]
        drawing.add(legend)
    return drawing
