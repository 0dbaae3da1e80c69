"""Files written whole or not at all, under names every system accepts."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from lkoe_desktop.files import safe_file_name, write_atomically


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Möte: "A/B"  <test>', "Möte - A-B test.pdf"),
        ("Närvarolista – Frukost 2026-04-02", "Närvarolista – Frukost 2026-04-02.pdf"),
        ("  ..", "rapport.pdf"),
        ("Kontaktblad.pdf", "Kontaktblad.pdf"),
    ],
)
def test_safe_file_names(text: str, expected: str) -> None:
    assert safe_file_name(text, ".pdf", "rapport") == expected


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "lista.xlsx"
    target.write_bytes(b"old")

    def half_then_fail(part: Path) -> None:
        part.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, half_then_fail)
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]
    write_atomically(target, lambda part: part.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert list(tmp_path.iterdir()) == [target]


@contextmanager
def umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_the_users_new_files_get(
    tmp_path: Path, mask: int, mode: int
) -> None:
    target = tmp_path / "Närvarolista.pdf"
    with umask(mask):
        write_atomically(target, lambda part: part.write_bytes(b"%PDF"))
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("mode", [0o600, 0o604, 0o664])
def test_a_replaced_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "Deltagarlista.xlsx"
    target.write_bytes(b"old")
    target.chmod(mode)
    with umask(0o022):
        write_atomically(target, lambda part: part.write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_an_error_on_the_temporary_file_names_the_file_asked_for(tmp_path: Path) -> None:
    target = tmp_path / "Kontaktblad.pdf"

    def refused(part: Path) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(part))

    with pytest.raises(PermissionError) as raised:
        write_atomically(target, refused)
    assert raised.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_cannot_be_moved_into_place_is_named_and_nothing_is_left(
    tmp_path: Path,
) -> None:
    target = tmp_path / "Partnerregister.pdf"
    target.mkdir()
    with pytest.raises(IsADirectoryError) as raised:
        write_atomically(target, lambda part: part.write_bytes(b"%PDF"))
    assert raised.value.filename == str(target)
    assert list(tmp_path.iterdir()) == [target]
