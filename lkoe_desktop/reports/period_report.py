"""The funder's period report as a PDF: a summary page, the charts, one table per figure and the
data-quality warnings, on the house page; a frozen report's reprint carries its stamp."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    PTOContainer,
    Spacer,
    Table,
)

from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.domain.entities import BY_NAME
from lkoe_desktop.domain.fields import figure_text
from lkoe_desktop.domain.i18n import N_, ngettext
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.reports.columns import natural_width, share_room, word_width
from lkoe_desktop.reports.fonts import FONT_BOLD
from lkoe_desktop.reports.paged_table import PagedTable
from lkoe_desktop.reports.period_charts import chart_drawing
from lkoe_desktop.reports.template import (
    ACCENT,
    Target,
    build_pdf,
    content_size,
    document_heading,
    facts_table,
    para,
    styles,
    table_style,
)
from lkoe_desktop.services.document_rows import (
    DataWarning,
    FigureTable,
    FrozenMark,
    PageSetup,
    PeriodReport,
)

FONT_SIZE = 9.0
# A table splits over pages only with at least this many rows on either side.
KEEP_ROWS = 3
FACT_LABEL_WIDTH = 42 * mm
# A figure column is at least this wide, and the naming column keeps at least this much.
FIGURE_WIDTH = 24 * mm
NAME_LEAST = 45 * mm
SUMMARY_FIGURE_WIDTH = 38 * mm
INDICATOR_WIDTH = 22 * mm
EMPTY_FILL = colors.HexColor("#F9E3B4")
STAMP_FILL = colors.HexColor("#F3F7F9")
# What a row in the summary's indicator column means, in one line each.
INDICATORS = {
    "RCO01": N_(
        "Enterprises supported: businesses that took part in the cluster's activities "
        "(ERDF output indicator)."
    ),
    "RCO04": N_(
        "Enterprises with non-financial support: the same businesses, supported with advice, "
        "meetings and networking rather than money (ERDF output indicator)."
    ),
}


def _dates(report: PeriodReport) -> str:
    return f"{report.starts_from.isoformat()} – {report.starts_until.isoformat()}"


def _named(report: PeriodReport, between: str) -> str:
    """The period's name and its dates, or its dates alone when they are its name."""
    if report.period_label == _dates(report):
        return report.period_label
    return f"{report.period_label}{between}{_dates(report)}"


def _cumulative_dates(report: PeriodReport) -> str:
    return f"{report.project_from.isoformat()} – {report.starts_until.isoformat()}"


def document_title(report: PeriodReport) -> str:
    """The title in the file's metadata and every page's header; a reprint names its freeze."""
    title = _("Period report {period}").format(period=report.period_label)
    if report.frozen is None:
        return title
    return title + " · " + _("Frozen report no. {id}").format(id=report.frozen.id)


def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}_right", style, alignment=TA_RIGHT)


def _frozen_stamp(frozen: FrozenMark, width: float) -> Table:
    style = styles()
    when = frozen.frozen_at.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
    lines = [
        para(_("Frozen report no. {id}").format(id=frozen.id), style.heading),
        para(_("Frozen {time} by {user}").format(time=when, user=frozen.frozen_by), style.body),
        para(_("The figures and names are as they were when the report was frozen."), style.small),
        para(_("Checksum: {checksum}").format(checksum=frozen.checksum), style.small),
    ]
    stamp = Table([[line] for line in lines], colWidths=[width], hAlign="LEFT")
    stamp.setStyle(
        [
            ("BOX", (0, 0), (-1, -1), 1.2, ACCENT),
            ("BACKGROUND", (0, 0), (-1, -1), STAMP_FILL),
            ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), 0),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 2 * mm),
        ]
    )
    return stamp


def _summary_table(report: PeriodReport, width: float) -> Table:
    style = styles()
    header_right = _right(style.table_header)
    cell_right = _right(style.table_cell)
    indicators = any(line.indicator for line in report.summary)
    dates = natural_width(_dates(report), [], FONT_SIZE)
    figures = [max(SUMMARY_FIGURE_WIDTH, dates, _heading_width(_("Since project start")))] * 2
    header: list[Any] = [
        para(_("Figure"), style.table_header),
        para(_named(report, "\n"), header_right),
        para(_("Since project start") + "\n" + _cumulative_dates(report), header_right),
    ]
    if indicators:
        header.append(para(_("Indicator"), style.table_header))
        figures.append(INDICATOR_WIDTH)
    rows: list[list[Any]] = [header]
    for line in report.summary:
        row: list[Any] = [
            para(line.label, style.table_cell),
            para(figure_text(line.period), cell_right),
            para(figure_text(line.cumulative), cell_right),
        ]
        if indicators:
            row.append(para(line.indicator, style.table_cell))
        rows.append(row)
    table = Table(rows, colWidths=[width - sum(figures), *figures], repeatRows=1, hAlign="LEFT")
    table.setStyle(table_style())
    return table


