"""The page every printed document shares: A4, header with the office's name and logo, footer with
the funding line, print date and "Page X of Y"; paragraph styles, the heading and label–value
lines every document opens with, and the house table look."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from lkoe_desktop import APP_NAME
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.reports.fonts import (
    FONT,
    FONT_BOLD,
    draw_string,
    fit_text,
    markup,
    register_fonts,
    text_width,
    wrap_lines,
)
from lkoe_desktop.reports.text_lines import TextLines
from lkoe_desktop.services.document_rows import PageSetup

Target = str | os.PathLike[str] | BinaryIO

INK = colors.HexColor("#1D2B36")
MUTED = colors.HexColor("#5B6770")
ACCENT = colors.HexColor("#1F5F7A")
HEADER_FILL = colors.HexColor("#E3EDF2")
RULE = colors.HexColor("#AEBBC4")

MARGIN_X = 18 * mm
MARGIN_TOP = 29 * mm
MARGIN_BOTTOM = 22 * mm
HEADER_TOP = 9 * mm  # from the top edge of the paper
LOGO_HEIGHT = 12 * mm
LOGO_MAX_WIDTH = 40 * mm
HEADER_RULE = 24 * mm
FOOTER_RULE = 17 * mm  # from the bottom edge of the paper
CELL_PAD_X = 4.0
CELL_PAD_Y = 3.0
HEADER_LINE_GAP = 1.2  # line height in the header as a share of the font size
# Label–value lines: top-aligned, flush left, close together; an empty cell in the house font
# too (reportlab's default, Helvetica, would be listed in the file without being embedded).
FACT_COMMANDS: tuple[tuple[Any, ...], ...] = (
    ("FONT", (0, 0), (-1, -1), FONT),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 1),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
)


def page_size(setup: PageSetup) -> tuple[float, float]:
    return landscape(A4) if setup.landscape else A4


def content_size(setup: PageSetup) -> tuple[float, float]:
    """Width and height (points) of the area between the margins, header and footer."""
    width, height = page_size(setup)
    return width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    table_header: ParagraphStyle
    table_cell: ParagraphStyle
    table_cell_right: ParagraphStyle


@cache
def styles() -> Styles:
    """The paragraph styles of every document, all in the Unicode font family."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13, textColor=INK)
    cell = ParagraphStyle("table_cell", body, fontSize=9, leading=11)
    return Styles(
        title=ParagraphStyle("title", body, fontName=FONT_BOLD, fontSize=17, leading=21),
        subtitle=ParagraphStyle(
            "subtitle", body, fontSize=10, leading=13, textColor=ACCENT, spaceAfter=2
        ),
        heading=ParagraphStyle(
            "heading",
            body,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=True,
        ),
        body=body,
        small=ParagraphStyle("small", body, fontSize=8, leading=10, textColor=MUTED),
        label=ParagraphStyle("label", body, fontName=FONT_BOLD, fontSize=9, textColor=MUTED),
        table_header=ParagraphStyle("table_header", cell, fontName=FONT_BOLD),
        table_cell=cell,
        table_cell_right=ParagraphStyle("table_cell_right", cell, alignment=TA_RIGHT),
    )


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text (escaped; None is empty), line breaks kept, and what the style's
    font lacks (Chinese, Japanese, Korean) in a fallback font."""
    shown = "" if text is None else markup(str(text), style.fontName)
    return Paragraph(shown.replace("\n", "<br/>"), style)


def document_heading(kind: str, title: str) -> list[Flowable]:
    """How a document opens: what kind of document it is, above its title."""
    style = styles()
    return [para(kind, style.subtitle), para(title, style.title), Spacer(0, 3 * mm)]


def facts_table(facts: Sequence[tuple[str, str]], width: float, *, label_width: float) -> Table:
    """Label–value lines under a document's title; a fact without a value is left out."""
    style = styles()
    rows = [
        [para(name, style.label), TextLines(value, style.body)] for name, value in facts if value
    ]
    table = Table(rows, colWidths=[label_width, width - label_width], hAlign="LEFT")
    table.setStyle(TableStyle(list(FACT_COMMANDS)))
    return table


