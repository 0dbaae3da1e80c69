"""The Unicode font family every document prints with (registered once) and fitting text to it."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from lkoe_desktop.paths import resource_dir

# DejaVu Sans covers Latin (with Vietnamese), Greek and Cyrillic; Helvetica prints black boxes.
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
# Break opportunities: after spaces, and after a hyphen inside a word ("Logistik-|och").
_PIECES = re.compile(r"(\s*)([^\s-]+-*|-+)")
SMALLEST_SIZE = 4.0

_lock = threading.Lock()
_registered: list[str] = []


def fonts_dir() -> Path:
    return resource_dir() / "fonts"


def register_fonts() -> None:
    """Make FONT and FONT_BOLD known to reportlab; safe to call often and from any thread."""
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file_name in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(fonts_dir() / file_name)))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
        )
        _registered.append(FONT)


def text_width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


def _hard_break(word: str, font: str, size: float, width: float) -> tuple[str, str]:
    """The longest start of `word` (at least one character) that fits `width`, and the rest."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(word[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return word[:low], word[low:]


def wrap_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` in lines no wider than `width` points: broken at spaces and after hyphens, and
    inside a word only where the word alone is wider than a line. Never an empty list."""
    lines: list[str] = []
    current = ""
    for space, piece in _PIECES.findall(text.strip()):
        candidate = current + (" " if space and current else "") + piece
        if not current or text_width(candidate, font, size) <= width:
            current = candidate
        else:
            lines.append(current)
            current = piece
        while text_width(current, font, size) > width and len(current) > 1:
            head, current = _hard_break(current, font, size, width)
            lines.append(head)
    lines.append(current)
    return lines


def fit_text(
    text: str, font: str, width: float, *, largest: float, smallest: float, max_lines: int
) -> tuple[list[str], float]:
    """The lines and font size that show all of `text` within `width`, as large as possible.

    One line is preferred while it fits at `smallest` or more; then up to `max_lines` lines at
    the largest size that fits; and only then is the text made smaller than `smallest`.
    """
    one_line = width / max(text_width(text, font, 1.0), 0.001)
    if one_line >= smallest:
        return [text], _rounded_down(min(largest, one_line))
    size = largest
    while size > SMALLEST_SIZE:
        lines = wrap_lines(text, font, size, width)
        if len(lines) <= max_lines:
            return lines, size
        size -= 0.5
    return wrap_lines(text, font, SMALLEST_SIZE, width), SMALLEST_SIZE


def _rounded_down(size: float) -> float:
    return int(size * 2) / 2
