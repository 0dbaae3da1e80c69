"""A meeting's start and end as a Swedish clerk types them, with the office's usual times.

What is read (spaces, "kl" and "kl." before the time are allowed; a 24-hour clock):

- a date: `2026-03-12` (ISO, as the window shows dates), `12/3 2026` or `12/3` (day/month,
  the Swedish order; without a year, the year that puts the day nearest to today, so in
  December `12/3` is next March and in April the March just gone; the field then shows the
  year taken). Four digits after `12/3` from 1900 to 2099 are a year, not a time;
- a time: `9`, `9.30`, `9:30`, `09.30`, `0930`, `13:30:00`;
- a start: a date and a time, or a date alone, which takes the office's usual start time
  (a setting, 09:00 unless changed); a time alone is refused: the day cannot be guessed;
- an end: a date and a time, or a time alone (`16.00`), which is on the start's day, or the
  start's date alone, which ends the usual length after the start; another date alone is
  refused, because no usual end time fits every multi-day meeting;
- and ISO 8601 with an offset (`2026-03-31T23:30:00+02:00`), as the exports write it.

A time without an offset is Europe/Stockholm time. Nothing becomes 00:00 unless typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.validation import InvalidValue, moment

_DAY = (
    r"(?:(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<mday>\d{1,2})"
    r"|(?P<dd>\d{1,2})/(?P<mm>\d{1,2})(?:[/ -](?P<yyyy>(?:19|20)\d{2}))?)"
)
_CLOCK = r"(?:kl\.?\s*)?(?:(?P<hhmm>\d{4})|(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?(?::\d{2})?)"
_WHOLE = re.compile(rf"{_DAY}(?:(?:\s+|[tT])\s*{_CLOCK})?", re.IGNORECASE)
_CLOCK_ALONE = re.compile(_CLOCK, re.IGNORECASE)
_OFFSET = re.compile(r"(?:[+-]\d{2}:?\d{2}|z)$", re.IGNORECASE)


@dataclass(frozen=True)
class Typed:
    """What a text gives: a day, a time of day, or both; `guessed` when its year was not typed."""

    day: date | None
    clock: time | None
    guessed: bool = False

    @property
    def whole(self) -> bool:
        """Everything typed: a full date and a time."""
        return self.day is not None and self.clock is not None and not self.guessed


def _nearest(day_of_month: int, month: int, today: date) -> date | None:
    """The day of that day and month nearest to today (None: there is no such day)."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day_of_month))
        except ValueError:
            continue
    return min(candidates, key=lambda day: abs(day - today), default=None)


def _clock(match: re.Match[str], text: str) -> time | None:
    if match.group("hhmm"):
        hour, minute = int(match.group("hhmm")[:2]), int(match.group("hhmm")[2:])
    elif match.group("hour"):
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    else:
        return None
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise InvalidValue(
            _("Cannot read “{value}”: a time is written from 00:00 to 23:59, e.g. 13:30.").format(
                value=text
            )
        )
    return time(hour, minute)


def read(value: str, today: date, unreadable: str = "") -> Typed:
    """The day and time a text gives; `unreadable` says what to write instead (with {value})."""
    text = " ".join(value.split())
    whole = _WHOLE.fullmatch(text)
    if whole is None:
        alone = _CLOCK_ALONE.fullmatch(text)
        if alone is None:
            raise InvalidValue(unreadable.format(value=text))
        return Typed(None, _clock(alone, text))
    clock = _clock(whole, text)
    if whole.group("year"):
        try:
            day = date(int(whole["year"]), int(whole["month"]), int(whole["mday"]))
        except ValueError:
            day = None
        guessed = False
    elif whole.group("yyyy"):
        try:
            day = date(int(whole["yyyy"]), int(whole["mm"]), int(whole["dd"]))
        except ValueError:
            day = None
        guessed = False
    else:
        day = _nearest(int(whole["dd"]), int(whole["mm"]), today)
        guessed = True
    if day is None:
        raise InvalidValue(_("There is no such date: “{value}”.").format(value=text))
    return Typed(day, clock, guessed)


def _as_moment(value: object) -> datetime | None:
    """A time given whole (a datetime, or ISO 8601 as exports write it), else None."""
    if isinstance(value, datetime):
        return moment(value)
    text = str(value).strip()
    if _OFFSET.search(text) and ":" in text:
        try:
            return moment(text)
        except InvalidValue:
            return None
    return None


def _stockholm(day: date, clock: time) -> datetime:
    return moment(datetime.combine(day, clock))


def start(value: object, *, usual_start: time, today: date) -> datetime:
    """A meeting's start as typed; a date alone takes the office's usual start time."""
    given = _as_moment(value)
    if given is not None:
        return given
    typed = read(
        str(value),
        today,
        _(
            "Cannot read “{value}” as a time: write the date and time, e.g. 2026-03-12 13:00, "
            "or the date alone."
        ),
    )
    if typed.day is None:
        clock = typed.clock.strftime("%H:%M") if typed.clock else "13:00"
        raise InvalidValue(
            _("Write the date too, e.g. {day} {time}.").format(day=today.isoformat(), time=clock)
        )
    return _stockholm(typed.day, typed.clock or usual_start)


def end(value: object, *, start: datetime | None, usual_length: timedelta, today: date) -> datetime:
    """A meeting's end as typed: a time alone is on the start's day; the start's date alone is
    the usual length after the start."""
    given = _as_moment(value)
    if given is not None:
        return given
    typed = read(
        str(value),
        today,
        _(
            "Cannot read “{value}” as a time: write the date and time, e.g. 2026-03-12 16:00, "
            "or the time alone, e.g. 16.00."
        ),
    )
    first_day = start.date() if start is not None else None
    if typed.day is None:
        if first_day is None:
            raise InvalidValue(_("Write the start first, or the end's date too."))
        assert typed.clock is not None
        return _stockholm(first_day, typed.clock)
    if typed.clock is not None:
        return _stockholm(typed.day, typed.clock)
    if start is not None and typed.day == first_day:
        return start + usual_length
    raise InvalidValue(
        _("Write the time the meeting ends too, e.g. {day} 16:00.").format(
            day=typed.day.isoformat()
        )
    )


def whole(value: object, today: date) -> bool:
    """Whether a text gives everything itself (a full date and a time): nothing assumed."""
    if _as_moment(value) is not None:
        return True
    try:
        return read(str(value), today).whole
    except InvalidValue:
        return False
