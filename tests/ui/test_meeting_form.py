"""The meeting form: create and edit, start and end as people type them, participants."""

from __future__ import annotations

from datetime import datetime

import pytest
from modals import answer_modal
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.clock import STOCKHOLM
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services import participations
from lkoe_desktop.services.contacts import create_contact
from lkoe_desktop.services.meetings import (
    create_meeting,
    get_meeting,
    list_meetings,
)
from lkoe_desktop.services.themes import create_theme, set_theme_archived
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.meeting_form import MeetingForm, open_meeting_form
from lkoe_desktop.ui.dialogs.participants_panel import capacity_text
from lkoe_desktop.ui.widgets.form_fields import CalendarPopup


@pytest.fixture
def context(sqlite_db: Database) -> AppContext:
    return AppContext(sqlite_db, prompts=RecordingPrompts())


def _form(qtbot: QtBot, context: AppContext, record_id: int | None = None) -> MeetingForm:
    form = MeetingForm(context, record_id)
    qtbot.addWidget(form)
    form.show()
    return form


def _line(form: MeetingForm, key: str) -> QLineEdit:
    editor = form.widgets[key].editor
    assert isinstance(editor, QLineEdit)
    return editor


def _choose(form: MeetingForm, key: str, code: str) -> None:
    combo = form.widgets[key].editor
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(code))


def _error(form: MeetingForm, key: str) -> str | None:
    label = form.widgets[key].error
    return label.text() if label.isVisibleTo(form) else None


def _save(qtbot: QtBot, form: MeetingForm) -> None:
    button = form.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _meeting(database: Database, **values: object) -> int:
    with database.unit_of_work() as session:
        fields = {"title": "Frukostseminarium", "kind": "seminar", "starts_at": "2026-04-02 08:00"}
        return create_meeting(session, fields | values).id


def test_new_meeting_is_saved_with_its_times_and_themes(
    qtbot: QtBot, context: AppContext, sqlite_db: Database
) -> None:
    with sqlite_db.unit_of_work() as session:
        theme = create_theme(session, {"name": "Hållbara transporter"})
        create_theme(session, {"name": "Bygglogistik"})
    form = _form(qtbot, context)
    assert form.windowTitle() == _("New meeting")
    assert form.widgets["status"].value() == "planned"
    assert form.pages.count() == 1
    type_text(_line(form, "title"), "Frukostmöte på Hamnkontoret")
    _choose(form, "kind", "network_meeting")
    qtbot.keyClicks(_line(form, "starts_at"), "2026-04-02 8.30")
    assert _line(form, "ends_at").text() == "2026-04-02 10:30"  # follows the start
    _line(form, "starts_at").editingFinished.emit()
    assert _line(form, "starts_at").text() == "2026-04-02 08:30"  # tidied
    type_text(_line(form, "place"), "Norrköpings Hamn")
    qtbot.keyClicks(_line(form, "online_url"), "teams.example.se/m/123")
    qtbot.keyClicks(_line(form, "capacity"), "40")
    themes = form.themes
    item = next(
        themes.item(i) for i in range(themes.count()) if themes.item(i).text() == theme.name
    )
    item.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(context.bus.changed) as announced:
        _save(qtbot, form)
    assert announced.args == [frozenset({"meeting"})]
    with sqlite_db.reading() as session:
        saved = get_meeting(session, form.saved_id or 0)
    assert saved.title == "Frukostmöte på Hamnkontoret"
    assert (saved.kind, saved.status, saved.capacity) == ("network_meeting", "planned", 40)
    assert saved.starts_at == datetime(2026, 4, 2, 8, 30, tzinfo=STOCKHOLM)
    assert saved.ends_at == datetime(2026, 4, 2, 10, 30, tzinfo=STOCKHOLM)
    assert saved.online_url == "https://teams.example.se/m/123"
    assert saved.theme_ids == (theme.id,)


