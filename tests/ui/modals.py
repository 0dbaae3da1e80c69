"""Answering a modal dialog in a window test, bounded: the test fails within seconds rather than
waiting forever for a dialog that never opens or never closes.

    with answer_modal(qtbot, ContactForm, fill_in_and_save):
        dialog.paste.create_contact()  # opens the form with exec() and waits for it

While the block runs, the helper looks for the application's modal dialog every few
milliseconds; the first one of the kind asked for is handed to the answer. The test fails (and
whatever modal dialog is open is closed, so that exec() returns) when none of that kind opens in
time, when another kind opens instead, when the answer raises, or when the dialog is still open
some seconds after the answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

ANSWER_MS = 5_000  # to open, and to close after the answer; a few hundred ms are usual
LOOK_EVERY_MS = 10
DialogT = TypeVar("DialogT", bound=QWidget)


def close_modal(widget: QWidget) -> None:
    """Close a modal dialog without asking anything (a form's own reject may ask first)."""
    if isinstance(widget, QDialog):
        QDialog.reject(widget)
    else:
        widget.close()


def _describe(widget: QWidget) -> str:
    title = widget.windowTitle()
    return f"{type(widget).__name__} “{title}”" if title else type(widget).__name__


class _Answer(Generic[DialogT]):
    """Looks for the modal dialog and answers it once; keeps what went wrong."""

    def __init__(self, kind: type[DialogT], answer: Callable[[DialogT], object], ms: int) -> None:
        self.kind, self.answer, self.seconds = kind, answer, ms / 1000
        self.began = time.monotonic()
        self.answered: DialogT | None = None
        self.answered_at = 0.0
        self.busy = False
        self.finished = False
        self.failure: str | None = None
        self.error: BaseException | None = None
        self.timer = QTimer()
        self.timer.setInterval(LOOK_EVERY_MS)
        self.timer.timeout.connect(self.look)

    def finish(self, failure: str | None = None) -> None:
        self.finished = True
        self.failure = self.failure or failure
        self.timer.stop()

    def look(self) -> None:
        if self.finished or self.busy:  # done, or inside the answer (a nested dialog)
            return
        modal = QApplication.activeModalWidget()
        if self.answered is not None:
            if not shiboken6.isValid(self.answered) or not self.answered.isVisible():
                self.finish()  # closed (and perhaps deleted already)
            elif time.monotonic() - self.answered_at > self.seconds:
                close_modal(self.answered)
                self.finish(f"{_describe(self.answered)} was still open after the answer")
            return
        if isinstance(modal, self.kind):
            self.respond(modal)
        elif time.monotonic() - self.began > self.seconds:
            if modal is None:
                self.finish(f"no {self.kind.__name__} opened")
            else:
                close_modal(modal)
                self.finish(f"{_describe(modal)} opened instead of a {self.kind.__name__}")

    def respond(self, dialog: DialogT) -> None:
        self.busy = True
        try:
            self.answer(dialog)
        except BaseException as error:  # re-raised in the test, once the dialog is closed
            self.error = error
            close_modal(dialog)
        finally:
            self.busy = False
            self.answered, self.answered_at = dialog, time.monotonic()


@contextmanager
def answer_modal(
    qtbot: QtBot,
    kind: type[DialogT],
    answer: Callable[[DialogT], object],
    timeout_ms: int = ANSWER_MS,
) -> Iterator[None]:
    """Answer the first modal dialog of `kind` that opens while the block runs (or soon after
    it) with `answer`, which must close it; fail the test if that does not happen in time."""
    state = _Answer(kind, answer, timeout_ms)
    state.timer.start()
    try:
        yield
        qtbot.waitUntil(lambda: state.finished, timeout=3 * timeout_ms)
    except BaseException:
        if state.error is None and state.failure is None:
            raise
        # Else what went wrong with the dialog is the cause, told below.
    finally:
        state.finish()
    if state.error is not None:
        raise state.error
    if state.failure is not None:
        pytest.fail(f"{state.failure} (waited {timeout_ms} ms)", pytrace=False)
