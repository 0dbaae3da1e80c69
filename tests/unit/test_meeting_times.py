"""A meeting's start and end as a clerk types them: the usual start time, times alone, 12/3."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta

import pytest

from lkoe_desktop.domain import i18n, meeting_times
from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.domain.validation import InvalidValue

TODAY = date(2026, 3, 2)
USUAL = time(9, 0)
LENGTH = timedelta(hours=2)


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("sv")


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=STOCKHOLM)  # type: ignore[misc]


def start(text: object, today: date = TODAY) -> datetime:
    return meeting_times.start(text, usual_start=USUAL, today=today)


STARTS = at(2026, 3, 12, 9, 0)


def end(text: object, begins: datetime | None = STARTS) -> datetime:
    return meeting_times.end(text, start=begins, usual_length=LENGTH, today=TODAY)


def problem(read: Callable[[str], object], text: str) -> str:
    with pytest.raises(InvalidValue) as raised:
        read(text)
    return raised.value.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-03-12 13:00", at(2026, 3, 12, 13, 0)),
        ("2026-03-12 9", at(2026, 3, 12, 9, 0)),
        ("2026-03-12 9.30", at(2026, 3, 12, 9, 30)),
        ("2026-03-12 9:30", at(2026, 3, 12, 9, 30)),
        ("2026-03-12 0930", at(2026, 3, 12, 9, 30)),
        ("2026-03-12  kl. 13.30", at(2026, 3, 12, 13, 30)),
        ("2026-03-12 kl 8", at(2026, 3, 12, 8, 0)),
        ("2026-03-12T13:00:00", at(2026, 3, 12, 13, 0)),
        ("2026-3-5 14", at(2026, 3, 5, 14, 0)),
        ("12/3 13.30", at(2026, 3, 12, 13, 30)),
        ("12/3 2027 13.30", at(2027, 3, 12, 13, 30)),
        ("12/3 1330", at(2026, 3, 12, 13, 30)),
        ("2026-03-12 0", at(2026, 3, 12, 0, 0)),  # midnight only when typed
        ("2026-03-31T23:30:00+02:00", at(2026, 3, 31, 23, 30)),
    ],
)
def test_a_start_as_people_type_it(typed: str, expected: datetime) -> None:
    assert start(typed) == expected


@pytest.mark.parametrize("typed", ["2026-03-12", " 2026-03-12 ", "12/3"])
def test_a_date_alone_takes_the_usual_start_time_never_midnight(typed: str) -> None:
    assert start(typed) == at(2026, 3, 12, 9, 0)
    later = meeting_times.start(typed, usual_start=time(8, 30), today=TODAY)
    assert later.time() == time(8, 30)


def test_a_day_and_month_take_the_year_nearest_to_today() -> None:
    assert start("12/3", today=date(2026, 12, 1)).date() == date(2027, 3, 12)
    assert start("12/3", today=date(2026, 4, 20)).date() == date(2026, 3, 12)
    assert start("29/2", today=date(2028, 1, 10)).date() == date(2028, 2, 29)
    with pytest.raises(InvalidValue):
        start("29/2", today=date(2026, 3, 2))  # no leap year near: the year must be typed


def test_a_start_given_whole_is_taken_as_it_is() -> None:
    given = at(2026, 3, 12, 10, 15)
    assert start(given) == given


def test_an_end_as_people_type_it() -> None:
    assert end("16.00") == at(2026, 3, 12, 16, 0)  # the start's day
    assert end("kl 16") == at(2026, 3, 12, 16, 0)
    assert end("1630") == at(2026, 3, 12, 16, 30)
    assert end("2026-03-12") == at(2026, 3, 12, 11, 0)  # the usual length after the start
    assert end("2026-03-13 12:00") == at(2026, 3, 13, 12, 0)


def test_problems_say_what_to_write(english: None) -> None:
    assert problem(start, "13.30") == "Write the date too, e.g. 2026-03-02 13:30."
    assert "“2026-03-12 25:00”: a time is written from 00:00" in problem(start, "2026-03-12 25:00")
    assert "no such date: “2026-02-30 10:00”" in problem(start, "2026-02-30 10:00")
    assert "no such date: “31/4”" in problem(start, "31/4")
    assert "Cannot read “i morgon” as a time" in problem(start, "i morgon")
    assert "Cannot read “3/12/26” as a time" in problem(start, "3/12/26")
    assert "or the time alone, e.g. 16.00" in problem(end, "sen eftermiddag")
    assert "Write the start first" in problem(lambda text: end(text, None), "16.00")
    assert problem(end, "2026-03-13") == (
        "Write the time the meeting ends too, e.g. 2026-03-13 16:00."
    )


def test_messages_are_swedish_by_default() -> None:
    assert problem(start, "13.30") == "Skriv datumet också, t.ex. 2026-03-02 13:30."


@pytest.mark.parametrize(
    ("typed", "whole"),
    [
        ("2026-03-12 13:00", True),
        ("2026-03-31T23:30:00+02:00", True),
        ("12/3 2026 9", True),
        ("2026-03-12", False),
        ("12/3 13.30", False),
        ("16.00", False),
        ("nonsense", False),
    ],
)
def test_whether_a_text_gives_everything_itself(typed: str, whole: bool) -> None:
    assert meeting_times.whole(typed, TODAY) is whole
