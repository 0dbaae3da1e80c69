"""`lkoe-desktop import …`: the preview, the problems by row, the error file and exit statuses."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest
from import_files import swedish_excel_csv, utf8_csv, workbook
from imports_setup import CONTACT_HEADERS
from test_cli import call

ROWS = [
    CONTACT_HEADERS,
    ["Åsa", "Öberg", "asa@exempel.se", "013-12 34 56", "Östgöta Logistik AB", "556036-0793", "VD"],
    ["Per", "Fel", "per@@exempel", "", "", "", '=HYPERLINK("x")'],
    ["Eva", "de Geer", "EVA@exempel.se", "", "Hamnbolaget", "", ""],
    ["Eva", "de Geer", "eva@exempel.se", "", "Hamnbolaget", "", ""],
]


@pytest.fixture
def database(tmp_path: Path, sqlite_template: Path) -> Path:
    path = tmp_path / "kansli.sqlite3"
    shutil.copy(sqlite_template, path)
    return path


def _count(database: Path, table: str) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_dry_run_prints_the_preview_and_the_problems_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, database: Path
) -> None:
    path = swedish_excel_csv(tmp_path / "kontakter.csv", ROWS)
    result = call(capsys, "--db", str(database), "import", "contacts", str(path), "--dry-run")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == "Förhandsgranskning av ”kontakter.csv” (4 rader); inget sparades."
    assert lines[1] == "  Läst som CSV i Windows-1252, avgränsad med ;."
    assert lines[2] == (
        "  Nya: 2 · Uppdateras: 0 · Oförändrade: 0 · Dubbletter i filen: 1 · Fel: 1"
    )
    assert lines[3] == "  Skapas: 2 partner, 2 kontakter"
    assert lines[4].startswith("rad 3: E-post: Ogiltig e-postadress")
    assert lines[5] == "rad 5: Samma person som rad 4: tillämpas som en träff."
    assert _count(database, "contacts") == 0 and _count(database, "import_batches") == 0
    clean = swedish_excel_csv(tmp_path / "ren.csv", [ROWS[0], ROWS[1]])
    result = call(capsys, "--db", str(database), "import", "contacts", str(clean), "--dry-run")
    assert result.code == 0 and _count(database, "contacts") == 0


def test_a_file_with_errors_is_refused_unless_skip_invalid_and_the_error_file_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, database: Path
) -> None:
    path = swedish_excel_csv(tmp_path / "kontakter.csv", ROWS)
    errors = tmp_path / "fel.csv"
    args = ["--db", str(database), "import", "contacts", str(path), "--error-file", str(errors)]
    refused = call(capsys, *args)
    assert refused.code == 1 and "inget importerades" in refused.err
    assert "rad 3: E-post" in refused.out
    assert _count(database, "contacts") == 0
    data = errors.read_bytes()
    assert data.decode("cp1252").splitlines() == [
        ";".join([*CONTACT_HEADERS, "Problem"]),
        'Per;Fel;per@@exempel;;;;"\'=HYPERLINK(""x"")";E-post: Ogiltig e-postadress: den måste '
        "innehålla exakt ett @-tecken.",
    ]
    assert b"\r\n" in data
    imported = call(capsys, *args, "--skip-invalid", "--legal-basis", "consent")
    assert imported.code == 0 and "importerades som import 1" in imported.out
    assert _count(database, "contacts") == 2
    with sqlite3.connect(database) as connection:
        assert {row[0] for row in connection.execute("SELECT basis FROM consents")} == {"consent"}


def test_an_xlsx_error_file_is_a_workbook_with_text_cells(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, database: Path
) -> None:
    path = workbook(tmp_path / "k.xlsx", [ROWS[0], [*ROWS[2][:6], "@kajen"]])
    errors = tmp_path / "fel.xlsx"
    result = call(
        capsys, "--db", str(database), "import", "contacts", str(path), "--dry-run",
        "--error-file", str(errors),
    )  # fmt: skip
    assert result.code == 1
    sheet = openpyxl.load_workbook(errors).active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]][-1] == "Problem"
    assert sheet["G2"].data_type != "f"
    assert sheet["G2"].value == "@kajen"
    with zipfile.ZipFile(errors) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_registrations_need_a_meeting_and_a_bad_file_is_one_clear_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, database: Path
) -> None:
    path = utf8_csv(tmp_path / "a.csv", [["Namn", "E-post"], ["Eva de Geer", "eva@x.se"]])
    base = ["--db", str(database), "import"]
    missing = call(capsys, *base, "registrations", str(path))
    assert missing.code == 1 and "--meeting" in missing.err
    unknown = call(capsys, *base, "registrations", str(path), "--meeting", "99")
    assert unknown.code == 1 and unknown.err.strip() == "Fel: Möte 99 finns inte."
    picture = tmp_path / "bild.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    header_only = utf8_csv(tmp_path / "tom.csv", [CONTACT_HEADERS])
    no_name = utf8_csv(tmp_path / "utan.csv", [["E-post"], ["eva@x.se"]])
    for bad, said in (
        (picture, "är inget kalkylark"),
        (header_only, "har en rubrikrad men inga rader"),
        (no_name, "Förnamn och Efternamn"),
        (tmp_path / "saknas.csv", "filen finns inte"),
    ):
        result = call(capsys, *base, "contacts", str(bad))
        assert result.code == 1 and said in result.err and "Traceback" not in result.err
    assert _count(database, "import_batches") == 0