def test_kind_is_required_when_saving(
    qtbot: QtBot, context: AppContext, sqlite_db: Database
) -> None:
    form = _form(qtbot, context)
    qtbot.keyClicks(_line(form, "title"), "Workshop")
    qtbot.keyClicks(_line(form, "starts_at"), "2026-04-02 13:00")
    _save(qtbot, form)
    assert _error(form, "kind") == _("This field is required.")
    assert form.isVisible()
    with sqlite_db.reading() as session:
        assert list_meetings(session) == []


def test_an_end_before_the_start_is_shown_as_you_type(
    qtbot: QtBot, context: AppContext, sqlite_db: Database
) -> None:
    form = _form(qtbot, context)
    qtbot.keyClicks(_line(form, "title"), "Workshop")
    _choose(form, "kind", "workshop")
    qtbot.keyClicks(_line(form, "starts_at"), "2026-04-02 13:00")
    _line(form, "ends_at").clear()
    qtbot.keyClicks(_line(form, "ends_at"), "2026-04-02 12:00")
    assert _error(form, "ends_at") == _("The meeting cannot end before it starts.")
    _save(qtbot, form)
    assert form.isVisible()
    _line(form, "starts_at").clear()
    qtbot.keyClicks(_line(form, "starts_at"), "2026-04-02 10:00")
    assert _error(form, "ends_at") is None
    assert _line(form, "ends_at").text() == "2026-04-02 12:00"  # typed by hand: left alone
    qtbot.keyClicks(_line(form, "starts_at"), "x")
    assert "2026-04-02 10:00x" in (_error(form, "starts_at") or "")
    with sqlite_db.reading() as session:
        assert list_meetings(session) == []


def test_an_impossible_time_is_refused_under_the_field(qtbot: QtBot, context: AppContext) -> None:
    form = _form(qtbot, context)
    qtbot.keyClicks(_line(form, "starts_at"), "2026-04-02 25:00")
    assert "2026-04-02 25:00" in (_error(form, "starts_at") or "")
    qtbot.keyClicks(_line(form, "capacity"), "0")
    assert _error(form, "capacity") == _("The capacity must be at least 1.")


def test_the_calendar_sets_the_day_and_a_default_time(qtbot: QtBot, context: AppContext) -> None:
    form = _form(qtbot, context)
    line = _line(form, "starts_at")
    action = line.findChild(QAction, "calendar")
    assert action is not None
    action.trigger()
    popup = line.findChild(CalendarPopup)
    assert popup is not None
    popup.clicked.emit(QDate(2026, 5, 4))
    assert line.text() == "2026-05-04 09:00"
    assert _line(form, "ends_at").text() == "2026-05-04 11:00"
    line.setText("2026-05-04 14:15")
    action.trigger()
    popup = next(p for p in line.findChildren(CalendarPopup) if p.isVisible())
    popup.clicked.emit(QDate(2026, 5, 6))
    assert line.text() == "2026-05-06 14:15"  # the time typed is kept


def test_editing_shows_the_meeting_and_an_archived_theme_only_if_chosen(
    qtbot: QtBot, context: AppContext, sqlite_db: Database
) -> None:
    with sqlite_db.unit_of_work() as session:
        kept = create_theme(session, {"name": "E-handel"})
        old = create_theme(session, {"name": "Gammalt tema"})
        unused = create_theme(session, {"name": "Oanvänt tema"})
    meeting_id = _meeting(
        sqlite_db, ends_at="2026-04-02 10:00", capacity=30, theme_ids=[kept.id, old.id]
    )
    with sqlite_db.unit_of_work() as session:
        set_theme_archived(session, old.id, True)
        set_theme_archived(session, unused.id, True)
    form = _form(qtbot, context, meeting_id)
    assert form.windowTitle() == _("Meeting: {title}").format(title="Frukostseminarium")
    assert _line(form, "starts_at").text() == "2026-04-02 08:00"
    assert _line(form, "ends_at").text() == "2026-04-02 10:00"
    assert form.widgets["capacity"].value() == "30"
    shown = {
        form.themes.item(i).text(): form.themes.item(i).checkState() == Qt.CheckState.Checked
        for i in range(form.themes.count())
        if not form.themes.item(i).isHidden()
    }
    archived = _("{name} (archived)").format(name="Gammalt tema")
    assert shown == {"E-handel": True, archived: True}
    _line(form, "starts_at").clear()
    qtbot.keyClicks(_line(form, "starts_at"), "2026-04-02 09:00")
    assert _line(form, "ends_at").text() == "2026-04-02 10:00"  # a saved end stays put
    _save(qtbot, form)
    with sqlite_db.reading() as session:
        saved = get_meeting(session, meeting_id)
    assert saved.starts_at == datetime(2026, 4, 2, 9, 0, tzinfo=STOCKHOLM)
    assert saved.theme_ids == tuple(sorted((kept.id, old.id)))


