"""Kontaktblad as PDF: the partner's details, its current people, kept together or continued."""

from __future__ import annotations

import itertools
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pdf_checks import CLOCK_START, dark_share, needs_pdftoppm, page_texts

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.demo.names import FOREIGN, MEN, SURNAMES, WOMEN
from lkoe_desktop.domain.clock import FixedClock
from lkoe_desktop.domain.codes import Relationship, Sector, SizeClass, label
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.reports.contact_sheet import document_title, write_contact_sheets
from lkoe_desktop.services import affiliations, contacts, partners, themes
from lkoe_desktop.services.document_rows import ContactSheet
from lkoe_desktop.services.report_rows import contact_sheets

HARBOUR = "Norrköpings Hamn AB"
BIG = "Region Östergötland"
BIG_PEOPLE = 70
EMAILS = itertools.count()
SMALL = [
    f"{city} Åkeri AB" for city in ("Boxholm", "Kinda", "Mjölby", "Motala", "Ydre", "Åtvidaberg")
]


@dataclass(frozen=True)
class Sheets:
    all: list[ContactSheet]
    harbour: list[ContactSheet]
    people: dict[str, list[str]]  # partner name: the current people printed ("first last")
    gone: list[str]  # archived or moved-away people, and the archived partner


def _partner(session, name: str, **values: object) -> int:  # type: ignore[no-untyped-def]
    return partners.create_partner(session, {"name": name, **values}).id


def _people(session, organisation_id: int, names: list[tuple[str, str]]) -> list[int]:  # type: ignore[no-untyped-def]
    return [
        contacts.create_contact(
            session,
            {
                "first_name": first,
                "last_name": last,
                "organisation_id": organisation_id,
                "title": "Logistikchef",
                "email": f"person{next(EMAILS)}@example.se",
                "mobile": "070-123 45 67",
            },
        ).id
        for first, last in names
    ]


def _ordinary(count: int, offset: int) -> list[tuple[str, str]]:
    given = [name for pair in zip(WOMEN, MEN, strict=False) for name in pair]
    return [
        (given[(offset + i) * 7 % len(given)], SURNAMES[(offset + i * 3) % len(SURNAMES)])
        for i in range(count)
    ]


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Sheets:
    path = tmp_path_factory.mktemp("sheets") / "lkoe.sqlite3"
    shutil.copy(sqlite_template, path)
    db = open_database(f"sqlite:///{path}", clock=FixedClock(CLOCK_START), user="testare")
    people: dict[str, list[str]] = {}
    with db.unit_of_work() as session:
        theme = themes.create_theme(session, {"name": "Hållbara transporter"}).id
        harbour = _partner(
            session,
            HARBOUR,
            org_number="556012-5790",
            sector="business",
            size_class="medium",
            municipality="Norrköping",
            postal_street="Box 1",
            postal_code="60102",
            postal_city="Norrköping",
            phone="011-15 50 00",
            website="https://www.norrkopingshamn.se",
            relationship="project_partner",
            relationship_since="2024-01-01",
            theme_ids=[theme],
        )
        foreign = [(person.first, person.last) for person in FOREIGN]
        _people(session, harbour, foreign)
        people[HARBOUR] = [f"{first} {last}" for first, last in foreign]
        archived, moved = _people(
            session, harbour, [("Arkiv", "Arkivsson"), ("Flytt", "Flyttsson")]
        )
        contacts.set_contact_archived(session, archived, True)
        big = _partner(session, BIG, sector="public", size_class="large")
        _people(session, big, _ordinary(BIG_PEOPLE, 0))
        people[BIG] = [f"{first} {last}" for first, last in _ordinary(BIG_PEOPLE, 0)]
        for number, name in enumerate(SMALL):
            small = _partner(session, name, sector="business", size_class="micro")
            _people(session, small, _ordinary(4 + number, 100 + number * 10))
            people[name] = [
                f"{first} {last}" for first, last in _ordinary(4 + number, 100 + number * 10)
            ]
        affiliations.change_job(session, moved, big, start_date=date(2026, 1, 1))
        gone = _partner(session, "Nedlagda Frakt AB")
        partners.set_partner_archived(session, gone, True)
    people[BIG].append("Flytt Flyttsson")
    with db.reading() as session:
        every = contact_sheets(session)
        one = contact_sheets(session, harbour)
    db.dispose()
    return Sheets(every, one, people, ["Arkiv Arkivsson", "Nedlagda Frakt AB"])


