"""Deltagarlista as PDF: who is on it, every page's headers, periods, continued headings."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pdf_checks import (
    CLOCK_START,
    Seminar,
    build_seminar,
    dark_share,
    needs_pdftoppm,
    page_texts,
)
from pypdf import PdfReader

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.demo.names import FOREIGN
from lkoe_desktop.domain.clock import FixedClock
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.periods import Period
from lkoe_desktop.reports.participant_list import KEEP_ROWS, document_title, write_participant_list
from lkoe_desktop.services import contacts, meetings, participations, partners
from lkoe_desktop.services.document_rows import PageSetup, ParticipantList
from lkoe_desktop.services.report_rows import meeting_participants, period_participants

ORGANISER_INDEX = 10
SPEAKER_INDEX = 9
NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class Lists:
    seminar: Seminar
    attended: list[str]
    organiser: str
    meeting: ParticipantList
    period: ParticipantList
    outside: str


def _attend(db: Database, meeting_id: int, contact_ids: list[int]) -> None:
    with db.unit_of_work() as session:
        for contact_id in contact_ids:
            row = participations.register(session, meeting_id, contact_id)
            participations.set_status(session, row.id, "attended")


def _person(db: Database, first: str, last: str) -> int:
    with db.unit_of_work() as session:
        hamn = partners.create_partner(
            session, {"name": f"{last} AB", "org_number": "556012-5790", "sector": "business"}
        ).id
        return contacts.create_contact(
            session, {"first_name": first, "last_name": last, "organisation_id": hamn}
        ).id


def _meeting(db: Database, title: str, starts_at: str) -> int:
    with db.unit_of_work() as session:
        return meetings.create_meeting(
            session, {"title": title, "kind": "workshop", "starts_at": starts_at}
        ).id


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Lists:
    """The report seminar with the non-Latin people, a speaker and an organiser checked in;
    a second meeting in March and one in April."""
    path = tmp_path_factory.mktemp("participants") / "lkoe.sqlite3"
    shutil.copy(sqlite_template, path)
    db = open_database(f"sqlite:///{path}", clock=FixedClock(CLOCK_START), user="testare")
    seminar = build_seminar(db)
    with db.reading() as session:
        # Participations were made in the order of the seminar's people.
        everyone = sorted(
            participations.list_participants(session, seminar.meeting_id), key=lambda r: r.id
        )
    speaker, organiser = everyone[SPEAKER_INDEX], everyone[ORGANISER_INDEX]
    assert (speaker.role, organiser.role) == ("speaker", "organiser")
    checked_in = [*everyone[: len(FOREIGN) + 1], speaker, organiser]
    with db.unit_of_work() as session:
        participations.set_statuses(session, [row.id for row in checked_in], "attended")
    attended = [*seminar.attended, *(f"{r.first_name} {r.last_name}" for r in checked_in[:-1])]
    later = _meeting(db, "Uppföljning i Linköping", "2026-03-31 23:30")
    _attend(db, later, [_person(db, "Greta", "Garbo"), _person(db, "Ægir", "Andersson")])
    april = _meeting(db, "Aprilträffen", "2026-04-01 00:15")
    _attend(db, april, [_person(db, "Utan", "Förperiod")])
    with db.reading() as session:
        meeting = meeting_participants(session, seminar.meeting_id)
        period = period_participants(session, Period(date(2026, 3, 1), date(2026, 3, 31)))
    db.dispose()
    name = f"{organiser.first_name} {organiser.last_name}"
    return Lists(seminar, attended, name, meeting, period, "Utan Förperiod")


def _write(participants: ParticipantList, path: Path, setup: PageSetup) -> list[str]:
    pages = write_participant_list(participants, path, setup)
    texts = page_texts(path)
    assert pages == len(texts)
    return texts


def _lines(texts: list[str]) -> list[str]:
    return [line.strip() for text in texts for line in text.splitlines()]


def test_the_list_holds_the_attended_and_nobody_else(lists: Lists, setup, tmp_path) -> None:
    texts = _write(lists.meeting, tmp_path / "list.pdf", setup)
    lines = _lines(texts)
    squeezed = "".join("".join(texts).split())
    for name in lists.attended:
        assert name in lines or "".join(name.split()) in squeezed, name
    seminar = lists.seminar
    for name in [*seminar.cancelled, *seminar.no_show, *seminar.invited, lists.organiser]:
        assert name not in lines
    registered = set(seminar.registered) - set(lists.attended) - {lists.organiser}
    assert registered and not registered & set(lines)
    assert len(lists.meeting.rows) == len(lists.attended)


def test_non_latin_names_print_exactly_once(lists: Lists, setup, tmp_path) -> None:
    lines = _lines(_write(lists.meeting, tmp_path / "list.pdf", setup))
    for person in FOREIGN:
        assert lines.count(f"{person.first} {person.last}") == 1


def test_organisation_number_e_mail_sector_and_size_are_printed(
    lists: Lists, setup, tmp_path
) -> None:
    whole = "\n".join(_write(lists.period, tmp_path / "period.pdf", setup))
    garbo = next(row for row in lists.period.rows if row.last_name == "Garbo")
    assert garbo.org_number == "556012-5790"
    assert "556012-5790" in whole and _("Business") in whole
    emails = [row.email for row in lists.meeting.rows if row.email]
    squeezed = "".join(_write(lists.meeting, tmp_path / "list.pdf", setup)[0].split())
    assert emails and emails[0] in squeezed


def test_every_page_has_its_headers_and_rows_never_stand_alone(
    lists: Lists, setup, tmp_path
) -> None:
    texts = _write(lists.meeting, tmp_path / "list.pdf", setup)
    assert len(texts) >= 2
    title = document_title(lists.meeting)
    numbers: list[int] = []
    for page, text in enumerate(texts, 1):
        lines = [line.strip() for line in text.splitlines()]
        assert title in lines
        assert _("Page {page} of {pages}").format(page=page, pages=len(texts)) in lines
        assert _("Name") in lines and _("Org. number") in lines and _("E-mail") in lines
        on_page = [int(line) for line in lines if NUMBER.fullmatch(line)]
        assert len(on_page) >= KEEP_ROWS
        numbers += on_page
    assert numbers == list(range(1, len(lists.meeting.rows) + 1))
    for page in PdfReader(tmp_path / "list.pdf").pages:
        assert page.mediabox.width > page.mediabox.height


def test_a_period_lists_each_meeting_under_its_heading(lists: Lists, setup, tmp_path) -> None:
    texts = _write(lists.period, tmp_path / "period.pdf", setup)
    whole = "\n".join(texts)
    assert "2026-03-01 – 2026-03-31" in texts[0]
    assert "2026-03-12 09:00" in whole and "2026-03-31 23:30 · Uppföljning i Linköping" in whole
    lines = _lines(texts)
    assert "Greta Garbo" in lines and "Ægir Andersson" in lines
    assert lists.outside not in lines and "Aprilträffen" not in whole
    continued = _("{heading} (continued)").format(heading="")
    later_pages = [text for text in texts[1:] if continued.strip() in text]
    assert later_pages, "the seminar's table should continue under a repeated heading"


def test_nobody_attended(setup, tmp_path, sqlite_db: Database) -> None:
    meeting = _meeting(sqlite_db, "Tom träff", "2026-05-01 10:00")
    with sqlite_db.reading() as session:
        empty = meeting_participants(session, meeting)
        period = period_participants(session, Period(date(2026, 6, 1), date(2026, 6, 30)))
    alone = _write(empty, tmp_path / "empty.pdf", setup)
    assert len(alone) == 1 and "Tom träff" in alone[0]
    assert _("Nobody is marked as attended.") in alone[0]
    texts = _write(period, tmp_path / "none.pdf", setup)
    assert len(texts) == 1 and _("Nobody attended a meeting in this period.") in texts[0]


@needs_pdftoppm
def test_the_list_renders_to_something_visible(lists: Lists, setup, tmp_path) -> None:
    path = tmp_path / "list.pdf"
    write_participant_list(lists.meeting, path, setup)
    assert dark_share(path) > 0.01
