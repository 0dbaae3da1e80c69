"""`lkoe-desktop report period` and `report frozen`: the funder's figures as JSON, frozen and
written again byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from period_network import build
from test_cli import call

from lkoe_desktop.db.engine import Database
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
    from lkoe_desktop.db.migrate import open_database

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
