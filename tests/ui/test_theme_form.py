"""The theme form: create and edit, messages under the fields as you type, reach."""

from __future__ import annotations

from datetime import date

import pytest
from modals import answer_modal
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services.contacts import create_contact
from lkoe_desktop.services.meetings import create_meeting
from lkoe_desktop.services.partners import create_partner
from lkoe_desktop.services.themes import create_theme, get_theme, list_themes
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.theme_form import ThemeForm, open_theme_form
from lkoe_desktop.ui.widgets.form_fields import CalendarPopup


@pytest.fixture
def context(sqlite_db: Database) -> AppContext:
    return AppContext(sqlite_db, prompts=RecordingPrompts())


def _form(qtbot: QtBot, context: AppContext, record_id: int | None = None) -> ThemeForm:
    form = ThemeForm(context, record_id)
    qtbot.addWidget(form)
    form.show()
    return form


def _line(form: ThemeForm, key: str) -> QLineEdit:
    editor = form.widgets[key].editor
    assert isinstance(editor, QLineEdit)
    return editor


def double_click(qtbot: QtBot, widget: QWidget, where: QPoint) -> None:
    """A real double click: the first click, then the second one Qt reports as a double."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=where)


def _error(form: ThemeForm, key: str) -> str | None:
    label = form.widgets[key].error
    return label.text() if label.isVisibleTo(form) else None


def _save(qtbot: QtBot, form: ThemeForm) -> None:
    qtbot.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def test_new_theme_is_saved_with_its_responsible_person(
    qtbot: QtBot, context: AppContext, sqlite_db: Database
) -> None:
    with sqlite_db.unit_of_work() as session:
        person = create_contact(session, {"first_name": "Åsa", "last_name": "Öberg"})
        create_contact(session, {"first_name": "Örjan", "last_name": "Ek"})
    form = _form(qtbot, context)
    assert form.windowTitle() == _("New theme")
    qtbot.keyClicks(_line(form, "name"), "Hamnlogistik")
    qtbot.keyClicks(_line(form, "colour"), "#1f6fb2")
    picker = form.responsible
    type_text(picker.line, "Öbe")
    qtbot.waitUntil(lambda: picker.suggestions.rowCount() == 1)
    assert picker.suggestions.item(0).text() == "Åsa Öberg"
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert picker.line.text() == "Åsa Öberg"
    assert picker.value() == person.id
    qtbot.keyClicks(_line(form, "active_from"), "2026-01-01")
    with qtbot.waitSignal(context.bus.changed) as announced:
        _save(qtbot, form)
    assert announced.args == [frozenset({"theme"})]
    assert form.result() == form.DialogCode.Accepted
    with sqlite_db.reading() as session:
        saved = get_theme(session, form.saved_id or 0)
    assert (saved.name, saved.colour, saved.responsible_id, saved.active_from) == (
        "Hamnlogistik",
        "#1F6FB2",
        person.id,
        date(2026, 1, 1),
    )


def test_suggestions_are_asked_for_only_after_two_characters(
    qtbot: QtBot, context: AppContext, sqlite_db: Database
) -> None:
    with sqlite_db.unit_of_work() as session:
        for number in range(30):
            create_contact(session, {"first_name": "Anna", "last_name": f"Andersson {number}"})
    form = _form(qtbot, context)
    picker = form.responsible
    qtbot.keyClicks(picker.line, "A")
    picker.suggest()
    assert picker.suggestions.rowCount() == 0
    qtbot.keyClicks(picker.line, "n")
    picker.suggest()
    assert picker.suggestions.rowCount() == 20  # a page of suggestions, never everyone


def test_a_full_name_typed_is_taken_and_an_unknown_one_refused(
    qtbot: QtBot, context: AppContext, sqlite_db: Database
) -> None:
    with sqlite_db.unit_of_work() as session:
        person = create_contact(session, {"first_name": "Łukasz", "last_name": "Nowak"})
    form = _form(qtbot, context)
    qtbot.keyClicks(_line(form, "name"), "Bygglogistik")
    type_text(form.responsible.line, "łukasz nowak")
    form.responsible.line.editingFinished.emit()
    assert form.responsible.value() == person.id
    assert form.responsible.line.text() == "Łukasz Nowak"
    form.responsible.line.clear()
    qtbot.keyClicks(form.responsible.line, "Nobody Here")
    form.responsible.line.editingFinished.emit()
    assert _error(form, "responsible_id") is not None
    _save(qtbot, form)
    assert form.isVisible()
    with sqlite_db.reading() as session:
        assert list_themes(session) == []


def test_colour_message_appears_as_you_type_and_the_button_picks_one(
    qtbot: QtBot, context: AppContext
) -> None:
    form = _form(qtbot, context)
    qtbot.keyClicks(_line(form, "colour"), "#12")
    assert "#RRGGBB" in (_error(form, "colour") or "")
    qtbot.keyClicks(_line(form, "colour"), "3")
    assert _error(form, "colour") is None
    assert "#112233" in form.colour.swatch.styleSheet()
    form.colour.pick = lambda initial, parent: QColor("#336699")
    qtbot.mouseClick(form.colour.button, Qt.MouseButton.LeftButton)
    assert _line(form, "colour").text() == "#336699"


def test_an_end_before_the_start_is_shown_and_not_saved(
    qtbot: QtBot, context: AppContext, sqlite_db: Database
) -> None:
    form = _form(qtbot, context)
    type_text(_line(form, "name"), "Vårdens logistik")
    qtbot.keyClicks(_line(form, "active_from"), "2026-05-01")
    qtbot.keyClicks(_line(form, "active_until"), "2026-04-01")
    assert _error(form, "active_until") == _("The end date must not be before the start date.")
    _save(qtbot, form)
    assert form.isVisible()
    _line(form, "active_from").clear()
    qtbot.keyClicks(_line(form, "active_from"), "2026-03-01")
    assert _error(form, "active_until") is None
    qtbot.keyClicks(_line(form, "active_until"), "x")
    assert "2026-04-01x" in (_error(form, "active_until") or "")
    with sqlite_db.reading() as session:
        assert list_themes(session) == []


def test_the_calendar_writes_the_chosen_day(qtbot: QtBot, context: AppContext) -> None:
    form = _form(qtbot, context)
    line = _line(form, "active_until")
    calendar = line.findChild(QAction, "calendar")
    assert calendar is not None
    calendar.trigger()
    popup = line.findChild(CalendarPopup)
    assert popup is not None and popup.isVisible()
    popup.clicked.emit(QDate(2026, 5, 4))
    assert line.text() == "2026-05-04"


def test_the_theme_shows_its_meetings_and_interested_partners_and_contacts(
    qtbot: QtBot, context: AppContext, sqlite_db: Database
) -> None:
    with sqlite_db.unit_of_work() as session:
        theme = create_theme(session, {"name": "Bygglogistik"})
        other = create_theme(session, {"name": "E-handel"})
        meeting = create_meeting(
            session,
            {
                "title": "Byggdialog",
                "kind": "seminar",
                "starts_at": "2026-04-02 08:30",
                "theme_ids": [theme.id],
            },
        )
        create_meeting(
            session,
            {
                "title": "Annat",
                "kind": "seminar",
                "starts_at": "2026-04-03 08:30",
                "theme_ids": [other.id],
            },
        )
        partner = create_partner(session, {"name": "Östgöta Bygg AB", "theme_ids": [theme.id]})
        create_partner(session, {"name": "Alfa AB", "theme_ids": [theme.id]})
        person = create_contact(
            session, {"first_name": "Åsa", "last_name": "Öberg", "theme_ids": [theme.id]}
        )
    form = _form(qtbot, context, theme.id)
    titles = [form.pages.tabText(i) for i in range(form.pages.count())]
    assert titles[1:] == [
        f"{_('Meetings')} (1)",
        f"{_('Interested partners')} (2)",
        f"{_('Interested contacts')} (1)",
    ]
    meetings = form.related["meeting"]
    row = meetings.topLevelItem(0)
    assert [row.text(i) for i in range(3)] == ["2026-04-02 08:30", "Byggdialog", _("Planned")]
    partners = form.related["partner"]
    names = [partners.topLevelItem(i).text(0) for i in range(partners.topLevelItemCount())]
    assert names == ["Alfa AB", "Östgöta Bygg AB"]
    assert form.related["contact"].topLevelItem(0).text(0) == "Åsa Öberg"

    form.pages.setCurrentIndex(1)
    with qtbot.waitSignal(form.open_record) as opened:
        double_click(qtbot, meetings.viewport(), meetings.visualItemRect(row).center())
    assert opened.args == ["meeting", meeting.id]
    form.pages.setCurrentIndex(2)
    with qtbot.waitSignal(form.open_record) as opened:
        partners.setCurrentItem(partners.topLevelItem(1))
        qtbot.keyClick(partners, Qt.Key.Key_Return)
    assert opened.args == ["partner", partner.id]
    contacts = form.related["contact"]
    with qtbot.waitSignal(form.open_record) as opened:
        contacts.itemActivated.emit(contacts.topLevelItem(0), 0)
    assert opened.args == ["contact", person.id]


def test_a_new_theme_has_no_related_pages(qtbot: QtBot, context: AppContext) -> None:
    form = _form(qtbot, context)
    assert form.pages.count() == 1
    assert form.pages.tabText(0) == _("Details")


def test_open_theme_form_returns_the_saved_id_or_none(
    qtbot: QtBot, context: AppContext, sqlite_db: Database
) -> None:
    def fill_and_save(dialog: ThemeForm) -> None:
        dialog.widgets["name"].set_value("Landsbygdens logistik")
        dialog.save()

    with answer_modal(qtbot, ThemeForm, fill_and_save):
        saved = open_theme_form(context, None)
    with sqlite_db.reading() as session:
        assert [theme.id for theme in list_themes(session)] == [saved]
    with answer_modal(qtbot, ThemeForm, lambda dialog: dialog.reject()):
        assert open_theme_form(context, saved) is None
