"""Namnskyltar: name badges for a meeting's people, four A6 or eight 90 × 55 mm per A4 sheet,
shifted by the office's printer offset; and the one-page print for measuring that offset."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from lkoe_desktop.domain.codes import Role, label
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.reports.calibration import draw_calibration
from lkoe_desktop.reports.fonts import (
    FONT,
    FONT_BOLD,
    SMALLEST_SIZE,
    draw_string,
    fit_text,
    text_width,
)
from lkoe_desktop.reports.sign_in_sheet import when
from lkoe_desktop.reports.template import (
    ACCENT,
    INK,
    MUTED,
    Target,
    draw_lines_on_middle,
    draw_logo,
    logo_image,
    new_canvas,
)
from lkoe_desktop.services.document_rows import Badge, BadgeSet, PageSetup, PrintedOffice

GUIDE = colors.HexColor("#9AA7B0")
LINE_GAP = 1.15  # line height as a share of the font size
DEFAULT_LAYOUT = "a6"


@dataclass(frozen=True)
class BadgeLayout:
    """Badges of one size in a grid centred on an A4 sheet; lengths in points."""

    code: str
    description: str  # a message id, translated where shown
    width: float
    height: float
    columns: int
    rows: int
    padding: float
    band: float  # height of the mark and office name at the top
    name_sizes: tuple[float, float]  # largest, and smallest before the name wraps
    organisation_sizes: tuple[float, float]
    small_size: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


LAYOUTS = {
    "a6": BadgeLayout(
        "a6",
        N_("four A6 badges per A4 sheet"),
        105 * mm,
        148 * mm,
        2,
        2,
        8 * mm,
        11 * mm,
        (32, 20),
        (15, 10),
        9,
    ),
    "90x55": BadgeLayout(
        "90x55",
        N_("eight 90 × 55 mm badges per A4 sheet"),
        90 * mm,
        55 * mm,
        2,
        4,
        4.5 * mm,
        6 * mm,
        (20, 13),
        (10.5, 8),
        7,
    ),
}


def layout_for(code: str) -> BadgeLayout:
    if code not in LAYOUTS:
        raise ValueError(f"unknown badge layout {code!r}")
    return LAYOUTS[code]


def badge_origins(layout: BadgeLayout) -> list[tuple[float, float]]:
    """Lower-left corners of the badges on a sheet, left to right, top to bottom (no offset)."""
    page_width, page_height = A4
    left = (page_width - layout.columns * layout.width) / 2
    top = page_height - (page_height - layout.rows * layout.height) / 2
    return [
        (left + column * layout.width, top - (row + 1) * layout.height)
        for row in range(layout.rows)
        for column in range(layout.columns)
    ]


def _start_page(canvas: Canvas, office: PrintedOffice) -> None:
    """Shift everything on the page by the printer offset (+x right, +y down)."""
    canvas.translate(office.printer_offset_x_mm * mm, -office.printer_offset_y_mm * mm)


def _draw_guides(canvas: Canvas, layout: BadgeLayout) -> None:
    """Thin dashed lines along every badge edge, and crop marks where the margin has room."""
    left, bottom = badge_origins(layout)[-layout.columns]
    right, top = left + layout.columns * layout.width, bottom + layout.rows * layout.height
    xs = [left + column * layout.width for column in range(layout.columns + 1)]
    ys = [bottom + row * layout.height for row in range(layout.rows + 1)]
    canvas.saveState()
    canvas.setStrokeColor(GUIDE)
    canvas.setLineWidth(0.3)
    canvas.setDash(2, 2)
    for x in xs:
        canvas.line(x, bottom, x, top)
    for y in ys:
        canvas.line(left, y, right, y)
    canvas.setDash()
    if bottom > 8 * mm:
        for x in xs:
            canvas.line(x, bottom - 2 * mm, x, bottom - 7 * mm)
            canvas.line(x, top + 2 * mm, x, top + 7 * mm)
    if left > 8 * mm:
        for y in ys:
            canvas.line(left - 2 * mm, y, left - 7 * mm, y)
            canvas.line(right + 2 * mm, y, right + 7 * mm, y)
    canvas.restoreState()


def _draw_lines(
    canvas: Canvas, lines: list[str], font: str, size: float, centre: float, top: float
) -> float:
    """Centred lines whose first line's top is at `top`; returns the bottom of the last line."""
    canvas.setFont(font, size)
    for line in lines:
        top -= size * LINE_GAP
        draw_string(canvas, centre, top + size * 0.25, line, font, size, align="centre")
    return top


def _fit(
    text: str, font: str, width: float, sizes: tuple[float, float], max_lines: int
) -> tuple[list[str], float]:
    """fit_text with `sizes` as (largest, smallest on one line), the smallest never above the
    largest (which shrinks while a badge's middle does not fit)."""
    largest, smallest = sizes
    return fit_text(
        text, font, width, largest=largest, smallest=min(smallest, largest), max_lines=max_lines
    )


