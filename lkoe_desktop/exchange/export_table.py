"""A list as a table to export: its columns, typed rows and what it is, for every file writer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.fields import Kind
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.validation import format_phone
from lkoe_desktop.exchange.spreadsheet_text import FORMULA_STARTS, protect

# Excel holds at most this many characters in one cell; it cuts a longer CSV value it opens.
EXCEL_CELL_LIMIT = 32_767
# How many rows a writer writes between two calls of `progress`.
PROGRESS_STEP = 2000
# progress(done, total): rows written so far. It may raise (the window's Cancelled) to stop;
# nothing is written then.
Progress = Callable[[int, int], None]
# What a cell of an exported table holds: text (phone numbers as shown), a whole number, a
# date, an aware datetime (written in Europe/Stockholm), or nothing.
Cell = str | int | date | datetime | None
# The first characters of a text that a spreadsheet would run (the empty text is not one).
FORMULA_START_CHARACTERS = frozenset(FORMULA_STARTS)


@dataclass(frozen=True)
class ExportColumn:
    """A column of an exported table: its heading in the current language and its kind."""

    heading: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class ExportTable:
    """What a spreadsheet export writes: `title` names the sheet, `about` says on a sheet of its
    own what the list is (each line a name and its value)."""

    title: str
    columns: tuple[ExportColumn, ...]
    rows: Sequence[Sequence[Cell]]
    about: tuple[tuple[str, Cell], ...] = ()


def cell_text(value: Cell) -> str:
    """A cell as a CSV holds it: dates `YYYY-MM-DD`, times `YYYY-MM-DD HH:MM` in Stockholm,
    text that a spreadsheet would run as a formula with a leading `'`."""
    if value.__class__ is str:  # most cells: the quickest test first
        return "'" + value if value[:1] in FORMULA_START_CHARACTERS else value
    if value is None:
        return ""
    if isinstance(value, str):
        return protect(value)
    if isinstance(value, datetime):
        return to_stockholm(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def phone_text(e164: str, shown: str | None = None) -> str:
    """A stored number as files and the clipboard write it: Swedish numbers in national form
    (`013-12 34 56`), others with `00` for `+` (`0044 20 7946 0958`), never needing a `'`.
    `shown` is the number as the window shows it, when it is stored already."""
    shown = shown or format_phone(e164)
    return "00" + shown[1:] if shown.startswith("+") else shown


def too_long_warning(places: Sequence[tuple[int, str]], *, cut: bool) -> str:
    """What a writer says about values longer than Excel holds in a cell (row, column heading)."""
    shown = ", ".join(
        _("row {row}, column “{column}”").format(row=row, column=column)
        for row, column in places[:5]
    )
    if len(places) > 5:
        shown += ", …"
    if cut:
        message = _(
            "{count} values were longer than the {limit} characters Excel holds in a cell and "
            "were cut to fit ({places}); the whole text is in the CSV and JSON exports."
        )
    else:
        message = _(
            "{count} values are longer than the {limit} characters Excel holds in a cell: "
            "Excel will cut them when it opens the file ({places})."
        )
    return message.format(
        count=len(places), limit=f"{EXCEL_CELL_LIMIT:,}".replace(",", "\u00a0"), places=shown
    )
