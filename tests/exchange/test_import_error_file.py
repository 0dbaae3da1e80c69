"""The error file: the rejected rows in the file's own format, fixed and imported again."""

from __future__ import annotations

from pathlib import Path

from import_files import utf8_csv
from imports_setup import CONTACT_HEADERS, contacts_request, people

from lkoe_desktop.db.engine import Database
from lkoe_desktop.services.imports import run_import, write_error_file


def test_a_fixed_error_file_imports_again(db: Database, tmp_path: Path) -> None:
    path = utf8_csv(
        tmp_path / "formulär.csv",
        [
            [*CONTACT_HEADERS, ""],
            ["Åsa", "Öberg", "asa@exempel.se", "", "", "", "", ""],
            ["Örjan", "Fel", "orjan(at)exempel.se", "", "", "", "-chef", ""],
            ["", "", "", "", "", "", "", ""],
        ],
        separator=",",
    )
    outcome = run_import(db, contacts_request(path, skip_invalid=True))
    assert outcome.counts.new == 1 and outcome.counts.errors == 1
    errors = tmp_path / "fel.csv"
    assert write_error_file(outcome, errors) == 1
    data = errors.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with its BOM, as the file was"
    text = data.decode("utf-8-sig")
    assert text.splitlines()[1].startswith("Örjan,Fel,orjan(at)exempel.se,,,,'-chef,")
    errors.write_bytes(data.replace(b"orjan(at)", b"orjan@"))
    again = run_import(db, contacts_request(errors))
    assert again.ok and again.counts.new == 1
    assert again.mapping.ignored() == ("Problem",)
    assert people(db)[1] == ("Örjan", "Fel", "orjan@exempel.se", False)


def test_no_error_file_for_a_clean_import(db: Database, tmp_path: Path) -> None:
    path = utf8_csv(tmp_path / "k.csv", [CONTACT_HEADERS, ["Bo", "Ek", "", "", "", "", ""]])
    outcome = run_import(db, contacts_request(path))
    assert write_error_file(outcome, tmp_path / "fel.csv") == 0
    assert not (tmp_path / "fel.csv").exists()
