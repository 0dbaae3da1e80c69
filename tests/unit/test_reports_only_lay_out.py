"""`reports/` only lays out: it imports neither the database nor `exchange`, and works with them
blocked; the documents module that feeds it loads reportlab and openpyxl only when printing."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
REPORTS = PROJECT / "lkoe_desktop" / "reports"
BLOCKED = ("lkoe_desktop.db", "lkoe_desktop.exchange", "sqlalchemy", "openpyxl")
# What a document module may import of the program: plain values, its own package, the rows
# services hand over, and where the fonts are.
ALLOWED = (
    "lkoe_desktop.domain",
    "lkoe_desktop.reports",
    "lkoe_desktop.services.document_rows",
    "lkoe_desktop.paths",
)

LAY_OUT_WITH_THE_DATABASE_BLOCKED = f"""
import importlib, io, pkgutil, sys
from datetime import date, datetime
for name in {BLOCKED!r}:
    sys.modules[name] = None  # any import of it now raises ImportError
import lkoe_desktop.reports as root
imported = [root.__name__]
for module in pkgutil.walk_packages(root.__path__, root.__name__ + "."):
    importlib.import_module(module.name)
    imported.append(module.name)
from lkoe_desktop.reports.sign_in_sheet import write_sign_in_sheet
from lkoe_desktop.services.document_rows import PageSetup, PrintedOffice, SignInRow, SignInSheet
office = PrintedOffice("Kansliet", "Finansieras av ERUF", "", 0.0, 0.0)
person = SignInRow(1, 7, "Åsa", "Öberg", "Norrköpings Hamn", "registered", "participant")
sheet = SignInSheet(
    1, "Seminarium", datetime(2026, 3, 12, 9), None, "Hamnen", None, None, (), (person,), False
)
stream = io.BytesIO()
pages = write_sign_in_sheet(sheet, stream, PageSetup(office, date(2026, 3, 12)))
assert pages == 1 and stream.getvalue().startswith(b"%PDF"), pages
loaded = [name for name in sys.modules if name.startswith(tuple(n + "." for n in {BLOCKED!r}))]
assert not loaded, loaded
print("\\n".join(imported))
"""

IMPORT_DOCUMENTS = """
import sys
import lkoe_desktop.documents
print(" ".join(name for name in ("reportlab", "openpyxl") if name in sys.modules))
"""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), *sys.path])}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT,
        timeout=120,
    )


def test_every_report_module_imports_and_lays_out_without_database_or_exchange() -> None:
    done = _run(LAY_OUT_WITH_THE_DATABASE_BLOCKED)
    assert done.returncode == 0, done.stderr
    imported = set(done.stdout.split())
    modules = {f"lkoe_desktop.reports.{path.stem}" for path in REPORTS.glob("*.py")}
    modules = {name.removesuffix(".__init__") for name in modules}
    assert modules <= imported, sorted(modules - imported)
    assert "lkoe_desktop.reports.sign_in_sheet" in imported


def _imported_names(tree: ast.Module) -> list[tuple[int, str]]:
    """Every module an import statement names, at any depth (inside functions too), with its
    line; `from package import name` counts as package.name, relative imports resolved."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = "lkoe_desktop.reports".rsplit(".", node.level - 1)[0]
                base = f"{parent}.{base}" if base else parent
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def _refused(name: str) -> bool:
    if name.split(".")[0] in ("sqlalchemy", "openpyxl", "PySide6"):
        return True
    if name == "lkoe_desktop" or not name.startswith("lkoe_desktop."):
        return False
    return not name.startswith(ALLOWED) and name != "lkoe_desktop.APP_NAME"


def test_no_report_module_names_the_database_exchange_or_a_service() -> None:
    refused = []
    for path in sorted(REPORTS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        refused += [
            f"{path.name}:{line} imports {name}"
            for line, name in _imported_names(tree)
            if _refused(name)
        ]
    assert not refused, refused


def test_the_refusal_catches_every_way_of_importing() -> None:
    code = (
        "from lkoe_desktop.db.engine import Database\n"
        "def later():\n"
        "    import lkoe_desktop.exchange.participant_xlsx\n"
        "    from lkoe_desktop import services\n"
        "    from ..services import report_rows\n"
        "from lkoe_desktop.services.document_rows import PageSetup\n"
        "from lkoe_desktop import APP_NAME\n"
    )
    refused = [name for _line, name in _imported_names(ast.parse(code)) if _refused(name)]
    assert refused == [
        "lkoe_desktop.db.engine",
        "lkoe_desktop.db.engine.Database",
        "lkoe_desktop.exchange.participant_xlsx",
        "lkoe_desktop.services",
        "lkoe_desktop.services",
        "lkoe_desktop.services.report_rows",
    ]


def test_the_documents_module_loads_neither_reportlab_nor_openpyxl_until_printing() -> None:
    done = _run(IMPORT_DOCUMENTS)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
