"""Plain text as a flowable that wraps the way table cells do (never inside an address's or a
word's piece that fits) and prints each character in a font that has it: the values of the
label–value lines, where a Paragraph would split an e-mail or web address anywhere."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from lkoe_desktop.reports.fonts import draw_string, wrap_lines


class TextLines(Flowable):
    """`text` in the font, size, leading and colour of `style`, left-aligned, its line breaks
    kept, wrapped to the width it is given."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self._text = text
        self._style = style
        self._lines: list[str] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        style = self._style
        self._lines = [
            line
            for part in self._text.splitlines()
            for line in wrap_lines(part, style.fontName, style.fontSize, availWidth)
        ]
        self.width = availWidth
        self.height = len(self._lines) * style.leading
        return self.width, self.height

    def draw(self) -> None:
        style, canvas = self._style, self.canv
        canvas.setFillColor(style.textColor)
        canvas.setFont(style.fontName, style.fontSize)
        for number, line in enumerate(self._lines):
            # Where a Paragraph puts its lines: the first baseline one font size below the top.
            y = self.height - style.fontSize - number * style.leading
            draw_string(canvas, 0, y, line, style.fontName, style.fontSize)