def _middle(
    badge: Badge, layout: BadgeLayout, width: float, room: float
) -> tuple[list[str], float, list[str], float, float]:
    """Name and organisation lines and sizes that fit `room` high; and the block's height."""
    largest, smallest = layout.name_sizes
    organisation_largest, organisation_smallest = layout.organisation_sizes
    while True:
        name_lines, name_size = _fit(badge.name, FONT_BOLD, width, (largest, smallest), 2)
        organisation_lines: list[str] = []
        organisation_size = 0.0
        if badge.organisation:
            organisation_sizes = (organisation_largest, organisation_smallest)
            organisation_lines, organisation_size = _fit(
                badge.organisation, FONT, width, organisation_sizes, 3
            )
        height = len(name_lines) * name_size * LINE_GAP
        if organisation_lines:
            height += organisation_size * (0.6 + len(organisation_lines) * LINE_GAP)
        if height <= room or largest <= SMALLEST_SIZE:
            return name_lines, name_size, organisation_lines, organisation_size, height
        largest -= 1
        organisation_largest = max(SMALLEST_SIZE, organisation_largest - 0.5)


def _draw_band(
    canvas: Canvas,
    layout: BadgeLayout,
    office: PrintedOffice,
    logo: ImageReader | None,
    role: str,
    x: float,
    top: float,
    width: float,
) -> None:
    """The office's mark (or logo) and name at the badge's top; a role other than participant."""
    band = layout.band
    mark_width = draw_logo(canvas, logo, x, top - band, band, 3 * band)
    room = width - mark_width - 2 * mm
    if role != Role.PARTICIPANT.value:
        role_text = label(Role(role)).upper()
        canvas.setFillColor(ACCENT)
        canvas.setFont(FONT_BOLD, layout.small_size)
        canvas.drawRightString(x + width, top - band / 2 - layout.small_size * 0.35, role_text)
        room -= text_width(role_text, FONT_BOLD, layout.small_size) + 2 * mm
    lines, size = fit_text(
        office.office_name, FONT_BOLD, room, largest=layout.small_size, smallest=6, max_lines=2
    )
    canvas.setFillColor(INK)
    name_left = x + mark_width + 2 * mm
    draw_lines_on_middle(
        canvas, lines, FONT_BOLD, size, name_left, top - band / 2, line_gap=LINE_GAP
    )


def _draw_badge(
    canvas: Canvas,
    badges: BadgeSet,
    badge: Badge,
    layout: BadgeLayout,
    office: PrintedOffice,
    logo: ImageReader | None,
    origin: tuple[float, float],
) -> None:
    x, y = origin[0] + layout.padding, origin[1] + layout.padding
    width = layout.width - 2 * layout.padding
    top = origin[1] + layout.height - layout.padding
    centre = x + width / 2
    _draw_band(canvas, layout, office, logo, badge.role, x, top, width)
    small = layout.small_size
    title_lines, title_size = fit_text(
        badges.title, FONT, width, largest=small, smallest=small - 1.5, max_lines=2
    )
    canvas.setFillColor(MUTED)
    canvas.setFont(FONT, small - 1)
    canvas.drawCentredString(centre, y + small * 0.25, when(badges.starts_at, badges.ends_at))
    footer_top = y + (small - 1) * LINE_GAP + len(title_lines) * title_size * LINE_GAP
    canvas.setFillColor(INK)
    _draw_lines(canvas, title_lines, FONT, title_size, centre, footer_top)
    canvas.setStrokeColor(GUIDE)
    canvas.setLineWidth(0.4)
    rule = footer_top + 1.5 * mm
    canvas.line(centre - width / 4, rule, centre + width / 4, rule)
    space_top, space_bottom = top - layout.band - 2 * mm, rule + 2 * mm
    name_lines, name_size, organisation_lines, organisation_size, height = _middle(
        badge, layout, width, space_top - space_bottom
    )
    block_top = space_bottom + (space_top - space_bottom + height) / 2
    canvas.setFillColor(INK)
    bottom = _draw_lines(canvas, name_lines, FONT_BOLD, name_size, centre, block_top)
    canvas.setFillColor(MUTED)
    _draw_lines(
        canvas,
        organisation_lines,
        FONT,
        organisation_size,
        centre,
        bottom - organisation_size * 0.6,
    )


def _badge_setup(setup: PageSetup) -> PageSetup:
    return replace(setup, landscape=False)


def write_badges(
    badges: BadgeSet, target: Target, setup: PageSetup, *, layout: str = DEFAULT_LAYOUT
) -> int:
    """Write the badges as a PDF (a sheet of cut guides when there are none); returns pages."""
    chosen = layout_for(layout)
    origins = badge_origins(chosen)
    canvas = new_canvas(target, _("Name badges") + " – " + badges.title, _badge_setup(setup))
    logo = logo_image(setup.office.logo_path)
    pages = 0
    for first in range(0, max(len(badges.badges), 1), chosen.per_page):
        _start_page(canvas, setup.office)
        _draw_guides(canvas, chosen)
        for badge, origin in zip(
            badges.badges[first : first + chosen.per_page], origins, strict=False
        ):
            _draw_badge(canvas, badges, badge, chosen, setup.office, logo, origin)
        canvas.showPage()
        pages += 1
    canvas.save()
    return pages


def write_calibration(target: Target, setup: PageSetup, *, layout: str = DEFAULT_LAYOUT) -> int:
    """One page for measuring the printer offset, printed with the current offset applied."""
    chosen = layout_for(layout)
    canvas = new_canvas(target, _("Calibrating the badge printer"), _badge_setup(setup))
    _start_page(canvas, setup.office)
    _draw_guides(canvas, chosen)
    draw_calibration(canvas, setup.office, _(chosen.description))
    canvas.showPage()
    canvas.save()
    return 1
