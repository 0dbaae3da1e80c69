"""Partnerregister: every partner that is not archived in one long table on landscape A4."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from lkoe_desktop.domain.entities import PARTNER
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.reports.columns import (
    SAMPLE_ORG_NUMBER,
    heading,
    labels,
    natural_width,
    shown,
    since_text,
)
from lkoe_desktop.reports.paged_table import PagedTable, Progress
from lkoe_desktop.reports.template import Target, build_pdf, content_size, para, styles
from lkoe_desktop.services.document_rows import PageSetup, RegisterRow

FONT_SIZE = 9.0
SHOWN = ("name", "org_number", "sector", "size_class", "municipality", "relationship")


def _table(rows: Sequence[RegisterRow], width: float, progress: Progress | None) -> PagedTable:
    header = [
        *(heading(PARTNER, key) for key in SHOWN),
        _("Since"),
    ]
    cells = [
        [
            *(shown(PARTNER, key, getattr(row, key)) for key in SHOWN),
            since_text(row.relationship_since, row.relationship_until),
        ]
        for row in rows
    ]

    def natural(column: int, texts: Iterable[str]) -> float:
        return natural_width(header[column], texts, FONT_SIZE)

    fixed = [
        natural(1, [SAMPLE_ORG_NUMBER]),
        natural(2, labels(PARTNER, "sector")),
        natural(3, labels(PARTNER, "size_class")),
        min(natural(4, {row[4] for row in cells}), 34 * mm),
        natural(5, labels(PARTNER, "relationship")),
        natural(6, [date(2000, 1, 1).isoformat()]),
    ]
    widths = [width - sum(fixed), *fixed]
    return PagedTable(header, cells, widths, font_size=FONT_SIZE, progress=progress)


def register_story(
    rows: Sequence[RegisterRow], setup: PageSetup, progress: Progress | None = None
) -> list[Flowable]:
    style = styles()
    width, _height = content_size(setup)
    count = ngettext(
        "{count} partner that is not archived", "{count} partners that are not archived", len(rows)
    ).format(count=len(rows))
    story: list[Flowable] = [
        para(_("Partner register"), style.title),
        para(count, style.subtitle),
        Spacer(0, 4 * mm),
    ]
    if rows:
        story.append(_table(rows, width, progress))
    return story


def write_register(
    rows: Sequence[RegisterRow],
    target: Target,
    setup: PageSetup,
    *,
    progress: Progress | None = None,
) -> int:
    """Write the register as a landscape PDF to a path or binary stream; returns the page count.

    `progress(done, total)` is called with the number of partners put on paper so far, after
    each page (writing the finished file takes a little longer after the last call).
    """
    setup = replace(setup, landscape=True)
    if progress is not None:
        progress(0, len(rows))
    story = register_story(rows, setup, progress)
    return build_pdf(target, _("Partner register"), story, setup)
