"""Swedish sort keys and casefolded search text, computed in Python and stored."""

from __future__ import annotations

import unicodedata
from functools import cache

# Characters placed after z in the Swedish alphabet; chosen so binary order is Swedish order.
_AFTER_Z = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"}
_SPECIAL = {"ü": "y", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "œ": "oe", "ı": "i"}
FIELD_SEPARATOR = "\x01"
# The longest key stored for a table column: a longer one is cut, which orders the same except
# among values that share their first few hundred letters.
COLUMN_KEY_LENGTH = 400


@cache
def _fold_char(char: str) -> str:
    if char in _AFTER_Z:
        return _AFTER_Z[char]
    if char in _SPECIAL:
        return _SPECIAL[char]
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base or char


def sort_key(text: str | None) -> str:
    """A key whose binary order is the Swedish alphabetical order of `text`, case-insensitive.

    A–Z, then Å, Ä, Ö; Æ sorts with Ä and Ø with Ö; Ü as Y; other accented letters as their
    base letter. Letters of other alphabets keep their own order, after the Latin ones.
    """
    if not text:
        return ""
    folded = unicodedata.normalize("NFC", text.strip()).casefold()
    if folded.isascii():
        return folded
    # Å/Ä/Ö must be looked up before decomposition strips their marks.
    return "".join(map(_fold_char, unicodedata.normalize("NFC", folded)))


def compound_sort_key(*parts: str | None) -> str:
    """Sort keys of several fields, joined so that the first field decides first."""
    return FIELD_SEPARATOR.join(sort_key(part) for part in parts)


def column_sort_key(shown: str | None, *tiebreak: str | None) -> str | None:
    """The stored key a table column sorts by: the shown text's sort key, then `tiebreak`
    fields for equal texts; None for an empty text, so that it sorts last either way."""
    if not shown or not shown.strip():
        return None
    return compound_sort_key(shown, *tiebreak)[:COLUMN_KEY_LENGTH]


def search_text(*parts: str | None) -> str:
    """The casefolded text a search matches against: every visible field, one string."""
    return " ".join(unicodedata.normalize("NFC", part).casefold().strip() for part in parts if part)


def search_needle(query: str) -> str:
    """A user's query folded the same way as `search_text`."""
    return unicodedata.normalize("NFC", query).casefold().strip()
