"""Reading files to import: CSV as Excel and web forms write it, typed XLSX cells, bad files."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from import_files import (
    excel_style_workbook,
    swedish_excel_csv,
    utf8_csv,
    with_cached_values,
    workbook,
)

from lkoe_desktop.domain.errors import ImportFileError
from lkoe_desktop.domain.i18n import set_language
from lkoe_desktop.exchange.import_file import (
    EmptyFileError,
    EncodingError,
    NotASpreadsheetError,
    read_table,
)
from lkoe_desktop.exchange.xlsx_read import UnknownSheetError, sheet_names


def test_swedish_excel_csv_is_read_with_its_rows_numbered_as_excel_numbers_them(
    tmp_path: Path,
) -> None:
    path = swedish_excel_csv(
        tmp_path / "kontakter.csv",
        [
            ["Förnamn", "Efternamn", "E-post", "Organisation", "Kommun"],
            ["Åsa", "Öberg", "asa@example.se", "Östgöta Frakt AB", "Linköping"],
            ["Per", "Nilsson; Jr", "per@example.se", 'Hamnen "Kajen"\r\nAB', "Norrköping"],
            ["", "", "", "", ""],
            [" Eva ", "de Geer", "eva@example.se", "Kajen", "Oslo"],
        ],
    )
    assert b"\r\n" in path.read_bytes() and "Å".encode("cp1252") in path.read_bytes()
    table = read_table(path)
    assert (table.format, table.encoding, table.separator) == ("csv", "Windows-1252", ";")
    assert table.headers == ("Förnamn", "Efternamn", "E-post", "Organisation", "Kommun")
    # the line break inside row 3's quoted cell moves no later row; the empty row 4 is skipped
    assert [row.number for row in table.rows] == [2, 3, 5]
    assert table.rows[0].cells == (
        "Åsa",
        "Öberg",
        "asa@example.se",
        "Östgöta Frakt AB",
        "Linköping",
    )
    assert table.rows[1].cells[1:4] == ("Nilsson; Jr", "per@example.se", 'Hamnen "Kajen"\nAB')
    assert table.rows[2].cells[0] == "Eva"


def test_utf8_with_a_byte_order_mark_and_commas_is_read(tmp_path: Path) -> None:
    path = utf8_csv(
        tmp_path / "form.csv",
        [["First name", "Last name", "Company"], ["Łukasz", "Wójcik", "Kajen, Hamn & Co"]],
    )
    table = read_table(path)
    assert (table.encoding, table.separator) == ("UTF-8 with BOM", ",")
    assert table.headers[0] == "First name"  # no BOM left in the first heading
    assert table.rows[0].cells == ("Łukasz", "Wójcik", "Kajen, Hamn & Co")


def test_tab_separated_utf8_without_a_mark_and_utf16_unicode_text_are_read(tmp_path: Path) -> None:
    rows = [["Namn", "E-post", "Ort"], ["Åsa Öberg", "asa@example.se", "Linköping, Sverige"]]
    table = read_table(utf8_csv(tmp_path / "flik.txt", rows, separator="\t", bom=False))
    assert (table.encoding, table.separator) == ("UTF-8", "\t")
    assert table.rows[0].cells[2] == "Linköping, Sverige"
    unicode_text = tmp_path / "unicode.txt"  # Excel's "Unicode text": UTF-16 with a mark, tabs
    unicode_text.write_bytes("\r\n".join("\t".join(row) for row in rows).encode("utf-16"))
    table = read_table(unicode_text)
    assert (table.encoding, table.separator) == ("UTF-16", "\t")
    assert table.rows[0].cells[0] == "Åsa Öberg"


def test_a_quoted_heading_holding_a_comma_does_not_decide_the_separator(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'"Namn, fullst\xe4ndigt";Org.nr\r\nEva de Geer;556036-0793\r\n')
    table = read_table(path)
    assert table.separator == ";"
    assert table.headers == ("Namn, fullständigt", "Org.nr")


def test_a_header_after_empty_lines_keeps_its_row_number_and_values_beyond_it_are_noted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("\n;;\nNamn;E-post;;\nEva;eva@example.se;;\nPer;per@example.se;;x\n")
    table = read_table(path)
    assert table.header_row == 3
    assert table.headers == ("Namn", "E-post")  # trailing empty headings are dropped
    assert [(row.number, row.cells) for row in table.rows] == [
        (4, ("Eva", "eva@example.se")),
        (5, ("Per", "per@example.se")),
    ]
    set_language("en")
    assert table.notes and "Row 5" in read_table(path).notes[0]


def test_an_xlsx_cell_reads_as_the_text_excel_shows_and_a_date_as_a_date(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "partner.xlsx",
        [
            ["Namn", "Org.nr", "Telefon", "Postnummer", "Sedan", "Andel", "Platser", None, None],
            ["Kajen AB", 5560360793, 131234567, 58183, date(2024, 3, 1), 0.25, 12.0],
            [],
            ["Hamn AB", 556036079, 46701234567, 60233, datetime(2024, 3, 1, 9, 30), 1.5, 3],
        ],
        formats={"B4": "0000000000", "C2": "000-000 00 00", "D2": "000 00", "F2": "0%"},
    )
    table = read_table(path)
    assert (table.format, table.sheet, table.headers[-1]) == ("xlsx", "Blad1", "Platser")
    assert [row.number for row in table.rows] == [2, 4]  # the empty row 3 keeps its number
    assert table.rows[0].cells == (
        "Kajen AB",
        "5560360793",
        "013-123 45 67",
        "581 83",
        date(2024, 3, 1),
        "25%",
        "12",
    )
    assert table.rows[1].cells[1:6] == (
        "0556036079",  # leading zeros kept by the number format
        "46701234567",  # a long number keeps its digits
        "60233",
        datetime(2024, 3, 1, 9, 30),
        "1,5",
    )


def test_a_formula_cell_gives_the_value_excel_last_computed_never_the_formula(
    tmp_path: Path,
) -> None:
    path = workbook(
        tmp_path / "formler.xlsx",
        [["Namn", "Dubbel", "Hälsning"], ["Eva", "=2*21", '="Hej "&A2']],
    )
    with_cached_values(path, {"B2": ("n", "42"), "C2": ("str", "Hej Eva")})
    assert read_table(path).rows[0].cells == ("Eva", "42", "Hej Eva")


def test_a_workbook_as_excel_saves_it_reads_its_shared_strings_styles_and_gaps(
    tmp_path: Path,
) -> None:
    path = excel_style_workbook(
        tmp_path / "excel.xlsx",
        [
            "<t>Namn</t>",
            "<t>Org.nr</t>",
            "<r><rPr><b/></rPr><t>Ån</t></r><r><t>ge AB</t></r><rPh><t>x</t></rPh>",
            '<t xml:space="preserve"> Kajen </t>',
        ],
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
        '<c r="C1" t="inlineStr"><is><t>Datum</t></is></c><c r="D1"><v>0</v></c>'
        '<c r="F1" t="b"><v>1</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>556036079</v></c>'
        '<c r="C3" s="2"><v>46082</v></c><c r="D3" s="3"><v>0.5</v></c>'
        '<c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        '<row r="4"><c r="A4" t="s"><v>3</v></c><c r="C4" s="2"/></row>',
    )
    table = read_table(path)
    assert table.sheet == "Anmälda"
    assert table.headers == ("Namn", "Org.nr", "Datum", "0", "", "TRUE")
    assert [(row.number, row.cells) for row in table.rows] == [
        (3, ("Ånge AB", "0556036079", date(2026, 3, 1), "12:00", "#DIV/0!", "")),
        (4, ("Kajen", "", "", "", "", "")),
    ]


def test_a_chosen_sheet_is_read_and_the_sheets_are_listed(tmp_path: Path) -> None:
    path = workbook(tmp_path / "b.xlsx", [["Namn"], ["Kajen AB"]], more_sheets=["Anmälningar"])
    assert sheet_names(path) == ("Blad1", "Anmälningar")
    with pytest.raises(EmptyFileError):
        read_table(path, "Anmälningar")  # there is nothing on it
    set_language("en")
    with pytest.raises(UnknownSheetError) as wrong:
        read_table(path, "Blad9")
    assert "Blad9" in wrong.value.message and "Anmälningar" in wrong.value.message


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"", EmptyFileError, "is empty"),
        (b"\xef\xbb\xbf\r\n\r\n", EmptyFileError, "is empty"),
        ("Förnamn;Efternamn\r\n;\r\n".encode("cp1252"), EmptyFileError, "no rows"),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00\x01<<>>stream\x00\x02",
            NotASpreadsheetError,
            "not a spreadsheet",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", NotASpreadsheetError, "not a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), NotASpreadsheetError, ".xls"),
        (b"PK\x03\x04 a broken archive", NotASpreadsheetError, "cannot be read as an Excel"),
        (
            "Förnamn;Efternamn\r\nÅsa;Öberg\r\n".encode() + "Örjan;Åberg\r\n".encode("cp1252"),
            EncodingError,
            "row 3",
        ),
        (b"Namn;Ort\r\nEva;Link\x81ping\r\n", EncodingError, "row 2"),
        (b"\xef\xbb\xbfNamn;Ort\r\nEva;\xd6rebro\r\n", EncodingError, "row 2"),
        (b'Namn;Ort\r\nEva;"Link\xc3\xb6ping\r\nPer;Ume\xc3\xa5\r\n', ImportFileError, "Row 2"),
    ],
    ids=[
        "empty",
        "only-a-mark",
        "header-only",
        "pdf",
        "png",
        "old-xls",
        "broken-zip",
        "mixed-encodings",
        "neither-encoding",
        "bom-but-not-utf8",
        "open-quote",
    ],
)
def test_a_file_that_cannot_be_read_says_why(
    tmp_path: Path, data: bytes, error: type[ImportFileError], words: str
) -> None:
    set_language("en")
    path = tmp_path / "fil.csv"
    path.write_bytes(data)
    with pytest.raises(error) as wrong:
        read_table(path)
    assert words in wrong.value.message
    assert "fil.csv" in wrong.value.message or words.startswith("Row")


def test_a_zip_that_is_no_workbook_and_an_xlsx_with_only_a_header_are_refused(
    tmp_path: Path,
) -> None:
    document = tmp_path / "brev.xlsx"
    with zipfile.ZipFile(document, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(NotASpreadsheetError):
        read_table(document)
    with pytest.raises(EmptyFileError):
        read_table(workbook(tmp_path / "tom.xlsx", [["Namn", "E-post"]]))


def test_a_huge_cell_is_read_whole_and_a_cell_too_big_for_any_field_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lang.csv"
    path.write_text("Namn;Anteckning\nEva de Geer;" + "x" * 100_000 + "\n", encoding="utf-8")
    assert len(read_table(path).rows[0].cells[1]) == 100_000
    path.write_text("Namn;Anteckning\nEva;Per\nEva de Geer;" + "x" * 200_000 + "\n")
    set_language("en")
    with pytest.raises(ImportFileError) as wrong:
        read_table(path)
    assert wrong.value.message.startswith("Row 3 has a cell longer than")
