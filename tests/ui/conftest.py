"""Fixtures for window tests: each test keeps its window state (QSettings) to itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from lkoe_desktop.ui.language import apply_language


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path) -> Iterator[None]:
    """Window state goes to this test's folder (Qt caches the path, so XDG_* alone is not
    enough), and the language is Swedish again afterwards."""
    folder = str(tmp_path / "qsettings")
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)
    yield
    apply_language("sv")
