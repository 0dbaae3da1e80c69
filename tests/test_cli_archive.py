"""`export archive -o FILE.json` and `import archive FILE.json` as the office runs them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_cli import call, run

from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.services import contacts, partners
from lkoe_desktop.services.installation import installation_id


@pytest.fixture
def office(tmp_path: Path, sqlite_template: Path) -> Path:
    """A database with a partner and a person working there."""
    path = tmp_path / "kansli.sqlite3"
    shutil.copy(sqlite_template, path)
    database = open_database(f"sqlite:///{path}")
    with database.unit_of_work() as session:
        partner = partners.create_partner(session, {"name": "Östgöta Frakt AB"}).id
        contacts.create_contact(
            session, {"first_name": "Åsa", "last_name": "Ek", "organisation_id": partner}
        )
    database.dispose()
    return path


def _installation(path: Path) -> str:
    database = open_database(f"sqlite:///{path}")
    try:
        with database.reading() as session:
            return installation_id(session)
    finally:
        database.dispose()


def test_an_archive_moves_the_office_to_a_new_database(tmp_path: Path, office: Path) -> None:
    archive, copy = tmp_path / "arkiv.json", tmp_path / "ny.sqlite3"
    written = run(tmp_path / "home", "--db", str(office), "export", "archive", "-o", str(archive))
    assert (written.code, written.err) == (0, "")
    assert written.out == f"Arkivet är sparat i {archive}: 6 poster.\n"
    read = run(tmp_path / "home", "import", "archive", str(archive), "--db", str(copy))
    assert (read.code, read.err, read.out) == (0, "", "Arkivet är inläst: 6 poster.\n")
    assert _installation(copy) == _installation(office)
    listed = run(tmp_path / "home", "--db", str(copy), "list", "contacts", "--json")
    assert [(row["first_name"], row["organisation"]) for row in listed.json()] == [
        ("Åsa", "Östgöta Frakt AB")
    ]


def test_a_second_import_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, office: Path
) -> None:
    archive = tmp_path / "arkiv.json"
    assert call(capsys, "--db", str(office), "export", "archive", "-o", str(archive)).code == 0
    again = call(capsys, "--db", str(office), "import", "archive", str(archive))
    assert again.code == 1
    assert again.err.startswith("Fel: Databasen innehåller redan uppgifter.")
    assert "Traceback" not in again.err


def test_a_missing_or_foreign_file_makes_no_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "ny.sqlite3"
    missing = call(capsys, "--db", str(target), "import", "archive", str(tmp_path / "saknas.json"))
    assert missing.code == 1
    assert missing.err.startswith("Fel: Det går inte att läsa ”")
    foreign = tmp_path / "kontakter.csv"
    foreign.write_text("förnamn;efternamn\r\nÅsa;Ek\r\n", encoding="utf-8")
    refused = call(capsys, "--db", str(target), "import", "archive", str(foreign))
    assert refused.code == 1
    assert "är inte ett arkiv från LKÖ Desktop" in refused.err
    assert not target.exists()


def test_an_archive_cannot_be_written_into_a_missing_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, office: Path
) -> None:
    nowhere = tmp_path / "saknas" / "arkiv.json"
    result = call(capsys, "--db", str(office), "export", "archive", "-o", str(nowhere))
    assert result.code == 1
    assert result.err.startswith("Fel: ")
    assert not nowhere.parent.exists()
