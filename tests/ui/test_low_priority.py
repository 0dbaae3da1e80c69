"""Long background reading on a thread of its own at the lowest priority, waited for."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from lkoe_desktop.ui.ops import LINUX_LOWEST_PRIORITY, run_at_low_priority


def test_the_task_runs_on_another_thread_and_its_answer_comes_back() -> None:
    caller = threading.get_ident()
    assert run_at_low_priority(lambda: threading.get_ident() != caller) is True


def test_the_tasks_error_is_raised_in_the_caller() -> None:
    def damaged() -> None:
        raise ValueError("sidan 17 är skadad")

    with pytest.raises(ValueError, match="sidan 17"):
        run_at_low_priority(damaged)


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own nice value is Linux's")
def test_only_the_tasks_thread_runs_at_the_lowest_priority() -> None:
    def own_priority() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    before = own_priority()
    assert run_at_low_priority(own_priority) == LINUX_LOWEST_PRIORITY
    assert own_priority() == before
