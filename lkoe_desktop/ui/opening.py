"""Opening the window's database on a thread of its own, begun before Qt has even loaded.

SQLAlchemy, the services and the tab modules take most of a second to import; begun first,
that work overlaps with loading Qt and painting the window. Nothing here makes a widget.
"""

from __future__ import annotations

import importlib
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database

TAB_MODULES = (
    "lkoe_desktop.ui.tabs.partners_tab",
    "lkoe_desktop.ui.tabs.contacts_tab",
    "lkoe_desktop.ui.tabs.themes_tab",
    "lkoe_desktop.ui.tabs.meetings_tab",
)


def _open(url: str) -> Database:
    from lkoe_desktop.db.migrate import open_database

    database = open_database(url)
    for module in TAB_MODULES:
        importlib.import_module(module)
    return database


def begin(url: str) -> Future[Database]:
    """Start opening `url`; the window collects the result (or the error) from the future."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lkoe-open")
    future = executor.submit(_open, url)
    executor.shutdown(wait=False)
    return future
