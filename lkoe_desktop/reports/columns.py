"""What the table documents print in their cells, and how wide they make their columns."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from lkoe_desktop.domain.fields import Entity
from lkoe_desktop.reports.fonts import FONT, FONT_BOLD, text_width
from lkoe_desktop.reports.template import CELL_PAD_X

# As wide as any organisation number prints.
SAMPLE_ORG_NUMBER = "000000-0000"


def heading(entity: Entity, key: str) -> str:
    """A field's column heading as its description gives it, in the current language."""
    return entity.field(key).heading


def shown(entity: Entity, key: str, value: object) -> str:
    """A stored value as every list shows it (a code as its label), or empty."""
    return entity.field(key).display(value)


def labels(entity: Entity, key: str) -> list[str]:
    """Every label of a coded field (to size a column that shows one of them)."""
    described = entity.field(key)
    assert described.enum is not None, key
    return [described.display(member.value) for member in described.enum]


def since_text(since: date | None, until: date | None) -> str:
    """A relationship's period as printed: "2024-01-01", or "2024-01-01 – 2025-06-30"."""
    if until is None:
        return "" if since is None else since.isoformat()
    return f"{since.isoformat() if since else ''} – {until.isoformat()}"


def natural_width(header: str, texts: Iterable[str], size: float) -> float:
    """The width a column needs to show its header and every text on one line."""
    widest = max(
        [text_width(header, FONT_BOLD, size), *(text_width(text, FONT, size) for text in texts)]
    )
    return widest + 2 * CELL_PAD_X + 1


def word_width(header: str, texts: Iterable[str], size: float) -> float:
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