def test_the_participants_page_counts_each_status_and_lists_everyone(
    qtbot: QtBot, context: AppContext, sqlite_db: Database
) -> None:
    meeting_id = _meeting(sqlite_db, capacity=3)
    names = ["Ek", "Öberg", "Nowak", "Åberg", "Berg", "Lind", "Zorn"]
    with sqlite_db.unit_of_work() as session:
        people = {
            name: create_contact(session, {"first_name": "Eva", "last_name": name}).id
            for name in names
        }
        participations.invite(session, meeting_id, [people["Ek"], people["Öberg"]])
        rows = {
            name: participations.register(session, meeting_id, people[name]).id
            for name in ("Nowak", "Åberg", "Berg", "Lind", "Zorn")
        }
        participations.set_status(session, rows["Åberg"], "attended")
        participations.set_status(session, rows["Lind"], "cancelled")
        participations.set_status(session, rows["Zorn"], "no_show")
    form = _form(qtbot, context, meeting_id)
    page = form.participants
    assert page is not None
    assert form.pages.tabText(1) == f"{_('Participants')} (7)"
    counts = {status: label.text() for status, label in page.counts.items()}
    assert counts == {
        "invited": "2",
        "registered": "2",
        "attended": "1",
        "no_show": "1",
        "cancelled": "1",
    }
    assert page.capacity.text() == capacity_text(3, 0)
    assert page.capacity.text() == ngettext(
        "{left} of {capacity} place left.", "{left} of {capacity} places left.", 3
    ).format(left=0, capacity=3)
    model = page.model
    assert [model.row_at(row).last_name for row in range(model.rowCount())] == [
        "Berg",
        "Ek",
        "Lind",
        "Nowak",
        "Zorn",
        "Åberg",
        "Öberg",
    ]
    assert model.index(5, 3).data() == _("Attended")
    assert page.table.editTriggers() == page.table.EditTrigger.NoEditTriggers
    type_text(page.search, "öber")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.row_at(0).last_name == "Öberg"


def test_places_left_is_said_plainly() -> None:
    assert capacity_text(None, None) == _("No limit on the number of places.")
    over = ngettext(
        "Overbooked: {taken} registered for {capacity} place.",
        "Overbooked: {taken} registered for {capacity} places.",
        40,
    )
    assert capacity_text(40, -2) == over.format(taken=42, capacity=40)


def test_open_meeting_form_returns_the_saved_id_or_none(
    qtbot: QtBot, context: AppContext, sqlite_db: Database
) -> None:
    meeting_id = _meeting(sqlite_db)

    def rename_and_save(dialog: MeetingForm) -> None:
        dialog.widgets["title"].set_value("Frukostseminarium om e-handel")
        dialog.save()

    with answer_modal(qtbot, MeetingForm, rename_and_save):
        assert open_meeting_form(context, meeting_id) == meeting_id
    with sqlite_db.reading() as session:
        assert get_meeting(session, meeting_id).title == "Frukostseminarium om e-handel"
    with answer_modal(qtbot, MeetingForm, lambda dialog: dialog.reject()):
        assert open_meeting_form(context, None) is None
