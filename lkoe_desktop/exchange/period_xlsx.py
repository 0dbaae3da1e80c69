"""The funder's period report as an Excel workbook: the summary, one sheet per table, the
data-quality warnings and the deltagarlista.

Every sheet's table starts on row 1 with a bold, frozen header and a filter. Figures are
numbers (hours with one decimal), a hidden small count is the text "< 3", dates are date cells
and organisation numbers text; no text is ever a formula. The workbook is streamed (openpyxl's
write-only mode; the deltagarlista of a whole project, 100 000 rows and more, written as XML by
`xlsx_rows`) to a temporary file beside the target and moved into place, so a failure leaves
no half-written file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.domain.entities import BY_NAME, CONTACT, PARTICIPATION, PARTNER
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.participant_xlsx import DATE_FORMAT, MAX_WIDTH, MIN_WIDTH
from lkoe_desktop.exchange.xlsx_rows import Cell, fill_rows
from lkoe_desktop.files import write_atomically
from lkoe_desktop.services.document_rows import AttendeeRow, Figure, FigureTable, PeriodReport

Progress = Callable[[int, int], None]
HOURS_FORMAT = "0.0"
TIME_FORMAT = "yyyy-mm-dd hh:mm"
# The characters Excel refuses in a sheet's name, and how long a name may be.
SHEET_NAME_REFUSED = re.compile(r"[\\*?:/\[\]]")
SHEET_NAME_LENGTH = 31
EMPTY_FILL = PatternFill("solid", fgColor="F9E3B4")
Value = object


def _text(sheet: WriteOnlyWorksheet, text: str) -> Value:
    """`text` as a string cell's value: characters XML cannot hold removed, and a text Excel
    would take for a formula or an error value wrapped in a cell that says it is a string."""
    if not text.isprintable():  # only then can it hold a character XML refuses
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if text.startswith("=") or text in ERROR_CODES:
        cell = WriteOnlyCell(sheet, text)
        cell.data_type = "s"
        return cell
    return text


def _value(sheet: WriteOnlyWorksheet, value: object) -> Value:
    """A cell's value as written: text as `_text` makes it, hours with one decimal, a time to
    the minute; numbers and dates (shown as yyyy-mm-dd) as they are."""
    if isinstance(value, str):
        return _text(sheet, value)
    if isinstance(value, float | datetime):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = HOURS_FORMAT if isinstance(value, float) else TIME_FORMAT
        return cell
    return value


def _shown_length(value: object) -> int:
    """About how many characters wide a written value shows."""
    if value is None:
        return 0
    if isinstance(value, float):
        return len(f"{value:.1f}")
    return len(DATE_FORMAT) if hasattr(value, "isoformat") else len(str(value))


def _widths(headings: Sequence[str], rows: Iterable[Sequence[object]]) -> list[int]:
    """How many characters wide each column's values show, as written."""
    widths = [0] * len(headings)
    for row in rows:
        for column, value in enumerate(row):
            widths[column] = max(widths[column], _shown_length(value))
    return widths


def _start(sheet: WriteOnlyWorksheet, headings: Sequence[str], widths: Sequence[int]) -> None:
    """Set the columns' widths (as wide as their headings and `widths` of their values), freeze
    the header and write it in bold; must come before any row."""
    widths = [max(len(heading), width) for heading, width in zip(headings, widths, strict=True)]
    for column, width in enumerate(widths, start=1):
        dimension = sheet.column_dimensions[get_column_letter(column)]
        dimension.width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for heading in headings:
        cell = WriteOnlyCell(sheet, _text(sheet, heading) if heading else None)
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    sheet.append(header)


