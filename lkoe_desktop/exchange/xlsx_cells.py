"""An XLSX cell as the text Excel shows for it: numbers in their number format, dates as dates."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import cache

Shown = str | date | datetime  # a date cell stays a date; every other cell becomes text

_BRACKETS = re.compile(r"\[[^\]]*\]")  # [Red], [$-41D] and the like change no digit
_QUOTED = re.compile(r'"([^"]*)"')
_ESCAPED = re.compile(r"\\(.)")
_PADDING = re.compile(r"[_*].")  # "_)" leaves room for a bracket, "* " fills: neither is text
_PLACEHOLDERS = frozenset("0#?")
GENERAL_DIGITS = 15  # significant digits of a fraction in the General format


def shown(value: object, number_format: str | None) -> Shown:
    """What Excel shows for a cell read with openpyxl (`data_only`: a formula's cached value).

    Text stays as it is; a whole number in the General format gives its digits (5560360793,
    not 5.56E+09, which is what the person typed); a number format with placeholders is
    applied ("0000000000" keeps leading zeros, "000 00" gives "581 83", "0.00" two decimals,
    "0%" a percentage); a fraction shows a decimal comma, as Swedish Excel does; a date cell
    is a date (or a date and time when it has a time of day); TRUE/FALSE come back as such.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value if value.time() != time(0) else value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    if isinstance(value, int | float):
        return number_text(value, number_format or "General")
    return str(value)


def number_text(value: float, number_format: str) -> str:
    """A number as Excel shows it in `number_format` (its first section; the sign in front)."""
    section = _section(number_format)
    if section is None:
        return _general(value)
    sign = "-" if value < 0 else ""
    number = abs(value) * (100 if "%" in section else 1)
    whole_part, _, fraction_part = section.partition(".")
    decimals = sum(1 for char in fraction_part if char in _PLACEHOLDERS)
    grouped = "," in whole_part
    rounded = round(number, decimals)
    whole, fraction = f"{rounded:.{decimals}f}".partition(".")[::2]
    whole_text = _fill(whole_part.replace(",", ""), whole.lstrip("0"), grouped)
    if not decimals:
        return sign + whole_text + fraction_part.replace("%", "") + ("%" if "%" in section else "")
    tail = "".join(char for char in fraction_part if char not in _PLACEHOLDERS)
    return f"{sign}{whole_text},{fraction}{tail}"


@cache
def _section(number_format: str) -> str | None:
    """The format's first section with its literals as plain text; None for General or text."""
    section = number_format.split(";")[0]
    section = _ESCAPED.sub(r"\1", _QUOTED.sub(r"\1", _PADDING.sub("", _BRACKETS.sub("", section))))
    if section.strip().casefold() in ("general", "@", ""):
        return None
    return section if any(char in _PLACEHOLDERS for char in section) else None


def _fill(pattern: str, digits: str, grouped: bool) -> str:
    """`digits` put into the placeholders of `pattern` from the right, its other characters kept
    where they stand ("000000-0000" gives 556036-0793); digits beyond the placeholders go in
    front; a "0" placeholder with no digit left shows 0, a "#" nothing, a "?" a space."""
    if grouped:
        digits = f"{int(digits or '0'):,}".replace(",", " ") if digits else ""
        pattern = "".join(char for char in pattern if char in _PLACEHOLDERS)
        if len(digits) >= sum(1 for char in pattern if char == "0"):
            return digits
        return digits.rjust(sum(1 for char in pattern if char == "0"), "0")
    pattern = pattern.replace("%", "")
    first = min(index for index, char in enumerate(pattern) if char in _PLACEHOLDERS)
    out: list[str] = []
    remaining = digits
    for index in range(len(pattern) - 1, -1, -1):
        char = pattern[index]
        if char not in _PLACEHOLDERS:
            out.append(char)
        elif remaining:
            taken = remaining if index == first else remaining[-1]
            out.append(taken)
            remaining = remaining[: len(remaining) - len(taken)]
        elif char != "#":
            out.append("0" if char == "0" else " ")
    return "".join(reversed(out))


def _general(value: float) -> str:
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    return f"{value:.{GENERAL_DIGITS}g}".replace(".", ",")
