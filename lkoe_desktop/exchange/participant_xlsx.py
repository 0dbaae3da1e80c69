"""The deltagarlista as an Excel workbook, the way the funder asks for it.

The table starts on row 1 of the first sheet (bold, frozen header, autofilter) so Excel's
filters work; what the list covers is on a second sheet. Text that Excel would read as a
formula stays text. The file is written to a temporary file beside the target and moved into
place, so a failure never leaves a half-written workbook.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lkoe_desktop.domain.entities import CONTACT, PARTICIPATION, PARTNER
from lkoe_desktop.domain.fields import Entity
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.files import write_atomically
from lkoe_desktop.services.document_rows import AttendeeRow, ParticipantList

DATE_FORMAT = "yyyy-mm-dd"
MIN_WIDTH = 8
MAX_WIDTH = 50


Column = tuple[Callable[[], str], Callable[[AttendeeRow], object]]


def _described(entity: Entity, key: str) -> Column:
    """A column of a field as its entity's description names and shows it."""
    described = entity.field(key)
    return (lambda: described.title), (lambda row: described.display(getattr(row, key)) or None)


# (header, value of a row) for each column, in order.
COLUMNS: Sequence[Column] = (
    (lambda: _("Meeting"), lambda row: row.meeting_title),
    (lambda: _("Date"), lambda row: row.starts_at.date()),
    _described(CONTACT, "first_name"),
    _described(CONTACT, "last_name"),
    _described(CONTACT, "email"),
    _described(PARTICIPATION, "organisation"),
    _described(PARTNER, "org_number"),
    _described(PARTNER, "sector"),
    _described(PARTNER, "size_class"),
    _described(PARTNER, "municipality"),
    _described(PARTICIPATION, "role"),
)


def _put(sheet: Worksheet, row: int, column: int, value: object) -> int:
    """Write one cell; returns how many characters wide it shows."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return len(value)
    cell.value = value
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
        return len(DATE_FORMAT)
    return 0 if value is None else len(str(value))


def _table(sheet: Worksheet, rows: Sequence[AttendeeRow]) -> None:
    bold = Font(bold=True)
    widths = []
    for column, (header, _value) in enumerate(COLUMNS, start=1):
        widths.append(_put(sheet, 1, column, header()))
        sheet.cell(row=1, column=column).font = bold
    for number, row in enumerate(rows, start=2):
        for column, (_header, value) in enumerate(COLUMNS, start=1):
            widths[column - 1] = max(widths[column - 1], _put(sheet, number, column, value(row)))
    for column, width in enumerate(widths, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"


def _covers(participants: ParticipantList) -> str:
    if participants.meeting is not None:
        when = participants.meeting.starts_at.strftime("%Y-%m-%d %H:%M")
        return f"{participants.meeting.title}, {when}"
    return f"{participants.starts_from.isoformat()} – {participants.starts_until.isoformat()}"


def _about(sheet: Worksheet, participants: ParticipantList, office: str, created: date) -> None:
    sheet.title = _("About the list")[:31]
    facts: list[tuple[str, object]] = [
        (_("Office"), office),
        (_("Meeting") if participants.meeting else _("Period"), _covers(participants)),
        (_("Number of participants"), len(participants.rows)),
        (_("Created"), created),
    ]
    for number, (name, value) in enumerate(facts, start=1):
        _put(sheet, number, 1, name)
        sheet.cell(row=number, column=1).font = Font(bold=True)
        _put(sheet, number, 2, value)
        sheet.cell(row=number, column=2).alignment = Alignment(horizontal="left")
    sheet.column_dimensions["A"].width = max(len(name) for name, _value in facts) + 2
    sheet.column_dimensions["B"].width = MAX_WIDTH


def write_participant_xlsx(
    participants: ParticipantList, target: str | os.PathLike[str], *, office: str, created: date
) -> None:
    """Write the deltagarlista to `target` (.xlsx): the table on the first sheet, starting on
    row 1, and what it covers (office, meeting or period, count, date) on a second sheet."""
    book = Workbook()
    table = book.active
    assert table is not None
    table.title = _("Participants")[:31]
    _table(table, participants.rows)
    _about(book.create_sheet(), participants, office, created)
    write_atomically(Path(target), book.save)
