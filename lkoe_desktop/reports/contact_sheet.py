"""Kontaktblad: a partner's details and its current people with title, phone and e-mail, for one
partner or for all; each partner kept on one page where it fits, continued under its name."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    KeepTogether,
    PTOContainer,
    Spacer,
    Table,
    TableStyle,
)

from lkoe_desktop.domain.entities import CONTACT, PARTNER
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.reports.columns import (
    heading,
    natural_width,
    share_room,
    shown,
    since_text,
    word_width,
)
from lkoe_desktop.reports.fonts import text_width
from lkoe_desktop.reports.paged_table import PagedTable
from lkoe_desktop.reports.template import (
    FACT_COMMANDS,
    RULE,
    Target,
    build_pdf,
    content_size,
    document_heading,
    para,
    styles,
)
from lkoe_desktop.reports.text_lines import TextLines
from lkoe_desktop.services.document_rows import ContactSheet, PageSetup, SheetPerson

FONT_SIZE = 8.0
LABEL_GAP = 3 * mm
KEEP_ROWS = 3
# The columns of a partner's people after the name, as the contact list shows them.
PEOPLE_COLUMNS = ("title", "phone", "mobile", "email")
# At most this share of the room the phone columns leave goes to e-mail.
EMAIL_SHARE = 0.5


def _address(street: str | None, code: str | None, city: str | None) -> str:
    town = " ".join(part for part in (code, city) if part)
    return ", ".join(part for part in (street, town) if part)


def _relationship(sheet: ContactSheet) -> str:
    if sheet.relationship is None:
        return ""
    name = shown(PARTNER, "relationship", sheet.relationship)
    if sheet.relationship_until is not None:
        return f"{name}, {since_text(sheet.relationship_since, sheet.relationship_until)}"
    if sheet.relationship_since is not None:
        return _("{relationship} since {date}").format(
            relationship=name, date=sheet.relationship_since.isoformat()
        )
    return name


def _fact_styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    style = styles()
    return (
        ParagraphStyle("fact_label", style.label, fontSize=8.5, leading=11),
        ParagraphStyle("fact", style.body, fontSize=8.5, leading=11),
    )


def _facts(sheet: ContactSheet, width: float) -> Table:
    """The organisation's details in two label–value columns, themes across the bottom."""
    label_style, value_style = _fact_styles()
    left = [
        *(
            (heading(PARTNER, key), shown(PARTNER, key, getattr(sheet, key)))
            for key in ("org_number", "sector", "size_class", "industry", "municipality")
        ),
        (heading(PARTNER, "relationship"), _relationship(sheet)),
    ]
    right = [
        (_("Postal address"), _address(sheet.postal_street, sheet.postal_code, sheet.postal_city)),
        (
            _("Visiting address"),
            _address(sheet.visiting_street, sheet.visiting_code, sheet.visiting_city),
        ),
        *(
            (heading(PARTNER, key), shown(PARTNER, key, getattr(sheet, key)))
            for key in ("phone", "email", "website")
        ),
    ]
    filled = [[(name, value) for name, value in facts if value] for facts in (left, right)]
    rows: list[list[Flowable | str]] = [
        [
            para(label, label_style),
            TextLines(value, value_style),
            para(name, label_style),
            TextLines(text, value_style),
        ]
        for (label, value), (name, text) in zip_longest(*filled, fillvalue=("", ""))
    ]
    commands: list[tuple[Any, ...]] = list(FACT_COMMANDS)
    if sheet.themes:
        themes = TextLines(", ".join(sheet.themes), value_style)
        rows.append([para(_("Themes"), label_style), themes, "", ""])
        commands.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
    half = width / 2
    names = [name for name, _value in left + right]
    widest = max(text_width(name, label_style.fontName, label_style.fontSize) for name in names)
    label_width = widest + LABEL_GAP
    table = Table(
        rows or [["", "", "", ""]],
        colWidths=[label_width, half - label_width, label_width, half - label_width],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle(commands))
    return table


