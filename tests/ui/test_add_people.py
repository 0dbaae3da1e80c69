"""Adding people to a meeting: by search, by theme, by group, by pasted Outlook addresses."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services import groups, participations
from lkoe_desktop.services.contacts import create_contact, set_contact_archived
from lkoe_desktop.services.meetings import create_meeting, update_meeting
from lkoe_desktop.services.partners import create_partner
from lkoe_desktop.services.themes import create_theme
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.add_people import AddPeopleDialog
from lkoe_desktop.ui.dialogs.contact_form import ContactForm
from lkoe_desktop.ui.widgets.participants_panel import ParticipantsPanel

PEOPLE = (
    ("Åsa", "Öberg", "asa.oberg@norrkoping.se"),
    ("Łukasz", "Wójcik", "lukasz.wojcik@hamnbolaget.se"),
    ("Nguyễn Thị", "Hoa", "hoa@exempel.se"),
    ("Erik", "Andersson", "erik.andersson@liu.se"),
    ("Maria", "Berg", "maria.berg@regionostergotland.se"),
    ("Gustav", "Olsson", "gustav.olsson@exempel.se"),
)


@pytest.fixture
def world(context: AppContext) -> dict[str, int]:
    """A meeting on logistics, six people at one partner; Olsson is archived."""
    interested = ("Öberg", "Wójcik", "Olsson")
    with context.database.unit_of_work() as session:
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


def _dialog(qtbot: QtBot, context: AppContext, meeting: int, way: str) -> AddPeopleDialog:
    dialog = AddPeopleDialog(context, meeting, way)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _listed(dialog: AddPeopleDialog, key: str) -> dict[str, Qt.CheckState | None]:
    people = dialog.lists[key]
    shown = {}
    for index in range(people.topLevelItemCount()):
        item = people.topLevelItem(index)
        checkable = bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable)
        shown[item.text(0)] = item.checkState(0) if checkable else None
    return shown


def _on_list(database: Database, meeting: int) -> dict[str, str]:
    with database.reading() as session:
        return {
            row.last_name: row.status for row in participations.list_participants(session, meeting)
        }


def test_search_finds_by_name_email_or_organisation_and_adds_the_ticked(
    qtbot: QtBot, context: AppContext, world: dict[str, int]
) -> None:
    dialog = _dialog(qtbot, context, world["meeting"], "search")
    type_text(dialog.search, "öber")
    qtbot.waitUntil(lambda: dialog.lists["search"].topLevelItemCount() == 1)
    dialog.lists["search"].topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    dialog.search.clear()
    type_text(dialog.search, "hamnbolaget")
    qtbot.waitUntil(lambda: dialog.lists["search"].topLevelItemCount() == 5)
    listed = _listed(dialog, "search")
    assert listed["Åsa Öberg"] == Qt.CheckState.Checked  # the tick survives a new search
    assert listed["Łukasz Wójcik"] is None
    assert not any("Olsson" in name for name in listed)  # archived people are not offered
    dialog.search.clear()
    type_text(dialog.search, "erik.andersson@")
    qtbot.waitUntil(lambda: dialog.lists["search"].topLevelItemCount() == 1)
    dialog.lists["search"].topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    assert dialog.add_button.text() == _("Add {count}").format(count=2)
    dialog.status.setCurrentIndex(dialog.status.findData("registered"))
    dialog.add_button.click()
    assert dialog.added == 2
    assert _on_list(context.database, world["meeting"]) == {
        "Andersson": "registered",
        "Wójcik": "invited",
        "Öberg": "registered",
    }


def test_theme_page_offers_everyone_interested_except_the_archived_and_the_listed(
    qtbot: QtBot, context: AppContext, world: dict[str, int]
) -> None:
    dialog = _dialog(qtbot, context, world["meeting"], "themes")
    listed = _listed(dialog, "themes")
    assert listed == {
        "Åsa Öberg": Qt.CheckState.Checked,
        "Łukasz Wójcik": None,
    }
    assert "Hållbara transporter" in dialog.themes_hint.text()
    dialog.add_button.click()
    assert _on_list(context.database, world["meeting"]) == {"Wójcik": "invited", "Öberg": "invited"}


def test_group_page_adds_the_steering_group(
    qtbot: QtBot, context: AppContext, world: dict[str, int]
) -> None:
    with context.database.unit_of_work() as session:
        board = groups.create_group(session, {"name": "Styrgrupp"}).id
        groups.create_group(session, {"name": "Referensgrupp"})
        for last in ("Hoa", "Berg", "Wójcik"):
            groups.add_member(session, board, world[last], role="ledamot")
    dialog = _dialog(qtbot, context, world["meeting"], "group")
    dialog.group.setCurrentIndex(dialog.group.findText("Styrgrupp"))
    listed = _listed(dialog, "group")
    assert listed["Nguyễn Thị Hoa"] == Qt.CheckState.Checked
    assert listed["Maria Berg"] == Qt.CheckState.Checked
    dialog.add_button.click()
    assert dialog.added == 2
    assert set(_on_list(context.database, world["meeting"])) == {"Hoa", "Berg", "Wójcik"}


def test_pasted_outlook_addresses_with_names_and_mixed_separators(
    qtbot: QtBot, context: AppContext, world: dict[str, int]
) -> None:
    dialog = _dialog(qtbot, context, world["meeting"], "paste")
    dialog.pasted.setPlainText(
        '"Öberg, Åsa" <Asa.Oberg@norrkoping.se>; Maria Berg <maria.berg@regionostergotland.se>,'
        "\nlukasz.wojcik@hamnbolaget.se\n"
        "Nya Personen <ny.person@exempel.se>; gustav.olsson@exempel.se; inte-en-adress"
    )
    qtbot.waitUntil(lambda: dialog.lists["paste"].topLevelItemCount() == 3)
    listed = _listed(dialog, "paste")
    assert listed["Åsa Öberg"] == Qt.CheckState.Checked
    assert listed["Maria Berg"] == Qt.CheckState.Checked
    assert listed["Łukasz Wójcik"] is None
    assert [dialog.unknown.item(i).text() for i in range(dialog.unknown.count())] == [
        "Nya Personen <ny.person@exempel.se>"
    ]
    assert "gustav.olsson@exempel.se" in dialog.paste_problems.text()
    assert "inte-en-adress" in dialog.paste_problems.text()

    def fill_in_and_save() -> None:
        form = QApplication.activeModalWidget()
        if not isinstance(form, ContactForm):
            QTimer.singleShot(10, fill_in_and_save)
            return
        assert form.widgets["email"].value() == "ny.person@exempel.se"
        assert form.widgets["first_name"].value() == "Nya"
        assert form.widgets["last_name"].value() == "Personen"
        form.save()

    QTimer.singleShot(0, fill_in_and_save)
    dialog.create_contact()
    assert dialog.unknown.count() == 0
    assert _listed(dialog, "paste")["Nya Personen"] == Qt.CheckState.Checked
    dialog.add_button.click()
    assert dialog.added == 3
    assert _on_list(context.database, world["meeting"]) == {
        "Berg": "invited",
        "Personen": "invited",
        "Wójcik": "invited",
        "Öberg": "invited",
    }


def test_the_same_person_ticked_on_two_pages_is_added_once(
    qtbot: QtBot, context: AppContext, world: dict[str, int]
) -> None:
    dialog = _dialog(qtbot, context, world["meeting"], "themes")
    dialog.pages.setCurrentIndex(3)
    dialog.pasted.setPlainText("asa.oberg@norrkoping.se")
    qtbot.waitUntil(lambda: dialog.lists["paste"].topLevelItemCount() == 1)
    assert dialog.count.text() == ngettext(
        "{count} person chosen", "{count} people chosen", 1
    ).format(count=1)
    dialog.add_button.click()
    assert dialog.added == 1
    assert _on_list(context.database, world["meeting"]) == {"Wójcik": "invited", "Öberg": "invited"}


def test_registering_over_capacity_asks_and_no_keeps_everything_as_it_was(
    qtbot: QtBot, context: AppContext, world: dict[str, int], prompts: RecordingPrompts
) -> None:
    with context.database.unit_of_work() as session:
        update_meeting(session, world["meeting"], {"capacity": "1"})
        participations.set_statuses(
            session,
            [r.id for r in participations.list_participants(session, world["meeting"])],
            "registered",
        )
    dialog = _dialog(qtbot, context, world["meeting"], "paste")
    dialog.pasted.setPlainText("asa.oberg@norrkoping.se; maria.berg@regionostergotland.se")
    qtbot.waitUntil(lambda: dialog.lists["paste"].topLevelItemCount() == 2)
    dialog.status.setCurrentIndex(dialog.status.findData("registered"))
    prompts.answer = False
    dialog.add_button.click()
    assert "2" in prompts.asked[-1] and dialog.added == 0
    assert _on_list(context.database, world["meeting"]) == {"Wójcik": "registered"}
    assert dialog.isVisible()


def test_the_panel_says_how_many_were_added(
    qtbot: QtBot, context: AppContext, world: dict[str, int]
) -> None:
    panel = ParticipantsPanel(context, world["meeting"])
    qtbot.addWidget(panel)
    panel.show()

    def add_theme_people() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AddPeopleDialog):
            QTimer.singleShot(10, add_theme_people)
            return
        dialog.add_button.click()

    QTimer.singleShot(0, add_theme_people)
    panel.add_themes.trigger()
    assert panel.message.text() == "1 person tillagd på listan."
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
