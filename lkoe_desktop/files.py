"""Files written whole or not at all, under names that every system accepts."""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

# What Windows does not allow in a file name, and what to put instead.
FILE_NAME_FIXES = ((r"[\\/]", "-"), (":", " - "), (r'["<>?*|\x00-\x1f]', ""), (r"\s+", " "))
LONGEST_NAME = 120
# Names tried for a temporary file before giving up (each is new with near certainty).
PART_NAME_ATTEMPTS = 100


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
    is either the old file or the whole new one, never half written.

    The file keeps the permissions of the one it replaces; a new one gets what the user's
    other new files get (the umask decides), for it is a document to share. An OSError
    names `target`, never the temporary file, which nobody has heard of.
    """
    temporary = _new_part(target)
    try:
        write(temporary)
        _copy_mode(target, temporary)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        if not isinstance(error.filename, str) or Path(error.filename) != temporary:
            raise
        raise OSError(error.errno, error.strerror, str(target)) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _new_part(target: Path) -> Path:
    """A new, empty temporary file beside `target`, made with the mode a new file gets."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY
    for _attempt in range(PART_NAME_ATTEMPTS):
        temporary = target.with_name(f".{secrets.token_hex(4)}{target.suffix}.part")
        try:
            os.close(os.open(temporary, flags, 0o666))
        except FileExistsError:
            continue
        except OSError as error:
            raise OSError(error.errno, error.strerror, str(target)) from error
        return temporary
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))


def _copy_mode(target: Path, temporary: Path) -> None:
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return
    os.chmod(temporary, mode)
