"""Files written whole or not at all, under names every system accepts."""

from __future__ import annotations

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
