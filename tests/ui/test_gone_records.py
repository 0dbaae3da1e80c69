"""A record someone else removed meanwhile: the window says what has gone, never its id."""

from __future__ import annotations

import re

from meeting_people import PEOPLE, populate
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.codes import ParticipationStatus
from lkoe_desktop.services import contacts, participations, partners
from lkoe_desktop.services.deletion import delete_record
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.contact_form import ContactForm
from lkoe_desktop.ui.dialogs.participants_panel import ParticipantsPanel
from lkoe_desktop.ui.main_window import MainWindow
from lkoe_desktop.ui.start_up import build_tabs

CONTACTS = 1
CONTACT_GONE = "Kontakten finns inte längre (den kan ha tagits bort av någon annan)."
PARTICIPANT_GONE = (
    "Personen finns inte längre på mötets deltagarlista (någon annan kan ha tagit bort personen)."
)


def _no_digits(texts: list[str]) -> bool:
    return not any(re.search(r"\d", text) for text in texts)


def test_opening_a_contact_deleted_meanwhile_says_so_and_lists_again(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts, elsewhere: Database
) -> None:
    with context.database.unit_of_work() as session:
        for first, last in (("Anna", "Öberg"), ("Cecilia", "Zander")):
            contacts.create_contact(session, {"first_name": first, "last_name": last})
    window = MainWindow()
    qtbot.addWidget(window)
    window.attach(context, build_tabs(context))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # Enter in the table is a shortcut of the window
    window.show_tab(CONTACTS)
    tab = window.current_tab()
    assert tab is not None
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    tab.search.setFocus()
    type_text(tab.search, "Zander")
    QTest.keyClick(tab.search, Qt.Key.Key_Return)  # to the table, on Zander's row
    gone = tab.current_id()
    assert gone is not None
    with elsewhere.unit_of_work() as session:
        delete_record(session, "contact", gone)
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    assert prompts.errors == [CONTACT_GONE]
    assert tab.model.rowCount() == 0  # the list is read again: Zander is not in it


def test_saving_a_contact_deleted_meanwhile_says_so(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts
) -> None:
    with context.database.unit_of_work() as session:
        person = contacts.create_contact(session, {"first_name": "Åsa", "last_name": "Öberg"}).id
    form = ContactForm(context, person)
    qtbot.addWidget(form)
    form.show()
    with context.database.unit_of_work() as session:
        delete_record(session, "contact", person)
    type_text(form.widgets["first_name"].editor, "-Britt")
    form.buttons.button(form.buttons.StandardButton.Save).click()
    assert prompts.errors == [
        "Någon annan tog bort kontakten medan du redigerade, så dina ändringar kan inte sparas."
    ]
    assert form.isVisible()  # what was typed is still there


def test_changing_a_participant_removed_meanwhile_names_no_id(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts, elsewhere: Database
) -> None:
    panel = ParticipantsPanel(context, populate(context.database, PEOPLE))
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(lambda: panel.model.exact and panel.model.rowCount() == len(PEOPLE))
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(panel.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    chosen = panel.selected_ids()
    assert len(chosen) == 2
    with elsewhere.unit_of_work() as session:  # taken off the list at another desk
        participations.remove(session, chosen[1])
    panel.status_actions[ParticipationStatus.ATTENDED].trigger()
    assert prompts.errors == [PARTICIPANT_GONE]
    assert _no_digits(prompts.errors)
    with context.database.reading() as session:  # nothing was half-done
        kept = participations.get_participant(session, chosen[0])
    assert kept.status == ParticipationStatus.REGISTERED


def test_an_e_mail_in_use_names_the_person_not_the_id(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts
) -> None:
    with context.database.unit_of_work() as session:
        frakt = partners.create_partner(session, {"name": "Östgöta Frakt AB"}).id
        contacts.create_contact(
            session,
            {
                "first_name": "Cecilia",
                "last_name": "Zander",
                "email": "cecilia@zander.se",
                "organisation_id": frakt,
            },
        )
    form = ContactForm(context, None)
    qtbot.addWidget(form)
    form.show()
    for key, text in (
        ("first_name", "Cilla"),
        ("last_name", "Zander"),
        ("email", "CECILIA@zander.se"),
    ):
        type_text(form.widgets[key].editor, text)
    assert not form.save()
    error = form.widgets["email"].error
    assert error.text() == "E-postadressen används redan av Cecilia Zander."
    assert _no_digits([error.text(), *prompts.errors])
