"""E-mail addresses pasted from Outlook, Excel or a web page, read into names and addresses;
and addresses written as Outlook takes them (`email_list`).

Outlook copies recipients as `Namn <adress>; "Efternamn, Förnamn" <adress>; 'adress'`, Excel
copies a column as one address a line and a table as cells separated by tabs (name TAB e-mail).
Separators are `;`, `,`, tabs and new lines, except inside quotes, angle brackets and comments
in parentheses, so `"Berg, Anna" <anna@example.se>` is one address with its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lkoe_desktop.domain import validation as v

_SEPARATORS = frozenset(",;")
# Invisible or odd spaces that Outlook, Excel and web pages put on the clipboard.
_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": "", "\ufeff": ""})
_MAILTO = re.compile(r"^\s*mailto:", re.IGNORECASE)
_QUOTES = "\"'"
_PLAIN_NAME_PART = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class PastedAddress:
    """One address: lower-case and checked, with the name written beside it (if any)."""

    email: str
    name: str | None = None

    def name_parts(self) -> tuple[str, str]:
        """A guess at (first name, last name) for a new contact; empty strings when unknown.

        `Berg, Anna` and `Anna Berg` give ("Anna", "Berg"); without a name, an address like
        `anna.berg@…` gives the same; `info@…` gives nothing.
        """
        if self.name:
            if "," in self.name:
                last, _, first = self.name.partition(",")
                return first.strip(), last.strip()
            words = self.name.split()
            if len(words) == 1:
                return words[0], ""
            return " ".join(words[:-1]), words[-1]
        parts = self.email.partition("@")[0].split(".")
        if len(parts) >= 2 and all(_PLAIN_NAME_PART.fullmatch(part) for part in parts):
            return " ".join(part.title() for part in parts[:-1]), parts[-1].title()
        return "", ""


@dataclass(frozen=True)
class PastedList:
    """The addresses found, each once in the order first pasted, and the pieces not understood."""

    addresses: list[PastedAddress]
    invalid: list[str]


def _split(text: str, separators: frozenset[str], *, quotes: bool = True) -> list[str]:
    """Cut at separators that are not inside quotes, <…> or (…).

    A quote left open at the end was an apostrophe after all: the text is cut again without
    treating quotes specially.
    """
    pieces: list[str] = []
    current: list[str] = []
    quote: str | None = None
    angle = paren = 0
    escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif quote is not None:
            if char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = None
        elif quotes and (char == '"' or (char == "'" and not _in_word(current))):
            quote = char
        elif char == "<":
            angle += 1
        elif char == ">":
            angle = max(0, angle - 1)
        elif char == "(":
            paren += 1
        elif char == ")":
            paren = max(0, paren - 1)
        elif char in separators and not angle and not paren:
            pieces.append("".join(current))
            current = []
            continue
        current.append(char)
    if quote is not None:
        return _split(text, separators, quotes=False)
    pieces.append("".join(current))
    return [piece.strip() for piece in pieces if piece.strip()]


def _in_word(current: list[str]) -> bool:
    """Whether the text so far ends inside a word (so `'` is an apostrophe, as in O'Neil)."""
    return bool(current) and not current[-1].isspace() and current[-1] not in "<(\"'"


def _unquote(text: str) -> str:
    text = text.strip()
    while len(text) >= 2 and text[0] in _QUOTES and text[-1] == text[0]:
        text = text[1:-1].strip()
    return text.replace('\\"', '"').replace("\\\\", "\\")


def _clean_address(text: str) -> str:
    address = _unquote(text)
    if _MAILTO.match(address):
        address = _MAILTO.sub("", address).split("?", 1)[0]
    return _unquote(address)


def _clean_name(text: str, address: str) -> str | None:
    name = " ".join(_unquote(text).split())
    if name.startswith("(") and name.endswith(")"):
        name = " ".join(_unquote(name[1:-1]).split())
    if not name or name.casefold() == address.casefold():
        return None
    return name


def _read_piece(piece: str) -> list[tuple[str, str | None]] | None:
    """The (address, name) pairs written in one piece, unchecked; None if it makes no sense."""
    if "<" in piece:
        before, _, rest = piece.partition("<")
        inside, closed, after = rest.partition(">")
        if not closed or "<" in rest or ">" in after:
            return None
        address = _clean_address(inside)
        return [(address, _clean_name(before if before.strip() else after, address))]
    words = _split(piece, frozenset(" \t"))
    with_at = [word for word in words if "@" in word]
    if not with_at:
        return None
    if len(with_at) == len(words):
        return [(_clean_address(word), None) for word in words]
    if len(with_at) > 1:
        return None
    address = _clean_address(with_at[0])
    name = " ".join(word for word in words if word is not with_at[0])
    return [(address, _clean_name(name, address))]


def _check(found: list[tuple[str, str | None]] | None) -> list[PastedAddress] | None:
    """The addresses checked and lower-cased; None if any of them is not valid."""
    if not found:
        return None
    addresses = []
    for address, name in found:
        try:
            addresses.append(PastedAddress(v.email(address), name))
        except v.InvalidValue:
            return None
    return addresses


def _read_cells(line: str) -> tuple[list[PastedAddress], list[str]]:
    """A line of an Excel table: the cell with the address, the other cells make the name."""
    cells = [cell.strip() for cell in line.split("\t") if cell.strip()]
    with_at = [cell for cell in cells if "@" in cell]
    if not with_at:
        return [], [" ".join(cells)] if cells else []
    if len(with_at) == 1:
        found = _check(_read_piece(with_at[0]))
        if found is not None and len(found) == 1 and found[0].name is None:
            name = " ".join(" ".join(_unquote(cell).split()) for cell in cells if "@" not in cell)
            return [PastedAddress(found[0].email, name or None)], []
    addresses: list[PastedAddress] = []
    invalid: list[str] = []
    for cell in with_at:
        found_in_cell, bad = _read_text(cell)
        addresses += found_in_cell
        invalid += bad
    return addresses, invalid


def _read_text(text: str) -> tuple[list[PastedAddress], list[str]]:
    addresses: list[PastedAddress] = []
    invalid: list[str] = []
    for piece in _split(text, _SEPARATORS):
        found = _check(_read_piece(piece))
        if found is None:
            invalid.append(piece)
        else:
            addresses += found
    return addresses, invalid


def parse_addresses(text: str) -> PastedList:
    """Every address in pasted text, each once (case-insensitively); the first name given wins.

    Pieces that hold no valid address (a header row, a misspelt address) are listed as
    `invalid`, as written, each once.
    """
    addresses: dict[str, PastedAddress] = {}
    invalid: dict[str, None] = {}
    for line in text.translate(_SPACES).splitlines():
        if "\t" in line:
            found, bad = _read_cells(line)
        else:
            found, bad = _read_text(line)
        for address in found:
            known = addresses.get(address.email)
            if known is None or (known.name is None and address.name is not None):
                addresses[address.email] = PastedAddress(address.email, address.name)
        invalid.update(dict.fromkeys(bad))
    return PastedList(list(addresses.values()), list(invalid))


def email_list(addresses: Iterable[str | None]) -> str:
    """Addresses as Outlook takes them in its To field: `;`-separated, each address once."""
    seen: dict[str, str] = {}
    for address in addresses:
        if address:
            seen.setdefault(address.casefold(), address)
    return "; ".join(seen.values())
