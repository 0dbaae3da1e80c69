"""The one-page print that shows how far the badge printer is off, and how to correct it."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from lkoe_desktop.domain.i18n import current_language
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.reports.fonts import FONT, FONT_BOLD, draw_string, wrap_lines
from lkoe_desktop.reports.template import ACCENT, INK, RULE
from lkoe_desktop.services.document_rows import PrintedOffice

CROSS_FROM_EDGE = 30 * mm


def _decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if current_language() == "sv" else text


def _draw_cross(canvas: Canvas, x: float, y: float, name: str) -> None:
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.4)
    canvas.line(x - 9 * mm, y, x + 9 * mm, y)
    canvas.line(x, y - 9 * mm, x, y + 9 * mm)
    canvas.circle(x, y, 4 * mm, stroke=1, fill=0)
    canvas.setFillColor(ACCENT)
    canvas.setFont(FONT_BOLD, 12)
    canvas.drawString(x + 5 * mm, y + 5 * mm, name)


def _draw_ruler(canvas: Canvas, x: float, y: float) -> None:
    """A 100 mm ruler with a tick every millimetre, its top edge at y."""
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.3)
    canvas.setFont(FONT, 6)
    canvas.setFillColor(INK)
    for millimetre in range(101):
        length = 4 if millimetre % 10 == 0 else 2.8 if millimetre % 5 == 0 else 1.8
        canvas.line(x + millimetre * mm, y, x + millimetre * mm, y - length * mm)
        if millimetre % 10 == 0:
            canvas.drawCentredString(x + millimetre * mm, y - 7 * mm, str(millimetre))
    canvas.line(x, y, x + 100 * mm, y)


def _calibration_text(office: PrintedOffice, layout: str) -> list[tuple[str, bool]]:
    """The calibration page's lines of text, each with whether it is a heading."""
    x, y = _decimal(office.printer_offset_x_mm), _decimal(office.printer_offset_y_mm)
    steps = [
        _(
            "Print this page on the printer and paper you use for badges, at actual size "
            "(100 %, not “Fit to page”)."
        ),
        _(
            "The ruler below must measure exactly 100 mm, and cross B must lie 30 mm from the "
            "right and the bottom edge; if not, the printer scales the page: turn off “Fit to "
            "page”."
        ),
        _(
            "Measure from the left edge of the paper to the vertical line of cross A, and from "
            "the top edge to its horizontal line. Both should be 30 mm."
        ),
        _(
            "New horizontal offset = the current one + 30 − the distance from the left edge. "
            "New vertical offset = the current one + 30 − the distance from the top edge. "
            "Example: cross A lies 32 mm from the left edge and the offset is 0: enter −2."
        ),
        _("Enter the new values under {place} and print this page again to check.").format(
            place=_("Settings → Printing")
        ),
    ]
    return [
        (_("Calibrating the badge printer"), True),
        (f"{office.office_name} · {layout}", False),
        (
            _("Current offset: horizontal {x} mm, vertical {y} mm (applied to this page).").format(
                x=x, y=y
            ),
            False,
        ),
        *((f"{number}. {step}", False) for number, step in enumerate(steps, 1)),
        (_("The dashed lines show the edges of the badges."), False),
    ]


def draw_calibration(canvas: Canvas, office: PrintedOffice, layout: str) -> None:
    """Crosses A and B 30 mm from the corners, a 100 mm ruler and the instructions; `layout`
    describes the badge layout whose outlines the caller draws."""
    page_width, page_height = A4
    _draw_cross(canvas, CROSS_FROM_EDGE, page_height - CROSS_FROM_EDGE, "A")
    _draw_cross(canvas, page_width - CROSS_FROM_EDGE, CROSS_FROM_EDGE, "B")
    left, width, padding = 22 * mm, page_width - 44 * mm, 6 * mm
    paragraphs = []
    for text, heading in _calibration_text(office, layout):
        font, size = (FONT_BOLD, 14.0) if heading else (FONT, 9.5)
        paragraphs.append((wrap_lines(text, font, size, width - 2 * padding), font, size))
    text_height = sum(len(lines) * size * 1.35 + size * 0.6 for lines, _font, size in paragraphs)
    top = page_height - 50 * mm
    height = text_height + 2 * padding + 11 * mm
    canvas.setFillColor(colors.white)
    canvas.setStrokeColor(RULE)
    canvas.rect(left, top - height, width, height, stroke=1, fill=1)
    y = top - padding
    canvas.setFillColor(INK)
    for lines, font, size in paragraphs:
        canvas.setFont(font, size)
        for line in lines:
            y -= size * 1.35
            draw_string(canvas, left + padding, y + size * 0.3, line, font, size)
        y -= size * 0.6
    _draw_ruler(canvas, left + (width - 100 * mm) / 2, y - 3 * mm)
