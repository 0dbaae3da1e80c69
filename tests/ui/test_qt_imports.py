"""Modules imported after PySide6 are not read for PySide's `__feature__` switches."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest

import lkoe_desktop
from lkoe_desktop.ui.qt_imports import FEATURE_MODULE, skip_feature_scan

PACKAGE = Path(lkoe_desktop.__file__).parent
SELECTING = re.compile(r"^\s*(from __feature__ import|import __feature__)", re.MULTILINE)


def test_a_module_imported_after_qt_is_noted_without_reading_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert skip_feature_scan()  # the PySide6 versions pyproject.toml allows have the hook
    feature = importlib.import_module(FEATURE_MODULE)
    (tmp_path / "lkoe_probe_module.py").write_text('NAME = "PySide6"\n', encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        __import__("lkoe_probe_module")  # an import statement's way, which PySide6 replaced
        # Read, "PySide6" in its source would have noted it as a PySide module (0).
        assert feature.pyside_feature_dict["lkoe_probe_module"] == -1
    finally:
        sys.modules.pop("lkoe_probe_module", None)


def test_this_program_selects_no_feature_switch() -> None:
    """What makes skipping the scan safe: no module selects snake_case or true_property."""
    selecting = [
        path.relative_to(PACKAGE)
        for path in PACKAGE.rglob("*.py")
        if SELECTING.search(path.read_text(encoding="utf-8"))
    ]
    assert selecting == []
