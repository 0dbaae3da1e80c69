"""Swedish phone numbers checked and written from phonenumbers' own Swedish rules, unparsed.

phonenumbers checks and formats a number through layers of general code (regions, carrier
codes, extensions, a compiled-pattern cache); for the digits of a Swedish number after its 0
the same rules, taken once from its metadata, give the same answers in a fraction of the time
(`tests/unit/test_phone_national.py` compares the two over every area code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class _Kind:
    """One kind of number (fixed line, mobile…): its possible lengths (none: any) and pattern."""

    lengths: frozenset[int]
    pattern: re.Pattern[str]

    def matches(self, significant: str) -> bool:
        if self.lengths and len(significant) not in self.lengths:
            return False
        return self.pattern.fullmatch(significant) is not None


@dataclass(frozen=True)
class _Format:
    """A national way of writing: for the numbers it fits, the groups and how they are written."""

    leading: re.Pattern[str] | None
    pattern: re.Pattern[str]
    rule: str


@dataclass(frozen=True)
class _Plan:
    general: _Kind
    kinds: tuple[_Kind, ...]
    formats: tuple[_Format, ...]


# The kinds phonenumbers tries, in its order, before it calls a number of unknown type.
_KINDS = (
    *("premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan"),
    *("voicemail", "fixed_line", "mobile"),
)
_FIRST_GROUP = re.compile(r"(\\\d)")


@cache
def _plan() -> _Plan:
    from phonenumbers import PhoneMetadata

    metadata: Any = PhoneMetadata.metadata_for_region("SE")
    kinds = [getattr(metadata, name) for name in _KINDS]
    if metadata.same_mobile_and_fixed_line_pattern:
        kinds.pop()
    formats = []
    for shape in metadata.number_format:
        rule: str = shape.format
        if shape.national_prefix_formatting_rule:
            rule = _FIRST_GROUP.sub(shape.national_prefix_formatting_rule, rule, count=1)
        leading = shape.leading_digits_pattern
        formats.append(
            _Format(re.compile(leading[-1]) if leading else None, re.compile(shape.pattern), rule)
        )
    return _Plan(
        _kind(metadata.general_desc),
        tuple(_kind(desc) for desc in kinds if desc and desc.national_number_pattern),
        tuple(formats),
    )


def _kind(desc: Any) -> _Kind:
    return _Kind(frozenset(desc.possible_length or ()), re.compile(desc.national_number_pattern))


def is_valid(significant: str) -> bool:
    """Whether phonenumbers finds the Swedish number with these digits after its 0 valid."""
    plan = _plan()
    return plan.general.matches(significant) and any(
        kind.matches(significant) for kind in plan.kinds
    )


def national(significant: str) -> str:
    """A valid Swedish number as phonenumbers writes it nationally (`013-12 34 56`)."""
    for shape in _plan().formats:
        fits = shape.leading is None or shape.leading.match(significant)
        if fits and shape.pattern.fullmatch(significant):
            return shape.pattern.sub(shape.rule, significant)
    return significant
