"""Ticks out of sight: choosing a group ticks nobody, the count line says how many ticked people
another list holds, and adding them first shows every name for a last look."""

from __future__ import annotations

import pytest
from people_to_add import click, listed, make_world, on_list, open_dialog, ticked
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, click_tab, tick

from lkoe_desktop.services import groups
from lkoe_desktop.services.contacts import create_contact
from lkoe_desktop.services.meetings import update_meeting
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.widgets.candidate_list import ticked_text


@pytest.fixture
def world(context: AppContext) -> dict[str, int]:
    return make_world(context.database)


@pytest.fixture
def newsletter(context: AppContext, world: dict[str, int]) -> dict[str, int]:
    """As in the office: Nyhetsbrev (40 readers, more than the list shows at once) comes first
    in the list of groups, Styrgrupp (three members, one of them on the list already) after."""
    with context.database.unit_of_work() as session:
        board = groups.create_group(session, {"name": "Styrgrupp"}).id
        letter = groups.create_group(session, {"name": "Nyhetsbrev"}).id
        for last in ("Hoa", "Berg", "Wójcik"):
            groups.add_member(session, board, world[last], role="ledamot")
        for number in range(40):
            reader = create_contact(
                session, {"first_name": "Läsare", "last_name": f"Nummer {number:02}"}
            ).id
            groups.add_member(session, letter, reader)
        update_meeting(session, world["meeting"], {"capacity": "20"})
    return {"board": board, "letter": letter}


def test_choosing_a_group_ticks_nobody_and_only_what_was_shown_ticked_is_added(
    qtbot: QtBot,
    context: AppContext,
    world: dict[str, int],
    newsletter: dict[str, int],
    prompts: RecordingPrompts,
) -> None:
    """The office's case: opening the Group page used to tick all of Nyhetsbrev, out of sight
    once Styrgrupp was chosen, and 199 people were registered for 20 places."""
    dialog = open_dialog(qtbot, context, world["meeting"], "search")
    click_tab(qtbot, dialog.pages, "Grupp")
    assert dialog.group.currentText() == "Nyhetsbrev"
    assert len(listed(dialog, "group")) == 40
    assert ticked(dialog, "group") == []
    dialog.group.setCurrentIndex(dialog.group.findText("Styrgrupp"))
    assert listed(dialog, "group") == {
        "Maria Berg": Qt.CheckState.Unchecked,
        "Nguyễn Thị Hoa": Qt.CheckState.Unchecked,
        "Łukasz Wójcik": None,
    }
    assert dialog.count.text() == "Ingen markerad"
    tick(qtbot, dialog.lists["group"], "Maria Berg")
    tick(qtbot, dialog.lists["group"], "Nguyễn Thị Hoa")
    assert dialog.count.text() == "2 personer markerade, alla i den här listan"
    assert dialog.add_button.text() == "Lägg till 2"
    dialog.status.setCurrentIndex(dialog.status.findData("registered"))
    click(qtbot, dialog.add_button)
    assert prompts.looked_over == [] and prompts.asked == []
    assert on_list(context.database, world["meeting"]) == {
        "Berg": "registered",
        "Hoa": "registered",
        "Wójcik": "invited",
    }


def test_ticks_hidden_by_another_group_are_counted_and_shown_by_name_before_adding(
    qtbot: QtBot,
    context: AppContext,
    world: dict[str, int],
    newsletter: dict[str, int],
    prompts: RecordingPrompts,
) -> None:
    dialog = open_dialog(qtbot, context, world["meeting"], "group")
    buttons = dialog.tick_buttons["group"]
    everyone, nobody = buttons.everyone, buttons.nobody
    click(qtbot, everyone)  # all 40 of Nyhetsbrev, on purpose
    assert dialog.count.text() == "40 personer markerade, alla i den här listan"
    dialog.group.setCurrentIndex(dialog.group.findText("Styrgrupp"))
    tick(qtbot, dialog.lists["group"], "Maria Berg")
    assert dialog.count.text() == "41 personer markerade, varav 40 inte i den här listan"
    assert dialog.add_button.text() == "Lägg till 41"
    prompts.add_after_look = False  # “Tillbaka”
    click(qtbot, dialog.add_button)
    names, unseen = prompts.looked_over[-1]
    assert unseen == 40 and len(names) == 41
    assert names[0] == ("Maria Berg", "Hamnbolaget AB")  # Swedish order: B before N
    assert names[1:] == [(f"Läsare Nummer {n:02}", "") for n in range(40)]
    assert dialog.isVisible()
    assert on_list(context.database, world["meeting"]) == {"Wójcik": "invited"}
    dialog.group.setCurrentIndex(dialog.group.findText("Nyhetsbrev"))
    assert dialog.count.text() == "41 personer markerade, varav 1 inte i den här listan"
    click(qtbot, nobody)
    assert dialog.count.text() == "1 person markerad, inte i den här listan"
    prompts.add_after_look = True
    click(qtbot, dialog.add_button)
    assert prompts.looked_over[-1] == ([("Maria Berg", "Hamnbolaget AB")], 1)
    assert on_list(context.database, world["meeting"]) == {"Berg": "invited", "Wójcik": "invited"}


def test_more_ticked_than_the_list_shows_at_once_are_shown_by_name_first(
    qtbot: QtBot,
    context: AppContext,
    world: dict[str, int],
    newsletter: dict[str, int],
    prompts: RecordingPrompts,
) -> None:
    dialog = open_dialog(qtbot, context, world["meeting"], "group")
    people = dialog.lists["group"]
    in_view = len(people.ids_in_view())
    assert 0 < in_view < 40
    click(qtbot, dialog.tick_buttons["group"].everyone)
    assert dialog.count.text() == "40 personer markerade, alla i den här listan"
    click(qtbot, dialog.add_button)
    names, unseen = prompts.looked_over[-1]
    assert (len(names), unseen) == (40, 40 - in_view)
    assert len(on_list(context.database, world["meeting"])) == 41


def test_ticks_on_two_pages(
    qtbot: QtBot,
    context: AppContext,
    world: dict[str, int],
    newsletter: dict[str, int],
    prompts: RecordingPrompts,
) -> None:
    dialog = open_dialog(qtbot, context, world["meeting"], "themes")
    tick(qtbot, dialog.lists["themes"], "Åsa Öberg")
    click_tab(qtbot, dialog.pages, "Grupp")
    assert dialog.count.text() == "1 person markerad, inte i den här listan"
    dialog.group.setCurrentIndex(dialog.group.findText("Styrgrupp"))
    tick(qtbot, dialog.lists["group"], "Nguyễn Thị Hoa")
    tick(qtbot, dialog.lists["group"], "Maria Berg")
    assert dialog.count.text() == "3 personer markerade, varav 1 inte i den här listan"
    click_tab(qtbot, dialog.pages, "Intresserade av temana")
    assert dialog.count.text() == "3 personer markerade, varav 2 inte i den här listan"
    click_tab(qtbot, dialog.pages, "Sök")
    assert dialog.count.text() == "3 personer markerade, varav 3 inte i den här listan"
    assert dialog.count.text() == ticked_text(3, 3)
    click(qtbot, dialog.add_button)
    assert prompts.looked_over == [
        (
            [
                ("Maria Berg", "Hamnbolaget AB"),
                ("Nguyễn Thị Hoa", "Hamnbolaget AB"),
                ("Åsa Öberg", "Hamnbolaget AB"),
            ],
            3,
        )
    ]
    assert on_list(context.database, world["meeting"]) == {
        "Berg": "invited",
        "Hoa": "invited",
        "Wójcik": "invited",
        "Öberg": "invited",
    }
