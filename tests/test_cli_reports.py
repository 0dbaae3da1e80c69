"""`lkoe-desktop report …`: each document written and read back; a user error writes nothing."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from test_cli import call, run

from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.domain.clock import FixedClock
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import participations
from lkoe_desktop.services.contacts import create_contact
from lkoe_desktop.services.meetings import create_meeting
from lkoe_desktop.services.partners import create_partner, set_partner_archived

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PEOPLE = (
    ("Łukasz", "Wójcik", "registered"),
    ("Åsa", "Öberg", "attended"),
    ("Иван", "Петров", "attended"),
    ("Erik", "Andersson", "cancelled"),
    ("Sara", "Holm", "no_show"),
    ("Nils", "Karlsson", "invited"),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "kansli.sqlite3"
    database = open_database(f"sqlite:///{path}", clock=FixedClock(START), user="testare")
    with database.unit_of_work() as session:
        hamn = create_partner(
            session, {"name": "Hamnbolaget AB", "org_number": "556677-8899", "sector": "business"}
        ).id
        gone = create_partner(session, {"name": "Nedlagda Åkeriet AB"}).id
        set_partner_archived(session, gone, True)
        meeting = create_meeting(
            session,
            {
                "title": "Frukostseminarium",
                "kind": "seminar",
                "starts_at": "2026-04-14 08:00",
                "place": "Norrköping",
            },
        ).id
        for first, last, status in PEOPLE:
            person = create_contact(
                session,
                {
                    "first_name": first,
                    "last_name": last,
                    "email": f"{len(last)}.{status}@example.se",
                    "organisation_id": hamn,
                },
            ).id
            row = participations.register(session, meeting, person)
            if status != "registered":
                participations.set_status(session, row.id, status)
    database.dispose()
    return path


@pytest.fixture
def db_path(tmp_path: Path, template: Path) -> Path:
    path = tmp_path / "kansli.sqlite3"
    shutil.copy(template, path)
    return path


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _report(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> int:
    return call(capsys, "--db", str(db), "report", *args).code


def test_sign_in_sheet_lists_who_comes_and_never_their_email(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "närvarolista.pdf"
    assert _report(capsys, db_path, "sign-in-sheet", "--meeting", "1", "-o", str(out)) == 0
    text = _text(out)
    for name in ("Łukasz Wójcik", "Åsa Öberg", "Иван Петров"):
        assert name in text
    for name in ("Andersson", "Holm", "Karlsson", "@example.se"):
        assert name not in text


def test_sign_in_sheet_options(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "liggande.pdf"
    code = _report(
        capsys,
        db_path,
        "sign-in-sheet",
        "--meeting",
        "1",
        "--include-invited",
        "--landscape",
        "--blank-rows",
        "0",
        "-o",
        str(out),
    )
    assert code == 0
    page = PdfReader(out).pages[0]
    assert page.mediabox.width > page.mediabox.height
    assert "Karlsson" in _text(out)


def test_badges_in_both_layouts_and_the_calibration_page(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    for layout in ("a6", "90x55"):
        out = tmp_path / f"skyltar-{layout}.pdf"
        args = ("badges", "--meeting", "1", "--layout", layout, "-o", str(out))
        assert _report(capsys, db_path, *args) == 0
        assert "Иван" in _text(out) and "Sara" not in _text(out)
    calibration = tmp_path / "kalibrering.pdf"
    assert _report(capsys, db_path, "badges", "--calibration", "-o", str(calibration)) == 0
    assert len(PdfReader(calibration).pages) == 1


def test_participant_list_as_pdf_and_excel(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "deltagarlista.pdf"
    assert _report(capsys, db_path, "participants", "--meeting", "1", "-o", str(pdf)) == 0
    text = _text(pdf)
    assert "Öberg" in text and "Петров" in text and "Wójcik" not in text
    xlsx = tmp_path / "deltagarlista.xlsx"
    assert _report(capsys, db_path, "participants", "--quarter", "2026Q2", "-o", str(xlsx)) == 0
    sheet = load_workbook(xlsx).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    flat = [str(value) for row in values for value in row if value is not None]
    assert "556677-8899" in flat
    assert sum("Öberg" in value or "Петров" in value for value in flat) == 2
    empty = tmp_path / "tomt.xlsx"
    assert _report(capsys, db_path, "participants", "--quarter", "2026Q1", "-o", str(empty)) == 0
    assert len(list(load_workbook(empty).worksheets[0].iter_rows())) == 1  # the header only


def test_participant_list_periods(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "period.pdf"
    period = ("--from", "2026-04-14", "--to", "2026-04-14")
    assert _report(capsys, db_path, "participants", *period, "-o", str(out)) == 0
    assert "Öberg" in _text(out)
    assert _report(capsys, db_path, "participants", "--project", "-o", str(out)) == 0
    assert "Öberg" in _text(out)


def test_contact_sheets_and_register_leave_out_archived_partners(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    sheets = tmp_path / "kontaktblad.pdf"
    assert _report(capsys, db_path, "contact-sheet", "-o", str(sheets)) == 0
    assert "Hamnbolaget AB" in _text(sheets) and "Nedlagda" not in _text(sheets)
    one = tmp_path / "en.pdf"
    assert _report(capsys, db_path, "contact-sheet", "--partner", "2", "-o", str(one)) == 0
    assert "Nedlagda Åkeriet AB" in _text(one)  # asked for by id, archived or not
    register = tmp_path / "register.pdf"
    assert _report(capsys, db_path, "register", "-o", str(register)) == 0
    assert "556677-8899" in _text(register) and "Nedlagda" not in _text(register)


@pytest.mark.parametrize(
    "args",
    [
        ("sign-in-sheet", "--meeting", "99"),
        ("badges", "--meeting", "99"),
        ("participants", "--meeting", "99"),
        ("contact-sheet", "--partner", "99"),
        ("participants", "--quarter", "2026Q5"),
        ("participants", "--from", "2026-04-01"),
        ("participants", "--from", "2026-04-31", "--to", "2026-05-01"),
        ("participants", "--from", "2026-05-01", "--to", "2026-04-01"),
        ("sign-in-sheet", "--meeting", "1", "--blank-rows", "-1"),
    ],
)
def test_a_user_error_exits_1_and_writes_no_file(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    out = tmp_path / "ut.pdf"
    result = call(capsys, "--db", str(db_path), "report", *args, "-o", str(out))
    assert result.code == 1
    assert result.err.startswith(_("Error: {message}").format(message=""))
    assert "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == [db_path]


def test_a_wrong_file_name_or_folder_is_a_user_error(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    wrong = call(capsys, "--db", str(db_path), "report", "register", "-o", str(tmp_path / "x.doc"))
    assert wrong.code == 1 and ".pdf" in wrong.err
    missing = tmp_path / "finns-inte" / "x.pdf"
    absent = call(capsys, "--db", str(db_path), "report", "register", "-o", str(missing))
    assert absent.code == 1 and "finns-inte" in absent.err


def test_report_help_is_swedish(tmp_path: Path) -> None:
    result = run(tmp_path, "report", "badges", "--help")
    assert result.code == 0
    assert "--calibration" in result.out and "--layout" in result.out
    assert "skrivarens" in result.out


def test_today_is_the_default_end_of_the_project(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    from lkoe_desktop.cli.reports import period

    database = open_database(f"sqlite:///{db_path}", clock=FixedClock(START), user="testare")
    args = type("Args", (), {"quarter": None, "starts_from": None, "starts_until": None})()
    try:
        assert period(args, database).starts_from == date(2026, 4, 14)  # type: ignore[arg-type]
        assert period(args, database).starts_until == date(2026, 4, 14)  # type: ignore[arg-type]
    finally:
        database.dispose()
