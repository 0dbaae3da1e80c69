"""The windowed table model without a view: pages on demand, background count, sort, filter."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, QObject, Qt
from pytestqt.qtbot import QtBot

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.migrate import open_database
from lkoe_desktop.domain.clock import FixedClock
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services.contacts import (
    ContactFilter,
    create_contact,
    list_contacts,
)
from lkoe_desktop.services.meetings import MeetingFilter, create_meeting
from lkoe_desktop.services.partners import PartnerFilter, create_partner
from lkoe_desktop.ui import ops
from lkoe_desktop.ui.models import table_model
from lkoe_desktop.ui.models.sources import contact_source, meeting_source, partner_source
from lkoe_desktop.ui.models.table_model import (
    FIRST_PAGE_SIZE,
    ID_ROLE,
    PAGE_SIZE,
    ROW_ROLE,
    ListSource,
    WindowedTableModel,
)

MANY = 450
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LAST_NAMES = ["Öberg", "zander", "Åberg", "Ärlig", "Andersson", "Zetterlund", "Ekström"]


@pytest.fixture(scope="module")
def many_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """A database with more contacts than fit on two pages, built once for the module."""
    path = tmp_path_factory.mktemp("many") / "many.sqlite3"
    shutil.copy(sqlite_template, path)
    database = open_database(f"sqlite:///{path}")
    with database.unit_of_work() as session:
        for number in range(MANY):
            create_contact(
                session,
                {"first_name": f"Person{number:03d}", "last_name": f"Efternamn{number:03d}"},
            )
    database.dispose()
    return path


@pytest.fixture
def many(many_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "many.sqlite3"
    shutil.copy(many_template, path)
    database = open_database(f"sqlite:///{path}", clock=FixedClock(START), user="testare")
    yield database
    database.dispose()


@pytest.fixture
def few(db: Database) -> Database:
    """A handful of contacts whose last names need Swedish order, at two organisations."""
    with db.unit_of_work() as session:
        firms = [create_partner(session, {"name": name}).id for name in ("Östgöta AB", "Alfa AB")]
        for number, last in enumerate(LAST_NAMES):
            create_contact(
                session,
                {
                    "first_name": "ABCDEFG"[number],
                    "last_name": last,
                    "organisation_id": firms[number % 3] if number % 3 < 2 else None,
                    "title": "Logistiker",
                },
            )
    return db


def _model(database: Database, source: ListSource | None = None) -> WindowedTableModel:
    return WindowedTableModel(database, source or contact_source())


def _column(model: WindowedTableModel, key: str) -> int:
    return next(i for i, spec in enumerate(model.columns) if spec.key == key)


def _shown(model: WindowedTableModel, key: str) -> list[str]:
    column = _column(model, key)
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_first_page_at_once_and_the_count_follows(qtbot: QtBot, many: Database) -> None:
    model = _model(many)
    with qtbot.waitSignal(model.count_known, timeout=10_000) as counted:
        model.set_filter(ContactFilter())
        assert model.rowCount() == FIRST_PAGE_SIZE
        assert not model.exact
        assert model.cached_row_count() == FIRST_PAGE_SIZE
    assert counted.args == [MANY]
    assert model.rowCount() == MANY
    assert model.exact
    assert model.cached_row_count() == 0  # the short first page is fetched again as a whole
    assert model.data(model.index(PAGE_SIZE - 1, 0)) == f"Efternamn{PAGE_SIZE - 1:03d}"
    assert model.cached_row_count() == PAGE_SIZE


def test_rows_beyond_the_first_page_are_fetched_on_demand(qtbot: QtBot, many: Database) -> None:
    model = _model(many)
    with qtbot.waitSignal(model.count_known, timeout=10_000):
        model.set_filter(ContactFilter())
    with many.reading() as session:
        expected = [row.id for row in list_contacts(session)]
    assert model.cached_row_count() == 0
    last = model.index(MANY - 1, _column(model, "last_name"))
    assert model.data(last) == f"Efternamn{MANY - 1:03d}"
    assert model.cached_row_count() == MANY - 2 * PAGE_SIZE
    assert [model.id_at(row) for row in range(MANY)] == expected
    assert model.data(last, ID_ROLE) == expected[-1]
    assert model.data(last, ROW_ROLE).first_name == f"Person{MANY - 1:03d}"
    assert model.id_at(MANY) is None


def test_pages_beyond_the_cache_are_evicted_and_fetched_again(
    qtbot: QtBot, many: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_model, "CACHED_PAGES", 2)
    model = _model(many)
    with qtbot.waitSignal(model.count_known, timeout=10_000):
        model.set_filter(ContactFilter())
    first = model.id_at(0)
    assert first is not None
    assert model.cached_row_count() == PAGE_SIZE
    middle, last = model.id_at(PAGE_SIZE), model.id_at(MANY - 1)
    rest = MANY - 2 * PAGE_SIZE
    assert model.cached_row_count() == PAGE_SIZE + rest  # page 0 has left the cache
    assert model.id_at(0) == first  # fetched again, the same row
    assert model.cached_row_count() == rest + PAGE_SIZE  # page 1 was the least recently used
    assert model.data(model.index(PAGE_SIZE, 0)) == f"Efternamn{PAGE_SIZE:03d}"
    assert model.id_at(PAGE_SIZE) == middle
    assert model.row_of_id(last) == MANY - 1


def test_texts_of_chosen_rows_across_pages_leave_the_cache_as_it_was(
    qtbot: QtBot, many: Database
) -> None:
    model = _model(many)
    with qtbot.waitSignal(model.count_known, timeout=10_000):
        model.set_filter(ContactFilter())
    model.id_at(PAGE_SIZE)  # page 1 is on screen, so cached
    rows = [0, PAGE_SIZE - 1, PAGE_SIZE, MANY - 1]
    chosen = model.texts_of(rows)
    assert chosen.to_read == PAGE_SIZE + MANY - 2 * PAGE_SIZE  # pages 0 and 2, read whole
    reported: list[tuple[int, int]] = []
    texts = chosen(lambda done, total: reported.append((done, total)))
    last, first = _column(model, "last_name"), _column(model, "first_name")
    assert [(row[last], row[first]) for row in texts] == [
        (f"Efternamn{row:03d}", f"Person{row:03d}") for row in rows
    ]
    assert reported == [(1, 3), (2, 3), (3, 3)]
    assert model.cached_row_count() == PAGE_SIZE  # pages 0 and 2 were read, not kept
    assert len(model.texts_of(range(MANY))()) == MANY


def test_sort_by_a_column_in_swedish_order_both_ways(qtbot: QtBot, few: Database) -> None:
    model = _model(few)
    model.set_filter(ContactFilter())
    swedish = ["Andersson", "Ekström", "zander", "Zetterlund", "Åberg", "Ärlig", "Öberg"]
    assert _shown(model, "last_name") == swedish
    model.sort(_column(model, "last_name"), Qt.SortOrder.AscendingOrder)
    assert _shown(model, "last_name") == swedish
    model.sort(_column(model, "last_name"), Qt.SortOrder.DescendingOrder)
    assert _shown(model, "last_name") == swedish[::-1]
    model.sort(_column(model, "organisation"), Qt.SortOrder.DescendingOrder)
    named = [name for name in _shown(model, "organisation") if name]
    assert named == ["Östgöta AB"] * 3 + ["Alfa AB"] * 2


def test_sort_column_minus_one_is_the_lists_own_order(qtbot: QtBot, few: Database) -> None:
    model = _model(few)
    model.set_filter(ContactFilter())
    default = _shown(model, "last_name")
    model.sort(_column(model, "organisation"), Qt.SortOrder.DescendingOrder)
    assert _shown(model, "last_name") != default
    model.sort(-1)
    assert _shown(model, "last_name") == default


def test_sort_by_first_name_in_swedish_order(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        for first in ("Örjan", "Zlatan", "Åsa", "Ärla", "anna", "Émile"):
            create_contact(session, {"first_name": first, "last_name": "Svensson"})
    model = _model(db)
    model.set_filter(ContactFilter())
    model.sort(_column(model, "first_name"), Qt.SortOrder.AscendingOrder)
    swedish = ["anna", "Émile", "Zlatan", "Åsa", "Ärla", "Örjan"]
    assert _shown(model, "first_name") == swedish
    model.sort(_column(model, "first_name"), Qt.SortOrder.DescendingOrder)
    assert _shown(model, "first_name") == swedish[::-1]


def test_sorting_before_the_first_filter_waits_for_it(qtbot: QtBot, few: Database) -> None:
    model = _model(few)
    model.sort(_column(model, "last_name"), Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 0
    model.set_filter(ContactFilter())
    assert _shown(model, "last_name")[0] == "Öberg"


def test_the_filter_changes_the_rows(qtbot: QtBot, few: Database) -> None:
    model = _model(few)
    model.set_filter(ContactFilter())
    assert model.rowCount() == len(LAST_NAMES)
    with qtbot.waitSignal(model.modelReset):
        model.set_filter(ContactFilter(search="öber"))
    assert _shown(model, "last_name") == ["Öberg"]
    assert model.exact
    model.set_filter(ContactFilter(search="no such person"))
    assert model.rowCount() == 0
    assert model.id_at(0) is None


def test_a_read_for_an_older_filter_is_skipped_or_ignored(
    qtbot: QtBot, many: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    pending: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []
    monkeypatch.setattr(
        table_model, "submit", lambda task, on_done, _owner: pending.append((task, on_done))
    )
    model = _model(many)
    counts: list[int] = []
    model.count_known.connect(counts.append)
    model.set_filter(ContactFilter())  # 450 rows: the ids are read after a short pause
    qtbot.waitUntil(lambda: len(pending) == 1)
    model.set_filter(ContactFilter(search="Person00"))  # 10 rows, known at once
    task, on_done = pending.pop()
    on_done(task())  # the answer for the first filter arrives late
    assert counts == [10]
    assert model.rowCount() == 10
    model.set_filter(ContactFilter())  # replaced before its pause ends: never read
    model.set_filter(ContactFilter(search="Person"))
    qtbot.waitUntil(lambda: len(pending) == 1)
    qtbot.wait(2 * table_model.IDS_DELAY_MS)
    assert len(pending) == 1
    task, on_done = pending.pop()
    on_done(task())
    assert counts == [10, MANY]
    assert model.rowCount() == MANY


def test_refresh_reads_and_counts_again(qtbot: QtBot, many: Database) -> None:
    model = _model(many)
    with qtbot.waitSignal(model.count_known, timeout=10_000):
        model.set_filter(ContactFilter())
    assert model.rowCount() == MANY
    with many.unit_of_work() as session:
        for number in range(50):
            create_contact(session, {"first_name": "Ny", "last_name": f"Efternamn{number:03d}b"})
    with qtbot.waitSignal(model.count_known, timeout=10_000) as counted:
        model.refresh()
        assert model.rowCount() == FIRST_PAGE_SIZE
    assert counted.args == [MANY + 50]
    assert model.rowCount() == MANY + 50
    assert model.data(model.index(1, 0)) == "Efternamn000b"


def test_headings_labels_and_alignment(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        create_partner(session, {"name": "Akademiska Hus", "sector": "academia"})
        create_meeting(
            session, {"title": "Seminarium", "kind": "seminar", "starts_at": "2026-03-10 13:00"}
        )
    partners = _model(db, partner_source())
    partners.set_filter(PartnerFilter())
    sector = _column(partners, "sector")
    assert partners.headerData(sector, Qt.Orientation.Horizontal) == _("Sector")
    assert partners.headerData(sector, Qt.Orientation.Vertical) is None
    assert partners.data(partners.index(0, sector)) == _("Academia")
    assert partners.data(partners.index(0, sector), Qt.ItemDataRole.ToolTipRole) == _("Academia")
    assert partners.data(QModelIndex()) is None
    assert partners.columnCount() == len(partners.columns)
    assert partners.rowCount(partners.index(0, 0)) == 0

    meetings = _model(db, meeting_source())
    meetings.set_filter(MeetingFilter())
    starts = _column(meetings, "starts_at")
    registered = _column(meetings, "registered_count")
    assert meetings.data(meetings.index(0, starts)) == "2026-03-10 13:00"
    assert meetings.data(meetings.index(0, registered)) == "0"
    alignment = meetings.data(meetings.index(0, registered), Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & int(Qt.AlignmentFlag.AlignRight)
    assert meetings.data(meetings.index(0, starts), Qt.ItemDataRole.TextAlignmentRole) is None


def test_retranslate_announces_new_headings(qtbot: QtBot, few: Database) -> None:
    model = _model(few)
    model.set_filter(ContactFilter())
    with (
        qtbot.waitSignal(model.headerDataChanged) as headings,
        qtbot.waitSignal(model.dataChanged) as cells,
    ):
        model.retranslate()
    assert headings.args[1:] == [0, len(model.columns) - 1]
    assert cells.args[1].row() == len(LAST_NAMES) - 1


def test_a_count_for_a_deleted_model_is_dropped(
    qtbot: QtBot, many: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    held: list[tuple[Callable[[], Any], Callable[[Any], None], QObject]] = []
    monkeypatch.setattr(
        table_model, "submit", lambda task, on_done, owner: held.append((task, on_done, owner))
    )
    owner = QObject()
    model = WindowedTableModel(many, contact_source(), owner)
    model.set_filter(ContactFilter())
    qtbot.waitUntil(lambda: bool(held))  # the ids are read after a short pause
    task, on_done, receiver = held.pop()
    shiboken6.delete(owner)  # the model goes with it, its answer still on the way
    ops.submit(task, on_done, receiver)
    qtbot.waitUntil(lambda: ops.waiting() == 0, timeout=10_000)
    assert not shiboken6.isValid(model)
