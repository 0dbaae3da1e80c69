"""The funder's period report on screen: the summary, the tables, the charts and the warnings
with their records, built from the same `PeriodReport` the PDF and the workbook lay out."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.entities import BY_NAME
from lkoe_desktop.domain.fields import figure_text
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services.document_rows import (
    Figure,
    FigureTable,
    PeriodReport,
    WarningRecord,
)
from lkoe_desktop.ui.widgets.bar_chart import BarChart

EMPTY_FILL = QColor("#F9E3B4")  # the PDF's shade for an empty cell of the coverage matrix
RECORD_ROLE = Qt.ItemDataRole.UserRole
NAME_COLUMN = 280  # pixels at least for the column that names the rows
FIGURE_COLUMN = 70


def dates(report: PeriodReport) -> str:
    return f"{report.starts_from.isoformat()} – {report.starts_until.isoformat()}"


def named_dates(report: PeriodReport) -> str:
    """ "2026Q1: 2026-01-01 – 2026-03-31", or the dates alone when they are the period's name."""
    shown = dates(report)
    return shown if report.period_label == shown else f"{report.period_label}: {shown}"


def _cell(value: Figure, *, figure: bool, marked: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(figure_text(value) if figure else str(value or ""))
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if figure:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if marked:
        item.setBackground(QBrush(EMPTY_FILL))
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setToolTip(_("No organisation reached here in the period"))
    return item


def figure_grid(
    headings: Sequence[str], rows: Sequence[Sequence[Figure]], *, mark_empty: bool = False
) -> QTableWidget:
    """A read-only table: the first column names the row, the others are figures (in the
    coverage matrix a zero figure is shaded and bold, as in the PDF)."""
    grid = QTableWidget(len(rows), len(headings))
    grid.setHorizontalHeaderLabels(list(headings))
    grid.verticalHeader().setVisible(False)
    grid.verticalHeader().setDefaultSectionSize(grid.fontMetrics().height() + 8)
    grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for number, row in enumerate(rows):
        for column, value in enumerate(row):
            marked = mark_empty and column > 0 and value == 0
            grid.setItem(number, column, _cell(value, figure=column > 0, marked=marked))
    header = grid.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setMinimumSectionSize(FIGURE_COLUMN)
    grid.resizeColumnsToContents()
    if header.sectionSize(0) < NAME_COLUMN:
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, NAME_COLUMN)
    grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    grid.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    grid.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    height = header.sizeHint().height() + 2 * grid.frameWidth()
    height += sum(grid.rowHeight(number) for number in range(len(rows)))
    grid.setFixedHeight(height + 2)
    return grid


def summary_grid(report: PeriodReport) -> QTableWidget:
    """The key figures: the period beside the project so far, and the funder's indicator."""
    headings = (
        _("Figure"),
        named_dates(report).replace(": ", "\n"),
        _("Project so far") + f"\n{report.project_from.isoformat()} – "
        f"{report.starts_until.isoformat()}",
        _("Indicator"),
    )
    rows = [(line.label, line.period, line.cumulative, line.indicator) for line in report.summary]
    grid = figure_grid(headings, rows)
    grid.setObjectName("summary")
    return grid


def summary_page(report: PeriodReport) -> QWidget:
    """The summary beside the charts of organisations reached, as the PDF's first pages."""
    page = QWidget()
    layout = QHBoxLayout(page)
    column = QVBoxLayout()
    period = QLabel(
        _("{period}. Project so far: from {start}.").format(
            period=named_dates(report), start=report.project_from
        )
    )
    period.setWordWrap(True)
    column.addWidget(period)
    column.addWidget(summary_grid(report))
    column.addStretch(1)
    layout.addLayout(column)
    charts = QVBoxLayout()
    for chart in report.charts[:2]:
        painted = BarChart(page)
        painted.show_chart(chart, _("Nothing to show in the period."))
        charts.addWidget(painted)
    layout.addLayout(charts, 1)
    return page


def _scrolled(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(page)
    return area


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def table_page(tables: Sequence[FigureTable]) -> QScrollArea:
    """Every table one under the other, each with its title and note; an empty one says so."""
    page = QWidget()
    layout = QVBoxLayout(page)
    for table in tables:
        layout.addWidget(_title(table.title))
        if table.rows:
            grid = figure_grid(table.headings, table.rows, mark_empty=table.mark_empty)
            grid.setObjectName(table.key)
            layout.addWidget(grid)
        else:
            layout.addWidget(_note(_("None in the period.")))
        if table.note:
            layout.addWidget(_note(table.note))
        layout.addSpacing(12)
    layout.addStretch(1)
    return _scrolled(page)


def chart_page(report: PeriodReport) -> QWidget:
    """The PDF's charts, painted: two side by side, the third under them."""
    page = QWidget()
    layout = QGridLayout(page)
    for number, chart in enumerate(report.charts):
        painted = BarChart(page)
        painted.setObjectName(chart.key)
        painted.show_chart(chart, _("Nothing to show in the period."))
        layout.addWidget(painted, number // 2, number % 2)
    return page


def record_text(record: WarningRecord) -> str:
    entity = BY_NAME.get(record.entity)
    return _(entity.label) if entity is not None else record.entity


class WarningTree(QTreeWidget):
    """The warnings, each with the records it names below it, shown as links: one click (or
    Enter) on a record opens its form (`opened(entity, id)`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warnings")
        self.setColumnCount(2)
        self.setHeaderLabels([_("Warning and records to check"), _("Kind of record")])
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(False)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setMouseTracking(True)

    def show_warnings(self, report: PeriodReport) -> None:
        self.clear()
        link = self.palette().link()
        for warning in report.warnings:
            count = ngettext("{count} record", "{count} records", len(warning.records))
            top = QTreeWidgetItem(self, [warning.text, count.format(count=len(warning.records))])
            font = QFont(top.font(0))
            font.setBold(True)
            top.setFont(0, font)
            top.setToolTip(0, warning.text)
            for record in warning.records:
                child = QTreeWidgetItem(top, [record.name, record_text(record)])
                child.setData(0, RECORD_ROLE, (record.entity, record.id))
                child.setForeground(0, link)
                underlined = QFont(child.font(0))
                underlined.setUnderline(True)
                child.setFont(0, underlined)
                child.setToolTip(0, _("Click to open"))
            top.setExpanded(True)
        if not report.warnings:
            QTreeWidgetItem(self, [_("No warnings: the data of the period looks complete."), ""])

    def record_of(self, item: QTreeWidgetItem) -> tuple[str, int] | None:
        found = item.data(0, RECORD_ROLE)
        return None if found is None else (str(found[0]), int(found[1]))
