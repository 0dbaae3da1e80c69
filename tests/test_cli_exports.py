"""`lkoe-desktop export …`: each list to each format that fits it; a format that does not, an
unknown id or a file that cannot be written is a user error that writes nothing."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_cli import call

from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.domain.clock import FixedClock
from lkoe_desktop.services import contacts, groups, meetings, participations, partners

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "kansli.sqlite3"
    database = open_database(f"sqlite:///{path}", clock=FixedClock(START), user="testare")
    with database.unit_of_work() as session:
        hamn = partners.create_partner(
            session, {"name": "Hamnbolaget AB", "org_number": "556677-8899"}
        ).id
        other = partners.create_partner(session, {"name": "Åkeri Öst"}).id
        people = {}
        for first, last, where in (
            ("Åsa", "Öberg", hamn),
            ("Łukasz", "Wójcik", hamn),
            ("Иван", "Петров", other),
        ):
            people[last] = contacts.create_contact(
                session,
                {"first_name": first, "last_name": last, "organisation_id": where, "title": "=1+1"},
            ).id
        gone = contacts.create_contact(session, {"first_name": "Gammal", "last_name": "Arkiverad"})
        contacts.set_contact_archived(session, gone.id, True)
        meeting = meetings.create_meeting(
            session,
            {"title": "Frukostseminarium", "kind": "seminar", "starts_at": "2026-04-14 08:00"},
        ).id
        participations.register(session, meeting, people["Öberg"])
        group = groups.create_group(session, {"name": "Styrgrupp"}).id
        groups.add_member(session, group, people["Петров"])
    database.dispose()
    return path


@pytest.fixture
def db_path(template: Path, tmp_path: Path) -> str:
    path = tmp_path / "kansli.sqlite3"
    shutil.copy(template, path)
    return str(path)


def test_each_list_to_each_format_that_fits_it(
    capsys: pytest.CaptureFixture[str], db_path: str, tmp_path: Path
) -> None:
    fitting = {
        "partners": ("csv", "xlsx", "json"),
        "contacts": ("csv", "xlsx", "vcf", "json"),
        "meetings": ("csv", "xlsx", "ics", "json"),
        "participants": ("csv", "xlsx", "json"),
    }
    for what, formats in fitting.items():
        for fmt in formats:
            target = tmp_path / f"{what}.{fmt}"
            result = call(
                capsys, "--db", db_path, "export", what, "--format", fmt, "-o", str(target)
            )
            assert result.code == 0, result.err
            assert target.stat().st_size > 0
            assert result.err.startswith(f"Skrev {target} (")


def test_search_archived_partner_and_group_choose_the_rows(
    capsys: pytest.CaptureFixture[str], db_path: str, tmp_path: Path
) -> None:
    target = tmp_path / "k.json"

    def names(*options: str) -> list[str]:
        result = call(
            capsys,
            "--db",
            db_path,
            "export",
            "contacts",
            *options,
            "--format",
            "json",
            "-o",
            str(target),
        )
        assert result.code == 0, result.err
        return [row["last_name"] for row in json.loads(target.read_text(encoding="utf-8"))]

    assert names() == ["Wójcik", "Öberg", "Петров"]
    assert names("--archived") == ["Arkiverad", "Wójcik", "Öberg", "Петров"]
    assert names("--search", "ÅKERI") == ["Петров"]
    assert names("--partner", "1") == ["Wójcik", "Öberg"]
    assert names("--group", "1") == ["Петров"]
    xlsx = tmp_path / "p.xlsx"
    result = call(
        capsys,
        "--db",
        db_path,
        "export",
        "partners",
        "--partner",
        "2",
        "--format",
        "xlsx",
        "-o",
        str(xlsx),
    )
    assert result.code == 0, result.err
    assert [row[0].value for row in load_workbook(xlsx).worksheets[0].iter_rows()] == [
        "Namn",
        "Åkeri Öst",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("meetings", "--format", "vcf"), "Möten kan inte exporteras som vcf"),
        (("contacts", "--format", "ics"), "Kontakter kan inte exporteras som ics"),
        (("participants", "--meeting", "99", "--format", "csv"), "Möte 99 finns inte."),
        (("contacts", "--partner", "99", "--format", "csv"), "Partner 99 finns inte."),
        (("contacts", "--group", "99", "--format", "csv"), "Grupp 99 finns inte."),
        (("contacts", "--format", "pdf"), "ogiltigt val: 'pdf'"),
    ],
)
def test_a_user_error_is_told_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    db_path: str,
    tmp_path: Path,
    args: tuple[str, ...],
    message: str,
) -> None:
    target = tmp_path / "ut.fil"
    result = call(capsys, "--db", db_path, "export", *args, "-o", str(target))
    assert result.code == 1
    assert message in result.err and "Traceback" not in result.err
    assert not target.exists()


def test_a_file_that_cannot_be_written_is_a_user_error(
    capsys: pytest.CaptureFixture[str], db_path: str, tmp_path: Path
) -> None:
    target = tmp_path / "saknas" / "k.csv"
    result = call(
        capsys, "--db", db_path, "export", "contacts", "--format", "csv", "-o", str(target)
    )
    assert result.code == 1
    assert f"Kan inte skriva ”{target}”" in result.err
