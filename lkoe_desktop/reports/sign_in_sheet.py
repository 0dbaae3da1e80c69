"""Närvarolista: a meeting's sign-in sheet, with a signature column and blank rows for walk-ins."""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.reports.columns import word_width
from lkoe_desktop.reports.paged_table import DEFAULT_FONT_SIZE, PagedTable
from lkoe_desktop.reports.template import (
    Target,
    build_pdf,
    content_size,
    document_heading,
    facts_table,
    para,
    styles,
)
from lkoe_desktop.services.document_rows import PageSetup, SignInRow, SignInSheet

# Tall enough to sign in (about 9.5 mm), as a printed sign-in sheet needs.
SIGNATURE_ROW_HEIGHT = 9.5 * mm
NUMBER_WIDTH = 11 * mm
# Rows kept together at a page's end or start: never one lonely row.
KEEP_ROWS = 3
# The names that go with the blank rows to a new page, so that no page holds only blank rows.
CARRIED_NAMES = 2
DEFAULT_BLANK_ROWS = 10
FACT_LABEL_WIDTH = 28 * mm


def when(starts_at: datetime, ends_at: datetime | None) -> str:
    """The meeting's date and time as printed: "2026-03-12, 09:00–12:00"."""
    start = f"{starts_at:%Y-%m-%d, %H:%M}"
    if ends_at is None:
        return start
    if ends_at.date() == starts_at.date():
        return f"{start}–{ends_at:%H:%M}"
    return f"{starts_at:%Y-%m-%d %H:%M} – {ends_at:%Y-%m-%d %H:%M}"


def where(sheet: SignInSheet) -> str:
    """The place as printed: place and address, or the online link when there is no place."""
    parts = [part for part in (sheet.place, sheet.address) if part]
    if not parts and sheet.online_url:
        parts = [sheet.online_url]
    return ", ".join(parts)


def document_title(sheet: SignInSheet) -> str:
    return _("Sign-in sheet") + " – " + sheet.title


def _facts(sheet: SignInSheet) -> list[tuple[str, str]]:
    """The meeting's date, time, place, themes and head count, as labels and values."""
    count = len(sheet.people)
    listed = ngettext("{count} person", "{count} people", count).format(count=count)
    if sheet.include_invited:
        listed = _("{listed}, invited included").format(listed=listed)
    return [
        (_("When"), when(sheet.starts_at, sheet.ends_at)),
        (_("Place"), where(sheet)),
        (_("Themes"), ", ".join(sheet.themes)),
        (_("On the list"), listed),
    ]


def _widths(total: float, shares: list[float]) -> list[float]:
    rest = total - NUMBER_WIDTH
    return [NUMBER_WIDTH, *(rest * share for share in shares)]


def _people_widths(header: list[str], rows: list[list[str]], width: float) -> list[float]:
    """Number, name, organisation and signature: name and organisation as wide as their longest
    word where their share is narrower, taken from the signature, which keeps 2/3 of its share."""
    widths = _widths(width, [0.29, 0.33, 0.38])
    spare = widths[3] / 3
    for column in (1, 2):
        words = word_width(header[column], [row[column] for row in rows], DEFAULT_FONT_SIZE)
        wider = min(max(words - widths[column], 0.0), spare)
        widths[column] += wider
        widths[3] -= wider
        spare -= wider
    return widths


def _people_table(people: tuple[SignInRow, ...], width: float) -> PagedTable:
    header = [_("No."), _("Name"), _("Organisation"), _("Signature")]
    rows = [[str(row.number), row.name, row.organisation or "", ""] for row in people]
    return PagedTable(
        header,
        rows,
        _people_widths(header, rows, width),
        align=["right", "left", "left", "left"],
        grid=True,
        min_row_height=SIGNATURE_ROW_HEIGHT,
        keep_rows=KEEP_ROWS,
    )


def _walk_in_table(first_number: int, blank_rows: int, width: float) -> PagedTable:
    header = [_("No."), _("Name"), _("Organisation"), _("E-mail"), _("Signature")]
    numbers = range(first_number, first_number + blank_rows)
    return PagedTable(
        header,
        [[str(number), "", "", "", ""] for number in numbers],
        _widths(width, [0.25, 0.25, 0.27, 0.23]),
        align=["right", "left", "left", "left", "left"],
        grid=True,
        min_row_height=SIGNATURE_ROW_HEIGHT,
        keep_rows=KEEP_ROWS,
    )