def _indicator_lines(report: PeriodReport) -> list[Flowable]:
    style = styles()
    named = dict.fromkeys(line.indicator for line in report.summary if line.indicator)
    return [
        para(f"{code} – {_(INDICATORS[code])}", style.small) for code in named if code in INDICATORS
    ]


def _summary_page(report: PeriodReport, width: float) -> list[Flowable]:
    style = styles()
    facts = [
        (_("Period"), _named(report, ": ")),
        (_("Project start"), report.project_from.isoformat()),
        (_("Cumulative figures"), _cumulative_dates(report)),
    ]
    story: list[Flowable] = [
        *document_heading(_("Report to the funder"), _("Activities and participants")),
        facts_table(facts, width, label_width=FACT_LABEL_WIDTH),
        Spacer(0, 4 * mm),
    ]
    if report.frozen is not None:
        story += [_frozen_stamp(report.frozen, width), Spacer(0, 4 * mm)]
    story += [
        para(_("Key figures"), style.heading),
        _summary_table(report, width),
        Spacer(0, 2 * mm),
        *_indicator_lines(report),
        Spacer(0, 3 * mm),
        para(
            _(
                "Who counts: people marked as attended, in any role except organiser, at "
                "meetings that start in the period. An organisation counts once per "
                "organisation number, as the organisation the person represented at the "
                "meeting; the office's own organisation never counts."
            ),
            style.small,
        ),
    ]
    if report.warnings:
        count = len(report.warnings)
        story.append(Spacer(0, 2 * mm))
        story.append(
            para(
                ngettext(
                    "{count} data-quality warning is listed at the end of the report.",
                    "{count} data-quality warnings are listed at the end of the report.",
                    count,
                ).format(count=count),
                style.small,
            )
        )
    return story


def _heading_width(heading: str) -> float:
    """The width a figure column needs so that no word of its bold heading is broken."""
    return max(natural_width(word, [], FONT_SIZE) for word in heading.split() or [""])


def _figure_widths(table: FigureTable, width: float) -> list[float]:
    """The naming column takes what the figure columns leave; a figure column is as wide as
    its heading's longest word and its longest figure, and never narrower than FIGURE_WIDTH."""
    names = [str(row[0]) if row else "" for row in table.rows]
    figures = [
        max(
            FIGURE_WIDTH,
            _heading_width(heading),
            natural_width("", [figure_text(row[column]) for row in table.rows], FONT_SIZE),
        )
        for column, heading in enumerate(table.headings[1:], start=1)
    ]
    first = table.headings[0] if table.headings else ""
    naturals = [natural_width(first, names, FONT_SIZE), *figures]
    least = [max(NAME_LEAST, _heading_width(first), word_width("", names, FONT_SIZE)), *figures]
    if naturals[0] + sum(figures) <= width:
        return [width - sum(figures), *figures]
    return share_room(width, naturals, least)


def _kept_with_start(
    above: list[Flowable], table: PagedTable, continued: Flowable, width: float
) -> list[Flowable]:
    """`above` and the table, on a new page unless they and the table's first rows fit on this
    one; each later page of the table starts with `continued`."""
    shown = table.row_count if table.row_count < 2 * KEEP_ROWS else KEEP_ROWS
    start = [*above, table.first_rows(shown)]
    needed = sum(
        part.wrap(width, 0)[1] + part.getSpaceBefore() + part.getSpaceAfter() for part in start
    )
    return [CondPageBreak(needed), *above, PTOContainer([table], header=[continued])]


def _title_and_continued(title: str) -> tuple[Flowable, Flowable]:
    heading = ParagraphStyle("table_heading", styles().heading, keepWithNext=False)
    continued = _("{heading} (continued)").format(heading=title)
    return para(title, heading), para(continued, heading)


def _marked_table(table: FigureTable, width: float) -> Table:
    """A table in a grid whose zero figures stand out: shaded, in bold."""
    style = styles()
    header_right = _right(style.table_header)
    rows: list[list[Any]] = [
        [
            para(heading, style.table_header if column == 0 else header_right)
            for column, heading in enumerate(table.headings)
        ]
    ]
    commands: list[tuple[Any, ...]] = []
    for number, row in enumerate(table.rows, start=1):
        rows.append([para(row[0], style.table_cell), *(figure_text(figure) for figure in row[1:])])
        commands += [
            command
            for column, figure in enumerate(row[1:], start=1)
            if figure == 0
            for command in (
                ("BACKGROUND", (column, number), (column, number), EMPTY_FILL),
                ("FONT", (column, number), (column, number), FONT_BOLD, FONT_SIZE),
            )
        ]
    laid = Table(rows, colWidths=_figure_widths(table, width), repeatRows=1, hAlign="LEFT")
    laid.setStyle(table_style(grid=True, right_columns=range(1, len(table.headings))))
    laid.setStyle(commands)
    return laid


