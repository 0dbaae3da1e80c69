"""Printed text: table cells break only where they may; Chinese, Japanese and Korean print in the
bundled fallback fonts; and every font a document uses is embedded in it."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from pdf_checks import (
    PRINTED_ON,
    build_seminar,
    fragments,
    needs_pdftotext,
    page_fonts,
    page_texts,
    pdftotext,
)
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.ttfonts import TTFont

from lkoe_desktop import documents
from lkoe_desktop.db.engine import Database
from lkoe_desktop.demo.names import FOREIGN
from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.reports.badges import write_badges
from lkoe_desktop.reports.fonts import FONT, fonts_dir, markup, text_width
from lkoe_desktop.reports.paged_table import DEFAULT_FONT_SIZE, PagedTable
from lkoe_desktop.reports.sign_in_sheet import write_sign_in_sheet
from lkoe_desktop.reports.template import CELL_PAD_X, build_pdf, para, styles
from lkoe_desktop.services import contacts, participations, partners
from lkoe_desktop.services.document_rows import Badge, BadgeSet, PageSetup, SignInRow, SignInSheet
from lkoe_desktop.services.office_settings import OfficeSettings
from lkoe_desktop.services.report_rows import printed_office

ROOT = Path(__file__).resolve().parents[2]
# Chinese, Japanese and Korean names as written, and as (first, last) the way they are stored.
CJK_NAMES = ("李小龍", "山田太郎", "김민준")
CJK_PEOPLE = (("小龍", "李"), ("太郎", "山田"), ("민준", "김"))
CJK_ORGANISATION = "山田物流株式会社"
FALLBACK_FONTS = {"DroidSansFallback", "NanumGothic"}
LONG_WORD = "Samhällsbyggnadsförvaltningen"
CELLS = (
    "joakim.akesson.bergqvist@ankarelogistics.se",
    "info@ringarumsamfallighetsforening.se",
    "anna-karin.ostlund-berg@norrkoping.se",
    "https://www.ringarumsamfallighetsforening.se/om-oss",
    f"Linköpings kommun, {LONG_WORD}",
    "Maria-Theresia von Hohenzollern-Sigmaringen",
    "Transportutvecklingsaktiebolagsförvaltningen",
)
ADDRESS = re.compile(r"[^@\s]+@[^@\s]+|https?://\S+")
START = datetime(2026, 3, 12, 9, 0, tzinfo=STOCKHOLM)


def _breaks_allowed(text: str) -> set[int]:
    """Where a line may end inside `text` without a space: after a hyphen; in an e-mail or web
    address also after "@", "." and "/"."""
    allowed = {match.end() for match in re.finditer("-+", text)}
    for address in ADDRESS.finditer(text):
        part = address.group()
        allowed |= {address.start() + m.end() for m in re.finditer(r"[@./]+", part)}
    return allowed


def _piece_around(text: str, position: int) -> str:
    """The piece (between spaces and allowed breaks) that `position` falls inside."""
    edges = sorted(
        {0, len(text), *_breaks_allowed(text)} | {m.end() for m in re.finditer(" ", text)}
    )
    start = max(edge for edge in edges if edge < position)
    end = min(edge for edge in edges if edge > position)
    return text[start:end].strip()


def _cell_lines(lines: Iterator[str], text: str) -> list[str]:
    """The printed lines of one cell: as many as it takes to spell out `text` in order."""
    taken: list[str] = []
    position = 0
    while position < len(text):
        line = next(lines)
        assert text.startswith(line, position), (text, line)
        taken.append(line)
        position += len(line)
        if text[position : position + 1] == " ":
            position += 1
    return taken


@pytest.mark.parametrize("millimetres", [24, 38, 62])
def test_cells_break_at_spaces_hyphens_and_in_addresses_only_where_they_may(
    tmp_path: Path, setup: PageSetup, millimetres: int
) -> None:
    width = millimetres * mm
    path = tmp_path / "cells.pdf"
    build_pdf(path, "Celler", [PagedTable(["Text"], [[cell] for cell in CELLS], [width])], setup)
    [text] = page_texts(path)
    lines = iter(text.splitlines()[text.splitlines().index("Text") + 1 :])
    room = width - 2 * CELL_PAD_X
    in_addresses = 0
    for cell in CELLS:
        printed = _cell_lines(lines, cell)
        position = 0
        for line in printed[:-1]:
            position = cell.index(line, position) + len(line)
            if cell[position] == " ":
                continue
            if position in _breaks_allowed(cell):
                in_addresses += bool(ADDRESS.search(cell))
                continue
            piece = _piece_around(cell, position)
            assert text_width(piece, FONT, DEFAULT_FONT_SIZE) > room, (line, piece)
        if LONG_WORD in cell and text_width(LONG_WORD, FONT, DEFAULT_FONT_SIZE) <= room:
            assert LONG_WORD in " ".join(printed).split()
    assert in_addresses > 0


def test_an_address_breaks_after_its_at_sign_with_nothing_added(
    tmp_path: Path, setup: PageSetup
) -> None:
    address = "joakim.akesson.bergqvist@ankarelogistics.se"
    # Room for the name, the at sign and a few letters more, which must not be split off.
    room = text_width("joakim.akesson.bergqvist@ankare", FONT, DEFAULT_FONT_SIZE)
    width = room + 2 * CELL_PAD_X
    path = tmp_path / "address.pdf"
    build_pdf(path, "Adress", [PagedTable(["E-post"], [[address]], [width])], setup)
    lines = page_texts(path)[0].splitlines()
    start = lines.index("E-post") + 1
    assert lines[start : start + 2] == ["joakim.akesson.bergqvist@", "ankarelogistics.se"]


def test_the_sign_in_sheet_keeps_a_long_organisation_word_whole(
    tmp_path: Path, setup: PageSetup
) -> None:
    people = tuple(
        SignInRow(number, number, "Filip", "Sjögren", f"Linköpings kommun, {LONG_WORD}", "r", "r")
        for number in range(1, 4)
    )
    sheet = SignInSheet(1, "Möte", START, None, None, None, None, (), people, False)
    path = tmp_path / "sheet.pdf"
    write_sign_in_sheet(sheet, path, setup, blank_rows=0)
    words = page_texts(path)[0].split()
    assert words.count(LONG_WORD) == 3


def _glyphs() -> dict[str, set[int]]:
    """The characters each bundled font has, by the name a PDF gives it."""
    faces = [TTFont(path.stem, str(path)).face for path in sorted(fonts_dir().glob("*.ttf"))]
    return {face.name.decode("ascii"): set(face.charToGlyph) for face in faces}


def _empty_boxes(path: Path) -> list[tuple[str, str]]:
    """Every (character, font) on the pages that the font it is drawn in has no glyph for."""
    glyphs = _glyphs()
    return [
        (character, piece.font)
        for page in range(len(PdfReader(path).pages))
        for piece in fragments(path, page)
        for character in piece.text
        if not character.isspace() and ord(character) not in glyphs[piece.font]
    ]


def _printed_names() -> list[str]:
    """The five non-Latin names the other tests use and the three Chinese, Japanese and Korean
    ones, as a document prints a person ("first last")."""
    return [
        f"{first} {last}"
        for first, last in [*((p.first, p.last) for p in FOREIGN[:5]), *CJK_PEOPLE]
    ]


def _assert_printed_in_embedded_fonts(path: Path, fallbacks: set[str]) -> None:
    fonts = page_fonts(path)
    assert all(fonts.values()), fonts
    assert fonts.keys() & FALLBACK_FONTS == fallbacks
    assert _empty_boxes(path) == []


@needs_pdftotext
def test_chinese_japanese_and_korean_print_in_fallback_fonts_everywhere_on_the_page(
    tmp_path: Path,
) -> None:
    names = [*_printed_names()[:5], *CJK_NAMES]
    style = styles()
    story = [
        *(para(name, style.title) for name in names),
        *(para(name, style.body) for name in names),
        PagedTable(["Namn"], [[name] for name in names], [60 * mm]),
    ]
    office = OfficeSettings(
        office_name=f"Kansliet {CJK_NAMES[0]}", funding_line=f"Stöd från {CJK_NAMES[2]}"
    )
    path = tmp_path / "names.pdf"
    setup = PageSetup(printed_office(office), PRINTED_ON)
    build_pdf(path, f"Namnlista {CJK_NAMES[1]}", story, setup)
    lines = pdftotext(path).splitlines()
    for name in names:
        assert lines.count(name) == 3, name
    for header in (
        f"Kansliet {CJK_NAMES[0]}",
        f"Namnlista {CJK_NAMES[1]}",
        f"Stöd från {CJK_NAMES[2]}",
    ):
        assert header in lines
    _assert_printed_in_embedded_fonts(path, FALLBACK_FONTS)


def _sign_in_sheet(people: list[tuple[str, str]]) -> SignInSheet:
    rows = tuple(
        SignInRow(number, number, first, last, CJK_ORGANISATION, "registered", "participant")
        for number, (first, last) in enumerate(people, 1)
    )
    return SignInSheet(1, "Möte", START, None, None, None, None, (), rows, False)


@needs_pdftotext
def test_sign_in_sheets_and_badges_print_names_in_every_alphabet(
    tmp_path: Path, setup: PageSetup
) -> None:
    people = [*((p.first, p.last) for p in FOREIGN[:5]), *CJK_PEOPLE]
    sheet_path, badge_path = tmp_path / "sheet.pdf", tmp_path / "badges.pdf"
    write_sign_in_sheet(_sign_in_sheet(people), sheet_path, setup, blank_rows=0)
    badges = tuple(Badge(first, last, CJK_ORGANISATION, "participant") for first, last in people)
    write_badges(BadgeSet(1, "Möte", START, None, badges), badge_path, setup, layout="90x55")
    for path in (sheet_path, badge_path):
        text = pdftotext(path)
        for name in _printed_names():
            assert name in text, (path.name, name)
        assert CJK_ORGANISATION in text
        _assert_printed_in_embedded_fonts(path, FALLBACK_FONTS)


def test_markup_escapes_and_names_the_fallback_font() -> None:
    assert markup("Li & <b>李</b>", FONT) == (
        'Li &amp; &lt;b&gt;<font face="DroidSansFallbackFull">李</font>&lt;/b&gt;'
    )
    assert markup("김민준 Åsa", FONT) == '<font face="NanumGothic">김민준</font> Åsa'


def test_fallback_fonts_are_registered_only_when_a_text_needs_them() -> None:
    probe = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from lkoe_desktop.reports.fonts import FALLBACKS, FONT, text_width\n"
        "def loaded(): return sorted(set(FALLBACKS) & set(pdfmetrics.getRegisteredFontNames()))\n"
        "text_width('Åsa Östberg Łukasz Σοφία', FONT, 9)\n"
        "print(loaded())\n"
        "text_width('李小龍', FONT, 9)\n"
        "print(loaded())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "['DroidSansFallbackFull']"]


def _add_cjk_attendees(database: Database, meeting_id: int) -> None:
    with database.unit_of_work() as session:
        organisation = partners.create_partner(session, {"name": CJK_ORGANISATION}).id
        for number, (first, last) in enumerate(CJK_PEOPLE):
            person = contacts.create_contact(
                session,
                {
                    "first_name": first,
                    "last_name": last,
                    "email": f"cjk{number}@example.jp",
                    "organisation_id": organisation,
                },
            )
            row = participations.register(session, meeting_id, person.id)
            participations.set_status(session, row.id, "attended")


def test_every_document_embeds_every_font_it_uses(sqlite_db: Database, tmp_path: Path) -> None:
    seminar = build_seminar(sqlite_db, people=6)
    _add_cjk_attendees(sqlite_db, seminar.meeting_id)
    meeting = seminar.meeting_id
    period = documents.Period(date(2026, 1, 1), date(2026, 12, 31))
    writers = {
        "sign-in sheet": lambda path: documents.sign_in_sheet(sqlite_db, path, meeting),
        "badges": lambda path: documents.badges(sqlite_db, path, meeting),
        "calibration": lambda path: documents.calibration(sqlite_db, path),
        "participants": lambda path: documents.participant_list(
            sqlite_db, path, meeting_id=meeting
        ),
        "period": lambda path: documents.participant_list(sqlite_db, path, period=period),
        "contact sheets": lambda path: documents.contact_sheets(sqlite_db, path),
        "register": lambda path: documents.partner_register(sqlite_db, path),
    }
    expected = {"calibration": set(), "register": {"DroidSansFallback"}}
    for kind, write in writers.items():
        path = tmp_path / f"{kind}.pdf"
        write(path)
        fonts = page_fonts(path)
        assert all(fonts.values()), (kind, fonts)
        assert fonts.keys() & FALLBACK_FONTS == expected.get(kind, FALLBACK_FONTS), kind