class WalkIns(Flowable):
    """The last names on the list, then the heading and the blank rows for walk-ins, on one
    page, so that no page holds only blank rows.

    The blank rows follow the names on the same page as far as there is room: where not all
    that were asked for fit, those that do are printed and the rest are left out (a page of
    blank rows alone is what this avoids). Where fewer than KEEP_ROWS fit, the last names start
    the next page with the blank rows (their table's header repeated there). Only a list with
    nobody on it lets its blank rows run on over as many pages as they need."""

    def __init__(
        self,
        names: PagedTable | None,
        heading: Flowable,
        blanks: PagedTable,
        *,
        continues: bool,
    ) -> None:
        super().__init__()
        self._names, self._heading, self._blanks = names, heading, blanks
        heading.keepWithNext = False  # kept with its rows here, also when split into pieces
        self._continues = continues  # the names go on from the table above
        self._placed: list[tuple[Flowable, float]] = []  # each piece and its offset from the top

    def _pieces(self) -> list[Flowable]:
        return [piece for piece in (self._names, self._heading, self._blanks) if piece is not None]

    def _at_page_top(self) -> bool:
        frame = getattr(self, "_frame", None)  # set by the frame while it places this
        return bool(getattr(frame, "_atTop", False))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._names is not None:
            self._names.headed = not self._continues or self._at_page_top()
        self._placed, top = [], 0.0
        for number, piece in enumerate(self._pieces()):
            if number:
                top += piece.getSpaceBefore()
            self._placed.append((piece, top))
            top += piece.wrap(availWidth, availHeight)[1] + piece.getSpaceAfter()
        self.width, self.height = availWidth, top - self._pieces()[-1].getSpaceAfter()
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        at_top = self._at_page_top()
        self.wrap(availWidth, availHeight)
        if self._names is None:
            return self._pieces()  # nobody on the list: the blank rows run on overleaf
        fitting = self._blanks.fitting_rows(availHeight - self._placed[-1][1])
        if fitting >= KEEP_ROWS:
            return [*self._pieces()[:-1], self._blanks.first_rows(fitting)]
        if self._continues and not at_top:
            return []  # all on the next page, the last names with the blank rows
        return self._pieces()

    def draw(self) -> None:
        for piece, top in self._placed:
            piece.drawOn(self.canv, 0, self.height - top - piece.height)


def sign_in_story(sheet: SignInSheet, setup: PageSetup, *, blank_rows: int) -> list[Flowable]:
    """The flowables of the sheet (for build_pdf)."""
    if blank_rows < 0:
        raise ValueError("blank_rows must not be negative")
    style = styles()
    width = content_size(setup)[0]
    story: list[Flowable] = [
        *document_heading(_("Sign-in sheet"), sheet.title),
        facts_table(_facts(sheet), width, label_width=FACT_LABEL_WIDTH),
        Spacer(0, 3 * mm),
        para(
            _(
                "Sign next to your name. Not on the list? Write your name, organisation and "
                "e-mail on an empty row at the end."
            ),
            style.small,
        ),
        Spacer(0, 3 * mm),
    ]
    people = sheet.people
    carried = people[-CARRIED_NAMES:] if blank_rows else ()
    above = people[: len(people) - len(carried)]
    if above:
        story.append(_people_table(above, width))
    elif not people:
        story.append(para(_("Nobody is registered yet."), style.body))
    if blank_rows:
        names = _people_table(carried, width) if carried else None
        heading = para(_("Not registered in advance"), style.heading)
        blanks = _walk_in_table(len(people) + 1, blank_rows, width)
        story.append(WalkIns(names, heading, blanks, continues=bool(above)))
    return story


def write_sign_in_sheet(
    sheet: SignInSheet, target: Target, setup: PageSetup, *, blank_rows: int = DEFAULT_BLANK_ROWS
) -> int:
    """Write the sign-in sheet as a PDF to a path or binary stream; returns the page count."""
    story = sign_in_story(sheet, setup, blank_rows=blank_rows)
    return build_pdf(target, document_title(sheet), story, setup)
