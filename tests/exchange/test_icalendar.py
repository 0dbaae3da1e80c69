"""Meetings as .ics files, read back with the `icalendar` library and checked line by line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from lkoe_desktop.db.engine import Database
from lkoe_desktop.exchange.icalendar import (
    LINE_OCTETS,
    STOCKHOLM_VTIMEZONE,
    escape_text,
    fold,
    meeting_ics,
    meetings_ics,
)
from lkoe_desktop.services import meetings
from lkoe_desktop.services.meetings import MeetingRecord

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TITLE = "Nätverksträff: Bygglogistik, E-handel; Vårdens logistik \\ Östgöta"


def _meeting(db: Database, **values: object) -> MeetingRecord:
    fields: dict[str, object] = {"title": "Seminarium", "kind": "seminar"}
    fields.update(values)
    with db.unit_of_work() as session:
        return meetings.create_meeting(session, fields)


def _physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    assert not any(b"\n" in line or b"\r" in line for line in lines), "a bare CR or LF"
    return lines


def _unfolded(data: bytes) -> list[str]:
    """Content lines after unfolding (RFC 5545, 3.1), each checked for its length first."""
    logical: list[bytes] = []
    for line in _physical_lines(data):
        assert len(line) <= LINE_OCTETS, line
        if line.startswith(b" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return [line.decode("utf-8") for line in logical]


def _event(data: bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    return event


def test_a_summer_meeting_comes_back_at_the_same_instants(db: Database) -> None:
    record = _meeting(
        db,
        title=TITLE,
        starts_at="2026-07-01 09:30",
        ends_at="2026-07-01 16:00",
        place="Hamnhuset",
        address="Hamngatan 1, 602 21 Norrköping",
        description="Program:\n09.30 Kaffe, välkomna\r\n10.00 Föredrag",
    )
    data = meeting_ics(record, theme_names=["Bygglogistik", "E-handel, m.m."], now=NOW)
    event = _event(data)
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == record.starts_at == datetime(2026, 7, 1, 7, 30, tzinfo=UTC)
    assert end == record.ends_at == datetime(2026, 7, 1, 14, 0, tzinfo=UTC)
    assert start.utcoffset() == timedelta(hours=2)
    assert str(event["SUMMARY"]) == TITLE
    assert str(event["LOCATION"]) == "Hamnhuset, Hamngatan 1, 602 21 Norrköping"
    assert str(event["DESCRIPTION"]) == "Program:\n09.30 Kaffe, välkomna\n10.00 Föredrag"
    assert [str(name) for name in event["CATEGORIES"].cats] == ["Bygglogistik", "E-handel, m.m."]
    assert str(event["UID"]) == f"meeting-{record.id}@lkoe-desktop"
    assert event.decoded("DTSTAMP") == NOW
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "URL" not in event
    lines = _unfolded(data)
    assert "DTSTART;TZID=Europe/Stockholm:20260701T093000" in lines
    assert "DTEND;TZID=Europe/Stockholm:20260701T160000" in lines
    assert "DTSTAMP:20260302T090000Z" in lines
    assert (
        "SUMMARY:Nätverksträff: Bygglogistik\\, E-handel\\; Vårdens logistik \\\\ Östgöta" in lines
    )


def test_a_winter_online_meeting_without_an_end_lasts_two_hours(db: Database) -> None:
    record = _meeting(
        db,
        starts_at="2026-12-03 13:00",
        online_url="https://meet.example.se/lkö?id=1,2",
        description="Länk nedan.",
    )
    event = _event(meeting_ics(record, now=NOW))
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    assert start.utcoffset() == timedelta(hours=1)
    assert end - start == timedelta(hours=2)
    assert str(event["URL"]) == record.online_url
    assert str(event["LOCATION"]) == record.online_url
    assert str(event["DESCRIPTION"]) == f"Länk nedan.\n\n{record.online_url}"
    assert "CATEGORIES" not in event


def test_a_meeting_over_the_change_to_winter_time(db: Database) -> None:
    # 25 October 2026: the clocks go back at 03:00 CEST.
    record = _meeting(db, starts_at="2026-10-24 22:00", ends_at="2026-10-25 10:00")
    event = _event(meeting_ics(record, now=NOW))
    assert event.decoded("DTSTART") == datetime(2026, 10, 24, 20, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 10, 25, 9, 0, tzinfo=UTC)


def test_a_cancelled_meeting_keeps_its_uid_with_a_higher_sequence(db: Database) -> None:
    record = _meeting(db, starts_at="2026-05-05 09:00")
    first = _event(meeting_ics(record, now=NOW))
    with db.unit_of_work() as session:
        cancelled = meetings.update_meeting(session, record.id, {"status": "cancelled"})
    second = _event(meeting_ics(cancelled, now=NOW))
    assert str(second["STATUS"]) == "CANCELLED"
    assert str(second["UID"]) == str(first["UID"])
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])


def test_the_time_zone_block_gives_stockholm_time_for_years() -> None:
    """A calendar without its own zone data places meetings by this block alone."""
    data = b"".join(
        fold(line) for line in ("BEGIN:VCALENDAR", *STOCKHOLM_VTIMEZONE, "END:VCALENDAR")
    )
    (block,) = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")
    defined = block.to_tz(lookup_tzid=False)
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    while moment < datetime(2036, 1, 1, tzinfo=UTC):
        assert moment.astimezone(defined).utcoffset() == moment.astimezone(STOCKHOLM).utcoffset()
        moment += timedelta(minutes=30)


def test_long_lines_fold_at_75_octets_without_splitting_a_character(db: Database) -> None:
    title = "Å" * 150 + " slut"
    record = _meeting(db, title=title, starts_at="2026-04-01 09:00", description="ö" * 2000)
    data = meeting_ics(record, now=NOW)
    lines = _unfolded(data)
    assert f"SUMMARY:{title}" in lines
    event = _event(data)
    assert str(event["SUMMARY"]) == title
    assert str(event["DESCRIPTION"]) == "ö" * 2000


@pytest.mark.parametrize("length", range(70, 80))
def test_fold_keeps_every_octet(length: int) -> None:
    line = "X:" + "é" * length
    folded = fold(line)
    physical = folded[:-2].split(b"\r\n")
    assert all(len(part) <= LINE_OCTETS for part in physical)
    assert b"".join(part[1:] if i else part for i, part in enumerate(physical)).decode() == line


def test_escape_text() -> None:
    assert escape_text("a\\b;c,d\r\ne\rf\ng\x07") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"


def test_several_meetings_in_one_calendar(db: Database) -> None:
    one = _meeting(db, title="Ett", starts_at="2026-04-01 09:00")
    two = _meeting(db, title="Två", starts_at="2026-04-02 09:00")
    calendar = icalendar.Calendar.from_ical(meetings_ics([(one, ()), (two, ["Tema"])], now=NOW))
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Ett", "Två"]
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_a_time_without_a_zone_is_refused(db: Database) -> None:
    record = _meeting(db, starts_at="2026-04-01 09:00")
    with pytest.raises(ValueError, match="timezone-aware"):
        meeting_ics(record, now=datetime(2026, 3, 2, 9, 0))
