"""What the command line prints for a list: an aligned text table and a count, or JSON."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lkoe_desktop.domain.i18n import N_, gettext, ngettext
from lkoe_desktop.services.columns import (
    CONTACT_COLUMNS,
    MEETING_COLUMNS,
    NUMBER,
    PARTICIPANT_COLUMNS,
    PARTNER_COLUMNS,
    THEME_COLUMNS,
    ColumnSpec,
    display_value,
    format_number,
)

GAP = "  "
ID_COLUMN = ColumnSpec("id", N_("Id"), width=6)
MEETING_ID_COLUMN = ColumnSpec("meeting_id", N_("Meeting"), width=6)
ARCHIVED_COLUMN = ColumnSpec("archived", N_("Archived"), width=8)
RIGHT_ALIGNED = {ID_COLUMN.key, MEETING_ID_COLUMN.key}
# Characters a terminal shows in no column of their own: combining marks and format characters.
_ZERO_WIDTH = {"Mn", "Me", "Cf"}


@dataclass(frozen=True)
class Listing:
    """How one kind of row is listed: its columns and how its count is said."""

    columns: tuple[ColumnSpec, ...]
    count: Callable[[int], str]


LISTINGS = {
    "partners": Listing(
        PARTNER_COLUMNS, lambda n: ngettext("{count} partner", "{count} partners", n)
    ),
    "contacts": Listing(
        CONTACT_COLUMNS, lambda n: ngettext("{count} contact", "{count} contacts", n)
    ),
    "themes": Listing(THEME_COLUMNS, lambda n: ngettext("{count} theme", "{count} themes", n)),
    "meetings": Listing(
        MEETING_COLUMNS, lambda n: ngettext("{count} meeting", "{count} meetings", n)
    ),
    "participants": Listing(
        PARTICIPANT_COLUMNS,
        lambda n: ngettext("{count} participant", "{count} participants", n),
    ),
}


def count_line(what: str, count: int) -> str:
    """`3 kontakter`: how many rows of a kind, in the current language."""
    return LISTINGS[what].count(count).format(count=format_number(count))


def _cell(column: ColumnSpec, row: object) -> str:
    value = getattr(row, column.key)
    if column is ARCHIVED_COLUMN:
        return gettext("yes") if value else ""
    if column.key in RIGHT_ALIGNED:
        return str(value)
    return " ".join(display_value(column, value).split())


def table(
    what: str, rows: Sequence[object], *, show_archived: bool = False, by_meeting: bool = False
) -> str:
    """Rows as an aligned text table under translated headings, ending with the count line.

    `show_archived` adds a column marking archived rows; `by_meeting` adds the meeting id
    (for participants of more than one meeting).
    """
    columns = [ID_COLUMN]
    if by_meeting:
        columns.append(MEETING_ID_COLUMN)
    columns.extend(LISTINGS[what].columns)
    if show_archived:
        columns.append(ARCHIVED_COLUMN)
    if not rows:
        return count_line(what, 0) + "\n"
    cells = [[_cell(column, row) for column in columns] for row in rows]
    titles = [column.title for column in columns]
    widths = [
        max(display_width(line[index]) for line in [titles, *cells])
        for index in range(len(columns))
    ]
    ruler = ["-" * width for width in widths]
    lines = [_line(columns, widths, line) for line in [titles, ruler, *cells]]
    lines.append(count_line(what, len(rows)))
    return "\n".join(lines) + "\n"


def display_width(text: str) -> int:
    """The terminal columns `text` takes: two for an East Asian wide or fullwidth character
    (李, 김, ａ), none for a combining mark, one for any other."""
    return sum(map(_character_width, text))


def _character_width(character: str) -> int:
    if unicodedata.category(character) in _ZERO_WIDTH:
        return 0
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def _line(columns: Sequence[ColumnSpec], widths: Sequence[int], cells: Sequence[str]) -> str:
    parts = []
    for column, width, cell in zip(columns, widths, cells, strict=True):
        padding = " " * (width - display_width(cell))
        right = column.key in RIGHT_ALIGNED or column.kind == NUMBER
        parts.append(padding + cell if right else cell + padding)
    return GAP.join(parts).rstrip()
