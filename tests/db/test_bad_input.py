"""Bad input below the command line and the window: ids no table holds, missing folders, locks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lkoe_desktop.db.engine import Database, busy_error
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.domain.errors import DatabaseOpenError, NotFoundError
from lkoe_desktop.services import contacts, meetings, partners, themes


@pytest.mark.parametrize("record_id", [2**31, -(2**31) - 1, 10**22, -(10**22)])
def test_an_id_no_table_can_hold_does_not_exist(db: Database, record_id: int) -> None:
    with db.reading() as session:
        for get in (
            meetings.get_meeting,
            partners.get_partner,
            contacts.get_contact,
            themes.get_theme,
        ):
            with pytest.raises(NotFoundError, match=f"{record_id} finns inte"):
                get(session, record_id)


def test_a_database_in_a_folder_that_does_not_exist_is_refused_and_no_folder_made(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "Nya kansliet"
    with pytest.raises(DatabaseOpenError, match=f"{missing} finns inte"):
        open_database(f"sqlite:///{missing / 'lkoe.sqlite3'}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow  # the opening waits out the busy timeout (5 s) before it gives up
def test_a_database_another_program_keeps_locked_is_refused_at_opening(tmp_path: Path) -> None:
    path = tmp_path / "lkoe.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseOpenError) as refused:
            open_database(f"sqlite:///{path}")
    finally:
        other.close()
    assert refused.value.message == busy_error().message
