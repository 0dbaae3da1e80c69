"""Namnskyltar: who gets one, how many per sheet, names that fit, printer offset, calibration."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from pdf_checks import (
    LONG_NAME,
    Fragment,
    dark_share,
    fragments,
    needs_pdftoppm,
    page_texts,
)
from pypdf import PdfReader
from reportlab.lib.units import mm

from lkoe_desktop.demo.names import FOREIGN
from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.domain.errors import NotFoundError
from lkoe_desktop.reports.badges import LAYOUTS, badge_origins, write_badges, write_calibration
from lkoe_desktop.reports.fonts import text_width
from lkoe_desktop.services.document_rows import Badge, BadgeSet, PageSetup
from lkoe_desktop.services.report_rows import collect_badges, collect_sign_in_sheet

START = datetime(2026, 3, 12, 9, 0, tzinfo=STOCKHOLM)


def _badges(db, seminar, **options: bool) -> BadgeSet:
    with db.reading() as session:
        return collect_badges(session, seminar.meeting_id, **options)


def _names(path: Path) -> list[list[str]]:
    """The lines of each page; a name that wraps is found by its parts."""
    return [text.splitlines() for text in page_texts(path)]


def test_badges_go_to_the_people_of_the_sign_in_sheet_in_its_order(db, seminar) -> None:
    with db.reading() as session:
        sheet = collect_sign_in_sheet(session, seminar.meeting_id, include_invited=True)
    badges = _badges(db, seminar, include_invited=True)
    assert [badge.name for badge in badges.badges] == [row.name for row in sheet.people]
    plain = {badge.name for badge in _badges(db, seminar).badges}
    assert plain == set(seminar.on_sheet)


def test_an_unknown_meeting_is_not_found(db) -> None:
    with db.reading() as session, pytest.raises(NotFoundError):
        collect_badges(session, 4711)


@pytest.mark.parametrize("layout", ["a6", "90x55"])
def test_each_sheet_holds_its_layout_s_badges_and_everyone_gets_one(
    collected, setup, tmp_path, layout: str
) -> None:
    badges, seminar = collected.badges, collected.seminar
    path = tmp_path / f"{layout}.pdf"
    pages = write_badges(badges, path, setup, layout=layout)
    per_page = LAYOUTS[layout].per_page
    assert pages == math.ceil(len(badges.badges) / per_page)
    lines = _names(path)
    assert len(lines) == pages
    expected = [badge.name for badge in badges.badges]
    long_name = " ".join(LONG_NAME)
    for page, page_lines in enumerate(lines):
        on_page = expected[page * per_page : (page + 1) * per_page]
        squeezed = "".join("".join(page_lines).split())
        for name in on_page:
            assert name in page_lines or (name == long_name and name.replace(" ", "") in squeezed)
        assert sum(line == "Logistikkluster Östergötland" for line in page_lines) == len(on_page)
    everything = {line for page_lines in lines for line in page_lines}
    for name in seminar.cancelled + seminar.no_show + seminar.invited:
        assert name not in everything
    for person in FOREIGN:
        assert f"{person.first} {person.last}" in everything


def _cell(layout: str, fragment: Fragment) -> tuple[float, float]:
    """The lower-left corner of the badge a text piece starts in."""
    chosen = LAYOUTS[layout]
    for left, bottom in badge_origins(chosen):
        if (
            left <= fragment.x < left + chosen.width
            and bottom <= fragment.y < bottom + chosen.height
        ):
            return left, bottom
    raise AssertionError(f"{fragment.text!r} is outside every badge")


@pytest.mark.parametrize("layout", ["a6", "90x55"])
def test_long_names_shrink_or_wrap_and_stay_inside_their_badge(setup, tmp_path, layout) -> None:
    people = (
        Badge(*LONG_NAME, "Östergötlands Logistik- och Transportutvecklingsaktiebolag", "speaker"),
        Badge("Ann", "Li", None, "participant"),
        Badge("Hubert Blaine", "Wolfeschlegelsteinhausenbergerdorff" * 2, "AB", "participant"),
        Badge("Σοφία", "Παπαδοπούλου-Καραμανλή", "Πανεπιστήμιο Αθηνών " * 5, "moderator"),
    )
    badges = BadgeSet(1, "Seminarium " * 25, START, None, people)
    path = tmp_path / "long.pdf"
    write_badges(badges, path, setup, layout=layout)
    chosen = LAYOUTS[layout]
    found = fragments(path)
    for fragment in found:
        left, bottom = _cell(layout, fragment)
        width = text_width(fragment.text, fragment.font, fragment.size)
        assert fragment.x >= left + chosen.padding - 0.5, fragment
        assert fragment.x + width <= left + chosen.width - chosen.padding + 0.5, fragment
        assert bottom + chosen.padding - 0.5 <= fragment.y <= bottom + chosen.height, fragment
    name_sizes = [f.size for f in found if f.font == "DejaVuSans-Bold" and f.text == "Ann Li"]
    assert name_sizes == [chosen.name_sizes[0]]


def test_the_printer_offset_moves_everything(collected, setup, tmp_path) -> None:
    badges = collected.badges
    shifted = replace(setup.office, printer_offset_x_mm=5.0, printer_offset_y_mm=-2.5)
    plain_path, moved_path = tmp_path / "plain.pdf", tmp_path / "moved.pdf"
    write_badges(badges, plain_path, setup, layout="90x55")
    write_badges(badges, moved_path, replace(setup, office=shifted), layout="90x55")
    plain, moved = fragments(plain_path), fragments(moved_path)
    assert [f.text for f in plain] == [f.text for f in moved]
    for before, after in zip(plain, moved, strict=True):
        assert after.x - before.x == pytest.approx(5 * mm, abs=0.01)
        assert after.y - before.y == pytest.approx(2.5 * mm, abs=0.01)  # -2.5 mm down is up


@pytest.mark.parametrize("layout", ["a6", "90x55"])
def test_the_calibration_page_has_crosses_and_the_current_offset(setup, tmp_path, layout) -> None:
    plain_path, moved_path = tmp_path / "plain.pdf", tmp_path / "moved.pdf"
    assert write_calibration(plain_path, setup, layout=layout) == 1
    office = replace(setup.office, printer_offset_x_mm=1.5, printer_offset_y_mm=-3.0)
    assert write_calibration(moved_path, replace(setup, office=office), layout=layout) == 1
    text = page_texts(moved_path)[0]
    assert "1,5" in text and "-3,0" in text
    assert "Logistikkluster Östergötland" in text
    plain = {f.text: f for f in fragments(plain_path)}
    moved = {f.text: f for f in fragments(moved_path)}
    for cross in ("A", "B"):
        assert moved[cross].x - plain[cross].x == pytest.approx(1.5 * mm, abs=0.01)
        assert moved[cross].y - plain[cross].y == pytest.approx(3.0 * mm, abs=0.01)
    assert plain["A"].x == pytest.approx(35 * mm, abs=0.01)


def test_no_badges_give_one_sheet_of_cut_guides(setup, tmp_path) -> None:
    path = tmp_path / "none.pdf"
    assert write_badges(BadgeSet(1, "Tom", START, None, ()), path, setup) == 1
    assert fragments(path) == []


def test_an_unknown_layout_is_refused(setup, tmp_path) -> None:
    with pytest.raises(ValueError):
        write_badges(BadgeSet(1, "Tom", START, None, ()), tmp_path / "x.pdf", setup, layout="a4")


def test_badges_are_portrait_whatever_the_setup(collected, setup, tmp_path) -> None:
    path = tmp_path / "portrait.pdf"
    write_badges(collected.badges, path, PageSetup(setup.office, setup.printed_on, True))
    page = PdfReader(path).pages[0]
    assert page.mediabox.height > page.mediabox.width


@needs_pdftoppm
@pytest.mark.parametrize("layout", ["a6", "90x55"])
def test_badges_and_calibration_render_to_something_visible(
    collected, setup, tmp_path, layout
) -> None:
    badges_path, calibration_path = tmp_path / "badges.pdf", tmp_path / "calibration.pdf"
    write_badges(collected.badges, badges_path, setup, layout=layout)
    write_calibration(calibration_path, setup, layout=layout)
    assert dark_share(badges_path) > 0.005
    assert dark_share(calibration_path) > 0.005