def table_style(*, grid: bool = False, right_columns: Iterable[int] = ()) -> TableStyle:
    """The house look for a reportlab Table whose first row is its header (use repeatRows=1):
    shaded bold header, thin rules between rows, and with `grid` lines between columns too."""
    register_fonts()
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 9, 11),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 9, 11),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    ]
    if grid:
        commands += [
            ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ]
    commands += [("ALIGN", (column, 0), (column, -1), "RIGHT") for column in right_columns]
    return TableStyle(commands)


def _fit_lines(
    text: str, font: str, largest: float, smallest: float, width: float
) -> tuple[list[str], float]:
    """`text` in at most two lines within `width`, as large as fits between `largest` and
    `smallest`; what still does not fit is cut with an ellipsis (header and footer only)."""
    if width <= 0:
        return [], smallest
    lines, size = fit_text(text, font, width, largest=largest, smallest=smallest, max_lines=2)
    if size >= smallest and len(lines) <= 2:
        return lines, size
    lines = wrap_lines(text, font, smallest, width)
    last = lines[1]
    while last and text_width(last + "…", font, smallest) > width:
        last = last[:-1]
    return [lines[0], last.rstrip() + "…"], smallest


def draw_lines_on_middle(
    canvas: Canvas,
    lines: list[str],
    font: str,
    size: float,
    x: float,
    middle: float,
    *,
    right: bool = False,
    line_gap: float = HEADER_LINE_GAP,
) -> None:
    """Lines centred vertically on `middle`, starting at x (or ending there when `right`), in
    `font` of `size`; each line `line_gap` × `size` below the one before."""
    leading = size * line_gap
    first = middle + (len(lines) - 1) * leading / 2 - size * 0.35
    canvas.setFont(font, size)
    for number, line in enumerate(lines):
        y = first - number * leading
        draw_string(canvas, x, y, line, font, size, align="right" if right else "left")


def logo_image(path: str) -> ImageReader | None:
    """The office's logo, or None when there is none or it cannot be read."""
    if not path:
        return None
    try:
        image = ImageReader(path)
        image.getSize()
    except Exception:  # any unreadable file gets the drawn mark instead
        return None
    return image


def _draw_mark(canvas: Canvas, x: float, y: float, size: float) -> None:
    """The default mark: a rounded square in the accent colour with "LKÖ" (x, y: lower left)."""
    canvas.saveState()
    canvas.setFillColor(ACCENT)
    canvas.roundRect(x, y, size, size, size * 0.18, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    font_size = size * 0.72 / max(text_width("LKÖ", FONT_BOLD, 1.0), 0.001)
    canvas.setFont(FONT_BOLD, font_size)
    canvas.drawCentredString(x + size / 2, y + size / 2 - font_size * 0.36, "LKÖ")
    canvas.restoreState()


def draw_logo(
    canvas: Canvas,
    logo: ImageReader | None,
    x: float,
    y: float,
    height: float,
    max_width: float,
) -> float:
    """The office's logo `height` high and at most `max_width` wide, or the default mark when
    there is none, with its lower left at (x, y); returns the width it takes."""
    if logo is None:
        _draw_mark(canvas, x, y, height)
        return height
    image_width, image_height = logo.getSize()
    width = min(max_width, height * image_width / max(image_height, 1))
    canvas.drawImage(logo, x, y, width, height, preserveAspectRatio=True, mask="auto")
    return width


def _draw_header(canvas: Canvas, setup: PageSetup, title: str, logo: ImageReader | None) -> None:
    width, height = page_size(setup)
    top = height - HEADER_TOP
    bottom = top - LOGO_HEIGHT
    logo_width = draw_logo(canvas, logo, MARGIN_X, bottom, LOGO_HEIGHT, LOGO_MAX_WIDTH)
    left = MARGIN_X + logo_width + 4 * mm
    room = width - MARGIN_X - left
    middle = bottom + LOGO_HEIGHT / 2
    names, name_size = _fit_lines(setup.office.office_name, FONT_BOLD, 11, 8.5, room * 0.58)
    canvas.setFillColor(INK)
    draw_lines_on_middle(canvas, names, FONT_BOLD, name_size, left, middle)
    used = max((text_width(line, FONT_BOLD, name_size) for line in names), default=0.0)
    headings, heading_size = _fit_lines(title, FONT, 9, 7.5, room - used - 8 * mm)
    canvas.setFillColor(MUTED)
    draw_lines_on_middle(canvas, headings, FONT, heading_size, width - MARGIN_X, middle, right=True)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_X, height - HEADER_RULE, width - MARGIN_X, height - HEADER_RULE)


