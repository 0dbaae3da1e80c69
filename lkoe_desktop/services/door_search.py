"""The search at the door: names first, then the organisation, nothing else; best match on top.

Each word typed must be found in the person's first name, last name or the name of the
organisation they represent at the meeting. A word that begins a name (or a part of one:
"Karin" in "Anna-Karin", "Klint" in "af Klint") ranks above one found inside a name, which
ranks above one that begins a word of the organisation's name, which ranks above one found
inside it. Case is folded as Unicode does. Å, Ä and Ö are letters of their own in Swedish
(and Æ, Ø in Danish and Norwegian), so "asa" does not find "Åsa"; other marks are left out,
since a Swedish keyboard has no quick way to type them: "wojcik" finds "Wójcik", "lukasz"
finds "Łukasz". E-mail, phone, notes and the organisation's municipality are not searched:
"berg" must never find a person through Åtvidaberg.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import IntEnum
from functools import lru_cache

from lkoe_desktop.domain.codes import ParticipationStatus
from lkoe_desktop.domain.text import compound_sort_key
from lkoe_desktop.services.participations import ParticipantRow

# What separates the parts of a name or of an organisation's name.
_PARTS = re.compile(r"[\s\-–/&.,()]+")
# Letters with marks that are letters of their own; and letters whose mark is not a combining one.
_OWN_LETTERS = frozenset("åäöæø")
_PLAIN = {"ł": "l", "đ": "d", "ð": "d", "ı": "i"}


ATTENDED = ParticipationStatus.ATTENDED.value


class Match(IntEnum):
    """How well one typed word matches a row; lower is better."""

    NAME_START = 0
    NAME_INSIDE = 1
    ORGANISATION_START = 2
    ORGANISATION_INSIDE = 3


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """`text` as the door search compares it: casefolded, marks left out except on å, ä, ö."""
    folded = []
    for char in unicodedata.normalize("NFC", text).casefold():
        if char in _OWN_LETTERS:
            folded.append(char)
        elif char in _PLAIN:
            folded.append(_PLAIN[char])
        else:
            bare = unicodedata.normalize("NFD", char)
            folded.append("".join(c for c in bare if not unicodedata.combining(c)))
    return "".join(folded)


def words(query: str | None) -> list[str]:
    """The words typed, folded as the search compares them."""
    return fold(query or "").split()


def _match(word: str, names: Iterable[str], start: Match, inside: Match) -> Match | None:
    best: Match | None = None
    for name in names:
        if word not in name:
            continue
        if any(part.startswith(word) for part in _PARTS.split(name)) or name.startswith(word):
            return start
        best = inside
    return best


def rank(row: ParticipantRow, query: str | None) -> tuple[int, int] | None:
    """How well `row` matches every word of `query` (weakest word first, then all together;
    lower is better), or None when some word is not found or nothing was typed."""
    typed = words(query)
    if not typed:
        return None
    names = [fold(row.first_name), fold(row.last_name)]
    organisation = [fold(row.organisation)] if row.organisation else []
    found: list[Match] = []
    for word in typed:
        match = _match(word, names, Match.NAME_START, Match.NAME_INSIDE)
        if match is None:
            match = _match(word, organisation, Match.ORGANISATION_START, Match.ORGANISATION_INSIDE)
        if match is None:
            return None
        found.append(match)
    return max(found), sum(found)


def door_search(rows: Iterable[ParticipantRow], query: str | None) -> list[ParticipantRow]:
    """The rows that match `query`, best first; among equally good matches those not yet
    checked in come before those who are (the door is for people still arriving), then
    Swedish name order (last, first). Every row, in Swedish name order, when nothing is typed."""
    listed = list(rows)

    def by_name(row: ParticipantRow) -> tuple[str, int]:
        return compound_sort_key(row.last_name, row.first_name), row.id

    if not words(query):
        return sorted(listed, key=by_name)
    ranked = [(found, row) for row in listed if (found := rank(row, query)) is not None]
    ranked.sort(key=lambda pair: (pair[0], pair[1].status == ATTENDED, by_name(pair[1])))
    return [row for _found, row in ranked]
