"""The cyclic garbage collector rests while the window starts, and works again once it has.
(That the window's start turns it on again is tested with the other start-up cases in
test_main_window.)"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from lkoe_desktop import cli
from lkoe_desktop.ui import app
from lkoe_desktop.ui.app import collect_from_now_on


@pytest.fixture(autouse=True)
def _collector_as_before(collector_as_before: None) -> None:
    """Each test here finds the collector on and leaves it so (see conftest)."""


def test_the_command_line_opens_the_window_with_the_collector_resting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[bool] = []

    def run(url: str) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(app, "run", run)
    assert cli.main(["--db", str(tmp_path / "lkoe.sqlite3")]) == 0
    assert seen == [False]


def test_a_command_leaves_the_collector_on(tmp_path: Path) -> None:
    assert cli.main(["--db", str(tmp_path / "lkoe.sqlite3"), "list", "themes"]) == 0
    assert gc.isenabled()


def test_collecting_again_freezes_what_the_start_up_made() -> None:
    gc.disable()
    frozen_before = gc.get_freeze_count()
    made_at_start = [[index] for index in range(1000)]
    collect_from_now_on()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen_before + len(made_at_start)
    young = {id(item) for item in gc.get_objects(generation=0)}
    assert not any(id(item) in young for item in made_at_start)


def test_an_enabled_collector_is_left_as_it_is() -> None:
    frozen_before = gc.get_freeze_count()
    collect_from_now_on()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen_before
