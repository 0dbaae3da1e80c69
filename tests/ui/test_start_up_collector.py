"""The cyclic garbage collector rests while the window starts, and works again once it has, or
once the start ends any other way. (That the database's opening ends the rest is tested with
the other start-up cases in test_main_window.)"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lkoe_desktop import cli
from lkoe_desktop.cli.common import EXIT_INTERNAL_ERROR
from lkoe_desktop.ui import main_window, opening
from lkoe_desktop.ui.app import collector_resting
from lkoe_desktop.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _collector_as_before(collector_as_before: None) -> None:
    """Each test here finds the collector on and leaves it so (see conftest)."""


def test_the_window_starts_with_the_collector_resting_and_a_close_switches_it_on(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[bool] = []

    class Window(MainWindow):
        def __init__(self) -> None:
            seen.append(gc.isenabled())
            super().__init__()
            qtbot.addWidget(self)

    monkeypatch.setattr(main_window, "MainWindow", Window)
    # The window is closed at once, before its database is opened.
    monkeypatch.setattr(opening, "after_first_paint", lambda _window, _start: None)
    monkeypatch.setattr(QApplication, "exec", lambda _app: 0)
    assert cli.main(["--db", str(tmp_path / "lkoe.sqlite3")]) == 0
    assert seen == [False]
    assert gc.isenabled()


def test_an_error_while_the_window_starts_leaves_the_collector_on(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[bool] = []

    def broken() -> MainWindow:
        seen.append(gc.isenabled())
        raise RuntimeError("no window today")

    monkeypatch.setattr(main_window, "MainWindow", broken)
    assert cli.main(["--db", str(tmp_path / "lkoe.sqlite3")]) == EXIT_INTERNAL_ERROR
    assert seen == [False]
    assert gc.isenabled()


def test_a_command_leaves_the_collector_on(tmp_path: Path) -> None:
    assert cli.main(["--db", str(tmp_path / "lkoe.sqlite3"), "list", "themes"]) == 0
    assert gc.isenabled()


def test_ending_the_rest_freezes_what_the_start_up_made() -> None:
    frozen_before = gc.get_freeze_count()
    with collector_resting() as end_rest:
        assert not gc.isenabled()
        made_at_start = [[index] for index in range(1000)]
        end_rest()
        assert gc.isenabled()
        frozen = gc.get_freeze_count()
        assert frozen >= frozen_before + len(made_at_start)
        young = {id(item) for item in gc.get_objects(generation=0)}
        assert not any(id(item) in young for item in made_at_start)
        end_rest()
        assert gc.get_freeze_count() == frozen  # once is enough
    assert gc.isenabled()


def test_leaving_the_start_up_by_an_error_switches_the_collector_on() -> None:
    with pytest.raises(RuntimeError), collector_resting():
        assert not gc.isenabled()
        raise RuntimeError("the start-up failed")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_is_left_to_the_caller() -> None:
    gc.disable()
    with collector_resting() as end_rest:
        end_rest()
        assert not gc.isenabled()
    assert not gc.isenabled()
