"""Swedish numbers checked without phonenumbers.parse give what parsing them would give."""

from __future__ import annotations

import random
from collections.abc import Iterator

import phonenumbers
import pytest

from lkoe_desktop.domain import i18n, swedish_numbers, validation
from lkoe_desktop.domain.validation import InvalidValue

# 020 and 0200, 0771, the premium ranges, and every one-, two- and three-digit area code
# (most of them unused, so that invalid numbers are tried too) after the 0.
SERVICE = ["20", "200", "771", "900", "939", "944", "991", "998"]
AREAS = SERVICE + [str(code) for code in range(1, 1000)]
MOBILE = ["70", "72", "73", "74", "76", "79"]
ODD = [
    "0",
    "01",
    "010",
    "013-1",
    "013--12--34 56",
    "013 - 12 34 56",
    "013-12 34 56 ",
    " 013-12 34 56",
    "0 13 12 34 56",
    "013-0 12 34 56",
    "00",
    "0046 13 12 34 56",
    "0046-70-123 45 67",
    "0047 22 12 34 56",
    "+46 13 12 34 56",
    "+46 013 12 34 56",
    "+49 40 123456",
    "4613123456",
    "46701234567",
    "013/12 34 56",
    "(013) 12 34 56",
    "013.12.34.56",
    "013\t12 34 56",
    "013\u00a012 34 56",
    "070-123 45 67 89 01 23 45",
    "0" + "7" * 300,
    "08-" + "0" * 9,
    "01" + "0" * 9,
    "013-12 34 56 vx",
    "ring Anna",
    "",
]


def written(area: str, rest: str, style: int) -> str:
    """A number as people write it: digits only, with a dash after the area code, or grouped."""
    if style == 0:
        return f"0{area}{rest}"
    if style == 1:
        return f"0{area}-{rest}"
    groups = " ".join(rest[index : index + 2] for index in range(0, len(rest), 2))
    return f"0{area}-{groups}"


def numbers() -> Iterator[str]:
    draw = random.Random(46)
    for area in AREAS + MOBILE * 20:
        for length in range(5, 12):
            rest = "".join(draw.choice("0123456789") for _ in range(length - len(area)))
            yield written(area, rest, draw.randrange(3))
    yield from ODD


def parsed(value: str) -> str:
    """What parsing `value` gives, or its problem."""
    try:
        return validation._parsed_phone(value)
    except InvalidValue as problem:
        return problem.message


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("sv")


def test_national_numbers_give_what_parsing_gives(english: None) -> None:
    checked = 0
    for value in numbers():
        national = validation._NATIONAL_PHONE.fullmatch(value.strip())
        stored = validation._national_phone(value.strip()) if national else None
        shown = validation._shown_numbers.pop(stored, None) if stored else None
        if stored is not None:
            checked += 1
            assert stored == parsed(value), value
            assert shown == validation._shown(phonenumbers.parse(value, "SE")), value
        try:
            assert validation.phone(value) == parsed(value), value
        except InvalidValue as problem:
            assert problem.message == parsed(value), value
    assert checked > 1000


@pytest.mark.parametrize(
    ("typed", "significant"),
    [("013-12 34 56", "13123456"), ("070 123 45 67", "701234567"), ("0771-567 567", "771567567")],
)
def test_national_numbers_are_checked_without_parsing(typed: str, significant: str) -> None:
    assert validation._national_phone(typed) == f"+46{significant}"


def test_swedish_rules_are_phonenumbers_rules() -> None:
    valid = 0
    for value in numbers():
        significant = "".join(ch for ch in value if ch.isdigit())[1:]
        if not significant or not significant.isascii() or len(significant) > 17:
            continue
        number = phonenumbers.PhoneNumber(country_code=46, national_number=int(significant))
        expected = phonenumbers.is_valid_number(number) and significant[0] != "0"
        assert swedish_numbers.is_valid(significant) == expected, value
        if expected:
            valid += 1
            national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            assert swedish_numbers.national(significant) == national, value
    assert valid > 1000