def _header() -> list[str]:
    return [_("Name"), *(heading(CONTACT, key) for key in PEOPLE_COLUMNS)]


def _cells(people: Iterable[SheetPerson]) -> list[list[str]]:
    return [
        [
            f"{person.first_name} {person.last_name}",
            *(shown(CONTACT, key, getattr(person, key)) for key in PEOPLE_COLUMNS),
        ]
        for person in people
    ]


def _widths(header: list[str], cells: Sequence[list[str]], width: float) -> list[float]:
    """Phone columns as wide as their longest number; e-mail gets its room first (addresses
    break badly), then name and title share the rest without breaking a word."""
    texts = [{cell[column] for cell in cells} for column in range(len(header))]

    def natural(column: int) -> float:
        return natural_width(header[column], texts[column], FONT_SIZE)

    phone, mobile = natural(2), natural(3)
    room = width - phone - mobile
    email = min(natural(4), room * EMAIL_SHARE)
    words = [word_width(header[column], texts[column], FONT_SIZE) for column in (0, 1)]
    name, title = share_room(room - email, [natural(0), natural(1)], words)
    return [name, title, phone, mobile, email]


def _sheet(
    sheet: ContactSheet, widths: list[float], width: float, *, named: bool
) -> list[Flowable]:
    """One partner: its name (when `named`), details and people."""
    style = styles()
    story: list[Flowable] = []
    if named:
        story.append(para(sheet.name, _name_style()))
    story += [_facts(sheet, width), Spacer(0, 3 * mm)]
    if sheet.people:
        count = ngettext("{count} current contact", "{count} current contacts", len(sheet.people))
        story.append(para(count.format(count=len(sheet.people)), style.label))
        story.append(Spacer(0, 1 * mm))
        story.append(
            PagedTable(
                _header(), _cells(sheet.people), widths, font_size=FONT_SIZE, keep_rows=KEEP_ROWS
            )
        )
    else:
        story.append(para(_("No current contacts."), style.small))
    return story


def _name_style() -> ParagraphStyle:
    return ParagraphStyle(
        "partner_name", styles().heading, fontSize=13, leading=16, keepWithNext=False
    )


def document_title(sheets: Sequence[ContactSheet]) -> str:
    if len(sheets) == 1:
        return _("Contact sheet") + " – " + sheets[0].name
    return _("Contact sheets")


def contact_sheet_story(sheets: Sequence[ContactSheet], setup: PageSetup) -> list[Flowable]:
    """The flowables (for build_pdf): one partner with its name as the title, or several, each
    under its own heading and kept on one page where it fits."""
    style = styles()
    width, _height = content_size(setup)
    header = _header()
    widths = _widths(header, _cells(person for sheet in sheets for person in sheet.people), width)
    if len(sheets) == 1:
        return [
            *document_heading(_("Contact sheet"), sheets[0].name),
            *_sheet(sheets[0], widths, width, named=False),
        ]
    count = ngettext("{count} partner", "{count} partners", len(sheets)).format(count=len(sheets))
    story: list[Flowable] = [
        para(_("Contact sheets"), style.title),
        para(count, style.subtitle),
    ]
    for sheet in sheets:
        continued = para(_("{heading} (continued)").format(heading=sheet.name), _name_style())
        body = PTOContainer(_sheet(sheet, widths, width, named=True), header=[continued])
        story += [
            HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=4 * mm),
            KeepTogether([body]),
        ]
    return story


def write_contact_sheets(sheets: Sequence[ContactSheet], target: Target, setup: PageSetup) -> int:
    """Write kontaktblad as a PDF to a path or binary stream; returns the page count.

    One sheet prints with the partner's name as the document's title; several print one after
    another, each under its own heading.
    """
    return build_pdf(target, document_title(sheets), contact_sheet_story(sheets, setup), setup)
