"""Keeps PySide6 from reading the source of every module imported after it.

PySide6 replaces `import` to support its opt-in switches (`from __feature__ import
snake_case, true_property`). Besides, after each new module is imported it reads that module's
whole source file to see whether "PySide6" occurs in it, and notes the answer. Imported after
Qt, SQLAlchemy, the services and the tab modules paid about a seventh of a second for that at
every start, on the path to the first rows.

The answer only matters to a process that selects one of those switches somewhere: a module
noted as not using PySide then keeps whatever switch was selected last instead of having none.
Neither this program nor its libraries select any (a test checks this program's sources), so
every module may be noted as not using PySide without reading it. Where a PySide6 release lacks
the hook, nothing is changed.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# PySide6's own support module (shiboken's embedded sources), present once QtCore is loaded.
FEATURE_MODULE = "shibokensupport.feature"
SOURCE_SCAN = "_mod_uses_pyside"


def _no_switches(_module: ModuleType) -> bool:
    return False


def skip_feature_scan() -> bool:
    """Note every module imported from now on without reading its source; True if done."""
    importlib.import_module("PySide6.QtCore")
    try:
        feature = importlib.import_module(FEATURE_MODULE)
    except ImportError:
        return False
    if not callable(getattr(feature, SOURCE_SCAN, None)):
        return False
    setattr(feature, SOURCE_SCAN, _no_switches)
    return True
