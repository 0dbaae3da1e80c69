"""Närvarolista: who is on it, in which order, blank rows, a header on every page, no e-mail."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pdf_checks import (
    LONG_NAME,
    MEETING_TITLE,
    Seminar,
    dark_share,
    fragments,
    needs_pdftoppm,
    page_texts,
)
from pypdf import PdfReader

from lkoe_desktop.demo.names import FOREIGN
from lkoe_desktop.domain.errors import NotFoundError
from lkoe_desktop.domain.text import sort_key
from lkoe_desktop.reports.sign_in_sheet import (
    CARRIED_NAMES,
    DEFAULT_BLANK_ROWS,
    KEEP_ROWS,
    SIGNATURE_ROW_HEIGHT,
    write_sign_in_sheet,
)
from lkoe_desktop.reports.template import MARGIN_BOTTOM
from lkoe_desktop.services.document_rows import PageSetup, SignInRow, SignInSheet
from lkoe_desktop.services.report_rows import collect_sign_in_sheet

DIGITS = re.compile(r"\d+")


def _sheet(db, seminar: Seminar, **options: bool) -> SignInSheet:
    with db.reading() as session:
        return collect_sign_in_sheet(session, seminar.meeting_id, **options)


def _write(sheet: SignInSheet, path: Path, setup: PageSetup, **options: int) -> list[str]:
    pages = write_sign_in_sheet(sheet, path, setup, **options)
    texts = page_texts(path)
    assert pages == len(texts)
    return texts


def _numbers(text: str) -> list[int]:
    return [int(line) for line in text.splitlines() if DIGITS.fullmatch(line.strip())]


def _listing(count: int) -> SignInSheet:
    """A sheet of `count` people, made up without a database."""
    people = tuple(
        SignInRow(n, n, f"Person{n}", "Testsson", "Test AB", "registered", "participant")
        for n in range(1, count + 1)
    )
    starts = datetime(2026, 3, 12, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    return SignInSheet(1, MEETING_TITLE, starts, None, "Kajen", None, None, (), people, False)


def _baseline(path: Path, page: int, number: int) -> float:
    """Where the row numbered `number` is printed on a page (points from the bottom)."""
    return next(f.y for f in fragments(path, page) if f.text == str(number))


def _walk_in_page(texts: list[str], people: int) -> tuple[int, int]:
    """(the page with the blank rows, how many there are): every name once and in order, then
    the blank rows, all on one page together with the last name and the heading above them."""
    pages = [_numbers(text) for text in texts]
    numbers = [n for listed in pages for n in listed]
    blanks = len(numbers) - people
    assert numbers == list(range(1, people + blanks + 1))
    assert KEEP_ROWS <= blanks <= DEFAULT_BLANK_ROWS
    with_blanks = [index for index, listed in enumerate(pages) if max(listed) > people]
    assert len(with_blanks) == 1
    page = with_blanks[0]
    assert people in pages[page]
    assert "Ej föranmälda" in texts[page].splitlines()
    return page, blanks


def _room_below(path: Path, page: int, number: int) -> float:
    """The room left on a page under the row numbered `number` (points above the margin)."""
    return _baseline(path, page, number) - SIGNATURE_ROW_HEIGHT - MARGIN_BOTTOM


def test_the_sheet_lists_registered_and_attended_people_in_swedish_order(db, seminar) -> None:
    sheet = _sheet(db, seminar)
    assert sheet.title == MEETING_TITLE
    assert sorted(row.name for row in sheet.people) == sorted(seminar.on_sheet)
    assert [row.number for row in sheet.people] == list(range(1, len(sheet.people) + 1))
    keys = [(sort_key(row.last_name), sort_key(row.first_name)) for row in sheet.people]
    assert keys == sorted(keys)
    assert sheet.themes == ("Hållbara transporter", "Samordnad varudistribution i städer")
    assert (sheet.starts_at.hour, sheet.ends_at and sheet.ends_at.hour) == (9, 12)
    assert str(sheet.starts_at.tzinfo) == "Europe/Stockholm"


def test_invited_people_are_added_only_when_asked_for(db, seminar) -> None:
    without = {row.name for row in _sheet(db, seminar).people}
    with_invited = {row.name for row in _sheet(db, seminar, include_invited=True).people}
    assert seminar.invited and not without & set(seminar.invited)
    assert with_invited == without | set(seminar.invited)
    assert not with_invited & set(seminar.cancelled + seminar.no_show)


def test_an_unknown_meeting_is_not_found(db) -> None:
    with db.reading() as session, pytest.raises(NotFoundError):
        collect_sign_in_sheet(session, 9999)


def test_the_pdf_has_everyone_on_the_list_and_nobody_else(collected, setup, tmp_path) -> None:
    seminar = collected.seminar
    texts = _write(collected.sheet, tmp_path / "sheet.pdf", setup)
    lines = {line.strip() for text in texts for line in text.splitlines()}
    squeezed = "".join("".join(texts).split())
    long_name = " ".join(LONG_NAME)
    for name in seminar.on_sheet:
        assert name in lines or (name == long_name and "".join(name.split()) in squeezed)
    for name in seminar.cancelled + seminar.no_show + seminar.invited:
        assert name not in lines
    assert not any(email in squeezed for email in seminar.emails)
    assert "@" not in squeezed


def test_non_latin_names_print_exactly(collected, setup, tmp_path) -> None:
    texts = _write(collected.sheet, tmp_path / "sheet.pdf", setup)
    lines = [line.strip() for text in texts for line in text.splitlines()]
    for person in FOREIGN:
        assert lines.count(f"{person.first} {person.last}") == 1


def test_every_page_has_the_page_header_and_the_table_header(collected, setup, tmp_path) -> None:
    texts = _write(collected.sheet, tmp_path / "sheet.pdf", setup)
    assert len(texts) >= 3
    for number, text in enumerate(texts, 1):
        lines = text.splitlines()
        assert f"Närvarolista – {MEETING_TITLE}" in lines
        assert f"Sida {number} av {len(texts)}" in lines
        assert "Namn" in lines and "Signatur" in lines
    assert "2026-03-12, 09:00–12:00" in texts[0]
    assert "Hållbara transporter, Samordnad varudistribution i städer" in texts[0]
    assert "Norrköpings Hamn, konferensrummet Kajen, Pirgatan 2, 602 22 Norrköping" in texts[0]


def test_rows_are_whole_contiguous_and_never_alone_on_a_page(collected, setup, tmp_path) -> None:
    sheet = collected.sheet
    texts = _write(sheet, tmp_path / "sheet.pdf", setup)
    per_page = [_numbers(text) for text in texts]
    assert [number for page in per_page for number in page] == list(
        range(1, len(sheet.people) + 11)
    )
    people = len(sheet.people)
    for numbers in per_page:
        listed = [number for number in numbers if number <= people]
        walk_ins = [number for number in numbers if number > people]
        carried = len(listed) == CARRIED_NAMES and walk_ins  # the last names with the blank rows
        assert len(listed) in (0, *range(KEEP_ROWS, 1000)) or carried
        assert len(walk_ins) in (0, *range(KEEP_ROWS, 1000))


@pytest.mark.parametrize("people", range(1, 41))
def test_the_blank_rows_follow_the_names_and_never_stand_alone(
    setup, tmp_path, people: int
) -> None:
    path = tmp_path / "sheet.pdf"
    texts = _write(_listing(people), path, setup)
    page, blanks = _walk_in_page(texts, people)
    names = [n for n in _numbers(texts[page]) if n <= people]
    if blanks < DEFAULT_BLANK_ROWS:  # as many as there was room for: the page is full
        assert _room_below(path, page, people + blanks) < SIGNATURE_ROW_HEIGHT
    if page > 0 and names == [people - 1, people]:  # carried over: no room for three above
        heading = _baseline(path, page, people) - _baseline(path, page, people + 1)
        needed = (CARRIED_NAMES + KEEP_ROWS - 1) * SIGNATURE_ROW_HEIGHT + heading
        assert _room_below(path, page - 1, people - 2) < needed
    else:
        assert page == len(texts) - 1 and len(names) >= min(people, KEEP_ROWS)
    assert (len(texts) == 1) == (people <= 16)  # on A4, sixteen names and three blank rows fit


@pytest.mark.parametrize("people", range(1, 41, 3))
def test_in_landscape_the_blank_rows_stay_with_names_too(setup, tmp_path, people: int) -> None:
    wide = PageSetup(setup.office, setup.printed_on, landscape=True)
    texts = _write(_listing(people), tmp_path / "wide.pdf", wide)
    page, _blanks = _walk_in_page(texts, people)
    assert len([n for n in _numbers(texts[page]) if n <= people]) >= min(people, CARRIED_NAMES)


@pytest.mark.parametrize("blank_rows", [0, 1, 10, 35])
def test_blank_rows_for_walk_ins_have_an_e_mail_column(
    collected, setup, tmp_path, blank_rows: int
) -> None:
    sheet = collected.sheet
    texts = _write(sheet, tmp_path / "sheet.pdf", setup, blank_rows=blank_rows)
    people = len(sheet.people)
    walk_ins = [number for text in texts for number in _numbers(text) if number > people]
    assert walk_ins == list(range(people + 1, people + len(walk_ins) + 1))
    if len(walk_ins) < blank_rows:  # more than a page holds: as many as there is room for
        assert blank_rows == 35 and len(walk_ins) >= KEEP_ROWS
    whole = "\n".join(texts)
    assert ("Ej föranmälda" in whole) == (blank_rows > 0)
    with_walk_ins = [text for text in texts if any(n > people for n in _numbers(text))]
    assert all("E-post" in text.splitlines() for text in with_walk_ins)
    assert ("E-post" in whole.splitlines()) == (blank_rows > 0)


def test_a_meeting_without_people_still_gives_a_sheet_to_sign(db, setup, tmp_path) -> None:
    from lkoe_desktop.services import meetings

    with db.unit_of_work() as session:
        meeting = meetings.create_meeting(
            session, {"title": "Tom träff", "kind": "workshop", "starts_at": "2026-04-01 13:00"}
        )
    with db.reading() as session:
        sheet = collect_sign_in_sheet(session, meeting.id)
    texts = _write(sheet, tmp_path / "empty.pdf", setup)
    assert _numbers("".join(texts)) == list(range(1, 11))
    assert "2026-04-01, 13:00" in texts[0]


def test_landscape_pages_are_wide(collected, setup, tmp_path) -> None:
    wide = PageSetup(setup.office, setup.printed_on, landscape=True)
    path = tmp_path / "wide.pdf"
    write_sign_in_sheet(collected.sheet, path, wide)
    for page in PdfReader(path).pages:
        assert page.mediabox.width > page.mediabox.height


def test_negative_blank_rows_are_refused(collected, setup, tmp_path) -> None:
    with pytest.raises(ValueError):
        write_sign_in_sheet(collected.sheet, tmp_path / "x.pdf", setup, blank_rows=-1)


@needs_pdftoppm
def test_the_sheet_renders_to_something_visible(collected, setup, tmp_path) -> None:
    path = tmp_path / "sheet.pdf"
    write_sign_in_sheet(collected.sheet, path, setup)
    assert dark_share(path) > 0.01
