"""Bad input on the command line: a user error on stderr, exit 1, never a traceback."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from test_cli import call, run

from lkoe_desktop import paths
from lkoe_desktop.db.engine import busy_error
from lkoe_desktop.domain.i18n import gettext as _

TOO_LARGE = "99999999999999999999999"


@pytest.fixture
def empty(tmp_path: Path, sqlite_template: Path) -> Path:
    path = tmp_path / "kansli.sqlite3"
    shutil.copy(sqlite_template, path)
    return path


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@contextmanager
def another_program_writing(path: Path) -> Iterator[sqlite3.Connection]:
    """Another connection holds the write lock until the block ends (or it rolls back)."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield other
    finally:
        other.close()


@pytest.mark.parametrize(
    "address", ["mysql://kansliet:hemligt@server/lkoe", "foo://bar", "http://example.com/lkoe"]
)
def test_a_database_of_another_kind_is_refused_naming_the_kinds_there_are(
    capsys: pytest.CaptureFixture[str], address: str
) -> None:
    result = call(capsys, "--db", address, "list", "partners")
    assert result.code == 1 and result.out == ""
    scheme = address.partition("://")[0]
    assert f"”{scheme}://”" in result.err
    assert "SQLite" in result.err and "postgresql://" in result.err
    assert "hemligt" not in result.err and "Traceback" not in result.err


def test_lkoe_db_of_another_kind_is_refused_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.DB_ENV, "mysql://server/lkoe")
    result = call(capsys, "list", "partners")
    assert result.code == 1 and "postgresql://" in result.err


def test_an_empty_db_option_is_an_error_not_the_default_database(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = call(capsys, "--db", "", "list", "partners")
    assert result.code == 1 and result.out == ""
    assert "--db" in result.err
    assert not paths.default_database_path().exists()


def test_a_database_in_a_folder_that_does_not_exist_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "Möten" / "Östergötland"
    result = call(capsys, "--db", str(missing / "lkoe.sqlite3"), "list", "partners")
    assert result.code == 1 and result.out == ""
    assert str(missing) in result.err and "Traceback" not in result.err
    assert not (tmp_path / "Möten").exists()


def test_the_default_data_folder_is_made_when_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert not paths.data_dir().exists()
    result = call(capsys, "list", "partners")
    assert result.code == 0, result.err
    assert paths.default_database_path().is_file()


@pytest.mark.parametrize(
    "command",
    [
        ["list", "participants", "--meeting", TOO_LARGE],
        ["report", "sign-in-sheet", "--meeting", TOO_LARGE, "-o", "lista.pdf"],
        ["report", "badges", "--meeting", TOO_LARGE, "-o", "brickor.pdf"],
        ["report", "participants", "--meeting", TOO_LARGE, "-o", "deltagare.xlsx"],
        ["report", "contact-sheet", "--partner", TOO_LARGE, "-o", "kontaktblad.pdf"],
        ["report", "sign-in-sheet", f"--meeting=-{TOO_LARGE}", "-o", "lista.pdf"],
        ["list", "participants", "--meeting", str(2**31)],
    ],
    ids=lambda command: " ".join(command[:2]),
)
def test_an_id_out_of_range_does_not_exist(
    capsys: pytest.CaptureFixture[str],
    empty: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    result = call(capsys, "--db", str(empty), *command)
    assert result.code == 1 and result.out == ""
    said = next(part for part in command if part.lstrip("-").isdigit() or "=" in part)
    assert f"{said.rpartition('=')[2]} finns inte" in result.err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kansli.sqlite3"]


def test_a_command_waits_for_another_program_to_finish_writing(home: Path, empty: Path) -> None:
    with another_program_writing(empty) as other:
        finishing = threading.Timer(1.0, other.execute, ("ROLLBACK",))
        finishing.start()
        result = run(home, "--db", str(empty), "demo")
        finishing.join()
    assert result.code == 0, result.err


@pytest.mark.slow  # the command waits out the busy timeout (5 s) before it gives up
def test_a_database_another_program_keeps_writing_to_is_a_user_error(
    home: Path, empty: Path
) -> None:
    with another_program_writing(empty):
        result = run(home, "--db", str(empty), "demo")
    assert result.code == 1 and result.out == ""
    assert result.err == _("Error: {message}").format(message=busy_error().message) + "\n"
    assert run(home, "--db", str(empty), "list", "partners", "--json").out == "[]\n"


def test_a_write_error_names_the_file_not_its_temporary_copy(
    capsys: pytest.CaptureFixture[str], empty: Path, tmp_path: Path
) -> None:
    taken = tmp_path / "Partnerregister.pdf"
    taken.mkdir()  # a folder with the file's name: the finished file cannot be moved there
    result = call(capsys, "--db", str(empty), "report", "register", "-o", str(taken))
    assert result.code == 1 and result.out == ""
    assert f"”{taken}”" in result.err
    assert ".part" not in result.err and "Traceback" not in result.err
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "Partnerregister.pdf",
        "kansli.sqlite3",
    ]
