"""Partnerregister: every partner that is not archived in one long table on landscape A4."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from enum import StrEnum

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from lkoe_desktop.domain.codes import Relationship, Sector, SizeClass, label
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.reports.fonts import FONT, FONT_BOLD, text_width
from lkoe_desktop.reports.paged_table import PagedTable
from lkoe_desktop.reports.template import (
    CELL_PAD_X,
    PageSetup,
    Target,
    build_pdf,
    content_size,
    para,
    styles,
)
from lkoe_desktop.services.report_rows import RegisterRow

Progress = Callable[[int, int], None]
FONT_SIZE = 9.0
SAMPLE_ORG_NUMBER = "000000-0000"


def code_text(enum: type[StrEnum], value: str | None) -> str:
    """A stored code as the window shows it (its label), or empty."""
    return "" if value is None else label(enum(value))


def labels(enum: type[StrEnum]) -> list[str]:
    return [label(member) for member in enum]


def natural_width(header: str, texts: Iterable[str], size: float = FONT_SIZE) -> float:
    """The width a column needs to show its header and every text on one line."""
    widest = max(
        [text_width(header, FONT_BOLD, size), *(text_width(text, FONT, size) for text in texts)]
    )
    return widest + 2 * CELL_PAD_X + 1


def word_width(header: str, texts: Iterable[str], size: float = FONT_SIZE) -> float:
    """The width a column needs so that no word of its header or texts is broken."""
    words = {word for text in texts for word in text.split()}
    return natural_width("", [*header.split(), *words], size)


def share_room(room: float, naturals: Sequence[float], least: Sequence[float]) -> list[float]:
    """Widths of columns that share `room`: in proportion to their natural widths when those
    all fit; otherwise each gets its `least` (shrunk alike if even those do not fit) and the
    rest of the room in proportion to what each still lacks."""
    if sum(naturals) <= room:
        return [room * natural / sum(naturals) for natural in naturals]
    if sum(least) >= room:
        return [room * minimum / sum(least) for minimum in least]
    lacking = [
        max(natural - minimum, 0.0) for natural, minimum in zip(naturals, least, strict=True)
    ]
    spare = room - sum(least)
    return [
        minimum + spare * lack / sum(lacking) for minimum, lack in zip(least, lacking, strict=True)
    ]


def since_text(since: date | None, until: date | None) -> str:
    """A relationship's period as printed: "2024-01-01", or "2024-01-01 – 2025-06-30"."""
    if until is None:
        return "" if since is None else since.isoformat()
    return f"{since.isoformat() if since else ''} – {until.isoformat()}"


class _Reported(Flowable):
    """A PagedTable that reports the rows it has put on paper after each page it draws."""

    def __init__(self, table: PagedTable, done: list[int], total: int, progress: Progress):
        super().__init__()
        self._table, self._done, self._total, self._progress = table, done, total, progress

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = self._table.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = self._table.split(availWidth, availHeight)
        return [
            _Reported(part, self._done, self._total, self._progress)
            if isinstance(part, PagedTable)
            else part
            for part in parts
        ]

    def draw(self) -> None:
        self._table.drawOn(self.canv, 0, 0)
        self._done[0] += self._table.row_count
        self._progress(self._done[0], self._total)


def _table(rows: Sequence[RegisterRow], width: float) -> PagedTable:
    header = [
        _("Name"),
        _("Org. number"),
        _("Sector"),
        _("Size class"),
        _("Municipality"),
        _("Relationship"),
        _("Since"),
    ]
    cells = [
        [
            row.name,
            row.org_number or "",
            code_text(Sector, row.sector),
            code_text(SizeClass, row.size_class),
            row.municipality or "",
            code_text(Relationship, row.relationship),
            since_text(row.relationship_since, row.relationship_until),
        ]
        for row in rows
    ]
    fixed = [
        natural_width(header[1], [SAMPLE_ORG_NUMBER]),
        natural_width(header[2], labels(Sector)),
        natural_width(header[3], labels(SizeClass)),
        min(natural_width(header[4], {row[4] for row in cells}), 34 * mm),
        natural_width(header[5], labels(Relationship)),
        natural_width(header[6], [date(2000, 1, 1).isoformat()]),
    ]
    return PagedTable(header, cells, [width - sum(fixed), *fixed], font_size=FONT_SIZE)


def register_story(
    rows: Sequence[RegisterRow], setup: PageSetup, progress: Progress | None = None
) -> list[Flowable]:
    style = styles()
    width, _height = content_size(setup)
    count = ngettext(
        "{count} partner that is not archived", "{count} partners that are not archived", len(rows)
    ).format(count=len(rows))
    story: list[Flowable] = [
        para(_("Partner register"), style.title),
        para(count, style.subtitle),
        Spacer(0, 4 * mm),
    ]
    if rows:
        table = _table(rows, width)
        story.append(table if progress is None else _Reported(table, [0], len(rows), progress))
    return story


def write_register(
    rows: Sequence[RegisterRow],
    target: Target,
    setup: PageSetup,
    *,
    progress: Progress | None = None,
) -> int:
    """Write the register as a landscape PDF to a path or binary stream; returns the page count.

    `progress(done, total)` is called with the number of partners put on paper so far, after
    each page (writing the finished file takes a little longer after the last call).
    """
    setup = replace(setup, landscape=True)
    if progress is not None:
        progress(0, len(rows))
    story = register_story(rows, setup, progress)
    return build_pdf(target, _("Partner register"), story, setup)
