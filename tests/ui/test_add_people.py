"""Adding people to a meeting: by search, by theme, by group, by pasted Outlook addresses; nobody
is ticked by itself, and people out of sight are shown by name before they are added."""

from __future__ import annotations

import pytest
from modals import answer_modal
from people_to_add import click, listed, make_world, on_list, open_dialog, ticked
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, click_tab, tick, type_text

from lkoe_desktop.services import participations
from lkoe_desktop.services.meetings import update_meeting
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.add_people import AddPeopleDialog
from lkoe_desktop.ui.dialogs.contact_form import ContactForm
from lkoe_desktop.ui.dialogs.participants_panel import ParticipantsPanel


@pytest.fixture
def world(context: AppContext) -> dict[str, int]:
    return make_world(context.database)


def test_search_finds_by_name_email_or_organisation_and_adds_the_ticked(
    qtbot: QtBot, context: AppContext, world: dict[str, int], prompts: RecordingPrompts
) -> None:
    dialog = open_dialog(qtbot, context, world["meeting"], "search")
    type_text(dialog.search, "öber")
    qtbot.waitUntil(lambda: dialog.lists["search"].topLevelItemCount() == 1)
    assert ticked(dialog, "search") == []  # finding someone is not choosing them
    tick(qtbot, dialog.lists["search"], "Åsa Öberg")
    dialog.search.clear()
    type_text(dialog.search, "hamnbolaget")
    qtbot.waitUntil(lambda: dialog.lists["search"].topLevelItemCount() == 5)
    shown = listed(dialog, "search")
    assert shown["Åsa Öberg"] == Qt.CheckState.Checked  # the tick survives a new search
    assert shown["Łukasz Wójcik"] is None
    assert not any("Olsson" in name for name in shown)  # archived people are not offered
    dialog.search.clear()
    type_text(dialog.search, "erik.andersson@")
    qtbot.waitUntil(lambda: dialog.lists["search"].topLevelItemCount() == 1)
    tick(qtbot, dialog.lists["search"], "Erik Andersson")
    assert dialog.count.text() == "2 personer markerade, varav 1 inte i den här listan"
    assert dialog.add_button.text() == "Lägg till 2"
    dialog.status.setCurrentIndex(dialog.status.findData("registered"))
    click(qtbot, dialog.add_button)
    # Öberg was ticked in an earlier search: both names are shown before anyone is added.
    assert prompts.looked_over == [
        ([("Erik Andersson", "Hamnbolaget AB"), ("Åsa Öberg", "Hamnbolaget AB")], 1)
    ]
    assert len(dialog.added) == 2
    assert on_list(context.database, world["meeting"]) == {
        "Andersson": "registered",
        "Wójcik": "invited",
        "Öberg": "registered",
    }


def test_theme_page_ticks_nobody_until_tick_all(
    qtbot: QtBot, context: AppContext, world: dict[str, int], prompts: RecordingPrompts
) -> None:
    dialog = open_dialog(qtbot, context, world["meeting"], "themes")
    assert listed(dialog, "themes") == {
        "Åsa Öberg": Qt.CheckState.Unchecked,
        "Łukasz Wójcik": None,  # on the list already
    }
    assert "Hållbara transporter" in dialog.themes_hint.text()
    assert dialog.count.text() == "Ingen markerad"
    assert not dialog.add_button.isEnabled()
    buttons = dialog.tick_buttons["themes"]
    everyone, nobody = buttons.everyone, buttons.nobody
    assert (everyone.text(), nobody.text()) == ("Markera alla", "Avmarkera alla")
    click(qtbot, everyone)
    assert ticked(dialog, "themes") == ["Åsa Öberg"]
    assert dialog.count.text() == "1 person markerad, i den här listan"
    click(qtbot, nobody)
    assert dialog.count.text() == "Ingen markerad"
    click(qtbot, everyone)
    click(qtbot, dialog.add_button)
    assert prompts.looked_over == []  # everyone ticked is in sight
    assert on_list(context.database, world["meeting"]) == {"Wójcik": "invited", "Öberg": "invited"}


