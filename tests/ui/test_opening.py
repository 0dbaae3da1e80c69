"""Opening the window's database: a database and the tab modules, or the reason there is none."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lkoe_desktop.domain.errors import DatabaseOpenError
from lkoe_desktop.ui.opening import TAB_MODULES, open_for_window


def test_the_opening_gives_an_open_database_and_loads_the_tabs(tmp_path: Path) -> None:
    database = open_for_window(f"sqlite:///{tmp_path / 'ny.sqlite3'}")
    try:
        assert (tmp_path / "ny.sqlite3").exists()
        assert all(module in sys.modules for module in TAB_MODULES)
    finally:
        database.dispose()


def test_a_file_that_is_not_a_database_comes_back_as_the_error(tmp_path: Path) -> None:
    text = tmp_path / "anteckningar.txt"
    text.write_text("inte en databas", encoding="utf-8")
    with pytest.raises(DatabaseOpenError):
        open_for_window(f"sqlite:///{text}")
