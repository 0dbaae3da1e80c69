"""Reporting periods, a meeting's counted hours and small counts hidden: plain arithmetic."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.domain.errors import UserInputError
from lkoe_desktop.domain.periods import (
    Period,
    date_range,
    hidden_small_counts,
    meeting_hours,
    parse_quarter,
)


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-q3", date(2026, 7, 1), date(2026, 9, 30)),
        (" 2024 Q4 ", date(2024, 10, 1), date(2024, 12, 31)),
    ],
)
def test_a_quarter_is_its_three_months(text: str, first: date, last: date) -> None:
    assert parse_quarter(text) == Period(first, last)


@pytest.mark.parametrize("text", ["2026Q5", "2026", "Q3 2026", "tredje kvartalet"])
def test_what_is_not_a_quarter_is_refused(text: str) -> None:
    with pytest.raises(UserInputError):
        parse_quarter(text)


def test_a_range_must_not_end_before_it_starts() -> None:
    assert date_range("2026-01-15", "2026-01-15") == Period(date(2026, 1, 15), date(2026, 1, 15))
    with pytest.raises(UserInputError):
        date_range("2026-05-01", "2026-04-01")
    with pytest.raises(UserInputError):
        date_range("2026-04-31", "2026-05-01")


def test_the_label_names_a_quarter_or_its_dates() -> None:
    assert parse_quarter("2026Q3").label() == "2026Q3"
    assert Period(date(2026, 7, 1), date(2026, 12, 31)).label() == "2026-07-01 – 2026-12-31"


@pytest.mark.parametrize(
    ("quarter", "inside", "outside"),
    [
        # 23:30 on the last day belongs to the quarter, in summer time (UTC+2) and in winter
        # time (UTC+1); half past midnight the next day does not.
        ("2026Q3", "2026-09-30 23:30", "2026-10-01 00:30"),
        ("2026Q4", "2026-12-31 23:30", "2027-01-01 00:30"),
        ("2026Q1", "2026-01-01 00:00", "2025-12-31 23:59"),
    ],
)
def test_both_ends_are_whole_stockholm_days(quarter: str, inside: str, outside: str) -> None:
    period = parse_quarter(quarter)
    assert period.begins <= _at(inside) < period.ends
    assert not period.begins <= _at(outside) < period.ends


@pytest.mark.parametrize(
    ("starts", "ends", "hours"),
    [
        ("2026-03-10 09:00", "2026-03-10 12:20", 3.3),
        ("2026-03-10 08:00", "2026-03-10 18:00", 8.0),  # at most 8 hours a day
        ("2026-05-12 09:00", "2026-05-14 12:00", 24.0),  # 15 h, 24 h, 12 h: 8 on each day
        ("2026-05-12 17:00", "2026-05-13 11:00", 15.0),  # 7 h, then 11 h counted as 8
        ("2026-05-12 22:00", "2026-05-13 02:30", 4.5),  # 2 h before midnight, 2.5 h after
        ("2026-03-29 01:00", "2026-03-29 04:00", 2.0),  # the night summer time begins
        ("2026-10-25 01:00", "2026-10-25 04:00", 4.0),  # the night it ends
    ],
)
def test_a_meetings_hours(starts: str, ends: str, hours: float) -> None:
    assert meeting_hours(_at(starts), _at(ends)) == hours


def test_a_meeting_without_an_end_counts_no_hours() -> None:
    assert meeting_hours(_at("2026-03-10 09:00"), None) == 0.0


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ({"woman": 5, "man": 4, "other": 0}, {"woman": 5, "man": 4, "other": 0}),
        ({"woman": 5, "man": 4, "other": 2}, {"woman": 5, "man": "..", "other": "< 3"}),
        ({"woman": 1, "man": 2, "other": 7}, {"woman": "< 3", "man": "< 3", "other": 7}),
        ({"woman": 1, "man": 0, "other": 0}, {"woman": "< 3", "man": 0, "other": 0}),
        ({"woman": 9, "man": 3, "other": 1}, {"woman": 9, "man": "..", "other": "< 3"}),
    ],
)
def test_small_counts_are_hidden_with_a_second_cell(
    counts: dict[str, int], shown: dict[str, int | str]
) -> None:
    assert hidden_small_counts(counts) == shown