def _draw_footer(canvas: Canvas, setup: PageSetup, page: int, pages: int) -> None:
    width, _height = page_size(setup)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_X, FOOTER_RULE, width - MARGIN_X, FOOTER_RULE)
    first = FOOTER_RULE - 4.5 * mm
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 8)
    canvas.drawRightString(
        width - MARGIN_X, first, _("Page {page} of {pages}").format(page=page, pages=pages)
    )
    printed = _("Printed {date}").format(date=setup.printed_on.isoformat())
    canvas.setFillColor(MUTED)
    canvas.setFont(FONT, 7.5)
    canvas.drawRightString(width - MARGIN_X, first - 3.5 * mm, printed)
    room = width - 2 * MARGIN_X - 55 * mm
    lines = wrap_lines(setup.office.funding_line, FONT, 7.5, room)[:2]
    for number, line in enumerate(lines):
        draw_string(canvas, MARGIN_X, first - number * 3.5 * mm, line, FONT, 7.5)


class _PagedCanvas(Canvas):
    """A canvas that keeps its pages until the end, then draws header and footer on each with
    the total page count known (the two-pass "Page X of Y" pattern)."""

    def __init__(
        self, *args: Any, decorate: Callable[[Canvas, int, int], None], pages: list[int], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self._decorate = decorate
        self._counted = pages
        self._kept: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._kept.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._kept)
        for number, state in enumerate(self._kept, 1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            super().showPage()
        self._counted.append(total)
        super().save()


def _output(target: Target) -> str | BinaryIO:
    return os.fspath(target) if isinstance(target, str | os.PathLike) else target


def build_pdf(target: Target, title: str, story: list[Flowable], setup: PageSetup) -> int:
    """Write `story` as a PDF on the house page to a path or binary stream; returns the page count.

    `title` is the document's title: in the PDF's metadata and at the right of every header.
    """
    register_fonts()
    width, height = page_size(setup)
    logo = logo_image(setup.office.logo_path)

    def decorate(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        _draw_header(canvas, setup, title, logo)
        _draw_footer(canvas, setup, page, pages)
        canvas.restoreState()

    document = BaseDocTemplate(
        _output(target),
        pagesize=(width, height),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=setup.office.office_name,
        creator=APP_NAME,
        initialFontName=FONT,  # else the canvas starts in Helvetica, listed but not embedded
    )
    body_width, body_height = content_size(setup)
    frame = Frame(
        MARGIN_X, MARGIN_BOTTOM, body_width, body_height, 0, 0, 0, 0, id="body", showBoundary=0
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    pages: list[int] = []
    document.build(story, canvasmaker=partial(_PagedCanvas, decorate=decorate, pages=pages))
    return pages[0]


def new_canvas(target: Target, title: str, setup: PageSetup) -> Canvas:
    """A bare canvas on A4 (for documents drawn directly, like badges), fonts registered."""
    register_fonts()
    canvas = Canvas(_output(target), pagesize=page_size(setup), initialFontName=FONT)
    canvas.setTitle(title)
    canvas.setAuthor(setup.office.office_name)
    canvas.setCreator(APP_NAME)
    return canvas