def _figure_table(table: FigureTable, width: float) -> list[Flowable]:
    style = styles()
    story: list[Flowable]
    notes = [table.note] if table.note else []
    if not table.rows:  # as the window says it: no header over nothing
        story = [para(table.title, style.heading), para(_("None in the period."), style.small)]
    elif table.mark_empty:
        story = [para(table.title, style.heading), _marked_table(table, width)]
        if any(0 in row[1:] for row in table.rows):
            notes.append(_("A shaded, bold 0 is an empty cell: nobody of that kind was reached."))
    else:
        cells = [
            ["" if row[0] is None else str(row[0]), *(figure_text(figure) for figure in row[1:])]
            for row in table.rows
        ]
        align = ["left", *["right"] * (len(table.headings) - 1)]
        laid = PagedTable(
            table.headings, cells, _figure_widths(table, width), align=align, keep_rows=KEEP_ROWS
        )
        title, continued = _title_and_continued(table.title)
        story = _kept_with_start([title], laid, continued, width)
    if notes:
        story.append(Spacer(0, 1.5 * mm))
    story += [para(note, style.small) for note in notes]
    return [*story, Spacer(0, 4 * mm)]


def _record_cells(warning: DataWarning) -> list[list[str]]:
    """What each record a warning names is (Meeting, Partner…), its number and its name."""
    return [
        [_(BY_NAME[record.entity].label) if record.entity in BY_NAME else record.entity,
         str(record.id), record.name]
        for record in warning.records
    ]  # fmt: skip


def _warning_story(warning: DataWarning, widths: list[float]) -> list[Flowable]:
    style = styles()
    count = ngettext("{count} record", "{count} records", len(warning.records)).format(
        count=len(warning.records)
    )
    title, continued = _title_and_continued(warning.text)
    above: list[Flowable] = [title, para(count, style.small), Spacer(0, 1.5 * mm)]
    if not warning.records:
        return above
    records = PagedTable(
        _record_header(),
        _record_cells(warning),
        widths,
        align=["left", "right", "left"],
        keep_rows=KEEP_ROWS,
    )
    return [*_kept_with_start(above, records, continued, sum(widths)), Spacer(0, 3 * mm)]


def _record_header() -> list[str]:
    return [_("Record"), _("No."), _("Name")]


def _warnings(report: PeriodReport, width: float) -> list[Flowable]:
    style = styles()
    story: list[Flowable] = [PageBreak(), para(_("Data-quality warnings"), style.title)]
    if not report.warnings:
        return [*story, para(_("No data-quality warnings for this period."), style.body)]
    story.append(
        para(_("Records to check and correct before the report is submitted."), style.subtitle)
    )
    # The same columns under every warning.
    header = _record_header()
    cells = [cell for warning in report.warnings for cell in _record_cells(warning)]
    kinds = natural_width(header[0], [cell[0] for cell in cells], FONT_SIZE)
    numbers = natural_width(header[1], [cell[1] for cell in cells], FONT_SIZE)
    widths = [kinds, numbers, width - kinds - numbers]
    for warning in report.warnings:
        story += _warning_story(warning, widths)
    return story


def _charts(report: PeriodReport, width: float) -> list[Flowable]:
    style = styles()
    story: list[Flowable] = []
    for chart in report.charts:
        drawn = chart_drawing(chart, width)
        shown: Flowable = drawn or para(_("Nothing to show for this period."), style.body)
        story.append(KeepTogether([para(chart.title, style.heading), shown, Spacer(0, 6 * mm)]))
    return story


def period_story(report: PeriodReport, setup: PageSetup) -> list[Flowable]:
    """The flowables of the report (for build_pdf)."""
    width, _height = content_size(setup)
    story = _summary_page(report, width)
    if report.charts:
        story += [PageBreak(), *_charts(report, width)]
    if report.tables:
        # After the charts the tables follow on the same page, where there is room.
        story += [] if report.charts else [PageBreak()]
        for table in report.tables:
            story += _figure_table(table, width)
    return [*story, *_warnings(report, width)]


def write_period_report(report: PeriodReport, path: Target, setup: PageSetup) -> int:
    """Write the period report as a PDF to a path or binary stream; returns the page count."""
    return build_pdf(path, document_title(report), period_story(report, setup), setup)
