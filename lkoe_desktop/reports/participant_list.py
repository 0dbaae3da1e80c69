"""Deltagarlista: who attended a meeting, or each meeting of a period, with the organisation they
represented (number, sector, size class, municipality) and e-mail; landscape A4."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import groupby

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PTOContainer, Spacer

from lkoe_desktop.domain.entities import PARTNER
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.reports.columns import (
    SAMPLE_ORG_NUMBER,
    heading,
    labels,
    natural_width,
    shown,
)
from lkoe_desktop.reports.paged_table import PagedTable
from lkoe_desktop.reports.sign_in_sheet import when
from lkoe_desktop.reports.template import (
    Target,
    build_pdf,
    content_size,
    document_heading,
    facts_table,
    para,
    styles,
)
from lkoe_desktop.services.document_rows import AttendeeRow, PageSetup, ParticipantList

FONT_SIZE = 8.0
# Of the room the fixed columns leave, at most this share goes to e-mail (addresses break
# badly), then at most this share of the rest to the name; the organisation gets the rest.
EMAIL_SHARE = 0.45
NAME_SHARE = 0.4
KEEP_ROWS = 3
FACT_LABEL_WIDTH = 30 * mm


def _people(count: int) -> str:
    return ngettext("{count} person", "{count} people", count).format(count=count)


def _period(participants: ParticipantList) -> str:
    return f"{participants.starts_from.isoformat()} – {participants.starts_until.isoformat()}"


def document_title(participants: ParticipantList) -> str:
    if participants.meeting is not None:
        return _("Participant list") + " – " + participants.meeting.title
    return _("Participant list") + " " + _period(participants)


def _header() -> list[str]:
    return [
        _("No."),
        _("Name"),
        _("Organisation"),
        heading(PARTNER, "org_number"),
        heading(PARTNER, "email"),
        heading(PARTNER, "sector"),
        heading(PARTNER, "size_class"),
        heading(PARTNER, "municipality"),
    ]


def _cells(rows: Sequence[AttendeeRow]) -> list[list[str]]:
    """The printed cells of one meeting's people, numbered from 1."""
    return [
        [
            str(number),
            f"{row.first_name} {row.last_name}",
            row.organisation or "",
            row.org_number or "",
            row.email or "",
            shown(PARTNER, "sector", row.sector),
            shown(PARTNER, "size_class", row.size_class),
            shown(PARTNER, "municipality", row.municipality),
        ]
        for number, row in enumerate(rows, 1)
    ]


def _widths(header: list[str], cells: Sequence[list[str]], width: float) -> list[float]:
    """Column widths: the short columns as wide as their longest text; then e-mail, name and
    organisation share the rest in that order of need."""

    def natural(column: int, texts: Iterable[str]) -> float:
        return natural_width(header[column], texts, FONT_SIZE)

    number = natural(0, {cell[0] for cell in cells})
    fixed = [
        natural(3, [SAMPLE_ORG_NUMBER]),
        natural(5, labels(PARTNER, "sector")),
        natural(6, labels(PARTNER, "size_class")),
        min(natural(7, {cell[7] for cell in cells}), 34 * mm),
    ]
    room = width - number - sum(fixed)
    email = min(natural(4, {cell[4] for cell in cells}), room * EMAIL_SHARE)
    name = min(natural(1, {cell[1] for cell in cells}), (room - email) * NAME_SHARE)
    organisation = room - email - name
    return [number, name, organisation, fixed[0], email, *fixed[1:]]


def _table(header: list[str], cells: list[list[str]], widths: list[float]) -> PagedTable:
    return PagedTable(
        header,
        cells,
        widths,
        align=["right", *["left"] * 7],
        font_size=FONT_SIZE,
        keep_rows=KEEP_ROWS,
    )


def _meeting_story(participants: ParticipantList, width: float) -> list[Flowable]:
    style = styles()
    meeting = participants.meeting
    assert meeting is not None
    facts = [
        (_("When"), when(meeting.starts_at, meeting.ends_at)),
        (_("Place"), meeting.place or ""),
        (_("Attended"), _people(len(participants.rows))),
    ]
    story: list[Flowable] = [
        *document_heading(_("Participant list"), meeting.title),
        facts_table(facts, width, label_width=FACT_LABEL_WIDTH),
        Spacer(0, 5 * mm),
    ]
    if participants.rows:
        header, cells = _header(), _cells(participants.rows)
        story.append(_table(header, cells, _widths(header, cells, width)))
    else:
        story.append(para(_("Nobody is marked as attended."), style.body))
    return story


def _period_story(participants: ParticipantList, width: float, height: float) -> list[Flowable]:
    style = styles()
    heading = ParagraphStyle("meeting_heading", style.heading, keepWithNext=False)
    by_meeting = [
        list(rows) for _id, rows in groupby(participants.rows, lambda row: row.meeting_id)
    ]
    facts = [
        (_("Meetings"), str(len(by_meeting))),
        (_("Participations"), str(len(participants.rows))),
        (_("People"), str(len({row.contact_id for row in participants.rows}))),
    ]
    story: list[Flowable] = [
        *document_heading(_("Participant list"), _period(participants)),
        facts_table(facts, width, label_width=FACT_LABEL_WIDTH),
        Spacer(0, 2 * mm),
    ]
    if not by_meeting:
        story.append(para(_("Nobody attended a meeting in this period."), style.body))
    header = _header()
    cells = [_cells(rows) for rows in by_meeting]
    widths = _widths(header, [line for lines in cells for line in lines], width)
    for rows, lines in zip(by_meeting, cells, strict=True):
        meeting = f"{rows[0].starts_at:%Y-%m-%d %H:%M} · {rows[0].meeting_title}"
        above = [
            para(meeting, heading),
            para(_("Attended: {people}").format(people=_people(len(rows))), style.small),
            Spacer(0, 2 * mm),
        ]
        continued = para(_("{heading} (continued)").format(heading=meeting), heading)
        story += _kept_with_first_rows(above, header, lines, widths, continued, height)
    return story


def _kept_with_first_rows(
    above: list[Flowable],
    header: list[str],
    lines: list[list[str]],
    widths: list[float],
    continued: Flowable,
    height: float,
) -> list[Flowable]:
    """`above` and the table, on a new page unless `above` and the start of the table fit on
    this one: a heading is never left alone at the foot of a page. The table splits only with
    KEEP_ROWS rows on either side, so a shorter one must fit whole. Each later page of the
    table starts with `continued`."""
    width = sum(widths)
    first = lines if len(lines) < 2 * KEEP_ROWS else lines[:KEEP_ROWS]
    start = [*above, _table(header, first, widths)]
    needed = sum(
        part.wrap(width, height)[1] + part.getSpaceBefore() + part.getSpaceAfter() for part in start
    )
    table = PTOContainer([_table(header, lines, widths)], header=[continued])
    return [CondPageBreak(needed), *above, table]


def participant_story(participants: ParticipantList, setup: PageSetup) -> list[Flowable]:
    """The flowables of the list (for build_pdf); `setup` should be landscape."""
    width, height = content_size(setup)
    if participants.meeting is not None:
        return _meeting_story(participants, width)
    return _period_story(participants, width, height)


def write_participant_list(participants: ParticipantList, target: Target, setup: PageSetup) -> int:
    """Write the deltagarlista as a landscape PDF to a path or binary stream; returns pages."""
    setup = replace(setup, landscape=True)
    story = participant_story(participants, setup)
    return build_pdf(target, document_title(participants), story, setup)
