"""Partnerregister as PDF: every partner that is not archived, headers on every page, progress."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pdf_checks import CLOCK_START, dark_share, needs_pdftoppm, page_texts
from pypdf import PdfReader

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.domain.clock import FixedClock
from lkoe_desktop.domain.codes import Relationship, Sector, SizeClass, label
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.text import sort_key
from lkoe_desktop.reports.register import write_register
from lkoe_desktop.services import partners
from lkoe_desktop.services.document_rows import RegisterRow
from lkoe_desktop.services.report_rows import partner_register

NON_LATIN = ["Łukasz Wójcik", "Nguyễn Thị Hoa", "Ægir Øster", "Σοφία Παπαδοπούλου", "Иван Петров"]
ORDINARY = 120
ORG_NUMBER = re.compile(r"\d{6}-\d{4}")


@dataclass(frozen=True)
class Register:
    rows: list[RegisterRow]
    names: list[str]
    archived: list[str]


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Register:
    """Partners with every field filled in turn, the non-Latin names, and two archived ones."""
    path = tmp_path_factory.mktemp("register") / "lkoe.sqlite3"
    shutil.copy(sqlite_template, path)
    db = open_database(f"sqlite:///{path}", clock=FixedClock(CLOCK_START), user="testare")
    sectors, sizes, relationships = list(Sector), list(SizeClass), list(Relationship)
    names = [f"{name} Konsult AB" for name in NON_LATIN]
    names += [f"Partner {number:03d} Logistik AB" for number in range(ORDINARY)]
    archived = ["Arkiverad Åkeri AB", "Nedlagd Transport AB"]
    with db.unit_of_work() as session:
        for number, name in enumerate(names + archived):
            partner = partners.create_partner(
                session,
                {
                    "name": name,
                    "org_number": "556012-5790" if number % 2 else None,
                    "sector": sectors[number % len(sectors)].value,
                    "size_class": sizes[number % len(sizes)].value,
                    "municipality": "Norrköping" if number % 3 else "Valdemarsvik",
                    "relationship": relationships[number % len(relationships)].value,
                    "relationship_since": f"2024-{number % 12 + 1:02d}-01",
                },
            )
            if name in archived:
                partners.set_partner_archived(session, partner.id, True)
    with db.reading() as session:
        rows = partner_register(session)
    db.dispose()
    return Register(rows, names, archived)


def _write(rows: list[RegisterRow], path: Path, setup, **options) -> list[str]:  # type: ignore[no-untyped-def]
    pages = write_register(rows, path, setup, **options)
    texts = page_texts(path)
    assert pages == len(texts)
    return texts


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def test_every_partner_that_is_not_archived_is_listed_once(
    register: Register, setup, tmp_path
) -> None:
    texts = _write(register.rows, tmp_path / "register.pdf", setup)
    lines = [line for text in texts for line in _lines(text)]
    for name in register.names:
        assert lines.count(name) == 1, name
    for name in register.archived:
        assert name not in lines
    order = [line for line in lines if line in set(register.names)]
    assert order == sorted(register.names, key=sort_key)
    for name in NON_LATIN:
        assert f"{name} Konsult AB" in lines


def test_codes_dates_and_numbers_are_printed_as_the_office_reads_them(
    register: Register, setup, tmp_path
) -> None:
    whole = "\n".join(_write(register.rows, tmp_path / "register.pdf", setup))
    for enum in (Sector, SizeClass, Relationship):
        for member in enum:
            assert label(member) in whole
    assert "2024-12-01" in whole and "Valdemarsvik" in whole
    assert len(ORG_NUMBER.findall(whole)) == len(register.names) // 2


def test_every_page_has_the_headers_and_no_row_stands_alone(
    register: Register, setup, tmp_path
) -> None:
    texts = _write(register.rows, tmp_path / "register.pdf", setup)
    assert len(texts) >= 4
    names = set(register.names)
    for number, text in enumerate(texts, 1):
        lines = _lines(text)
        assert _("Partner register") in lines
        assert _("Page {page} of {pages}").format(page=number, pages=len(texts)) in lines
        assert _("Name") in lines and _("Org. number") in lines and _("Since") in lines
        assert len([line for line in lines if line in names]) >= 2
    for page in PdfReader(tmp_path / "register.pdf").pages:
        assert page.mediabox.width > page.mediabox.height


def test_progress_counts_the_partners_put_on_paper(register: Register, setup, tmp_path) -> None:
    seen: list[tuple[int, int]] = []
    texts = _write(
        register.rows,
        tmp_path / "register.pdf",
        setup,
        progress=lambda done, total: seen.append((done, total)),
    )
    total = len(register.rows)
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [done for done, _total in seen] == sorted({done for done, _total in seen})
    assert len(seen) == len(texts) + 1


def test_an_empty_register_is_one_page(sqlite_db: Database, setup, tmp_path) -> None:
    with sqlite_db.reading() as session:
        rows = partner_register(session)
    seen: list[tuple[int, int]] = []
    texts = _write(rows, tmp_path / "empty.pdf", setup, progress=lambda *args: seen.append(args))
    assert len(texts) == 1 and seen == [(0, 0)]


@needs_pdftoppm
def test_the_register_renders_to_something_visible(register: Register, setup, tmp_path) -> None:
    path = tmp_path / "register.pdf"
    write_register(register.rows, path, setup)
    assert dark_share(path) > 0.01
