"""The Kontakter tab's organisation filter: pick a partner by typing part of its name."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts

from lkoe_desktop.db.engine import Database
from lkoe_desktop.services.contacts import create_contact
from lkoe_desktop.services.partners import create_partner
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.tabs.contacts_tab import ContactsTab


def test_choosing_an_organisation_lists_its_people_until_the_chip_is_removed(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    with sqlite_db.unit_of_work() as session:
        hamn = create_partner(session, {"name": "Norrköpings Hamn"}).id
        kommun = create_partner(session, {"name": "Ödeshögs kommun"}).id
        create_contact(session, {"first_name": "Åsa", "last_name": "Ek", "organisation_id": hamn})
        create_contact(
            session, {"first_name": "Per", "last_name": "Öst", "organisation_id": kommun}
        )
    tab = ContactsTab(AppContext(sqlite_db, RecordingPrompts()))
    qtbot.addWidget(tab)
    tab.show()
    tab.ensure_loaded()
    assert tab.model.rowCount() == 2
    picker = tab.pick_organisation
    picker.focusInEvent(QFocusEvent(QEvent.Type.FocusIn))  # the names are read now
    assert picker.completer_.model().rowCount() == 2
    picker.completer_.activated.emit("Ödeshögs kommun")
    assert [tab.model.row_at(row).last_name for row in range(tab.model.rowCount())] == ["Öst"]
    assert tab.organisation.isVisible()
    assert "Ödeshögs kommun" in tab.organisation.text()
    qtbot.waitUntil(lambda: picker.text() == "")
    tab.organisation.click()  # ✕ removes the filter
    assert tab.model.rowCount() == 2
    assert not tab.organisation.isVisible()
