"""Files written whole or not at all, under names that every system accepts."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

# What Windows does not allow in a file name, and what to put instead.
FILE_NAME_FIXES = ((r"[\\/]", "-"), (":", " - "), (r'["<>?*|\x00-\x1f]', ""), (r"\s+", " "))
LONGEST_NAME = 120


def with_extension(name: str, extension: str) -> str:
    """`name`, with `extension` added when it does not end in it already."""
    return name if name.lower().endswith(extension.lower()) else name + extension


def safe_file_name(text: str, extension: str, fallback: str) -> str:
    """`text` as a file name any system accepts (`fallback` when nothing is left), + extension."""
    for pattern, replacement in FILE_NAME_FIXES:
        text = re.sub(pattern, replacement, text)
    return with_extension(text[:LONGEST_NAME].strip(" .-") or fallback, extension)


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Let `write` fill a temporary file beside `target`, then move it into place: the target
    is either the old file or the whole new one, never half written."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=target.suffix + ".part")
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
