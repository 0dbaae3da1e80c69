"""The command line as a user runs it: a separate process on real SQLite files."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lkoe_desktop import __version__, cli, paths
from lkoe_desktop.cli import output
from lkoe_desktop.db.migrate import HEAD, open_database
from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.clock import FixedClock
from lkoe_desktop.domain.codes import Sector, label
from lkoe_desktop.services.affiliations import change_job
from lkoe_desktop.services.contacts import create_contact, set_contact_archived
from lkoe_desktop.services.meetings import MeetingFilter, create_meeting, list_meetings
from lkoe_desktop.services.participations import register, set_status
from lkoe_desktop.services.partners import create_partner, set_partner_archived
from lkoe_desktop.services.themes import create_theme

ROOT = Path(__file__).resolve().parent.parent
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

CONTACT_KEYS = {
    "id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "mobile",
    "organisation",
    "organisation_id",
    "title",
    "archived",
}
PARTNER_KEYS = {
    "id",
    "name",
    "org_number",
    "sector",
    "size_class",
    "municipality",
    "relationship",
    "phone",
    "email",
    "archived",
}
THEME_KEYS = {
    "id",
    "name",
    "description",
    "colour",
    "responsible",
    "responsible_id",
    "active_from",
    "active_until",
    "archived",
}
MEETING_KEYS = {
    "id",
    "title",
    "kind",
    "status",
    "starts_at",
    "ends_at",
    "place",
    "organiser",
    "capacity",
    "registered_count",
    "attended_count",
    "archived",
}
PARTICIPANT_KEYS = {
    "id",
    "meeting_id",
    "contact_id",
    "first_name",
    "last_name",
    "email",
    "organisation",
    "organisation_id",
    "status",
    "role",
    "dietary_needs",
    "note",
    "checked_in_at",
}


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> list[dict[str, object]]:
        data = json.loads(self.out)
        assert isinstance(data, list)
        return data


def run(home: Path, *args: str, **env: str) -> Result:
    """`python -m lkoe_desktop ARGS` with its own user folders, Swedish, LKOE_DB unset."""
    environment = {key: value for key, value in os.environ.items() if key != "LKOE_DB"}
    environment |= {
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "LKOE_LANG": "sv",
    }
    environment |= env
    done = subprocess.run(
        [sys.executable, "-m", "lkoe_desktop", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        timeout=300,
        check=False,
    )
    return Result(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def _build_known(path: Path) -> None:
    """A small database whose every row the tests know."""
    database = open_database(f"sqlite:///{path}", clock=FixedClock(START), user="testare")
    with database.unit_of_work() as session:
        ostgota = create_partner(
            session,
            {
                "name": "Östgöta Logistik AB",
                "sector": "business",
                "size_class": "small",
                "municipality": "Norrköping",
                "relationship": "member",
                "phone": "011-12 34 56",
            },
        )
        liu = create_partner(session, {"name": "Linköpings universitet", "sector": "academia"})
        closed = create_partner(session, {"name": "Öster Åkeri AB", "sector": "business"})
        set_partner_archived(session, closed.id, True)
        asa = create_contact(
            session,
            {
                "first_name": "Åsa",
                "last_name": "Östberg",
                "email": "asa.ostberg@example.se",
                "phone": "013-12 34 56",
                "mobile": "070-123 45 67",
            },
        )
        change_job(session, asa.id, ostgota.id, title="Logistikchef")
        per = create_contact(session, {"first_name": "Per", "last_name": "Andersson"})
        change_job(session, per.id, liu.id)
        create_contact(session, {"first_name": "Łukasz", "last_name": "Wójcik"})
        gosta = create_contact(session, {"first_name": "Gösta", "last_name": "Österlund"})
        set_contact_archived(session, gosta.id, True)
        create_theme(session, {"name": "Hållbara transporter", "responsible_id": asa.id})
        summer = create_meeting(
            session,
            {
                "title": "Frukostseminarium om e-handel",
                "kind": "seminar",
                "starts_at": "2026-04-14 08:00",
                "ends_at": "2026-04-14 09:30",
                "place": "Norrköping",
            },
        )
        winter = create_meeting(
            session, {"title": "Styrgruppsmöte", "kind": "steering_group", "starts_at": START}
        )
        register(session, summer.id, asa.id, dietary_needs="Vegetarisk")
        attended = register(session, winter.id, per.id)
        set_status(session, attended.id, "attended")
    database.dispose()


def call(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """`main(ARGS)` in this process: quicker, for checks of what a command prints."""
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


@pytest.fixture(scope="module")
def known_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("known") / "known.sqlite3"
    _build_known(path)
    return path


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite3"
    result = run(folder, "--db", str(path), "demo")
    assert result.code == 0, result.err
    return path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def known(tmp_path: Path, known_template: Path) -> Path:
    path = tmp_path / "known.sqlite3"
    shutil.copy(known_template, path)
    return path


@pytest.fixture
def demo(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("sv")


def _names(rows: list[dict[str, object]]) -> list[str]:
    return [f"{row['first_name']} {row['last_name']}" for row in rows]


def test_db_before_the_command_and_json_of_contacts(home: Path, known: Path) -> None:
    result = run(home, "--db", str(known), "list", "contacts", "--json")
    assert result.code == 0, result.err
    rows = result.json()
    assert _names(rows) == ["Per Andersson", "Łukasz Wójcik", "Åsa Östberg"]
    assert all(set(row) == CONTACT_KEYS for row in rows)
    asa = rows[2]
    assert asa["phone"] == "+4613123456"
    assert asa["mobile"] == "+46701234567"
    assert asa["organisation"] == "Östgöta Logistik AB"
    assert asa["title"] == "Logistikchef"
    assert asa["archived"] is False
    assert rows[1]["organisation"] is None and rows[1]["email"] is None


def test_db_after_the_command_prints_a_swedish_table(home: Path, known: Path) -> None:
    result = run(home, "list", "contacts", "--db", str(known))
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    for heading in ("Id", "Last name", "First name", "Organisation", "Phone"):
        assert i18n.gettext(heading) in lines[0]
    assert set(lines[1]) <= {"-", " "}
    assert "Östberg" in lines[4] and "013-12 34 56" in lines[4] and "070-123 45 67" in lines[4]
    assert lines[-1] == output.count_line("contacts", 3)


def test_lkoe_db_environment_variable_chooses_the_database(home: Path, known: Path) -> None:
    result = run(home, "list", "partners", "--json", LKOE_DB=str(known))
    assert result.code == 0, result.err
    rows = result.json()
    assert [row["name"] for row in rows] == ["Linköpings universitet", "Östgöta Logistik AB"]
    assert all(set(row) == PARTNER_KEYS for row in rows)
    assert rows[1]["sector"] == "business" and rows[1]["phone"] == "+4611123456"


def test_db_option_wins_over_the_environment(home: Path, known: Path, tmp_path: Path) -> None:
    result = run(home, "list", "themes", "--json", "--db", str(known), LKOE_DB=str(tmp_path))
    assert result.code == 0, result.err
    [theme] = result.json()
    assert set(theme) == THEME_KEYS
    assert theme["name"] == "Hållbara transporter" and theme["responsible"] == "Åsa Östberg"


def test_a_new_path_becomes_an_empty_database(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "ny mapp" / "tom.sqlite3"
    path.parent.mkdir()
    result = run(home, "--db", str(path), "list", "partners")
    assert result.code == 0, result.err
    assert result.out == output.count_line("partners", 0) + "\n"
    assert path.exists()


def test_without_db_the_file_in_the_data_folder_is_used(home: Path) -> None:
    result = run(home, "list", "meetings", "--json")
    assert result.code == 0, result.err
    assert result.json() == []
    assert (home / "data" / "lkoe-desktop" / "lkoe.sqlite3").exists()


def test_search_finds_swedish_letters_and_leaves_out_archived(home: Path, known: Path) -> None:
    result = run(home, "--db", str(known), "list", "contacts", "--search", "öst", "--json")
    assert result.code == 0, result.err
    assert _names(result.json()) == ["Åsa Östberg"]


def test_archived_includes_archived_rows(home: Path, known: Path) -> None:
    result = run(
        home, "--db", str(known), "list", "contacts", "--search", "ÖST", "--archived", "--json"
    )
    assert result.code == 0, result.err
    rows = result.json()
    assert _names(rows) == ["Åsa Östberg", "Gösta Österlund"]
    assert [row["archived"] for row in rows] == [False, True]


def test_meetings_json_has_stockholm_times_and_counts(
    capsys: pytest.CaptureFixture[str], known: Path
) -> None:
    result = call(capsys, "--db", str(known), "list", "meetings", "--json")
    assert result.code == 0, result.err
    summer, winter = result.json()
    assert set(summer) == MEETING_KEYS
    assert summer["starts_at"] == "2026-04-14T08:00:00+02:00"
    assert summer["ends_at"] == "2026-04-14T09:30:00+02:00"
    assert summer["kind"] == "seminar" and summer["status"] == "planned"
    assert summer["registered_count"] == 1
    assert winter["starts_at"] == "2026-03-02T10:00:00+01:00" and winter["ends_at"] is None
    assert winter["attended_count"] == 1


def _meeting_id(path: Path, title: str) -> int:
    database = open_database(f"sqlite:///{path}")
    with database.reading() as session:
        [meeting] = list_meetings(session, MeetingFilter(search=title))
    database.dispose()
    return meeting.id


def test_participants_of_one_meeting(capsys: pytest.CaptureFixture[str], known: Path) -> None:
    winter = _meeting_id(known, "Styrgruppsmöte")
    result = call(capsys, "--db", str(known), "list", "participants", "--meeting", str(winter))
    assert result.code == 0, result.err
    assert "Andersson" in result.out and "Östberg" not in result.out
    assert "2026-03-02 10:00" in result.out  # checked in, shown in Stockholm time
    assert result.out.splitlines()[-1] == output.count_line("participants", 1)


def test_participants_of_every_meeting_as_json(
    capsys: pytest.CaptureFixture[str], known: Path
) -> None:
    result = call(capsys, "list", "participants", "--json", "--db", str(known))
    assert result.code == 0, result.err
    rows = result.json()
    assert all(set(row) == PARTICIPANT_KEYS for row in rows)
    by_name = {row["last_name"]: row for row in rows}
    assert by_name["Östberg"]["organisation"] == "Östgöta Logistik AB"
    assert by_name["Östberg"]["status"] == "registered"
    assert by_name["Östberg"]["dietary_needs"] == "Vegetarisk"
    assert by_name["Andersson"]["checked_in_at"] == "2026-03-02T10:00:00+01:00"


def test_unknown_meeting_is_a_user_error(home: Path, known: Path) -> None:
    result = run(home, "--db", str(known), "list", "participants", "--meeting", "999")
    assert result.code == 1
    assert "Möte 999 finns inte." in result.err  # the id typed, which the window never shows
    assert "Traceback" not in result.err
    assert result.out == ""


def test_demo_then_json_of_contacts_and_meetings(home: Path, demo: Path) -> None:
    contacts = run(home, "--db", str(demo), "list", "contacts", "--json")
    assert contacts.code == 0, contacts.err
    rows = contacts.json()
    assert len(rows) > 10
    assert all(set(row) == CONTACT_KEYS for row in rows)
    phones = [row["phone"] for row in rows if row["phone"]]
    assert phones and all(str(phone).startswith("+") for phone in phones)
    meetings = run(home, "--db", str(demo), "list", "meetings", "--json", "--archived").json()
    assert meetings
    for meeting in meetings:
        starts = datetime.fromisoformat(str(meeting["starts_at"]))
        assert starts.utcoffset() is not None
        assert str(meeting["starts_at"])[-6:] in ("+01:00", "+02:00")


def test_demo_into_a_non_empty_database_is_refused(home: Path, known: Path) -> None:
    before = known.read_bytes()
    result = run(home, "--db", str(known), "demo")
    assert result.code == 1
    assert result.err.strip() and "Traceback" not in result.err
    assert result.out == ""
    assert known.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "inköpslista.sqlite3"
    path.write_text("mjölk\nägg\n", encoding="utf-8")
    result = run(home, "--db", str(path), "list", "partners")
    assert result.code == 1
    assert str(path) in result.err and "Traceback" not in result.err
    assert path.read_text(encoding="utf-8") == "mjölk\nägg\n"


def test_unknown_command_is_a_user_error(home: Path) -> None:
    result = run(home, "lista", "kontakter")
    assert result.code == 1
    assert "lista" in result.err and "Traceback" not in result.err


def test_an_internal_error_exits_2_and_is_logged(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "halv.sqlite3"
    with sqlite3.connect(path) as connection:  # the schema mark, but none of the tables
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES (?)", (HEAD,))
    connection.close()
    result = run(home, "--db", str(path), "list", "partners")
    assert result.code == 2
    assert "Traceback" not in result.err
    log_file = home / "state" / "lkoe-desktop" / "log" / cli.LOG_FILE_NAME
    assert str(log_file) in result.err
    assert "Traceback" in log_file.read_text(encoding="utf-8")


def test_english_when_lkoe_lang_is_en(home: Path, known: Path, english: None) -> None:
    result = run(home, "--db", str(known), "list", "partners", LKOE_LANG="en")
    assert result.code == 0, result.err
    assert label(Sector.BUSINESS) in result.out
    assert result.out.splitlines()[-1] == output.count_line("partners", 2)


def test_swedish_labels_by_default(capsys: pytest.CaptureFixture[str], known: Path) -> None:
    result = call(capsys, "--db", str(known), "list", "partners", "--archived")
    assert result.code == 0, result.err
    assert label(Sector.BUSINESS) == "Näringsliv"
    assert "Näringsliv" in result.out and "Öster Åkeri AB" in result.out


def _columns(line: str) -> list[str]:
    """A printed line as the terminal shows it: one entry per column a character takes."""
    shown: list[str] = []
    for character in line:
        shown += [character, *[""] * (output.display_width(character) - 1)]
    return shown


def test_wide_characters_keep_the_text_table_aligned(
    capsys: pytest.CaptureFixture[str], known: Path
) -> None:
    database = open_database(f"sqlite:///{known}")
    with database.unit_of_work() as session:
        for first, last in (("小龍", "李"), ("민준", "김"), ("Thị Hoa", "Nguyễn")):
            create_contact(
                session, {"first_name": first, "last_name": last, "phone": "013-12 34 56"}
            )
    database.dispose()
    result = call(capsys, "--db", str(known), "list", "contacts")
    assert result.code == 0, result.err
    heading, ruler, *rows = result.out.splitlines()[:-1]
    gaps = [column for column, mark in enumerate(ruler) if mark == " "]
    assert len(gaps) >= 10
    for row in [heading, *rows]:
        shown = _columns(row)
        assert all(column >= len(shown) or shown[column] == " " for column in gaps), row
    phones = [_columns(row).index("0") for row in rows if "013-12 34 56" in row]
    assert len(phones) == 4 and len(set(phones)) == 1
    assert any("李" in row for row in rows) and any("Łukasz" in row for row in rows)
    assert output.display_width("李小龍 Łukasz e\u0301") == 15


def test_output_is_utf8_whatever_the_locale(home: Path, known: Path) -> None:
    result = run(home, "--db", str(known), "list", "contacts", PYTHONIOENCODING="ascii")
    assert result.code == 0, result.err
    assert "Łukasz" in result.out and "Östberg" in result.out


def test_commands_never_load_qt(home: Path, known: Path) -> None:
    code = (
        "import sys; from lkoe_desktop.cli import main; "
        f"status = main(['--db', {str(known)!r}, 'list', 'partners']); "
        "assert 'PySide6' not in sys.modules, 'Qt was loaded'; sys.exit(status)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode("utf-8")


def test_the_command_line_and_the_window_s_start_import_only_light_modules() -> None:
    """The window starts through the command line: reading its arguments and reaching the
    window's start (where the garbage collector begins to rest) must not pay for SQLAlchemy,
    Qt, reportlab or openpyxl, which only a command or the window itself needs."""
    heavy = ("sqlalchemy", "PySide6", "reportlab", "openpyxl", "alembic")
    code = (
        "import sys; from lkoe_desktop.cli import build_parser; build_parser(); "
        "import lkoe_desktop.ui.app; "
        f"print(' '.join(m for m in {heavy!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode("utf-8")
    assert done.stdout.decode().split() == []


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert call(capsys, "--version") == Result(0, f"LKÖ Desktop {__version__}\n", "")


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["demo"],
        ["list"],
        ["list", "partners"],
        ["list", "contacts"],
        ["list", "themes"],
        ["list", "meetings"],
        ["list", "participants"],
    ],
    ids=lambda command: " ".join(command) or "main",
)
def test_help_of_every_command(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([*command, "--help"]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith(i18n.gettext("usage: "))
    assert "--db" in shown


def test_help_tells_where_the_database_and_the_log_are(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["--help"]) == 0
    shown = capsys.readouterr().out
    assert "LKOE_DB" in shown
    assert str(paths.default_database_path()) in shown and str(paths.log_dir()) in shown


def test_usage_error_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    result = call(capsys, "list", "contacts", "--meeting", "3")
    assert result.code == 1 and result.out == ""
    assert "--meeting" in result.err and "Traceback" not in result.err
