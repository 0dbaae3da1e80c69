"""The large demo database the benchmarks share: where it is kept, and building it once."""

from __future__ import annotations

import compileall
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lkoe_desktop
from lkoe_desktop.db.migrate import open_database

DEFAULT_DB = Path(tempfile.gettempdir()) / "lkoe-bench-large.sqlite3"


def build_large_demo(path: Path) -> None:
    """Build the large demo at `path` through the command line, as the office would."""
    print(f"building the large demo database at {path} …", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "lkoe_desktop", "--db", str(path), "demo", "--size", "large"],
        check=True,
    )
    print(f"  built in {time.perf_counter() - started:.1f} s", flush=True)


def ready_large_demo(path: Path) -> None:
    """The large demo at `path`, built if missing, else brought to this program's schema now,
    so that no measured run pays for an upgrade; and the program byte-compiled, as an
    installed program is (with PYTHONDONTWRITEBYTECODE set, as on these machines, every start
    would otherwise compile each of its modules again)."""
    compileall.compile_dir(Path(lkoe_desktop.__file__).parent, quiet=1)
    if not path.exists():
        build_large_demo(path)
        return
    open_database(f"sqlite:///{path}").dispose()
