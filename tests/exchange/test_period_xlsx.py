"""The funder's period report as XLSX, read back with openpyxl: sheets and their names, typed
figures, frozen bold headers and filters, dates and organisation numbers, text that stays text."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from period_report_sample import quarter_report

from lkoe_desktop.domain import i18n
from lkoe_desktop.exchange.period_xlsx import sheet_names, write_period_xlsx
from lkoe_desktop.services.document_rows import PeriodReport

SHEETS = [
    "Sammanfattning",
    "Aktiviteter per typ",
    "Aktiviteter per tema",
    "Nådda organisationer per sektor",
    "Företag som fått stöd per",
    "Nådda organisationer per kommun",
    "Teman och sektorer nådda",
    "Unika deltagare efter kön",
    "Styrgruppens möten",
    "Deltaganden och deltagartimmar",
    "Varningar",
    "Deltagarlista",
]
# Texts a spreadsheet would run or refuse if they were not written as plain text.
FORMULA_LIKE = ('=HYPERLINK("http://x")', "+46 13 12 34 56", "-1+2", "@SUM(A1)", "#N/A")


def _sheets(report: PeriodReport, path: Path) -> dict[str, Worksheet]:
    write_period_xlsx(report, path)
    book = load_workbook(path)
    return {sheet.title: sheet for sheet in book.worksheets}


def _header(sheet: Worksheet) -> list[object]:
    return [cell.value for cell in sheet[1]]


def test_the_sheets_in_order_each_with_a_bold_frozen_header_and_a_filter(tmp_path: Path) -> None:
    sheets = _sheets(quarter_report(), tmp_path / "q1.xlsx")
    assert list(sheets) == SHEETS
    for sheet in sheets.values():
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.bold for cell in sheet[1] if cell.value is not None), sheet.title
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
    assert sheets["Deltagarlista"].auto_filter.ref == "A1:F151"
    widths = sheets["Deltagarlista"].column_dimensions
    assert 8 <= widths["A"].width <= 50 and widths["E"].width == 50


def test_figures_are_numbers_and_a_hidden_count_is_text(tmp_path: Path) -> None:
    sheets = _sheets(quarter_report(), tmp_path / "q1.xlsx")
    summary = sheets["Sammanfattning"]
    assert _header(summary) == [
        "Uppgift",
        "2026Q1 (2026-01-01 – 2026-03-31)",
        "Sedan projektstart (2025-09-01 – 2026-03-31)",
        "Indikator",
    ]
    rows = {row[0].value: row for row in summary.iter_rows(min_row=2, max_row=11)}
    assert [cell.value for cell in rows["Företag som fått stöd"]] == [
        "Företag som fått stöd", 58, 139, "RCO01"
    ]  # fmt: skip
    hours = rows["Deltagartimmar"]
    assert (hours[1].value, hours[1].data_type, hours[1].number_format) == (934.5, "n", "0.0")
    assert hours[2].value == 2876
    gender = sheets["Unika deltagare efter kön"]
    annat = next(row for row in gender.iter_rows(min_row=2) if row[0].value == "Annat")
    assert [(cell.value, cell.data_type) for cell in annat] == [
        ("Annat", "s"), ("< 3", "s"), ("< 3", "s")
    ]  # fmt: skip
    kommun = sheets["Nådda organisationer per kommun"]
    assert [cell.value for cell in kommun[15]] == ["Utanför Östergötland", 12, 29]
    assert all(
        isinstance(cell.value, int) for row in kommun.iter_rows(min_row=2) for cell in row[1:]
    )


def test_the_coverage_matrix_marks_its_empty_cells(tmp_path: Path) -> None:
    sheets = _sheets(quarter_report(), tmp_path / "q1.xlsx")
    matrix = sheets["Teman och sektorer nådda"]
    assert _header(matrix) == [
        "Tema", "Näringsliv", "Offentlig sektor", "Akademi", "Ideell sektor", "Övrigt"
    ]  # fmt: skip
    bygg = matrix[3]
    assert [cell.value for cell in bygg] == ["Bygglogistik", 9, 3, 0, 0, 1]
    marked = [cell.fill.fgColor.rgb.endswith("F9E3B4") and cell.font.bold for cell in bygg[1:]]
    assert marked == [False, False, True, True, False]
    notes = [row[0].value for row in matrix.iter_rows(min_row=8) if row[0].value]
    assert notes == [
        "Ingen akademisk organisation deltog i Bygglogistik eller Landsbygdens logistik.",
        "En skuggad, fet nolla är en tom ruta: ingen av det slaget nåddes.",
    ]


def test_the_deltagarlista_has_dates_as_dates_and_numbers_as_text(tmp_path: Path) -> None:
    report = quarter_report()
    sheet = _sheets(report, tmp_path / "q1.xlsx")["Deltagarlista"]
    assert _header(sheet) == [
        "Namn", "Organisation", "Organisationsnummer", "E-post", "Möte", "Datum"
    ]  # fmt: skip
    assert sheet.max_row == len(report.participants) + 1
    first = sheet[2]
    assert [cell.value for cell in first] == [
        "Łukasz Wójcik",
        "Norrköpings Hamn AB",
        "556012-5790",
        None,
        "Frukostseminarium: Samordnad varudistribution i städer",
        datetime(2026, 1, 20),
    ]
    assert first[2].data_type == "s"
    assert first[5].is_date and first[5].number_format == "yyyy-mm-dd"
    last = sheet[sheet.max_row]
    assert last[5].value == datetime(2026, 3, 31)
    without = [row for row in sheet.iter_rows(min_row=2) if row[1].value is None]
    assert [row[2].value for row in without] == [None] * len(without) and without


def test_text_a_spreadsheet_would_run_stays_text(tmp_path: Path) -> None:
    report = quarter_report(participant_count=len(FORMULA_LIKE))
    people = tuple(
        replace(row, organisation=text, email=text, meeting_title=text, first_name=text)
        for row, text in zip(report.participants, FORMULA_LIKE, strict=True)
    )
    tables = (replace(report.tables[0], rows=((FORMULA_LIKE[0], 1, 2),)),)
    report = replace(report, participants=people, tables=tables)
    path = tmp_path / "risky.xlsx"
    sheets = _sheets(report, path)
    listed = sheets["Deltagarlista"]
    for number, text in enumerate(FORMULA_LIKE, start=2):
        row = listed[number]
        assert [(row[column].value, row[column].data_type) for column in (1, 3, 4)] == [
            (text, "s")
        ] * 3
        assert row[0].value.startswith(text)
    assert sheets["Aktiviteter per typ"]["A2"].value == FORMULA_LIKE[0]
    with zipfile.ZipFile(path) as package:
        written = "".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if name.startswith("xl/worksheets/")
        )
    assert "<f>" not in written and "<f " not in written


def test_characters_xml_cannot_hold_are_left_out(tmp_path: Path) -> None:
    report = quarter_report(participant_count=1)
    person = replace(report.participants[0], organisation="Hamn\x00bolaget\x1f AB")
    sheet = _sheets(replace(report, participants=(person,)), tmp_path / "x.xlsx")["Deltagarlista"]
    assert sheet["B2"].value == "Hamnbolaget AB"


def test_warnings_name_their_records(tmp_path: Path) -> None:
    sheets = _sheets(quarter_report(), tmp_path / "q1.xlsx")
    warnings = sheets["Varningar"]
    assert _header(warnings) == ["Varning", "Typ", "Post", "Nr", "Namn"]
    rows = [[cell.value for cell in row] for row in warnings.iter_rows(min_row=2)]
    assert len(rows) == 9
    assert rows[2] == [
        "Företag vars storleksklass är okänd", "unknown_size_class", "Partner", 17,
        "Föreningen Hållbar Handel Öst",
    ]  # fmt: skip
    assert rows[5][2:] == ["Kontakt", 402, "Łukasz Wójcik"]
    empty = _sheets(replace(quarter_report(), warnings=()), tmp_path / "none.xlsx")["Varningar"]
    assert empty["A3"].value == "Inga varningar om datakvalitet för perioden."


def test_a_frozen_reprint_says_so_on_its_summary(tmp_path: Path) -> None:
    summary = _sheets(quarter_report(frozen=True), tmp_path / "f.xlsx")["Sammanfattning"]
    facts = {row[0].value: row[1].value for row in summary.iter_rows(min_row=13) if row[0].value}
    assert facts["Låst rapport nr"] == 7
    assert facts["Låst den"] == datetime(2026, 4, 8, 16, 12)
    assert facts["Låst av"] == "anna.berg"
    assert facts["Kontrollsumma"].startswith("3f9a0c17")
    assert facts["Projektstart"] == datetime(2025, 9, 1)
    assert facts["Företag som fått stöd per"] == "Företag som fått stöd per storleksklass (RCO01)"


def test_sheet_names_excel_accepts() -> None:
    titles = [
        "Teman: sektorer [2026] / kommuner?",
        "Nådda organisationer per kommun och storleksklass",
        "Nådda organisationer per kommun och sektor",
        "history",
        "'",
        "aktiviteter per typ",
        "Aktiviteter per typ",
    ]
    names = sheet_names(titles)
    assert names == [
        "Teman sektorer 2026 kommuner",
        "Nådda organisationer per kommun",
        "Nådda organisationer per (2)",
        "history (2)",
        "Blad",
        "aktiviteter per typ",
        "Aktiviteter per typ (2)",
    ]
    assert all(len(name) <= 31 for name in names)


def test_progress_runs_from_nothing_to_every_row(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    report = quarter_report(participant_count=4500)
    write_period_xlsx(report, tmp_path / "big.xlsx", progress=lambda *step: seen.append(step))
    assert seen[0] == (0, 4500) and seen[-1] == (4500, 4500)
    assert (2000, 4500) in seen and (4000, 4500) in seen
    assert [done for done, _total in seen] == sorted(done for done, _total in seen)


def test_english_headers_and_names(tmp_path: Path) -> None:
    i18n.set_language("en")
    sheets = _sheets(quarter_report(), tmp_path / "en.xlsx")
    assert list(sheets)[-2:] == ["Warnings", "Participant list"]
    assert "Summary" in sheets
    assert _header(sheets["Participant list"])[:3] == [
        "Name",
        "Organisation",
        "Organisation number",
    ]


def test_the_deltagarlista_keeps_markup_spaces_and_every_alphabet_as_written(
    tmp_path: Path,
) -> None:
    report = quarter_report(participant_count=2)
    first, second = report.participants
    people = (
        replace(first, last_name="Öberg <Ågren> & Søn ", meeting_title="  Träff\nkl. 9"),
        replace(second, first_name="Σοφία", last_name="李小龍", email=None, organisation=None),
    )
    sheet = _sheets(replace(report, participants=people), tmp_path / "x.xlsx")["Deltagarlista"]
    assert [cell.value for cell in sheet[2]][:5:4] == [
        f"{first.first_name} Öberg <Ågren> & Søn ",
        "  Träff\nkl. 9",
    ]
    assert [cell.value for cell in sheet[3]][:5] == [
        "Σοφία 李小龍", None, second.org_number, None, second.meeting_title
    ]  # fmt: skip


def test_an_empty_deltagarlista_is_its_header(tmp_path: Path) -> None:
    report = replace(quarter_report(participant_count=1), participants=())
    sheet = _sheets(report, tmp_path / "x.xlsx")["Deltagarlista"]
    assert sheet.max_row == 1 and _header(sheet)[0] == "Namn"


def test_a_reader_in_read_only_mode_knows_the_deltagarlista_s_size(tmp_path: Path) -> None:
    report = quarter_report(participant_count=30)
    write_period_xlsx(report, tmp_path / "x.xlsx")
    sheet = load_workbook(tmp_path / "x.xlsx", read_only=True)["Deltagarlista"]
    assert (sheet.max_row, sheet.max_column) == (31, 6)
    assert len(list(sheet.iter_rows(values_only=True))) == 31
