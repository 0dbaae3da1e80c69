"""A file to import read as field values per row, with the row's warnings and errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from import_files import swedish_excel_csv, utf8_csv, workbook

from lkoe_desktop.domain.i18n import set_language
from lkoe_desktop.exchange.import_file import read_table
from lkoe_desktop.exchange.import_mapping import ImportKind, MissingColumnError, guess_mapping
from lkoe_desktop.exchange.import_rows import Problem, read_import, read_rows


def test_a_swedish_excel_partner_list_reads_as_field_values(tmp_path: Path) -> None:
    path = swedish_excel_csv(
        tmp_path / "partner.csv",
        [
            ["Namn", "Org.nr", "Sektor", "Storlek", "Kommun", "Bransch", "Hemsida", "Övrigt"],
            [
                "Östgöta Frakt AB",
                "556036-0793",
                "Näringsliv",
                "Mikro",
                "Linköpings kommun",
                "",
                "",
                "x",
            ],
            ["Akademin", "'-5", "academia", "Large", "Oslo", " 'Logistik' ", "'@kajen", ""],
            ["Hamnen", "", "Kyrka", "jättestor", "0581", "=1+1", "", ""],
        ],
    )
    result = read_import(path, ImportKind.PARTNERS)
    assert result.mapping.ignored() == ("Övrigt",)
    first, second, third = result.rows
    assert first.values == {
        "name": "Östgöta Frakt AB",
        "org_number": "556036-0793",
        "sector": "business",
        "size_class": "micro",
        "municipality": "0580",
    }
    assert first.ok and not first.warnings
    # one protecting ' before -, = or @ is removed; any other ' is the text's own
    assert second.values == {
        "name": "Akademin",
        "org_number": "-5",
        "sector": "academia",
        "size_class": "large",
        "municipality": "Oslo",
        "industry": "'Logistik'",
        "website": "@kajen",
    }
    assert second.ok and len(second.warnings) == 1 and "Oslo" in second.warnings[0]
    assert third.values["municipality"] == "0581" and third.values["industry"] == "=1+1"
    assert "sector" not in third.values and len(third.errors) == 2
    set_language("en")
    assert Problem("x", 4).__str__() == "row 4: x"


def test_problems_say_their_row_in_the_window_s_language(tmp_path: Path) -> None:
    rows = [["Namn", "Sektor", "Kommun"], ["Kajen", "Kyrka", "Oslo"]]
    path = swedish_excel_csv(tmp_path / "p.csv", rows)
    set_language("en")
    lines = [str(problem) for problem in read_import(path, ImportKind.PARTNERS).problems()]
    assert lines == [
        "row 2: Sector: “Kyrka” is not one of Business, Public sector, Academia, "
        "Civil society, Other.",
        "row 2: “Oslo” is not a Swedish municipality; it is kept as another place.",
    ]
    set_language("sv")
    lines = [str(problem) for problem in read_import(path, ImportKind.PARTNERS).problems()]
    assert lines[0].startswith("rad 2: Sektor: ”Kyrka” är inte ") and "Akademi" in lines[0]
    assert lines[1] == "rad 2: ”Oslo” är ingen svensk kommun; den sparas som en annan ort."


def test_a_cell_longer_than_its_field_is_an_error_for_its_row_never_cut(tmp_path: Path) -> None:
    path = tmp_path / "lang.csv"
    huge = "x" * 100_000
    path.write_text(f"Förnamn;Efternamn;Anteckning\nEva;{'B' * 201};\nPer;Berg;{huge}\n")
    set_language("en")
    result = read_import(path, ImportKind.CONTACTS)
    long_name, long_notes = result.rows
    assert "last_name" not in long_name.values and "notes" not in long_notes.values
    assert long_name.errors == ("Last name can have at most 200 characters (now 201).",)
    assert long_notes.errors == ("Notes can have at most 10,000 characters (now 100,000).",)
    assert result.error_count == 2


def test_a_form_export_with_the_whole_name_is_split_and_a_single_word_is_an_error(
    tmp_path: Path,
) -> None:
    path = utf8_csv(
        tmp_path / "anmalan.csv",
        [
            ["Namn", "E-postadress", "Organisation", "Org.nr", "Specialkost", "Status", "Kön"],
            [
                "Eva de Geer",
                "EVA@example.se",
                "Kajen AB",
                "5560360793",
                "Vegetarisk",
                "Anmäld",
                "K",
            ],
            ["Anna-Karin af Klint", "ak@example.se", "", "", "", "attended", "Kvinna"],
            ["Madonna", "m@example.se", "", "", "", "", "woman"],
        ],
    )
    set_language("en")
    first, second, third = read_import(path, ImportKind.REGISTRATIONS).rows
    assert first.values == {
        "first_name": "Eva",
        "last_name": "de Geer",
        "email": "EVA@example.se",
        "organisation": "Kajen AB",
        "org_number": "5560360793",
        "dietary_needs": "Vegetarisk",
        "status": "registered",
    }
    assert first.errors == ("Gender: “K” is not one of Woman, Man, Other gender, Not specified.",)
    assert (second.values["first_name"], second.values["last_name"]) == ("Anna-Karin", "af Klint")
    assert second.values["status"] == "attended" and second.values["gender"] == "woman"
    assert third.values["first_name"] == "Madonna" and "last_name" not in third.values
    assert third.errors == (
        "The name “Madonna” is a single word: a contact needs a first and a last name. "
        "Write both in the file.",
    )


def test_first_and_last_name_columns_win_over_the_whole_name(tmp_path: Path) -> None:
    path = swedish_excel_csv(
        tmp_path / "k.csv",
        [["Förnamn", "Efternamn", "Namn"], ["Eva", "Geer", "Eva de Geer"], ["", "", "Per Berg"]],
    )
    first, second = read_import(path, ImportKind.CONTACTS).rows
    assert first.values == {"first_name": "Eva", "last_name": "Geer"}
    assert second.values == {"first_name": "Per", "last_name": "Berg"}


def test_a_workbook_s_dates_and_numbers_become_values_of_their_fields(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "partner.xlsx",
        [
            ["Namn", "Org.nr", "Sedan", "Postnummer", "Anteckning", None],
            ["Kajen AB", 5560360793, date(2024, 3, 1), 58183, date(2025, 1, 2)],
            [None, None, None, None, None],
            ["Hamn AB", 556036079, None, 60233, 17],
        ],
        formats={"B4": "0000000000", "D2": "000 00"},
    )
    first, second = read_import(path, ImportKind.PARTNERS).rows
    assert (first.number, second.number) == (2, 4)
    assert first.values == {
        "name": "Kajen AB",
        "org_number": "5560360793",
        "relationship_since": date(2024, 3, 1),
        "postal_code": "581 83",
        "notes": "2025-01-02",  # a date in a text field is written as text
    }
    assert second.values["org_number"] == "0556036079" and second.values["notes"] == "17"


def test_a_missing_required_column_refuses_the_file_before_any_row(tmp_path: Path) -> None:
    path = swedish_excel_csv(tmp_path / "k.csv", [["Efternamn", "E-post"], ["Berg", "b@x.se"]])
    set_language("en")
    table = read_table(path)
    with pytest.raises(MissingColumnError) as wrong:
        read_rows(table, guess_mapping(ImportKind.CONTACTS, table.headers))
    assert "no column for First name (or Name with the whole name)" in wrong.value.message
    with pytest.raises(ValueError):
        read_rows(table, guess_mapping(ImportKind.CONTACTS, ("Förnamn", "Efternamn")))
    chosen = guess_mapping(ImportKind.CONTACTS, table.headers).assign(1, "full_name")
    assert read_rows(table, chosen).rows[0].errors  # "b@x.se" is one word: no last name


def test_columns_not_imported_and_values_beyond_the_headings_are_said_once_for_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "k.csv"
    path.write_text("Namn;Favoritfärg;\nKajen AB;blå;\nHamn AB;;extra\n")
    set_language("en")
    result = read_import(path, ImportKind.PARTNERS)
    assert [str(problem) for problem in result.file_problems] == [
        "Columns not imported: “Favoritfärg”.",
        "Row 3 (and maybe others) has values right of the last column heading; "
        "they are not imported.",
    ]
    assert not any(problem.error for problem in result.file_problems)
