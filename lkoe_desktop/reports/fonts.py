"""The fonts every document prints with, the font each character prints in, and fitting text."""

from __future__ import annotations

import re
import threading
from collections.abc import Container, Iterator
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from lkoe_desktop.paths import resource_dir

# DejaVu Sans covers Latin (with Vietnamese), Greek and Cyrillic; Helvetica prints black boxes.
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
# For the characters DejaVu lacks, tried in this order and registered only when a text first
# needs one (Droid takes about 60 ms): Droid Sans Fallback has Chinese and Japanese but almost
# no Hangul, NanumGothic has Korean. Neither has a bold face; bold text uses them as they are.
FALLBACKS = {
    "DroidSansFallbackFull": "DroidSansFallbackFull.ttf",
    "NanumGothic": "NanumGothic.ttf",
}
# Where a word may break (besides at spaces): after a hyphen ("Logistik-|och"); in an e-mail
# address also after "@" and "." ("anna.|berg@|kommun.se"), in a web address after "/" and ".".
_WORDS = re.compile(r"(\s*)(\S+)")
_ADDRESS = re.compile(r"[^@]+@[^@]+|(?:https?://|www\.)\S+", re.IGNORECASE)
_WORD_PIECES = re.compile(r"[^-]*-+|[^-]+")
_ADDRESS_PIECES = re.compile(r"[^@./-]*[@./-]+|[^@./-]+")
SMALLEST_SIZE = 4.0

_lock = threading.Lock()
_registered: list[str] = []
_glyphs: dict[str, Container[int]] = {}


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


def _characters(font: str) -> Container[int]:
    """The code points `font` has a glyph for; a fallback font is registered on first use."""
    found = _glyphs.get(font)
    if found is not None:
        return found
    register_fonts()
    with _lock:
        if font not in _glyphs:
            if font in FALLBACKS:
                pdfmetrics.registerFont(TTFont(font, str(fonts_dir() / FALLBACKS[font])))
                pdfmetrics.registerFontFamily(
                    font, normal=font, bold=font, italic=font, boldItalic=font
                )
            _glyphs[font] = pdfmetrics.getFont(font).face.charToGlyph
        return _glyphs[font]


def _has_all(font: str, text: str) -> bool:
    return text.isascii() or all(map(_characters(font).__contains__, map(ord, text)))


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """`text` as consecutive (font, piece) pairs: in `font` wherever it has the glyphs; a stretch
    it lacks in the first fallback that has all of it, or else character by character in the
    first that has each (in `font` when none has it, which prints its empty box)."""
    if _has_all(font, text):
        return [(font, text)]
    own = _characters(font)
    runs: list[tuple[str, str]] = []
    for lacking, group in groupby(text, lambda ch: ch > "\x7f" and ord(ch) not in own):
        piece = "".join(group)
        for name, part in _fallback_runs(piece, font) if lacking else [(font, piece)]:
            if runs and runs[-1][0] == name:
                runs[-1] = (name, runs[-1][1] + part)
            else:
                runs.append((name, part))
    return runs


def _fallback_runs(piece: str, font: str) -> list[tuple[str, str]]:
    for name in FALLBACKS:
        if _has_all(name, piece):
            return [(name, piece)]
    return [
        (next((name for name in FALLBACKS if ord(ch) in _characters(name)), font), ch)
        for ch in piece
    ]


def text_width(text: str, font: str, size: float) -> float:
    """How wide `text` prints in `font` at `size` (points), fallback fonts included."""
    if _has_all(font, text):
        return float(pdfmetrics.stringWidth(text, font, size))
    return sum(
        float(pdfmetrics.stringWidth(part, name, size)) for name, part in font_runs(text, font)
    )


def draw_string(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, *, align: str = "left"
) -> None:
    """`text` on the canvas, starting at x (ending there when "right", centred on it when
    "centre"); the canvas's font must be `font` at `size`, and is again afterwards. What `font`
    lacks prints in a fallback font."""
    runs = font_runs(text, font)
    if align != "left":
        width = sum(pdfmetrics.stringWidth(part, name, size) for name, part in runs)
        x -= width if align == "right" else width / 2
    for name, part in runs:
        if name != font:
            canvas.setFont(name, size)
        canvas.drawString(x, y, part)
        if name != font:
            canvas.setFont(font, size)
        x += pdfmetrics.stringWidth(part, name, size)


def markup(text: str, font: str) -> str:
    """`text` as Paragraph markup for a style in `font`: escaped, and what `font` lacks in a
    <font> tag naming the fallback that has it."""
    return "".join(
        escape(part) if name == font else f'<font face="{name}">{escape(part)}</font>'
        for name, part in font_runs(text, font)
    )


def _pieces(text: str) -> Iterator[tuple[bool, str]]:
    """The pieces of `text` a line may not break inside, each with whether a space is before it."""
    for space, word in _WORDS.findall(text):
        breaks = _ADDRESS_PIECES if _ADDRESS.fullmatch(word) else _WORD_PIECES
        for number, piece in enumerate(breaks.findall(word)):
            yield number == 0 and bool(space), piece


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
    """`text` in lines no wider than `width` points: broken at spaces, after hyphens and, in an
    e-mail or web address, after "@", "/" and "."; inside such a piece only where it alone is
    wider than a line. Never an empty list."""
    lines: list[str] = []
    current = ""
    for space, piece in _pieces(text.strip()):
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
