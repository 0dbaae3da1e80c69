"""Slow work off the GUI thread: a progress dialog, cancel, and results back on the GUI thread.

The work function never touches widgets; it receives a `Progress` to report to and to ask
whether the user cancelled.
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _

log = logging.getLogger(__name__)
SHOW_PROGRESS_AFTER_MS = 400
WORKERS = 4
LINUX_LOWEST_PRIORITY = 19  # the thread's nice value
WINDOWS_THREAD_PRIORITY_IDLE = -15

T = TypeVar("T")

# Plain Python threads, not QRunnables: a Python QRunnable deleted by the pool on its own
# thread has crashed PySide6 here. Results travel back through signals of a QObject that
# lives on the GUI thread, so Qt queues them to it.
_executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="lkoe-worker")


class Cancelled(Exception):
    """Raised inside work when the user pressed Avbryt."""


class Progress:
    """What the work function sees: report progress, check for cancel."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


def _run(work: Callable[[Progress], Any], progress: Progress, signals: _Signals) -> None:
    try:
        result = work(progress)
    except BaseException as error:  # every failure must reach the GUI thread
        if not isinstance(error, Cancelled):
            log.exception("background operation failed")
        signals.failed.emit(error)
    else:
        signals.finished.emit(result)


class _Mailbox(QObject):
    """Lives on the GUI thread for the whole run; answers posted from workers arrive here.

    Nothing a worker touches is created or deleted per task, and the worker never holds the
    last reference to anything: the task, the callback and the owner stay referenced here
    until the answer is delivered on the GUI thread, so no Qt object is ever freed on a
    worker thread, and nothing is delivered to an owner that has been deleted.
    """

    arrived = Signal(int, object)  # ticket, result
    failed = Signal(str)  # what a person is told when a task failed

    def __init__(self) -> None:
        super().__init__()
        self._waiting: dict[int, tuple[QObject, Callable[[Any], None], Callable[[], Any]]] = {}
        self._tickets = itertools.count()
        self.arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        return len(self._waiting)

    def ticket(
        self, owner: QObject, on_done: Callable[[Any], None], task: Callable[[], Any]
    ) -> int:
        number = next(self._tickets)
        self._waiting[number] = (owner, on_done, task)
        return number

    def _deliver(self, number: int, result: object) -> None:
        owner, on_done, _task = self._waiting.pop(number)
        if isinstance(result, _Failed):
            self.failed.emit(result.message)
        elif shiboken6.isValid(owner):
            on_done(result)


class _Failed:
    """A task's failure, on its way to the GUI thread to be told."""

    def __init__(self, error: Exception) -> None:
        self.message = (
            error.message
            if isinstance(error, LkoeError)
            else _(
                "Something went wrong while reading in the background. The details are "
                "written to the program's log file."
            )
        )


_mailbox: list[_Mailbox] = []


def _the_mailbox() -> _Mailbox:
    if not _mailbox:
        _mailbox.append(_Mailbox())
    return _mailbox[0]


def tell_failures(show: Callable[[str], None]) -> None:
    """Let `show(message)` tell the user when a quiet background task (`submit`) fails: the
    log alone is not enough."""
    _the_mailbox().failed.connect(show)


def _quietly(handed: list[Callable[[], Any]], number: int, mailbox: _Mailbox) -> None:
    task = handed.pop()  # the worker's only reference, dropped before the answer leaves
    try:
        result = task()
    except Exception as error:
        log.exception("background task failed")
        result = _Failed(error)
    del task
    mailbox.arrived.emit(number, result)


def waiting() -> int:
    """How many answers from `submit` are still on their way."""
    return _mailbox[0].pending if _mailbox else 0


def submit(task: Callable[[], Any], on_done: Callable[[Any], None], owner: QObject) -> None:
    """Run `task()` on a worker thread and `on_done(result)` on the GUI thread, quietly.

    Call it on the GUI thread. A failure is logged; nothing is delivered once `owner` has been
    deleted.
    """
    mailbox = _the_mailbox()
    _executor.submit(_quietly, [task], mailbox.ticket(owner, on_done, task), mailbox)


class Operation(QObject):
    """One piece of background work; keep a reference until `done` or `error` is emitted.

    `progressed(done, total, text)` tells a page that shows progress itself what the work
    reported, on the GUI thread.
    """

    done = Signal(object)
    error = Signal(object)
    progressed = Signal(int, int, str)

    def __init__(
        self,
        parent: QWidget | None,
        work: Callable[[Progress], Any],
        *,
        title: str = "",
        cancellable: bool = True,
        show_progress: bool = True,
    ) -> None:
        super().__init__(parent)
        self._signals = _Signals(self)
        self._work = work
        self.progress = Progress(self._signals.progressed.emit)
        self._dialog: QProgressDialog | None = None
        if show_progress and parent is not None:
            self._dialog = QProgressDialog(title or _("Working…"), "", 0, 0, parent)
            self._dialog.setWindowTitle(title or _("Working…"))
            self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self._dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
            self._dialog.setAutoClose(False)
            self._dialog.setAutoReset(False)
            if cancellable:
                self._dialog.setCancelButtonText(_("Cancel"))
                self._dialog.canceled.connect(self.progress.cancel)
            else:
                self._dialog.setCancelButton(None)
        self._signals.progressed.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)

    def start(self) -> Operation:
        _executor.submit(_run, self._work, self.progress, self._signals)
        return self

    def cancel(self) -> None:
        self.progress.cancel()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progressed.emit(done, total, text)
        if self._dialog is not None:
            self._dialog.setMaximum(max(total, 0))
            self._dialog.setValue(min(done, total) if total else 0)
            if text:
                self._dialog.setLabelText(text)

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None

    def _on_finished(self, result: object) -> None:
        self._close_dialog()
        self.done.emit(result)
        self.deleteLater()  # a posted event, dropped if the parent goes first

    def _on_failed(self, error: object) -> None:
        self._close_dialog()
        self.error.emit(error)
        self.deleteLater()  # a posted event, dropped if the parent goes first


def run_in_background(
    parent: QWidget | None,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    **options: Any,
) -> Operation:
    """Start `work(progress)` on a worker thread; `on_done`/`on_error` run on the GUI thread."""
    operation = Operation(parent, work, **options)
    operation.done.connect(on_done)
    operation.error.connect(on_error)
    return operation.start()


def _lower_this_threads_priority() -> None:
    """Let every other thread of every program run first, where the system allows it."""
    try:
        if sys.platform == "linux":  # there a thread's id names it alone, as a process id would
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LINUX_LOWEST_PRIORITY)
        elif sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetThreadPriority(kernel32.GetCurrentThread(), WINDOWS_THREAD_PRIORITY_IDLE)
    except OSError:
        log.warning("could not lower a background thread's priority", exc_info=True)


def run_at_low_priority(task: Callable[[], T]) -> T:
    """`task()` on a thread of its own at the lowest priority, waited for; its error raised here.

    For long work that only reads, such as checking every page of the database file at start:
    on a machine with two cores it would otherwise take one from the window. A thread of its
    own, because a thread's priority cannot be raised again without privileges.
    """
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        _lower_this_threads_priority()
        try:
            outcome.append(task())
        except BaseException as error:  # handed to the waiting thread
            failure.append(error)

    thread = threading.Thread(target=run, name="lkoe-low-priority", daemon=True)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
    return outcome[0]
