"""Report fixtures: a realistic meeting with ~60 people and the page setup of the tests."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pdf_checks import CLOCK_START, PRINTED_ON, Seminar, build_seminar

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.domain.clock import FixedClock
from lkoe_desktop.services.document_rows import BadgeSet, PageSetup, SignInSheet
from lkoe_desktop.services.office_settings import OfficeSettings
from lkoe_desktop.services.report_rows import collect_badges, collect_sign_in_sheet, printed_office


@dataclass(frozen=True)
class Collected:
    """The seminar's rows as the documents get them, collected once for the writing tests."""

    seminar: Seminar
    sheet: SignInSheet
    badges: BadgeSet


@pytest.fixture
def seminar(db: Database) -> Seminar:
    return build_seminar(db)


@pytest.fixture(scope="session")
def collected(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Collected:
    path = tmp_path_factory.mktemp("seminar") / "seminar.sqlite3"
    shutil.copy(sqlite_template, path)
    database = open_database(f"sqlite:///{path}", clock=FixedClock(CLOCK_START), user="testare")
    seminar = build_seminar(database)
    with database.reading() as session:
        sheet = collect_sign_in_sheet(session, seminar.meeting_id)
        badges = collect_badges(session, seminar.meeting_id)
    database.dispose()
    return Collected(seminar, sheet, badges)


@pytest.fixture
def setup() -> PageSetup:
    return PageSetup(printed_office(OfficeSettings()), PRINTED_ON)
