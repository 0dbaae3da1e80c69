"""Reporting periods (a quarter, a range of dates, both ends inclusive) and the arithmetic of
the funder's figures: a meeting's hours, and small counts hidden."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from lkoe_desktop.domain.clock import STOCKHOLM, to_stockholm
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.i18n import gettext as _

QUARTER = re.compile(r"(\d{4})[- ]?Q([1-4])", re.IGNORECASE)
HOURS_A_DAY = 8  # the most a meeting counts on one calendar day


@dataclass(frozen=True)
class Period:
    """Meetings starting from `starts_from` to `starts_until`, Europe/Stockholm dates, both
    inclusive."""

    starts_from: date
    starts_until: date

    def __post_init__(self) -> None:
        if self.starts_until < self.starts_from:
            raise UserInputError(_("The period cannot end before it starts."))

    @property
    def begins(self) -> datetime:
        """The moment the first day begins in Europe/Stockholm."""
        return stockholm_midnight(self.starts_from)

    @property
    def ends(self) -> datetime:
        """The moment after the last day ends in Europe/Stockholm (exclusive)."""
        return stockholm_midnight(self.starts_until + timedelta(days=1))

    def label(self) -> str:
        """ "2026Q3" for a calendar quarter, else "2026-01-01 – 2026-06-30"."""
        first, number = self.starts_from, (self.starts_from.month + 2) // 3
        if first.day == 1 and quarter(first.year, number) == self:
            return f"{first.year}Q{number}"
        return f"{first.isoformat()} – {self.starts_until.isoformat()}"


def stockholm_midnight(day: date) -> datetime:
    """The moment a calendar day begins in Europe/Stockholm."""
    return datetime.combine(day, time(0), tzinfo=STOCKHOLM)


def quarter(year: int, number: int) -> Period:
    first = date(year, 3 * number - 2, 1)
    following = date(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
    return Period(first, following - timedelta(days=1))


def parse_quarter(text: str) -> Period:
    """ "2026Q3" (also "2026-Q3", "2026 q3") as its period; UserInputError otherwise."""
    match = QUARTER.fullmatch(text.strip())
    if match is None:
        raise UserInputError(_("“{text}” is not a quarter; write it as 2026Q3.").format(text=text))
    return quarter(int(match.group(1)), int(match.group(2)))


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserInputError(
            _("“{text}” is not a date; write it as YYYY-MM-DD.").format(text=text)
        ) from None


def date_range(first: str, last: str) -> Period:
    """The period from one YYYY-MM-DD to another, both inclusive."""
    return Period(parse_day(first), parse_day(last))


def meeting_hours(starts_at: datetime, ends_at: datetime | None) -> float:
    """A meeting's length in hours, one decimal, at most HOURS_A_DAY on each Stockholm
    calendar day it spans; 0 without an end."""
    if ends_at is None:
        return 0.0
    start, end = starts_at.astimezone(UTC), ends_at.astimezone(UTC)
    day, last = to_stockholm(starts_at).date(), to_stockholm(ends_at).date()
    if day == last:  # within one day (most meetings): its own length, counted once
        return round(
            min(max(end - start, timedelta()), timedelta(hours=HOURS_A_DAY)).total_seconds() / 3600,
            1,
        )
    total = timedelta()
    while day <= last:
        # Compared and subtracted in UTC: a day of summer or winter time has 23 or 25 hours.
        begins = max(start, stockholm_midnight(day).astimezone(UTC))
        ends = min(end, stockholm_midnight(day + timedelta(days=1)).astimezone(UTC))
        total += min(max(ends - begins, timedelta()), timedelta(hours=HOURS_A_DAY))
        day += timedelta(days=1)
    return round(total.total_seconds() / 3600, 1)


def hidden_small_counts(cells: dict[str, int]) -> dict[str, int | str]:
    """Counts of 1 or 2 shown as "< 3"; when only one would be hidden, the next smallest
    count above 0 is hidden too ("..") so that the hidden one cannot be worked out from the
    total."""
    shown: dict[str, int | str] = dict(cells)
    small = [key for key, number in cells.items() if 0 < number < 3]
    for key in small:
        shown[key] = "< 3"
    if len(small) == 1:
        others = [(number, key) for key, number in cells.items() if number >= 3]
        if others:
            shown[min(others)[1]] = ".."
    return shown