def _filter(sheet: WriteOnlyWorksheet, columns: int, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def _notes(sheet: WriteOnlyWorksheet, notes: Sequence[str]) -> None:
    """Lines of text under a table, one empty row below its last."""
    if notes:
        sheet.append([])
    for note in notes:
        sheet.append([_text(sheet, note)])


def _cut(text: str, length: int) -> str:
    """`text` in at most `length` characters, cut after a whole word where that keeps most."""
    if len(text) <= length:
        return text
    cut = text[: length + 1].rsplit(" ", 1)[0]
    return cut if len(cut) > length // 2 else text[:length].rstrip()


def sheet_names(titles: Sequence[str]) -> list[str]:
    """A name for each title that Excel accepts: the characters it refuses made spaces, at most
    31 characters, cut between words where it can, not empty, and different from the others
    as Excel compares them."""
    names: list[str] = []
    taken: set[str] = set()
    for title in titles:
        cleaned = SHEET_NAME_REFUSED.sub(" ", title)
        base = " ".join(cleaned.split()).strip("'") or _("Sheet")
        name = _cut(base, SHEET_NAME_LENGTH)
        number = 1
        while name.casefold() in taken or name.casefold() == "history":
            number += 1
            suffix = f" ({number})"
            name = _cut(base, SHEET_NAME_LENGTH - len(suffix)) + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _dates(report: PeriodReport) -> str:
    return f"{report.starts_from.isoformat()} – {report.starts_until.isoformat()}"


def _named(report: PeriodReport, before: str, after: str = "") -> str:
    """The period's name and its dates, or its dates alone when they are its name."""
    if report.period_label == _dates(report):
        return report.period_label
    return f"{report.period_label}{before}{_dates(report)}{after}"


def _summary(
    book: Workbook, name: str, report: PeriodReport, tables: Sequence[tuple[str, str]]
) -> None:
    """The key figures for the period and cumulatively; below them the period, the frozen
    stamp of a reprint, and which sheet holds which table."""
    sheet = book.create_sheet(name)
    cumulative = f"{report.project_from.isoformat()} – {report.starts_until.isoformat()}"
    headings = [
        _("Figure"),
        _named(report, " (", ")"),
        f"{_('Since project start')} ({cumulative})",
        _("Indicator"),
    ]
    rows = [
        [line.label, line.period, line.cumulative, line.indicator or None]
        for line in report.summary
    ]
    facts: list[tuple[str, object]] = [
        (_("Period"), _named(report, ": ")),
        (_("Project start"), report.project_from),
    ]
    frozen = report.frozen
    if frozen is not None:
        facts += [
            (_("Frozen report no."), frozen.id),
            (_("Frozen at"), frozen.frozen_at.astimezone(STOCKHOLM).replace(tzinfo=None)),
            (_("Frozen by"), frozen.frozen_by),
            (_("Checksum"), frozen.checksum),
        ]
    _start(sheet, headings, _widths(headings, rows))
    for row in rows:
        sheet.append([_value(sheet, value) for value in row])
    _filter(sheet, len(headings), len(rows))
    sheet.append([])
    for fact, value in facts:
        sheet.append([_text(sheet, fact), _value(sheet, value)])
    sheet.append([])
    sheet.append([_text(sheet, _("Sheet")), _text(sheet, _("Table"))])
    for table_name, title in tables:
        sheet.append([_text(sheet, table_name), _text(sheet, title)])


def _figure(sheet: WriteOnlyWorksheet, value: Figure, marked: bool) -> Value:
    shown = _value(sheet, value)
    if not (marked and value == 0):
        return shown
    cell = WriteOnlyCell(sheet, value)
    cell.font = Font(bold=True)
    cell.fill = EMPTY_FILL
    return cell


def _table(book: Workbook, name: str, table: FigureTable) -> None:
    sheet = book.create_sheet(name)
    _start(sheet, table.headings, _widths(table.headings, table.rows))
    for row in table.rows:
        first = _value(sheet, row[0]) if row else None
        sheet.append([first, *(_figure(sheet, value, table.mark_empty) for value in row[1:])])
    _filter(sheet, len(table.headings), len(table.rows))
    notes = [table.note] if table.note else []
    if table.mark_empty and any(0 in row[1:] for row in table.rows):
        notes.append(_("A shaded, bold 0 is an empty cell: nobody of that kind was reached."))
    _notes(sheet, notes)


def _entity(name: str) -> str:
    """What a record is called (Meeting, Partner…), by its entity's name."""
    return _(BY_NAME[name].label) if name in BY_NAME else name


def _warnings(book: Workbook, name: str, report: PeriodReport) -> None:
    sheet = book.create_sheet(name)
    headings = [_("Warning"), _("Kind"), _("Record"), _("No."), _("Name")]
    rows: list[list[object]] = []
    for warning in report.warnings:
        rows += [
            [warning.text, warning.kind, _entity(record.entity), record.id, record.name]
            for record in warning.records
        ] or [[warning.text, warning.kind, None, None, None]]
    _start(sheet, headings, _widths(headings, rows))
    for row in rows:
        sheet.append([_value(sheet, value) for value in row])
    _filter(sheet, len(headings), len(rows))
    if not rows:
        _notes(sheet, [_("No data-quality warnings for this period.")])


def _participant_values(row: AttendeeRow) -> tuple[Cell, ...]:
    return (
        f"{row.first_name} {row.last_name}",
        row.organisation,
        row.org_number,
        row.email,
        row.meeting_title,
        row.starts_at.astimezone(STOCKHOLM).date(),
    )


def _participants(book: Workbook, name: str, report: PeriodReport) -> None:
    """The deltagarlista's sheet as openpyxl writes it: its header and, as a sample of each
    column's style, its first row; `fill_rows` writes every row once the book is saved."""
    sheet = book.create_sheet(name)
    headings = [
        _("Name"),
        PARTICIPATION.field("organisation").title,
        PARTNER.field("org_number").title,
        CONTACT.field("email").title,
        _("Meeting"),
        _("Date"),
    ]
    people = report.participants
    longest = [
        max((len(row.first_name) + 1 + len(row.last_name) for row in people), default=0),
        max((len(row.organisation or "") for row in people), default=0),
        len("000000-0000"),  # every organisation number is this long
        max((len(row.email or "") for row in people), default=0),
        max((len(row.meeting_title) for row in people), default=0),
        len(DATE_FORMAT),
    ]
    _start(sheet, headings, longest)
    if people:
        sheet.append([_value(sheet, value) for value in _participant_values(people[0])])
    _filter(sheet, len(headings), len(people))


def write_period_xlsx(
    report: PeriodReport, path: str | os.PathLike[str], *, progress: Progress | None = None
) -> None:
    """Write the report to `path` (.xlsx): the summary, a sheet per table, the warnings and the
    deltagarlista. `progress(done, total)` is called with the deltagarlista's rows written so
    far, now and then and once at the end."""
    total = len(report.participants)
    if progress is not None:
        progress(0, total)
    fixed = [_("Summary"), _("Warnings"), _("Participant list")]
    names = sheet_names([*fixed, *(table.title for table in report.tables)])
    summary, warnings, participants, tables = names[0], names[1], names[2], names[3:]
    book = Workbook(write_only=True)
    contents = [(name, table.title) for name, table in zip(tables, report.tables, strict=True)]
    _summary(book, summary, report, contents)
    for name, table in zip(tables, report.tables, strict=True):
        _table(book, name, table)
    _warnings(book, warnings, report)
    _participants(book, participants, report)

    def write(temporary: Path) -> None:
        book.save(temporary)
        if total:
            rows = map(_participant_values, report.participants)
            fill_rows(temporary, participants, rows, total, progress)

    write_atomically(Path(path), write)
    if progress is not None:
        progress(total, total)
