"""The core packages, the demo generator and the command line import with PySide6 blocked, as a
command-line install needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
CORE = ("domain", "db", "services", "exchange", "reports", "demo", "cli")

IMPORT_EVERYTHING = f"""
import importlib, pkgutil, sys
sys.modules["PySide6"] = None  # any `import PySide6...` now raises ImportError
import lkoe_desktop
imported = []
for package in {CORE!r}:
    root = importlib.import_module("lkoe_desktop." + package)
    imported.append(root.__name__)
    for module in pkgutil.walk_packages(root.__path__, root.__name__ + "."):
        importlib.import_module(module.name)
        imported.append(module.name)
assert not [name for name in sys.modules if name.startswith("PySide6.")], "Qt was imported"
print("\\n".join(imported))
"""


def test_every_core_module_imports_without_qt() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), *sys.path])}
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    imported = set(done.stdout.split())
    expected = {
        "lkoe_desktop.db.migrate",
        "lkoe_desktop.db.models",
        "lkoe_desktop.domain.validation",
        "lkoe_desktop.services.contacts",
        "lkoe_desktop.services.partners",
        "lkoe_desktop.demo.load",
        "lkoe_desktop.cli.reports",
    }
    assert expected <= imported, sorted(imported)
    for package in CORE:
        assert f"lkoe_desktop.{package}" in imported
