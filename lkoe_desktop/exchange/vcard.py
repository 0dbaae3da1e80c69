"""People as vCard 3.0 (RFC 2426), many cards in one .vcf file, as Outlook and phones import.

UTF-8 throughout (vCard 3.0's own character set: Å, Ł, Σ and 李 stay as they are), CRLF
line ends, lines folded at 75 octets, phone numbers in E.164 so that a phone abroad dials
them too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lkoe_desktop.exchange.icalendar import fold
from lkoe_desktop.files import write_atomically

PROGRESS_STEP = 2000
_CONTROL = {code: None for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)}


@dataclass(frozen=True)
class Address:
    """A postal address: street, postcode and town (any may be empty)."""

    street: str | None = None
    postcode: str | None = None
    town: str | None = None


@dataclass(frozen=True)
class Card:
    """One person: name, organisation and job title, e-mail, phones (E.164), work address."""

    uid: str
    first_name: str
    last_name: str
    organisation: str | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    address: Address | None = None
    note: str | None = None


def escape(value: str) -> str:
    """A text value: backslash, comma and semicolon escaped, line breaks as `\\n`."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL)
    for char in ("\\", ",", ";"):
        value = value.replace(char, "\\" + char)
    return value.replace("\n", "\\n")


def _structured(*parts: str | None) -> str:
    return ";".join(escape(part or "") for part in parts)


def card_lines(card: Card) -> list[str]:
    """The content lines of one card, unfolded."""
    full_name = " ".join(part for part in (card.first_name, card.last_name) if part)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_structured(card.last_name, card.first_name, '', '', '')}",
        f"FN:{escape(full_name)}",
    ]
    if card.organisation:
        lines.append(f"ORG:{escape(card.organisation)}")
    if card.title:
        lines.append(f"TITLE:{escape(card.title)}")
    if card.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK,PREF:{escape(card.email)}")
    if card.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{card.phone}")
    if card.mobile:
        lines.append(f"TEL;TYPE=CELL,VOICE:{card.mobile}")
    address = card.address
    if address is not None and (address.street or address.postcode or address.town):
        parts = ("", "", address.street, address.town, "", address.postcode, "")
        lines.append(f"ADR;TYPE=WORK:{_structured(*parts)}")
    if card.note:
        lines.append(f"NOTE:{escape(card.note)}")
    lines += [f"UID:{escape(card.uid)}", "END:VCARD"]
    return lines


def write_vcards(
    cards: Sequence[Card],
    target: str | os.PathLike[str],
    *,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Write `cards` to `target` (.vcf), one after another; `progress(done, total)` now and
    then, and if it raises nothing is written."""
    total = len(cards)

    def write(part: Path) -> None:
        with part.open("wb") as handle:
            for done, card in enumerate(cards, start=1):
                handle.write(b"".join(fold(line) for line in card_lines(card)))
                if progress is not None and done % PROGRESS_STEP == 0:
                    progress(done, total)

    if progress is not None:
        progress(0, total)
    write_atomically(Path(target), write)
    if progress is not None:
        progress(total, total)
