"""The funder's period report as PDF, read back: every title, figure and warning on paper, the
summary page, long tables over pages, the empty cells that stand out, the frozen stamp."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pdf_checks import PRINTED_ON, needs_pdftotext, page_texts, pdftotext
from period_report_sample import quarter_report
from pypdf import PdfReader

from lkoe_desktop.domain import i18n
from lkoe_desktop.reports.period_report import write_period_report
from lkoe_desktop.services.document_rows import Chart, FigureTable, PageSetup, PeriodReport
from lkoe_desktop.services.office_settings import OfficeSettings
from lkoe_desktop.services.report_rows import printed_office

EMPTY_FILL = (0xF9, 0xE3, 0xB4)


@pytest.fixture
def setup() -> PageSetup:
    return PageSetup(printed_office(OfficeSettings()), PRINTED_ON)


def _written(report: PeriodReport, path: Path, setup: PageSetup) -> tuple[int, str]:
    pages = write_period_report(report, path, setup)
    return pages, _flat(pdftotext(path))


def _flat(text: str) -> str:
    """The text with no-break spaces as spaces and every run of white space as one space."""
    return " ".join(text.replace("\u00a0", " ").split())


@needs_pdftotext
def test_every_title_label_figure_and_warning_is_on_paper(tmp_path: Path, setup: PageSetup) -> None:
    report = quarter_report()
    pages, text = _written(report, tmp_path / "q1.pdf", setup)
    assert pages == len(PdfReader(tmp_path / "q1.pdf").pages) == 6
    assert "2026Q1: 2026-01-01 – 2026-03-31" in text
    assert "2025-09-01 – 2026-03-31" in text
    for line in report.summary:
        assert line.label in text
    for table in report.tables:
        assert table.title in text
        for row in table.rows:
            assert str(row[0]) in text
    for warning in report.warnings:
        assert warning.text in text
        for record in warning.records:
            assert record.name in text
    for chart in report.charts:
        assert chart.title in text
    # The summary's figures, period beside cumulative, as a Swedish reader writes them.
    for figures in ("14 41", "312 968", "934,5 2 876,0", "58 139 RCO01", "58 139 RCO04"):
        assert figures in text, figures
    assert "Uppgift 2026Q1 Sedan projektstart Indikator" in text
    assert "401,5" in text
    assert re.search(r"Annat <\s?3 <\s?3 4 7", text)
    assert "RCO01 – Företag som fått stöd:" in text
    assert "RCO04 – Företag som fått icke-finansiellt stöd:" in text
    assert "5 varningar om datakvalitet finns i slutet av rapporten." in text
    assert "Möte 108 Workshop Landsbygdens logistik" in text
    assert "Kontakt 402 Łukasz Wójcik" in text
    assert "Låst" not in text


@needs_pdftotext
def test_headings_keep_their_words_whole(tmp_path: Path, setup: PageSetup) -> None:
    _pages, text = _written(quarter_report(), tmp_path / "q1.pdf", setup)
    for heading in ("Sedan projektstart", "Deltagartimmar", "Deltaganden", "Offentlig sektor"):
        assert heading in text
    i18n.set_language("en")
    _pages, english = _written(quarter_report(), tmp_path / "en.pdf", setup)
    assert "Since project start" in english and "Key figures" in english
    assert "934.5 2 876.0" in english


def test_no_page_is_without_content(tmp_path: Path, setup: PageSetup) -> None:
    """Every page has something of the report besides its header and footer."""
    report = quarter_report(long_rows=120)
    path = tmp_path / "long.pdf"
    write_period_report(report, path, setup)
    titles = [table.title for table in report.tables] + [chart.title for chart in report.charts]
    titles += ["Nyckeltal", "Varningar om datakvalitet"]
    for number, page in enumerate(page_texts(path), 1):
        assert any(title in page for title in titles), number


def test_a_long_table_goes_on_over_pages_under_its_header(tmp_path: Path, setup: PageSetup) -> None:
    report = quarter_report(long_rows=120)
    path = tmp_path / "long.pdf"
    pages = write_period_report(report, path, setup)
    long = report.tables[-1]
    texts = [_flat(page) for page in page_texts(path)]
    holding = [page for page in texts if long.title in page]
    assert len(holding) >= 3
    continued = f"{long.title} (forts.)"
    assert continued not in holding[0]
    for page in holding:
        assert "Aktivitet Deltagare Deltagartimmar" in page
    for page in holding[1:]:
        assert continued in page
    last_row = str(long.rows[-1][0])
    assert sum(last_row in page for page in texts) == 1
    assert pages == len(texts)


def _rendered_pixels(path: Path, page: int) -> bytes:
    """One page as raw RGB pixels (PPM at 40 dpi, header cut off)."""
    done = subprocess.run(
        ["pdftoppm", "-r", "40", "-f", str(page), "-l", str(page), "-singlefile", path],
        check=True,
        capture_output=True,
        timeout=60,
    )
    header = re.match(rb"P6\s+\d+\s+\d+\s+\d+\s", done.stdout)
    assert header is not None
    return done.stdout[header.end() :]


def _shaded(pixels: bytes) -> int:
    wanted = bytes(EMPTY_FILL)
    return sum(1 for at in range(0, len(pixels), 3) if pixels[at : at + 3] == wanted)


@needs_pdftotext
def test_an_empty_cell_of_the_coverage_matrix_stands_out_and_is_explained(
    tmp_path: Path, setup: PageSetup
) -> None:
    report = quarter_report()
    path = tmp_path / "q1.pdf"
    _pages, text = _written(report, path, setup)
    explained = "En skuggad, fet nolla är en tom ruta: ingen av det slaget nåddes."
    assert explained in text
    matrix = next(
        number for number, page in enumerate(page_texts(path), 1) if "Teman och sektorer" in page
    )
    assert _shaded(_rendered_pixels(path, matrix)) > 100
    plain = [replace(table, mark_empty=False) for table in report.tables]
    _pages, text = _written(replace(report, tables=tuple(plain)), path, setup)
    assert explained not in text
    assert _shaded(_rendered_pixels(path, matrix)) == 0


@needs_pdftotext
def test_a_frozen_reprint_carries_its_stamp_on_every_page(tmp_path: Path, setup: PageSetup) -> None:
    report = quarter_report(frozen=True)
    path = tmp_path / "frozen.pdf"
    write_period_report(report, path, setup)
    texts = page_texts(path)
    assert "Låst 2026-04-08 16:12 av anna.berg" in texts[0]
    assert report.frozen is not None and report.frozen.checksum in _flat(pdftotext(path))
    for page in texts:
        assert "Periodrapport 2026Q1 · Låst rapport nr 7" in page


@needs_pdftotext
def test_the_charts_show_their_categories_and_totals(tmp_path: Path, setup: PageSetup) -> None:
    months = Chart(
        "activities_per_month",
        "Aktiviteter per månad sedan projektstart",
        tuple(f"{2025 + (month + 8) // 12}-{(month + 8) % 12 + 1:02d}" for month in range(19)),
        (("Aktiviteter", tuple(float(month % 5) for month in range(19))),),
    )
    empty = Chart("nothing", "Studiebesök per månad", ("2026-01",), (("Studiebesök", (0.0,)),))
    report = replace(quarter_report(), charts=(*quarter_report().charts, months, empty))
    _pages, text = _written(report, tmp_path / "charts.pdf", setup)
    for sector in ("Näringsliv", "Offentlig sektor", "Akademi", "Ideell sektor", "Övrigt"):
        assert sector in text
    for size in ("Mikro", "Små", "Medelstora", "Stora", "Okänd"):
        assert size in text
    assert "2025-09" in text and "2027-03" in text
    assert "Inget att visa för perioden." in text


@needs_pdftotext
def test_a_report_with_nothing_in_it_says_so(tmp_path: Path, setup: PageSetup) -> None:
    report = replace(
        quarter_report(), summary=(), tables=(), charts=(), warnings=(), participants=()
    )
    pages, text = _written(report, tmp_path / "empty.pdf", setup)
    assert pages == 2
    assert "Inga varningar om datakvalitet för perioden." in text


def test_a_table_without_rows_keeps_its_title_and_says_there_were_none(
    tmp_path: Path, setup: PageSetup
) -> None:
    nothing = FigureTable("steering_group", "Styrgruppens möten", ("Möte", "Närvarande"), ())
    report = replace(quarter_report(), tables=(nothing,))
    path = tmp_path / "none.pdf"
    write_period_report(report, path, setup)
    page = next(page for page in page_texts(path) if "Styrgruppens möten" in page)
    after = page.split("Styrgruppens möten", 1)[1]
    assert "Inga under perioden." in after
    assert "Närvarande" not in after  # no header over an empty table


def test_the_charts_share_a_page_and_the_tables_follow_them(
    tmp_path: Path, setup: PageSetup
) -> None:
    """A chart never sits alone on a half-empty page: a quarter's charts fit on one page, and
    where a long month axis pushes one over, the first tables fill the rest of its page."""
    report = quarter_report()
    path = tmp_path / "q1.pdf"
    write_period_report(report, path, setup)
    pages = page_texts(path)
    assert all(chart.title in pages[1] for chart in report.charts)
    months = tuple(f"{year}-{month:02}" for year in (2024, 2025, 2026) for month in range(1, 13))
    month_chart = replace(
        report.charts[-1], categories=months, series=(("", tuple(range(len(months)))),)
    )
    longer = replace(report, charts=(*report.charts[:-1], month_chart))
    write_period_report(longer, path, setup)
    pages = page_texts(path)
    chart_page = next(page for page in pages if month_chart.title in page)
    assert report.tables[0].title in chart_page
