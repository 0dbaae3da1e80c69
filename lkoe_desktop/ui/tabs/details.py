"""Building the read-only details pane beside a table: headings, label/value rows, links."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

STYLE = (
    "<style>"
    "h2 { margin: 0 0 4px 0; } h3 { margin: 12px 0 2px 0; color: #444; }"
    "td.k { color: #555; padding-right: 10px; vertical-align: top; white-space: nowrap; }"
    "p.muted { color: #777; }"
    "</style>"
)


def link(kind: str, record_id: int, text: str) -> str:
    """A link the tab turns into "open this record"."""
    return f'<a href="lkoe://{kind}/{record_id}">{escape(text)}</a>'


def heading(text: str, subtitle: str = "") -> str:
    sub = f'<p class="muted">{escape(subtitle)}</p>' if subtitle else ""
    return f"{STYLE}<h2>{escape(text)}</h2>{sub}"


def rows(pairs: Iterable[tuple[str, str | None]], *, raw: bool = False) -> str:
    """A two-column table of label and value, skipping empty values."""
    cells = [
        f'<tr><td class="k">{escape(label)}</td><td>{value if raw else escape(value)}</td></tr>'
        for label, value in pairs
        if value
    ]
    return f"<table>{''.join(cells)}</table>" if cells else ""


def section(title: str, items: list[str], empty: str = "") -> str:
    """A titled list; `items` are HTML already (use `link`/`escape`)."""
    if not items:
        return f'<h3>{escape(title)}</h3><p class="muted">{escape(empty)}</p>' if empty else ""
    return f"<h3>{escape(title)}</h3>" + "<br>".join(items)


def paragraph(text: str | None) -> str:
    if not text:
        return ""
    return "<p>" + escape(text).replace("\n", "<br>") + "</p>"
