"""A person's whole name ("Eva de Geer") split into first and last name, as a form export has it."""

from __future__ import annotations

# Words that belong to the last name when they stand just before its last word: "de Geer",
# "af Klint", "van der Rohe". Compared in any case ("Van Dijk"); the first word is never one.
PARTICLES = frozenset({"de", "af", "von", "van", "der", "du", "la", "le"})


def split_name(whole: str) -> tuple[str, str]:
    """(first name, last name) of a whole name; spaces are tidied, letters kept as written.

    The last word is the last name, with any particles just before it: "Eva de Geer" gives
    ("Eva", "de Geer"), "Anna-Karin af Klint" ("Anna-Karin", "af Klint"), "Eva Maria Berg"
    ("Eva Maria", "Berg"). A name written last name first with a comma ("de Geer, Eva") is
    read that way. A single word ("Madonna") is taken as the first name and the last name is
    left empty: the caller decides whether that is enough (a contact needs both, so the import
    reports such a row rather than guessing). Empty text gives ("", "").
    """
    if "," in whole:
        last, _, first = whole.partition(",")
        return " ".join(first.split()), " ".join(last.split())
    words = whole.split()
    if len(words) < 2:
        return (words[0] if words else ""), ""
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])
