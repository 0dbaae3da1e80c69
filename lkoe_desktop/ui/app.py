"""Starting the window: the collector rests, the window paints first, then the database opens.

The command line calls `run` before anything of Qt has loaded, so this module imports Qt, the
window and what opens the database only inside `run`, once the collector's rest has begun.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import TracebackType

from lkoe_desktop import APP_ID, APP_NAME, preferences
from lkoe_desktop.domain.i18n import gettext as _

log = logging.getLogger(__name__)


@contextmanager
def collector_resting() -> Iterator[Callable[[], None]]:
    """The cyclic garbage collector rests over the window's start-up; yields the call that ends
    the rest, made once the database is open.

    The start-up makes some hundred thousand objects that live as long as the window does
    (modules, classes, widgets); the collector would walk them over and over meanwhile, a sixth
    of the time to the first rows. Ending the rest freezes what was made until then, so later
    collections leave it out (with it stay the few hundred objects of start-up garbage), and
    switches the collector on again: what is made from then on, the tabs first, is collected as
    usual. Leaving the block switches it on in any case, after an error or an early close too.
    A collector already switched off (by whoever called) is left as it is.
    """
    if not gc.isenabled():
        yield lambda: None
        return

    def end_rest() -> None:
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    gc.disable()
    try:
        yield end_rest
    finally:
        gc.enable()


def _excepthook(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """An unexpected error in the window is logged and told calmly; the window goes on."""
    log.error("unexpected error", exc_info=(kind, error, trace))
    from PySide6.QtWidgets import QMessageBox

    from lkoe_desktop.domain.errors import LkoeError

    if isinstance(error, LkoeError):
        QMessageBox.warning(None, APP_NAME, error.message)
        return
    QMessageBox.critical(
        None,
        APP_NAME,
        _("Something went wrong. The details are in the log file; nothing was saved half-way."),
    )


def run(url: str) -> int:
    """Show the window at once, open the database at `url` once it has painted, and run until
    the window closes. The collector rests from the first import of Qt until the database is
    open."""
    with collector_resting() as end_rest:
        from lkoe_desktop.ui.qt_imports import skip_feature_scan

        skip_feature_scan()  # before the imports that follow, which it makes cheaper
        from PySide6.QtWidgets import QApplication

        from lkoe_desktop.ui.language import apply_language
        from lkoe_desktop.ui.main_window import MainWindow
        from lkoe_desktop.ui.opening import after_first_paint
        from lkoe_desktop.ui.start_up import Starter

        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
        app.setApplicationName(APP_NAME)
        app.setOrganizationName(APP_ID)
        app.setDesktopFileName(APP_ID)
        apply_language(preferences.language())
        sys.excepthook = _excepthook
        window = MainWindow()
        window.show()
        starter = Starter(window, url, end_rest)
        after_first_paint(window, starter.start)
        status = app.exec()
    return starter.exit_code or status
