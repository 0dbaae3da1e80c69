"""The garbage collector is off while any long import work runs, and as it was afterwards."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from lkoe_desktop.collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_on_again() -> Iterator[None]:
    yield
    gc.enable()


def test_the_collector_runs_again_when_the_last_work_ends() -> None:
    gc.enable()
    inside, release = threading.Event(), threading.Event()

    def long_work() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=long_work)
    worker.start()
    inside.wait(5)
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other work still runs
    release.set()
    worker.join(5)
    assert gc.isenabled()


def test_a_collector_already_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()