def _write(chosen: list[ContactSheet], path: Path, setup) -> list[str]:  # type: ignore[no-untyped-def]
    pages = write_contact_sheets(chosen, path, setup)
    texts = page_texts(path)
    assert pages == len(texts)
    return texts


def _pages_with(texts: list[str], line: str) -> set[int]:
    return {
        page
        for page, text in enumerate(texts)
        if line in (part.strip() for part in text.splitlines())
    }


def test_every_partner_and_its_current_people_are_printed(sheets: Sheets, setup, tmp_path) -> None:
    texts = _write(sheets.all, tmp_path / "all.pdf", setup)
    lines = {line.strip() for text in texts for line in text.splitlines()}
    assert [sheet.name for sheet in sheets.all] == sorted([HARBOUR, BIG, *SMALL], key=_swedish)
    for partner, people in sheets.people.items():
        assert partner in lines
        assert set(people) <= lines, partner
    assert not set(sheets.gone) & lines
    for number, text in enumerate(texts, 1):
        page_lines = text.splitlines()
        assert _("Contact sheets") in page_lines
        assert _("Page {page} of {pages}").format(page=number, pages=len(texts)) in page_lines


def _swedish(name: str) -> str:
    from lkoe_desktop.domain.text import sort_key

    return sort_key(name)


def test_a_partner_that_fits_on_a_page_is_kept_together(sheets: Sheets, setup, tmp_path) -> None:
    texts = _write(sheets.all, tmp_path / "all.pdf", setup)
    assert len(texts) >= 4
    for partner in [HARBOUR, *SMALL]:
        heading = _pages_with(texts, partner)
        assert len(heading) == 1, partner
        for person in sheets.people[partner]:
            assert _pages_with(texts, person) == heading, (partner, person)


def test_a_partner_longer_than_a_page_continues_under_its_name(
    sheets: Sheets, setup, tmp_path
) -> None:
    texts = _write(sheets.all, tmp_path / "all.pdf", setup)
    pages = set().union(*(_pages_with(texts, person) for person in sheets.people[BIG]))
    assert len(pages) >= 2
    first, *later = sorted(pages)
    continued = _("{heading} (continued)").format(heading=BIG)
    assert BIG in texts[first].splitlines()
    for page in later:
        lines = [line.strip() for line in texts[page].splitlines()]
        assert continued in lines and _("Name") in lines and _("Job title") in lines


def test_one_partner_with_its_details(sheets: Sheets, setup, tmp_path) -> None:
    texts = _write(sheets.harbour, tmp_path / "one.pdf", setup)
    assert len(texts) == 1
    lines = texts[0].splitlines()
    assert document_title(sheets.harbour) == _("Contact sheet") + " – " + HARBOUR
    assert document_title(sheets.harbour) in lines
    for expected in (
        HARBOUR,
        "556012-5790",
        label(Sector.BUSINESS),
        label(SizeClass.MEDIUM),
        "Box 1, 601 02 Norrköping",
        "011-15 50 00",
        "https://www.norrkopingshamn.se",
        "Hållbara transporter",
        "070-123 45 67",
        "Logistikchef",
    ):
        assert expected in lines, expected
    relationship = _("{relationship} since {date}").format(
        relationship=label(Relationship.PROJECT_PARTNER), date="2024-01-01"
    )
    assert relationship in " ".join(lines)
    for person in FOREIGN:
        assert lines.count(f"{person.first} {person.last}") == 1
    assert "Flytt Flyttsson" not in lines and "Arkiv Arkivsson" not in lines


def test_no_partners_and_no_people(sqlite_db: Database, setup, tmp_path) -> None:
    with sqlite_db.unit_of_work() as session:
        lonely = partners.create_partner(session, {"name": "Ensam AB"}).id
    with sqlite_db.reading() as session:
        alone = contact_sheets(session, lonely)
    assert _("No current contacts.") in _write(alone, tmp_path / "alone.pdf", setup)[0]
    assert len(_write([], tmp_path / "none.pdf", setup)) == 1


@needs_pdftoppm
def test_the_sheets_render_to_something_visible(sheets: Sheets, setup, tmp_path) -> None:
    path = tmp_path / "all.pdf"
    write_contact_sheets(sheets.all, path, setup)
    assert dark_share(path) > 0.01
