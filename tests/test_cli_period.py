"""`lkoe-desktop report period` and `report frozen`: the funder's figures as JSON, frozen and
written again byte for byte."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from period_network import build
from test_cli import call

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.services import partners

KEYS = {
    "period", "participations_attended", "unique_participants", "participant_hours",
    "activities_held", "organisations_reached", "organisations_by_sector",
    "organisations_by_size_class", "organisations_by_municipality", "enterprises_supported",
    "steering_group", "cumulative", "warnings",
}  # fmt: skip


@pytest.fixture
def db_path(sqlite_db: Database) -> Path:
    build(sqlite_db)
    path = Path(sqlite_db.engine.url.database or "")
    sqlite_db.dispose()
    return path


def test_the_quarters_figures_as_json(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "q1.json"
    result = call(
        capsys, "--db", str(db_path), "report", "period", "--quarter", "2026Q1", "-o", str(out)
    )
    assert result.code == 0, result.err
    found = json.loads(out.read_text(encoding="utf-8"))
    assert set(found) >= KEYS
    assert KEYS - {"period", "cumulative", "warnings"} <= set(found["cumulative"])
    assert found["period"] == {"from": "2026-01-01", "to": "2026-03-31"}
    assert found["participations_attended"] == 13
    assert set(found["enterprises_supported"]) == {
        "total", "micro", "small", "medium", "large", "unknown", "first_time",
    }  # fmt: skip
    assert set(found["steering_group"][0]) >= {"meeting_id", "members", "attended"}
    assert all({"kind", "ids"} <= set(warning) for warning in found["warnings"])
    ranged = tmp_path / "range.json"
    args = ("report", "period", "--from", "2026-01-01", "--to", "2026-03-31", "-o", str(ranged))
    assert call(capsys, "--db", str(db_path), *args).code == 0
    assert json.loads(ranged.read_text(encoding="utf-8")) == found


def test_frozen_then_written_again_identically(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    frozen = tmp_path / "frozen.json"
    db = ("--db", str(db_path))
    args = ("report", "period", "--project", "--freeze", "-o", str(frozen))
    assert call(capsys, *db, *args).code == 0
    database = open_database(f"sqlite:///{db_path}")
    with database.unit_of_work() as session:
        partners.update_partner(session, 1, {"name": "Omdöpta Alfa AB"})
    database.dispose()
    listed = call(capsys, *db, "report", "frozen", "--json")
    [row] = json.loads(listed.out)
    assert set(row) == {"id", "period_from", "period_to", "frozen_at", "frozen_by", "checksum"}
    assert row["period_from"] == "2025-01-01"
    again = tmp_path / "again.json"
    assert call(capsys, *db, "report", "frozen", "--id", str(row["id"]), "-o", str(again)).code == 0
    assert again.read_bytes() == frozen.read_bytes()
    assert json.loads(again.read_text(encoding="utf-8"))["frozen"]["checksum"] == row["checksum"]
    assert "Omdöpta" not in again.read_text(encoding="utf-8")
    text = call(capsys, *db, "report", "frozen")
    assert "1 låst rapport" in text.out


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def test_the_quarter_as_pdf_and_as_a_workbook(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    pdf, xlsx = tmp_path / "q1.pdf", tmp_path / "q1.xlsx"
    for out in (pdf, xlsx):
        args = ("report", "period", "--quarter", "2026Q1", "-o", str(out))
        result = call(capsys, "--db", str(db_path), *args)
        assert result.code == 0, result.err
        assert str(out) in result.err
    text = _pdf_text(pdf)
    assert "2026-01-01" in text and "2026-03-31" in text
    assert "Beta Bygg AB" in text  # its size class is unknown: a warning names it
    book = load_workbook(xlsx, read_only=True)
    summary = [row for row in book.worksheets[0].iter_rows(values_only=True) if row]
    assert ("Deltaganden", 13, 16) in [row[:3] for row in summary]
    listed = [row for row in book["Deltagarlista"].iter_rows(values_only=True) if row]
    assert len(listed) == 1 + 13


def test_a_frozen_reprint_is_unchanged_in_every_format(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    db = ("--db", str(db_path))
    frozen = tmp_path / "frozen.pdf"
    args = ("report", "period", "--quarter", "2026Q1", "--freeze", "-o", str(frozen))
    assert call(capsys, *db, *args).code == 0
    database = open_database(f"sqlite:///{db_path}")
    with database.unit_of_work() as session:
        partners.update_partner(session, 6, {"name": "Omdöpta Beta AB"})
    database.dispose()
    again, book = tmp_path / "again.pdf", tmp_path / "again.xlsx"
    for out in (again, book):
        result = call(capsys, *db, "report", "frozen", "--id", "1", "-o", str(out))
        assert result.code == 0, result.err
    first, second = _pdf_text(frozen), _pdf_text(again)
    assert second == first
    assert "Omdöpta" not in second and "Beta Bygg AB" in second
    assert "Låst rapport nr 1" in second
    cells = [
        cell
        for sheet in load_workbook(book, read_only=True).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    ]
    assert "Beta Bygg AB" in cells and "Omdöpta Beta AB" not in cells


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("period", "--quarter", "2026Q5", "-o", "{folder}/x.pdf"), "2026Q5"),
        (("frozen", "--id", "99", "-o", "{folder}/x.xlsx"), "99"),
    ],
)
def test_a_bad_period_or_unknown_frozen_report_is_said_clearly(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    args: tuple[str, ...],
    said: str,
) -> None:
    folder = tmp_path / "ut"
    folder.mkdir()
    filled = [arg.format(folder=folder) for arg in args]
    result = call(capsys, "--db", str(db_path), "report", *filled)
    assert result.code == 1
    assert said in result.err and "Traceback" not in result.err
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ("period", "--quarter", "2026Q5", "-o", "{out}"),
        ("period", "--to", "2026-03-31", "-o", "{out}"),
        ("period", "--from", "2026-04-01", "--to", "2026-03-01", "-o", "{out}"),
        ("period", "--quarter", "2026Q1", "-o", "{folder}/x.doc"),
        ("frozen", "--id", "99", "-o", "{out}"),
        ("frozen", "--id", "1"),
        ("frozen", "-o", "{out}"),
    ],
)
def test_a_user_error_exits_1_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    folder = tmp_path / "ut"
    folder.mkdir()
    filled = [arg.format(out=folder / "x.json", folder=folder) for arg in args]
    result = call(capsys, "--db", str(db_path), "report", *filled)
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    assert list(folder.iterdir()) == []
