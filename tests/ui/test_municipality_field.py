"""The partner form's municipality field, worked by keys as the clerk does: typing offers the
municipalities, Enter takes exactly the one highlighted and does not save, Escape closes the
list, and a place outside Sweden is saved only after a question."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services.partners import create_partner, get_partner, list_partners
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.partner_form import PartnerForm
from lkoe_desktop.ui.language import apply_language
from lkoe_desktop.ui.widgets.municipality_field import NAME_ROLE, MunicipalityField


def open_form(
    qtbot: QtBot, database: Database, answer: bool = True, record_id: int | None = None
) -> tuple[PartnerForm, RecordingPrompts]:
    prompts = RecordingPrompts(answer)
    form = PartnerForm(AppContext(database, prompts=prompts), record_id)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()  # offscreen no window is active by itself: Tab would go nowhere
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    return form, prompts


def field(form: PartnerForm) -> MunicipalityField:
    widget = form.widgets["municipality"]
    assert isinstance(widget, MunicipalityField)
    return widget


def press(form: PartnerForm, key: Qt.Key) -> None:
    """A key as the window system delivers it: to the open list, else to the cursor's field."""
    QTest.keyClick(form.windowHandle(), key)


def offered(widget: MunicipalityField) -> list[str]:
    model = widget.suggestions
    return [str(model.index(row, 0).data(NAME_ROLE)) for row in range(model.rowCount())]


def named(form: PartnerForm, name: str) -> None:
    type_text(form.widgets["name"].editor, name)


def saved(database: Database) -> list[tuple[str, str | None]]:
    with database.reading() as session:
        rows = list_partners(session)
        return [(row.name, get_partner(session, row.id).municipality) for row in rows]


