"""A long table for the house page: splits between rows only, repeats its header on every page,
keeps rows together at page breaks, and measures each row once (fast for thousands of rows)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable

from lkoe_desktop.reports.fonts import FONT, FONT_BOLD, draw_string, register_fonts, wrap_lines
from lkoe_desktop.reports.template import ACCENT, CELL_PAD_X, CELL_PAD_Y, HEADER_FILL, INK, RULE

Progress = Callable[[int, int], None]
DEFAULT_FONT_SIZE = 9.0


class _Rows:
    """The measured cells of a PagedTable, shared by the parts it splits into."""

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        font_size: float,
        min_row_height: float,
    ) -> None:
        self.widths = list(widths)
        self.size = font_size
        self.leading = font_size * 1.22
        self.min_height = min_row_height
        self.header = self._measure(header, FONT_BOLD)
        self.header_height = self._height(self.header, 0.0)
        self.cells = [self._measure(row, FONT) for row in rows]
        self.heights = [self._height(cells, min_row_height) for cells in self.cells]
        self.offsets = [0.0]
        for height in self.heights:
            self.offsets.append(self.offsets[-1] + height)

    def _measure(self, row: Sequence[str], font: str) -> list[list[str]]:
        return [
            wrap_lines(text, font, self.size, width - 2 * CELL_PAD_X) if text else []
            for text, width in zip(row, self.widths, strict=True)
        ]

    def _height(self, cells: list[list[str]], least: float) -> float:
        tallest = max((len(lines) for lines in cells), default=0)
        return max(least, tallest * self.leading + 2 * CELL_PAD_Y)


class PagedTable(Flowable):
    """A long table of plain-text cells that splits between rows only, repeats its header on every
    page, and never leaves fewer than `keep_rows` rows alone at a page's end or start.

    Cells wrap (at spaces, hyphens, and inside a word only when it is wider than the column);
    `align` gives "left", "right" or "centre" per column; `grid` draws lines between columns;
    `progress(done, total)` is called after each page's part is drawn, with the rows on paper so
    far. It measures every row once, so thousands of rows cost one pass, not one per page.
    A table that goes on from one just above it on the same page is drawn without its header
    (`headed` False); a part split off onto a new page always has it.
    """

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        align: Sequence[str] | None = None,
        grid: bool = False,
        font_size: float = DEFAULT_FONT_SIZE,
        min_row_height: float = 0.0,
        keep_rows: int = 2,
        progress: Progress | None = None,
    ) -> None:
        super().__init__()
        register_fonts()
        self._rows = _Rows(header, rows, widths, font_size, min_row_height)
        self._align = list(align or ["left"] * len(widths))
        self._grid = grid
        self._keep = max(1, keep_rows)
        self._progress = progress
        self._start, self._stop = 0, len(rows)
        self.headed = True

    @property
    def row_count(self) -> int:
        return self._stop - self._start

    def _part(self, start: int, stop: int) -> PagedTable:
        part = PagedTable.__new__(PagedTable)
        Flowable.__init__(part)
        part._rows, part._align, part._grid = self._rows, self._align, self._grid
        part._keep, part._progress = self._keep, self._progress
        part._start, part._stop = start, stop
        part.headed = True
        return part

    def _body_height(self, start: int, stop: int) -> float:
        return self._rows.offsets[stop] - self._rows.offsets[start]

    @property
    def header_height(self) -> float:
        return self._rows.header_height if self.headed else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self._rows.widths)
        self.height = self.header_height + self._body_height(self._start, self._stop)
        return self.width, self.height

    def fitting_rows(self, availHeight: float) -> int:
        """How many of its rows fit in `availHeight` below its header."""
        offsets = self._rows.offsets
        room = availHeight - self.header_height
        end = bisect_right(offsets, offsets[self._start] + room + 0.01) - 1
        return max(min(end, self._stop) - self._start, 0)

    def first_rows(self, count: int) -> PagedTable:
        """Its first `count` rows as a table of their own (the rest left out)."""
        return self._part(self._start, self._start + min(count, self.row_count))

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fitting = self.fitting_rows(availHeight)
        total = self.row_count
        if fitting >= total:
            return [self]
        if total - fitting < self._keep:
            fitting = total - self._keep
        if fitting < min(self._keep, total):
            return []
        middle = self._start + fitting
        return [self._part(self._start, middle), self._part(middle, self._stop)]

    def draw(self) -> None:
        canvas, rows = self.canv, self._rows
        lefts = [sum(rows.widths[:column]) for column in range(len(rows.widths))]
        top = self.height
        if self.headed:
            canvas.setFillColor(HEADER_FILL)
            canvas.rect(
                0, top - rows.header_height, self.width, rows.header_height, stroke=0, fill=1
            )
            canvas.setFillColor(INK)
            self._draw_row(rows.header, FONT_BOLD, top, rows.header_height, lefts)
        y = top - self.header_height
        canvas.setFillColor(INK)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        for index in range(self._start, self._stop):
            height = rows.heights[index]
            self._draw_row(rows.cells[index], FONT, y, height, lefts)
            y -= height
            canvas.line(0, y, self.width, y)
        if self._grid:
            for x in lefts[1:]:
                canvas.line(x, 0, x, top)
            canvas.rect(0, 0, self.width, top, stroke=1, fill=0)
        if self.headed:
            canvas.setStrokeColor(ACCENT)
            canvas.setLineWidth(0.8)
            under = top - rows.header_height
            canvas.line(0, under, self.width, under)
        if self._progress is not None:
            self._progress(self._stop, len(rows.cells))

    def _draw_row(
        self, cells: list[list[str]], font: str, top: float, height: float, lefts: list[float]
    ) -> None:
        canvas, rows = self.canv, self._rows
        canvas.setFont(font, rows.size)
        for lines, left, width, align in zip(cells, lefts, rows.widths, self._align, strict=True):
            first = top - (height - len(lines) * rows.leading) / 2 - rows.size
            if align == "right":
                x = left + width - CELL_PAD_X
            elif align == "centre":
                x = left + width / 2
            else:
                x = left + CELL_PAD_X
            for number, line in enumerate(lines):
                baseline = first - number * rows.leading
                draw_string(canvas, x, baseline, line, font, rows.size, align=align)
