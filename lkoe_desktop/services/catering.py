"""What to tell the caterer: how many people come to a meeting and their dietary needs, counted.

Only counts leave this module: never who needs what, because dietary needs can reveal health
or religion.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Meeting, Participation
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import ON_SIGN_IN_SHEET
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.text import sort_key
from lkoe_desktop.services.common import get, now

# What people write in a registration form when they have no dietary needs.
NO_NEEDS = frozenset({"-", "–", "—", "nej", "inga", "ingen", "inget", "no", "none", "n/a"})


# One dietary need as most people wrote it, and how many people have it.
NeedCount = tuple[str, int]


@dataclass(frozen=True)
class CateringSummary:
    """The people registered for a meeting (or attended), and their dietary needs counted.

    Times are in Europe/Stockholm; `counted_at` is when the summary was made.
    """

    meeting_id: int
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    address: str | None
    registered_count: int
    needs: list[NeedCount]
    count_without_needs: int
    counted_at: datetime


def _normal(text: str) -> str:
    """A need as written, with its spaces tidied."""
    return " ".join(text.split())


def _count_needs(written: list[str]) -> list[NeedCount]:
    """Needs counted case-insensitively, each shown as most people wrote it (the first of
    equally common spellings) with a capital first letter; most common first."""
    forms: dict[str, Counter[str]] = {}
    for text in written:
        forms.setdefault(text.casefold(), Counter())[text] += 1
    needs: list[NeedCount] = []
    for spellings in forms.values():
        shown = spellings.most_common(1)[0][0]
        needs.append((shown[:1].upper() + shown[1:], spellings.total()))
    return sorted(needs, key=lambda need: (-need[1], sort_key(need[0]), need[0]))


def catering_summary(session: Session, meeting_id: int) -> CateringSummary:
    """Registered and attended people of a meeting, and their dietary needs counted.

    Needs that differ only in case or spaces are one need; "nej", "inga" and the like are
    no need at all.
    """
    meeting = get(session, Meeting, meeting_id, _("Meeting"))
    stated = list(
        session.scalars(
            select(Participation.dietary_needs)
            .where(
                Participation.meeting_id == meeting.id,
                Participation.status.in_([status.value for status in ON_SIGN_IN_SHEET]),
            )
            .order_by(Participation.id)
        )
    )
    written = [_normal(text) for text in stated if text]
    needs = _count_needs([text for text in written if text and text.casefold() not in NO_NEEDS])
    with_needs = sum(count for _text, count in needs)
    return CateringSummary(
        meeting_id=meeting.id,
        title=meeting.title,
        starts_at=to_stockholm(meeting.starts_at),
        ends_at=None if meeting.ends_at is None else to_stockholm(meeting.ends_at),
        place=meeting.place,
        address=meeting.address,
        registered_count=len(stated),
        needs=needs,
        count_without_needs=len(stated) - with_needs,
        counted_at=to_stockholm(now(session)),
    )


def _when(summary: CateringSummary) -> str:
    start = summary.starts_at
    day = start.strftime("%Y-%m-%d")
    if summary.ends_at is None:
        return _("Time: {date} at {start}").format(date=day, start=start.strftime("%H:%M"))
    end = summary.ends_at
    if end.date() == start.date():
        return _("Time: {date}, {start}–{end}").format(
            date=day, start=start.strftime("%H:%M"), end=end.strftime("%H:%M")
        )
    return _("Time: {start} – {end}").format(
        start=start.strftime("%Y-%m-%d %H:%M"), end=end.strftime("%Y-%m-%d %H:%M")
    )


def catering_text(summary: CateringSummary) -> str:
    """The summary as plain text to paste into an e-mail to the caterer; no names."""
    lines = [_("Catering for {title}").format(title=summary.title), "", _when(summary)]
    where = ", ".join(part for part in (summary.place, summary.address) if part)
    if where:
        lines.append(_("Place: {place}").format(place=where))
    lines.append(_("Number of participants: {count}").format(count=summary.registered_count))
    lines.append("")
    if summary.needs:
        lines.append(_("Dietary needs:"))
        lines += [f"- {text}: {count}" for text, count in summary.needs]
        lines.append(_("Without dietary needs: {count}").format(count=summary.count_without_needs))
    else:
        lines.append(_("No one has stated any dietary needs."))
    lines += [
        "",
        _("As registered on {date} at {time}.").format(
            date=summary.counted_at.strftime("%Y-%m-%d"),
            time=summary.counted_at.strftime("%H:%M"),
        ),
    ]
    return "\n".join(lines) + "\n"
