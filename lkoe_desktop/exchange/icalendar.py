"""Meetings as iCalendar files (RFC 5545) to attach to invitations, in Europe/Stockholm time.

The file carries its own definition of the Europe/Stockholm zone (CET/CEST, EU rules since
1996), so Outlook and other calendars place the meeting right whatever zone they are in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from lkoe_desktop import __version__
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import MeetingStatus
from lkoe_desktop.services.meetings import MeetingRecord

PRODID = f"-//Logistikkluster Ostergotland//LKOE Desktop {__version__}//SV"
TZID = "Europe/Stockholm"
UID_DOMAIN = "lkoe-desktop"
# A meeting without an end is shown this long.
DEFAULT_LENGTH = timedelta(hours=2)
# Longest line in octets, without its CRLF; longer ones are folded (RFC 5545, 3.1).
LINE_OCTETS = 75
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

STOCKHOLM_VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as `\\n`."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    for char in ("\\", ";", ","):
        value = value.replace(char, "\\" + char)
    return value.replace("\n", "\\n")


def fold(line: str) -> bytes:
    """One content line as UTF-8 with CRLF, folded at 75 octets, never inside a character."""
    data = line.encode()
    parts = []
    limit = LINE_OCTETS
    while len(data) > limit:
        cut = limit
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = LINE_OCTETS - 1  # a continuation line starts with a space
    parts.append(data)
    return b"\r\n ".join(parts) + b"\r\n"


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("iCalendar times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: datetime) -> str:
    return to_stockholm(moment).strftime("%Y%m%dT%H%M%S")


def uid(meeting_id: int, installation: str | None) -> str:
    """A meeting's UID: the same for the meeting every time, and never another database's,
    for it carries the database's installation id (`services.installation`). Without one
    it is the UID files written before installation ids had."""
    if installation is None:
        return f"meeting-{meeting_id}@{UID_DOMAIN}"
    return f"meeting-{meeting_id}-{installation}@{UID_DOMAIN}"


def _event(
    meeting: MeetingRecord, theme_names: Sequence[str], stamp: str, installation: str | None
) -> list[str]:
    ends_at = meeting.ends_at or (meeting.starts_at.astimezone(UTC) + DEFAULT_LENGTH)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(meeting.id, installation)}",
        f"DTSTAMP:{stamp}",
        f"CREATED:{_utc(meeting.created_at)}",
        f"LAST-MODIFIED:{_utc(meeting.updated_at)}",
        f"SEQUENCE:{max(0, meeting.version - 1)}",
        f"DTSTART;TZID={TZID}:{_local(meeting.starts_at)}",
        f"DTEND;TZID={TZID}:{_local(ends_at)}",
        f"SUMMARY:{escape_text(meeting.title)}",
    ]
    where = ", ".join(part for part in (meeting.place, meeting.address) if part)
    if where or meeting.online_url:
        lines.append(f"LOCATION:{escape_text(where or meeting.online_url or '')}")
    about = "\n\n".join(part for part in (meeting.description, meeting.online_url) if part)
    if about:
        lines.append(f"DESCRIPTION:{escape_text(about)}")
    if meeting.online_url:
        lines.append(f"URL:{_CONTROL.sub('', meeting.online_url)}")
    if theme_names:
        lines.append("CATEGORIES:" + ",".join(escape_text(name) for name in theme_names))
    cancelled = meeting.status == MeetingStatus.CANCELLED.value
    lines += [f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}", "END:VEVENT"]
    return lines


def meetings_ics(
    meetings: Iterable[tuple[MeetingRecord, Sequence[str]]],
    *,
    now: datetime,
    installation: str | None = None,
) -> bytes:
    """One calendar holding each (meeting, its theme names); `now` stamps every event, and
    `installation` (the database's installation id) goes into every UID."""
    stamp = _utc(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *STOCKHOLM_VTIMEZONE,
    ]
    for meeting, theme_names in meetings:
        lines += _event(meeting, theme_names, stamp, installation)
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)


def meeting_ics(
    meeting: MeetingRecord,
    *,
    theme_names: Sequence[str] = (),
    now: datetime,
    installation: str | None = None,
) -> bytes:
    """A calendar file with one meeting, its themes as categories; stable UID per meeting.

    A meeting without an end lasts two hours; a cancelled one has STATUS:CANCELLED, and the
    same UID with a higher SEQUENCE lets a calendar that has it update it.
    """
    return meetings_ics([(meeting, theme_names)], now=now, installation=installation)