def test_pasted_outlook_addresses_with_names_and_mixed_separators(
    qtbot: QtBot, context: AppContext, world: dict[str, int], prompts: RecordingPrompts
) -> None:
    dialog = open_dialog(qtbot, context, world["meeting"], "paste")
    dialog.paste.pasted.setPlainText(
        '"Öberg, Åsa" <Asa.Oberg@norrkoping.se>; Maria Berg <maria.berg@regionostergotland.se>,'
        "\nlukasz.wojcik@hamnbolaget.se\n"
        "Nya Personen <ny.person@exempel.se>; gustav.olsson@exempel.se; inte-en-adress"
    )
    qtbot.waitUntil(lambda: dialog.lists["paste"].topLevelItemCount() == 3)
    shown = listed(dialog, "paste")
    assert shown["Åsa Öberg"] == Qt.CheckState.Checked  # pasting them is choosing them
    assert shown["Maria Berg"] == Qt.CheckState.Checked
    assert shown["Łukasz Wójcik"] is None
    assert [dialog.paste.unknown.item(i).text() for i in range(dialog.paste.unknown.count())] == [
        "Nya Personen <ny.person@exempel.se>"
    ]
    assert "gustav.olsson@exempel.se" in dialog.paste.problems.text()
    assert "inte-en-adress" in dialog.paste.problems.text()

    def fill_in_and_save(form: ContactForm) -> None:
        assert form.widgets["email"].value() == "ny.person@exempel.se"
        assert form.widgets["first_name"].value() == "Nya"
        assert form.widgets["last_name"].value() == "Personen"
        form.save()

    with answer_modal(qtbot, ContactForm, fill_in_and_save):
        dialog.paste.create_contact()
    assert dialog.paste.unknown.count() == 0
    assert listed(dialog, "paste")["Nya Personen"] == Qt.CheckState.Checked
    assert dialog.count.text() == "3 personer markerade, alla i den här listan"
    click(qtbot, dialog.add_button)
    assert prompts.looked_over == []
    assert len(dialog.added) == 3
    assert on_list(context.database, world["meeting"]) == {
        "Berg": "invited",
        "Personen": "invited",
        "Wójcik": "invited",
        "Öberg": "invited",
    }


def test_an_address_taken_out_of_the_pasted_text_is_no_longer_ticked(
    qtbot: QtBot, context: AppContext, world: dict[str, int]
) -> None:
    dialog = open_dialog(qtbot, context, world["meeting"], "paste")
    dialog.paste.pasted.setPlainText("asa.oberg@norrkoping.se; maria.berg@regionostergotland.se")
    qtbot.waitUntil(lambda: dialog.lists["paste"].topLevelItemCount() == 2)
    tick(qtbot, dialog.lists["paste"], "Maria Berg")  # unticked by the clerk: stays so
    dialog.paste.pasted.setPlainText(
        "maria.berg@regionostergotland.se; erik.andersson@liu.se; hoa@exempel.se"
    )
    qtbot.waitUntil(lambda: dialog.lists["paste"].topLevelItemCount() == 3)
    assert listed(dialog, "paste") == {
        "Erik Andersson": Qt.CheckState.Checked,
        "Maria Berg": Qt.CheckState.Unchecked,
        "Nguyễn Thị Hoa": Qt.CheckState.Checked,
    }
    assert dialog.count.text() == "2 personer markerade, alla i den här listan"


def test_the_same_person_ticked_on_two_pages_is_added_once(
    qtbot: QtBot, context: AppContext, world: dict[str, int], prompts: RecordingPrompts
) -> None:
    dialog = open_dialog(qtbot, context, world["meeting"], "themes")
    tick(qtbot, dialog.lists["themes"], "Åsa Öberg")
    click_tab(qtbot, dialog.pages, "Klistra in e-postadresser")
    dialog.paste.pasted.setPlainText("asa.oberg@norrkoping.se")
    qtbot.waitUntil(lambda: dialog.lists["paste"].topLevelItemCount() == 1)
    assert ticked(dialog, "paste") == ["Åsa Öberg"]
    assert dialog.count.text() == "1 person markerad, i den här listan"
    click(qtbot, dialog.add_button)
    assert prompts.looked_over == []
    assert len(dialog.added) == 1
    assert on_list(context.database, world["meeting"]) == {"Wójcik": "invited", "Öberg": "invited"}


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
    dialog = open_dialog(qtbot, context, world["meeting"], "paste")
    dialog.paste.pasted.setPlainText("asa.oberg@norrkoping.se; maria.berg@regionostergotland.se")
    qtbot.waitUntil(lambda: dialog.lists["paste"].topLevelItemCount() == 2)
    dialog.status.setCurrentIndex(dialog.status.findData("registered"))
    prompts.answer = False
    click(qtbot, dialog.add_button)
    assert "2" in prompts.asked[-1] and dialog.added == []
    assert on_list(context.database, world["meeting"]) == {"Wójcik": "registered"}
    assert dialog.isVisible()


def test_the_panel_says_how_many_were_added(
    qtbot: QtBot, context: AppContext, world: dict[str, int]
) -> None:
    panel = ParticipantsPanel(context, world["meeting"])
    qtbot.addWidget(panel)
    panel.show()

    def add_theme_people(dialog: AddPeopleDialog) -> None:
        click(qtbot, dialog.tick_buttons["themes"].everyone)
        click(qtbot, dialog.add_button)

    with answer_modal(qtbot, AddPeopleDialog, add_theme_people):
        panel.add_themes.trigger()
    assert panel.message.text() == "1 person tillagd på listan."
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
