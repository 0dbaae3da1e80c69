"""Text for spreadsheets: cells Excel never runs as formulas, and rows as tab-separated text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# A cell beginning with one of these is a formula (or may become one) when Excel reads it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINE_END = "\r\n"  # as Excel itself puts rows on the clipboard; it also takes a bare "\n"
_BREAKS = re.compile(r"\r\n|[\t\r\n]")


def protect(value: str) -> str:
    """`value` with a leading `'` when it begins as a formula would, so that it stays text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def tab_separated(rows: Iterable[Sequence[str]]) -> str:
    """Rows as Excel pastes them: cells protected, tab-separated, one line per row.

    A tab or line break inside a cell becomes a space, so the cell pastes as one cell.
    """
    return "".join(
        "\t".join(_BREAKS.sub(" ", protect(cell)) for cell in row) + LINE_END for row in rows
    )
