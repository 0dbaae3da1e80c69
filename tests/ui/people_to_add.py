"""What the tests of adding people share: six people and a meeting, and how to read the dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from lkoe_desktop.db.engine import Database
from lkoe_desktop.services import participations
from lkoe_desktop.services.candidates import AddingTo
from lkoe_desktop.services.contacts import create_contact, set_contact_archived
from lkoe_desktop.services.meetings import create_meeting
from lkoe_desktop.services.partners import create_partner
from lkoe_desktop.services.themes import create_theme
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.add_people import AddPeopleDialog

PEOPLE = (
    ("Åsa", "Öberg", "asa.oberg@norrkoping.se"),
    ("Łukasz", "Wójcik", "lukasz.wojcik@hamnbolaget.se"),
    ("Nguyễn Thị", "Hoa", "hoa@exempel.se"),
    ("Erik", "Andersson", "erik.andersson@liu.se"),
    ("Maria", "Berg", "maria.berg@regionostergotland.se"),
    ("Gustav", "Olsson", "gustav.olsson@exempel.se"),
)


def make_world(database: Database) -> dict[str, int]:
    """A meeting on logistics, six people at one partner; Olsson is archived, Wójcik invited."""
    interested = ("Öberg", "Wójcik", "Olsson")
    with database.unit_of_work() as session:
        partner = create_partner(session, {"name": "Hamnbolaget AB"}).id
        theme = create_theme(session, {"name": "Hållbara transporter"}).id
        ids = {
            last: create_contact(
                session,
                {
                    "first_name": first,
                    "last_name": last,
                    "email": email,
                    "organisation_id": partner,
                    "theme_ids": [theme] if last in interested else [],
                },
            ).id
            for first, last, email in PEOPLE
        }
        meeting = create_meeting(
            session,
            {
                "title": "Frukostseminarium",
                "kind": "seminar",
                "starts_at": "2026-04-02 08:00",
                "theme_ids": [theme],
            },
        ).id
        set_contact_archived(session, ids["Olsson"], True)
        participations.invite(session, meeting, [ids["Wójcik"]])
    return ids | {"meeting": meeting, "theme": theme, "partner": partner}


def open_dialog(qtbot: QtBot, context: AppContext, meeting: int, way: str) -> AddPeopleDialog:
    dialog = AddPeopleDialog(context, AddingTo.meeting(meeting), way)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def ticked(dialog: AddPeopleDialog, key: str) -> list[str]:
    """The names ticked in one page's list."""
    return [name for name, state in listed(dialog, key).items() if state == Qt.CheckState.Checked]


def listed(dialog: AddPeopleDialog, key: str) -> dict[str, Qt.CheckState | None]:
    """Each name in one page's list and its tick; None for someone who cannot be ticked."""
    shown = {}
    for item in dialog.lists[key].items():
        checkable = bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable)
        shown[item.text(0)] = item.checkState(0) if checkable else None
    return shown


def on_list(database: Database, meeting: int) -> dict[str, str]:
    """The meeting's list: each last name and its status."""
    with database.reading() as session:
        return {
            row.last_name: row.status for row in participations.list_participants(session, meeting)
        }
