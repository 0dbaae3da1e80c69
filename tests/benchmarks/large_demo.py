"""The large demo database the benchmarks share: where it is kept, and building it once."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
