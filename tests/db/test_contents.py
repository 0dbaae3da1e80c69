"""Whether a database is still empty: the window's first run and the demo both ask."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lkoe_desktop.db.engine import Database
from lkoe_desktop.services import groups, office_settings, themes
from lkoe_desktop.services.contents import is_empty

ROOT = Path(__file__).resolve().parents[2]


def _empty(db: Database) -> bool:
    with db.reading() as session:
        return is_empty(session)


def test_a_new_database_is_empty_and_its_settings_do_not_change_that(db: Database) -> None:
    assert _empty(db)
    with db.unit_of_work() as session:
        office_settings.save(session, {"office_name": "Kansliet"})
    assert _empty(db)


@pytest.mark.parametrize("record", ["theme", "group"])
def test_one_record_of_the_office_makes_it_not_empty(db: Database, record: str) -> None:
    with db.unit_of_work() as session:
        if record == "theme":
            themes.create_theme(session, {"name": "Hållbara transporter"})
        else:
            groups.create_group(session, {"name": "Styrgruppen"})
    assert not _empty(db)


def test_asking_leaves_the_orm_unconfigured_for_a_fast_start(tmp_path: Path) -> None:
    """The window asks before its first view; configuring the mappers is left to that view."""
    url = f"sqlite:///{tmp_path / 'ny.sqlite3'}"
    code = f"""
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.db.models import Contact
from lkoe_desktop.services.contents import is_empty
with open_database({url!r}).reading() as session:
    print(is_empty(session), Contact.__mapper__.configured)
"""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "False"]
