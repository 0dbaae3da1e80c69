"""What the command line prints for a list: an aligned text table and a count, or JSON."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from lkoe_desktop.domain.entities import ARCHIVED, CONTACT, MEETING, PARTICIPATION, PARTNER, THEME
from lkoe_desktop.domain.fields import Column, Entity, Field, Kind
from lkoe_desktop.domain.i18n import N_

GAP = "  "
ID_COLUMN = Field("id", N_("Id"), Kind.REFERENCE, column=Column(6))
MEETING_ID_COLUMN = Field("meeting_id", N_("Meeting"), Kind.REFERENCE, column=Column(6))
RIGHT_ALIGNED = (Kind.REFERENCE, Kind.NUMBER)
# Characters a terminal shows in no column of their own: combining marks and format characters.
_ZERO_WIDTH = {"Mn", "Me", "Cf"}
# What `list` lists: each kind of row is the entity whose description gives its columns.
LISTINGS: dict[str, Entity] = {
    "partners": PARTNER,
    "contacts": CONTACT,
    "themes": THEME,
    "meetings": MEETING,
    "participants": PARTICIPATION,
}


def count_line(what: str, count: int) -> str:
    """`3 kontakter`: how many rows of a kind, in the current language."""
    return LISTINGS[what].count_text(count)


def _cell(column: Field, row: object) -> str:
    return " ".join(column.display(getattr(row, column.key)).split())


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
        columns.append(ARCHIVED)
    if not rows:
        return count_line(what, 0) + "\n"
    cells = [[_cell(column, row) for column in columns] for row in rows]
    titles = [column.heading for column in columns]
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


def _line(columns: Sequence[Field], widths: Sequence[int], cells: Sequence[str]) -> str:
    parts = []
    for column, width, cell in zip(columns, widths, cells, strict=True):
        padding = " " * (width - display_width(cell))
        right = column.kind in RIGHT_ALIGNED
        parts.append(padding + cell if right else cell + padding)
    return GAP.join(parts).rstrip()
