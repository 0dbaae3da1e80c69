"""The shared page: fonts, header and footer on every page, page count, logo, long tables."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

import pytest
from pdf_checks import PRINTED_ON, dark_share, needs_pdftoppm, page_texts
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, Table

from lkoe_desktop.reports.fonts import (
    FALLBACKS,
    FONT,
    FONT_BOLD,
    fit_text,
    fonts_dir,
    register_fonts,
    text_width,
    wrap_lines,
)
from lkoe_desktop.reports.paged_table import PagedTable
from lkoe_desktop.reports.template import build_pdf, content_size, para, styles, table_style
from lkoe_desktop.services import office_settings
from lkoe_desktop.services.document_rows import PageSetup
from lkoe_desktop.services.office_settings import DEFAULT_FUNDING_LINE, OfficeSettings
from lkoe_desktop.services.report_rows import page_setup, printed_office

NON_LATIN = ["Łukasz Wójcik", "Nguyễn Thị Hoa", "Ægir Øster", "Σοφία Παπαδοπούλου", "Иван Петров"]


def _rows(count: int) -> list[list[str]]:
    return [
        [str(number), f"Person {number}", "Linköpings universitet"]
        for number in range(1, count + 1)
    ]


def _numbers_per_page(texts: list[str]) -> list[list[int]]:
    """The row numbers (a line with only digits) on each page."""
    return [
        [int(line) for line in text.splitlines() if re.fullmatch(r"\d+", line)] for text in texts
    ]


def _table(count: int, **options: object) -> PagedTable:
    return PagedTable(
        ["Nr", "Namn", "Organisation"],
        _rows(count),
        [12 * mm, 80 * mm, 80 * mm],
        align=["right", "left", "left"],
        **options,  # type: ignore[arg-type]
    )


def test_the_bundled_fonts_and_their_licences_are_there() -> None:
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", *FALLBACKS.values()):
        assert (fonts_dir() / name).is_file()
    licences = {
        "LICENSE-DejaVu.txt": "Bitstream",
        "LICENSE-DroidSansFallback.txt": "Apache License",
        "LICENSE-NanumGothic.txt": "SIL OPEN FONT LICENSE",
    }
    for name, words in licences.items():
        assert words in (fonts_dir() / name).read_text(encoding="utf-8")


def test_fonts_register_once_from_many_threads() -> None:
    threads = [threading.Thread(target=register_fonts) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    register_fonts()
    assert pdfmetrics.getFont(FONT).face.name
    assert pdfmetrics.getFont(FONT_BOLD).face.name


def test_every_page_has_header_and_footer_with_its_number(tmp_path: Path, setup: PageSetup) -> None:
    story = [para(f"Rad {number}", styles().body) for number in range(200)]
    path = tmp_path / "long.pdf"
    pages = build_pdf(path, "Provdokument", story, setup)
    texts = page_texts(path)
    assert pages == len(texts) > 1
    for number, text in enumerate(texts, 1):
        assert "Logistikkluster Östergötland" in text
        assert "Provdokument" in text
        assert f"Sida {number} av {pages}" in text
        assert "Utskriven 2026-03-02" in text
        assert DEFAULT_FUNDING_LINE in text


def test_non_latin_names_and_markup_characters_print_exactly(
    tmp_path: Path, setup: PageSetup
) -> None:
    style = styles()
    story = [para(name, style.body) for name in [*NON_LATIN, "Svensson & Co <AB>"]]
    cells = [["Namn"], *([name] for name in NON_LATIN)]
    story.append(Table(cells, colWidths=[80 * mm], repeatRows=1, style=table_style()))
    path = tmp_path / "names.pdf"
    build_pdf(path, "Namn", story, setup)
    lines = page_texts(path)[0].splitlines()
    for name in NON_LATIN:
        assert lines.count(name) == 2
    assert "Svensson & Co <AB>" in lines


def test_settings_from_the_database_appear_on_the_page(db, tmp_path: Path) -> None:
    with db.unit_of_work() as session:
        office_settings.save(
            session, {"office_name": "Kansliet Östgöta", "funding_line": "Stöd från ERUF"}
        )
    with db.reading() as session:
        setup = page_setup(session, landscape=True)
    assert setup.printed_on == PRINTED_ON
    path = tmp_path / "settings.pdf"
    build_pdf(path, "Titel", [para("Innehåll", styles().body)], setup)
    page = PdfReader(path).pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = page.extract_text()
    assert "Kansliet Östgöta" in text
    assert "Stöd från ERUF" in text


def _images(path: Path) -> int:
    return sum(len(page.images) for page in PdfReader(path).pages)


def test_a_readable_logo_is_drawn_and_a_broken_one_gives_the_mark(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (31, 95, 122)).save(logo)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    outcomes = {}
    for name, path in (("logo", logo), ("broken", broken), ("missing", tmp_path / "none.png")):
        setup = PageSetup(printed_office(OfficeSettings(logo_path=str(path))), PRINTED_ON)
        target = tmp_path / f"{name}.pdf"
        build_pdf(target, "Logotyp", [para("Text", styles().body)], setup)
        outcomes[name] = (_images(target), page_texts(target)[0])
    assert outcomes["logo"][0] == 1
    assert "LKÖ" not in outcomes["logo"][1]
    for name in ("broken", "missing"):
        assert outcomes[name][0] == 0
        assert "LKÖ" in outcomes[name][1]


def test_a_very_long_office_name_and_title_take_two_header_lines_at_most(tmp_path: Path) -> None:
    setup = PageSetup(printed_office(OfficeSettings(office_name="Kansli " * 40)), PRINTED_ON)
    path = tmp_path / "long_header.pdf"
    title = "Närvarolista – " + "Mycket lång titel " * 20
    build_pdf(path, title, [para("x", styles().body)], setup)
    lines = page_texts(path)[0].splitlines()
    office = [line for line in lines if line.startswith("Kansli")]
    heading = [line for line in lines if "titel" in line]
    for found in (office, heading):
        assert len(found) == 2
        assert found[-1].endswith("…")


def test_a_stream_target_gets_the_pdf(setup: PageSetup) -> None:
    stream = io.BytesIO()
    assert build_pdf(stream, "Ström", [para("Text", styles().body)], setup) == 1
    assert stream.getvalue().startswith(b"%PDF")


def test_a_long_table_repeats_its_header_and_never_splits_or_loses_a_row(
    tmp_path: Path, setup: PageSetup
) -> None:
    path = tmp_path / "table.pdf"
    pages = build_pdf(path, "Tabell", [_table(700, min_row_height=7 * mm)], setup)
    texts = page_texts(path)
    assert pages == len(texts) > 5
    assert all(text.splitlines().count("Organisation") == 1 for text in texts)
    numbers = [number for page in _numbers_per_page(texts) for number in page]
    assert numbers == list(range(1, 701))


@pytest.mark.parametrize("keep", [2, 3])
def test_no_lonely_rows_at_the_end_of_a_table(tmp_path: Path, setup: PageSetup, keep: int) -> None:
    first = tmp_path / "first.pdf"
    build_pdf(first, "Tabell", [_table(100, min_row_height=9 * mm)], setup)
    per_page = len(_numbers_per_page(page_texts(first))[0])
    path = tmp_path / "lonely.pdf"
    build_pdf(path, "Tabell", [_table(per_page + 1, min_row_height=9 * mm, keep_rows=keep)], setup)
    counts = [len(numbers) for numbers in _numbers_per_page(page_texts(path))]
    assert counts == [per_page + 1 - keep, keep]


def test_cells_wrap_and_rows_grow_instead_of_overflowing(tmp_path: Path, setup: PageSetup) -> None:
    long_word = "Transportutvecklingsaktiebolagsförvaltningen" * 2
    table = PagedTable(
        ["Namn", "Organisation"],
        [["Maria-Theresia von Hohenzollern-Sigmaringen", long_word]],
        [30 * mm, 30 * mm],
    )
    path = tmp_path / "wrap.pdf"
    build_pdf(path, "Radbrytning", [table], setup)
    text = "".join(page_texts(path)[0].split())
    assert long_word in text
    assert "Maria-Theresiavon" in text


def test_wrapping_and_fitting_keep_every_character_within_the_width() -> None:
    text = "Östergötlands Logistik- och Transportutvecklingsaktiebolag"
    lines = wrap_lines(text, FONT, 10, 40 * mm)
    assert all(text_width(line, FONT, 10) <= 40 * mm for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert wrap_lines("Ab" * 200, FONT, 10, 20 * mm)[0]
    one, size = fit_text("Łukasz Wójcik", FONT_BOLD, 80 * mm, largest=30, smallest=16, max_lines=2)
    assert one == ["Łukasz Wójcik"] and 16 <= size <= 30
    name = "Maria-Theresia von Hohenzollern-Sigmaringen"
    two, size = fit_text(name, FONT_BOLD, 80 * mm, largest=30, smallest=16, max_lines=2)
    assert len(two) == 2
    assert all(text_width(line, FONT_BOLD, size) <= 80 * mm for line in two)


def test_content_size_follows_the_orientation(setup: PageSetup) -> None:
    portrait = content_size(setup)
    wide = content_size(PageSetup(setup.office, setup.printed_on, landscape=True))
    assert wide[0] > portrait[0] and wide[1] < portrait[1]


@needs_pdftoppm
def test_a_page_renders_to_something_visible(tmp_path: Path, setup: PageSetup) -> None:
    path = tmp_path / "render.pdf"
    story = [Paragraph("Närvarolista", styles().title), _table(20, grid=True)]
    build_pdf(path, "Rendering", story, setup)
    assert dark_share(path) > 0.005