def test_lin_down_enter_takes_linkoping_keeps_the_form_open_and_enter_again_saves(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    form, prompts = open_form(qtbot, sqlite_db)
    named(form, "Östgöta Åkeri AB")
    widget = field(form)
    widget.line.setFocus()
    type_text(widget.line, "Lin")
    assert widget.popup.isVisible()
    assert offered(widget)[:2] == ["Linköping", "Lindesberg"]
    assert widget.suggestions.index(0, 0).data() == "Linköping  ·  Östergötlands län"
    assert widget.popup.width() > widget.widest  # each county shown in full
    press(form, Qt.Key.Key_Down)
    press(form, Qt.Key.Key_Return)
    assert widget.line.text() == "Linköping"
    assert not widget.popup.isVisible()
    assert form.isVisible() and form.result() == 0  # the Enter did not also save
    assert saved(sqlite_db) == []
    press(form, Qt.Key.Key_Return)
    assert not form.isVisible() and form.result() == form.DialogCode.Accepted
    assert saved(sqlite_db) == [("Östgöta Åkeri AB", "0580")]
    assert prompts.asked == []


def test_down_twice_takes_the_second_and_escape_closes_only_the_list(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    form, _prompts = open_form(qtbot, sqlite_db)
    named(form, "Bergslagens Frakt AB")
    widget = field(form)
    widget.line.setFocus()
    type_text(widget.line, "lin")
    press(form, Qt.Key.Key_Escape)
    assert not widget.popup.isVisible()
    assert form.isVisible() and widget.line.text() == "lin"
    press(form, Qt.Key.Key_Down)  # opens the list again, the first highlighted
    assert widget.popup.isVisible()
    press(form, Qt.Key.Key_Down)
    press(form, Qt.Key.Key_Enter)
    assert widget.line.text() == "Lindesberg" and form.isVisible()
    press(form, Qt.Key.Key_Return)
    assert saved(sqlite_db) == [("Bergslagens Frakt AB", "1885")]


def test_down_in_an_empty_field_lists_ostergotland_first(qtbot: QtBot, sqlite_db: Database) -> None:
    form, _prompts = open_form(qtbot, sqlite_db)
    widget = field(form)
    widget.line.setFocus()
    press(form, Qt.Key.Key_Down)
    assert widget.popup.isVisible()
    listed = offered(widget)
    assert len(listed) == 290 and listed[:3] == ["Boxholm", "Finspång", "Kinda"]
    assert widget.popup.currentIndex().row() == 0


@pytest.mark.parametrize("typed", ["Linköping", "linköpings kommun", "LINKÖPING"])
def test_a_full_name_and_tab_takes_it(qtbot: QtBot, sqlite_db: Database, typed: str) -> None:
    form, prompts = open_form(qtbot, sqlite_db)
    named(form, "Hamnkontoret")
    widget = field(form)
    widget.line.setFocus()
    type_text(widget.line, typed)
    press(form, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not widget.line
    assert widget.line.text() == "Linköping"
    press(form, Qt.Key.Key_Return)
    assert saved(sqlite_db) == [("Hamnkontoret", "0580")]
    assert prompts.asked == []


def test_tab_takes_the_highlighted_one_and_moves_on(qtbot: QtBot, sqlite_db: Database) -> None:
    form, _prompts = open_form(qtbot, sqlite_db)
    widget = field(form)
    widget.line.setFocus()
    type_text(widget.line, "nor")
    press(form, Qt.Key.Key_Down)
    press(form, Qt.Key.Key_Tab)
    assert widget.line.text() == "Norrköping"
    assert QApplication.focusWidget() is not widget.line


def test_a_place_abroad_is_saved_after_yes(qtbot: QtBot, sqlite_db: Database) -> None:
    form, prompts = open_form(qtbot, sqlite_db, answer=True)
    named(form, "Oslo Havn KF")
    widget = field(form)
    widget.line.setFocus()
    type_text(widget.line, "Oslo")
    assert not widget.popup.isVisible()  # nothing in Sweden is called that
    press(form, Qt.Key.Key_Return)
    question = _("“{place}” is not a Swedish municipality. Save it as a place outside Sweden?")
    assert prompts.asked == [question.format(place="Oslo")]
    assert prompts.asked[0].startswith("”Oslo” är inte en svensk kommun. Spara den som en ort")
    assert saved(sqlite_db) == [("Oslo Havn KF", "Oslo")]


def test_no_keeps_the_form_open_with_the_cursor_in_the_field(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    form, prompts = open_form(qtbot, sqlite_db, answer=False)
    named(form, "Hamnkontoret")
    widget = field(form)
    widget.line.setFocus()
    type_text(widget.line, "Linkping")
    press(form, Qt.Key.Key_Return)
    assert len(prompts.asked) == 1
    assert form.isVisible() and saved(sqlite_db) == []
    assert QApplication.focusWidget() is widget.line
    assert not widget.error.isHidden()
    widget.line.clear()
    type_text(widget.line, "Linköping")
    press(form, Qt.Key.Key_Return)
    assert saved(sqlite_db) == [("Hamnkontoret", "0580")]


def test_a_place_abroad_already_saved_is_not_asked_about_again(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    with sqlite_db.unit_of_work() as session:
        partner = create_partner(session, {"name": "Oslo Havn KF", "municipality": "Oslo"}).id
    form, prompts = open_form(qtbot, sqlite_db, record_id=partner)
    assert field(form).line.text() == "Oslo"
    type_text(form.widgets["industry"].editor, "Hamn")
    assert form.save() is True
    assert prompts.asked == []
    assert saved(sqlite_db) == [("Oslo Havn KF", "Oslo")]


def test_the_question_is_asked_once_even_if_the_save_is_made_again(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    form, prompts = open_form(qtbot, sqlite_db)
    type_text(field(form).line, "Tallinn")
    assert field(form).confirm(form.context.prompts, form)
    assert field(form).confirm(form.context.prompts, form)  # after a conflict, say
    assert len(prompts.asked) == 1


def test_the_question_in_english(qtbot: QtBot, sqlite_db: Database) -> None:
    apply_language("en")
    form, prompts = open_form(qtbot, sqlite_db)
    named(form, "Hamburg Port Authority")
    type_text(field(form).line, "Hamburg")
    assert form.save() is True
    assert prompts.asked == [
        "“Hamburg” is not a Swedish municipality. Save it as a place outside Sweden?"
    ]
