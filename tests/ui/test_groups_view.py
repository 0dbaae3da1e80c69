"""The Grupper view inside the Teman tab, driven as the clerk does: groups created, renamed,
archived and brought back; members added by search and by pasted Outlook addresses (with the
keystrokes counted), ended, added again, and their addresses copied."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from modals import answer_modal
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, open_main_window, tick, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.services import contacts, group_adding, groups, partners
from lkoe_desktop.services.candidates import AddingTo
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.add_people import AddPeopleDialog
from lkoe_desktop.ui.dialogs.group_form import GroupForm, MembershipForm
from lkoe_desktop.ui.language import apply_language
from lkoe_desktop.ui.main_window import MainWindow
from lkoe_desktop.ui.tabs.groups_tab import GroupsTab
from lkoe_desktop.ui.widgets.candidate_list import CandidateList

WAIT_MS = 3_000
TODAY = date(2026, 3, 2)  # the test databases' clock
Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier
Shift = Qt.KeyboardModifier.ShiftModifier
Alt = Qt.KeyboardModifier.AltModifier
PEOPLE = (
    ("Anna", "Ek", "anna.ek@x.se"),
    ("Bo", "Berg", "bo@y.se"),
    ("Åsa", "Öberg", "asa.oberg@norrkoping.se"),
    ("Łukasz", "Wójcik", "lukasz@hamnbolaget.se"),
    ("Erik", "Andersson", "erik.andersson@liu.se"),
    ("Maria", "Lind", "maria.lind@x.se"),
)
OUTLOOK = (
    '"Anna Ek" <anna.ek@x.se>; Bo Berg <bo@y.se>; "Öberg, Åsa" <Asa.Oberg@norrkoping.se>; '
    "Łukasz Wójcik <lukasz@hamnbolaget.se>; 'erik.andersson@liu.se'"
)


@dataclass
class Keys:
    """Presses keys as the clerk does and counts them (a key with modifiers is one press)."""

    count: int = 0
    pressed: list[str] = field(default_factory=list)

    def press(
        self,
        widget: QWidget,
        key: Key,
        modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        self.count += 1
        self.pressed.append(f"{modifiers.name}+{key.name}" if modifiers.value else str(key.name))
        QTest.keyClick(widget, key, modifiers)

    def type(self, widget: QWidget, text: str) -> None:
        type_text(widget, text)
        self.count += len(text)
        self.pressed.append(text)


@pytest.fixture
def people(sqlite_db: Database) -> dict[str, int]:
    with sqlite_db.unit_of_work() as session:
        hamn = partners.create_partner(session, {"name": "Hamnbolaget AB"}).id
        ids = {
            last: contacts.create_contact(
                session,
                {"first_name": first, "last_name": last, "email": email, "organisation_id": hamn},
            ).id
            for first, last, email in PEOPLE
        }
        styrgrupp = groups.create_group(
            session, {"name": "Styrgrupp", "description": "Projektets styrgrupp"}
        ).id
        nyhetsbrev = groups.create_group(
            session, {"name": "Nyhetsbrev", "description": "Månadsbrevet till nätverket"}
        ).id
        groups.add_member(session, styrgrupp, ids["Lind"], role="Ordförande", since="2025-01-01")
        groups.add_member(session, nyhetsbrev, ids["Lind"], since="2025-06-01")
    return ids | {"Styrgrupp": styrgrupp, "Nyhetsbrev": nyhetsbrev}


@pytest.fixture
def window(qtbot: QtBot, context: AppContext, people: dict[str, int]) -> Iterator[MainWindow]:
    window = open_main_window(qtbot, context)
    window.resize(1366 - 16, 728 - 38)  # a 1366 × 768 laptop less its taskbar and frame
    yield window


def _groups_tab(window: MainWindow, keys: Keys | None = None) -> GroupsTab:
    """Ctrl+3 and Alt+G: the Grupper list in the Teman tab."""
    keys = keys or Keys()
    keys.press(window, Key.Key_3, Ctrl)
    keys.press(window, Key.Key_G, Alt)
    tab = window.current_tab()
    assert isinstance(tab, GroupsTab)
    return tab


def _active(qtbot: QtBot, dialog: QWidget) -> None:
    """Offscreen no window becomes active by itself: the keys would go to the window's shortcuts."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)


def _back_to(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    """After a dialog: offscreen, the window is not active again by itself."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)
    widget.setFocus()


def _shown(tab: GroupsTab) -> list[tuple[str, int]]:
    rows = (tab.model.row_at(row) for row in range(tab.model.rowCount()))
    return [(row.name, row.member_count) for row in rows if row is not None]


def _members(db: Database, group_id: int) -> list[tuple[str, date | None]]:
    with db.reading() as session:
        rows = groups.list_members(session, group_id, include_former=True)
    return sorted(
        ((row.last_name, row.until) for row in rows), key=lambda row: (row[0], row[1] or date.max)
    )


def _texts(tree: QWidget) -> list[list[str]]:
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))  # type: ignore[attr-defined]
    return [[item.text(c) for c in range(item.columnCount())] for item in items]


def test_the_switch_shows_groups_and_the_window_acts_on_them(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    tab = _groups_tab(window)
    assert window.tab_widget.count() == 4
    assert _shown(tab) == [("Nyhetsbrev", 1), ("Styrgrupp", 1)]
    assert window.message.text() == "2 grupper"

    def create(form: GroupForm) -> None:
        _active(qtbot, form)
        type_text(form.widgets["name"].editor, "Referensgrupp Hamn")
        QTest.keyClick(form.widgets["name"].editor, Key.Key_Return)

    with answer_modal(qtbot, GroupForm, create):
        QTest.keyClick(window, Key.Key_N, Ctrl)
    qtbot.waitUntil(lambda: len(_shown(tab)) == 3, timeout=WAIT_MS)
    assert tab.members.heading.text() == "Referensgrupp Hamn"  # the new group is chosen

    def rename(form: GroupForm) -> None:
        _active(qtbot, form)
        editor = form.widgets["name"].editor
        QTest.keyClick(editor, Key.Key_A, Ctrl)
        type_text(editor, "Referensgrupp Östra")
        QTest.keyClick(editor, Key.Key_Return)

    _back_to(qtbot, window, tab.table)
    with answer_modal(qtbot, GroupForm, rename):
        QTest.keyClick(tab.table, Key.Key_Return)
    qtbot.waitUntil(lambda: ("Referensgrupp Östra", 0) in _shown(tab), timeout=WAIT_MS)

    _back_to(qtbot, window, tab.table)
    QTest.keyClick(tab.table, Key.Key_Delete)  # archived, with the window's offer to undo
    qtbot.waitUntil(lambda: len(_shown(tab)) == 2, timeout=WAIT_MS)
    assert window.message.text() == "1 grupp arkiverad."
    assert window.undo_button.isVisible()
    tab.archived.click()
    assert ("Referensgrupp Östra", 0) in _shown(tab)
    tab.archived.click()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_shown(tab)) == 3, timeout=WAIT_MS)
    with sqlite_db.reading() as session:
        assert not any(row.archived for row in groups.list_groups(session, include_archived=True))
    QTest.keyClick(window, Key.Key_T, Alt)
    assert window.current_tab() is not tab and window.tab_widget.currentIndex() == 2


def test_five_pasted_outlook_addresses_join_nyhetsbrev_in_a_few_keystrokes(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, people: dict[str, int]
) -> None:
    QGuiApplication.clipboard().setText(OUTLOOK)  # copied in Outlook's To field
    keys = Keys()
    tab = _groups_tab(window, keys)
    keys.press(window, Key.Key_F, Ctrl)
    keys.type(tab.search, "nyh")
    keys.press(tab.search, Key.Key_Return)
    assert tab.selected_ids() == [people["Nyhetsbrev"]]
    looked: list[list[str]] = []

    def add(dialog: AddPeopleDialog) -> None:
        _active(qtbot, dialog)
        looked.append(sorted(f"{c.first_name} {c.last_name}" for c in dialog.chosen.values()))
        keys.press(dialog.focusWidget(), Key.Key_Return)

    with answer_modal(qtbot, AddPeopleDialog, add):
        keys.press(tab.table, Key.Key_V, Ctrl | Shift)
    assert looked == [
        sorted(["Anna Ek", "Bo Berg", "Erik Andersson", "Łukasz Wójcik", "Åsa Öberg"])
    ]
    qtbot.waitUntil(lambda: ("Nyhetsbrev", 6) in _shown(tab), timeout=WAIT_MS)
    assert [name for _last, name in _members(sqlite_db, people["Nyhetsbrev"])] == [None] * 6
    print(f"\nKeystrokes to add five pasted addresses to Nyhetsbrev: {keys.count}: {keys.pressed}")
    assert keys.count == 9  # Ctrl+3, Alt+G, Ctrl+F, n y h, Enter, Ctrl+Shift+V, Enter
    assert tab.members.message.text() == "5 personer har lagts till i gruppen."
    assert tab.members.current.topLevelItemCount() == 6
    # Undone as the clerk looks for it: Redigera → Ångra, by Ctrl+Z where the focus is.
    assert window.edit_menu.actions()[0].text() == "Ångra tillägget av 5 personer"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    assert window.focusWidget() is tab.table
    QTest.keyClick(tab.table, Key.Key_Z, Ctrl)
    qtbot.waitUntil(lambda: ("Nyhetsbrev", 1) in _shown(tab), timeout=WAIT_MS)
    assert window.message.text().startswith("Tillägget är ångrat: 5 personer")
    assert tab.members.message.text() == window.message.text()  # not "5 personer har lagts till"
    assert not tab.members.undo_button.isVisible()


def test_members_are_added_by_search_with_a_role(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, people: dict[str, int]
) -> None:
    tab = _groups_tab(window)
    tab.select_id(people["Styrgrupp"])

    def add(dialog: AddPeopleDialog) -> None:
        type_text(dialog.search, "berg")
        qtbot.waitUntil(lambda: dialog.lists["search"].topLevelItemCount() == 2, timeout=WAIT_MS)
        tick(qtbot, dialog.lists["search"], "Åsa Öberg")
        type_text(dialog.role, "Ledamot")
        assert dialog.add_button.text() == "Lägg till 1"
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    with answer_modal(qtbot, AddPeopleDialog, add):
        qtbot.mouseClick(tab.members.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.members.current.topLevelItemCount() == 2, timeout=WAIT_MS)
    assert _texts(tab.members.current) == [
        ["Maria Lind", "Hamnbolaget AB", "Ordförande", "2025-01-01"],
        ["Åsa Öberg", "Hamnbolaget AB", "Ledamot", TODAY.isoformat()],
    ]

    def already(dialog: AddPeopleDialog) -> None:
        type_text(dialog.search, "lind")
        qtbot.waitUntil(lambda: dialog.lists["search"].topLevelItemCount() == 1, timeout=WAIT_MS)
        item = dialog.lists["search"].topLevelItem(0)
        assert item is not None and item.text(3) == "Medlem"
        assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
        dialog.reject()

    with answer_modal(qtbot, AddPeopleDialog, already):
        qtbot.mouseClick(tab.members.add_button, Qt.MouseButton.LeftButton)


def test_an_ended_membership_stays_as_history_and_a_return_is_a_new_one(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, people: dict[str, int]
) -> None:
    tab = _groups_tab(window)
    tab.select_id(people["Styrgrupp"])
    current = tab.members.current
    current.setFocus()
    current.setCurrentItem(current.topLevelItem(0))

    def end(form: MembershipForm) -> None:
        _active(qtbot, form)
        assert form.widgets["until"].value() == TODAY.isoformat()
        assert form.focusWidget() is form.widgets["until"].editor
        QTest.keyClick(form.widgets["until"].editor, Key.Key_Return)

    with answer_modal(qtbot, MembershipForm, end):
        QTest.keyClick(current, Key.Key_Delete)  # ends the membership, never archives the group
    qtbot.waitUntil(lambda: tab.members.former.topLevelItemCount() == 1, timeout=WAIT_MS)
    assert _texts(tab.members.former) == [
        ["Maria Lind", "Hamnbolaget AB", "Ordförande", "2025-01-01", TODAY.isoformat()]
    ]
    assert tab.members.current_label.text() == "Nuvarande medlemmar (0)"
    assert ("Styrgrupp", 0) in _shown(tab)

    def add_again(dialog: AddPeopleDialog) -> None:
        _active(qtbot, dialog)
        type_text(dialog.search, "lind")
        qtbot.waitUntil(lambda: dialog.lists["search"].topLevelItemCount() == 1, timeout=WAIT_MS)
        tick(qtbot, dialog.lists["search"], "Maria Lind")
        QTest.keyClick(dialog.search, Key.Key_Return, Ctrl)

    _back_to(qtbot, window, tab.members.current)
    with answer_modal(qtbot, AddPeopleDialog, add_again):
        qtbot.mouseClick(tab.members.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.members.current.topLevelItemCount() == 1, timeout=WAIT_MS)
    assert tab.members.former.topLevelItemCount() == 1
    assert _members(sqlite_db, people["Styrgrupp"]) == [("Lind", TODAY), ("Lind", None)]


def test_several_leave_at_once_and_a_former_membership_can_be_corrected(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_db: Database,
    people: dict[str, int],
    prompts: RecordingPrompts,
) -> None:
    with sqlite_db.unit_of_work() as session:
        group_adding.add_members(session, people["Nyhetsbrev"], [people["Ek"], people["Berg"]])
    tab = _groups_tab(window)
    tab.select_id(people["Nyhetsbrev"])
    current = tab.members.current
    for row in (0, 1):  # Bo Berg and Anna Ek, as Ctrl+clicks would
        item = current.topLevelItem(row)
        assert item is not None
        item.setSelected(True)
    qtbot.mouseClick(tab.members.end_button, Qt.MouseButton.LeftButton)
    assert prompts.asked[-1].startswith("Avsluta medlemskapet för 2 personer i ”Nyhetsbrev”")
    qtbot.waitUntil(lambda: tab.members.former.topLevelItemCount() == 2, timeout=WAIT_MS)
    assert tab.members.message.text() == "2 personer har lämnat gruppen."
    assert ("Nyhetsbrev", 1) in _shown(tab)

    def correct(form: MembershipForm) -> None:
        _active(qtbot, form)
        until = form.widgets["until"].editor
        QTest.keyClick(until, Key.Key_A, Ctrl)
        type_text(until, "2026-02-27")  # before the start: said under the field, not saved
        QTest.keyClick(until, Key.Key_Return)
        assert form.isVisible() and form.widgets["until"].error.isVisible()
        QTest.keyClick(until, Key.Key_A, Ctrl)
        type_text(until, TODAY.isoformat())
        type_text(form.widgets["role"].editor, "Redaktör")
        QTest.keyClick(until, Key.Key_Return)

    former = tab.members.former
    item = former.topLevelItem(0)
    assert item is not None
    with answer_modal(qtbot, MembershipForm, correct):
        former.itemDoubleClicked.emit(item, 0)  # as a double-click on the row
    qtbot.waitUntil(lambda: "Redaktör" in _texts(former)[0], timeout=WAIT_MS)


def test_copying_addresses_takes_current_members_only(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_db: Database,
    people: dict[str, int],
    prompts: RecordingPrompts,
) -> None:
    with sqlite_db.unit_of_work() as session:
        group_adding.add_members(session, people["Nyhetsbrev"], [people["Ek"], people["Berg"]])
        gone = groups.add_member(session, people["Nyhetsbrev"], people["Öberg"], since="2025-01-01")
        groups.end_membership(session, gone.membership_id, "2026-01-31")
    tab = _groups_tab(window)
    tab.select_id(people["Nyhetsbrev"])
    assert tab.members.former.topLevelItemCount() == 1
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(tab.members.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == (
        "Bo Berg <bo@y.se>; Anna Ek <anna.ek@x.se>; Maria Lind <maria.lind@x.se>"
    )
    assert tab.members.message.text().startswith("3 e-postadresser kopierade")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_grupper_view_on_a_laptop_screen(
    qtbot: QtBot,
    window: MainWindow,
    people: dict[str, int],
    sqlite_db: Database,
    language: str,
    tmp_path: Path,
) -> None:
    with sqlite_db.unit_of_work() as session:
        group_adding.add_members(
            session, people["Nyhetsbrev"], [people[n] for n in ("Ek", "Berg", "Wójcik")]
        )
        gone = groups.add_member(session, people["Nyhetsbrev"], people["Öberg"], since="2025-01-01")
        groups.end_membership(session, gone.membership_id, "2026-01-31")
    apply_language(language)
    window.retranslate()
    tab = _groups_tab(window)
    tab.select_id(people["Nyhetsbrev"])
    members = tab.members
    for button in (
        members.add_button,
        members.edit_button,
        members.end_button,
        members.copy_button,
    ):
        assert button.isVisible()
        assert members.rect().contains(button.geometry()), button.text()
    for tree in (members.current, members.former):
        assert tree.height() >= 3 * tree.sizeHintForRow(0)
        assert tree.header().sectionSize(0) >= tree.fontMetrics().horizontalAdvance("Łukasz Wójcik")
    assert window.grab().save(str(tmp_path / f"grupper-{language}.png"))
    dialog = AddPeopleDialog(window.context, AddingTo.group(people["Nyhetsbrev"]), "search", window)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.paste_clipboard(OUTLOOK)
    dialog.show()
    assert dialog.frameGeometry().height() <= 728 and dialog.add_button.isVisible()
    assert dialog.add_button.isDefault() and dialog.focusWidget() is dialog.add_button
    QApplication.processEvents()  # the list's scroll bars settle after its final size
    assert dialog.grab().save(str(tmp_path / f"add-members-{language}.png"))
    sideways = dialog.pages.currentWidget().findChild(CandidateList).horizontalScrollBar()
    assert sideways.maximum() == 0 and not sideways.isVisible()  # every column in view
    form = MembershipForm(window.context, gone.membership_id, window)  # type: ignore[arg-type]
    qtbot.addWidget(form)
    form.show()
    assert form.grab().save(str(tmp_path / f"membership-{language}.png"))
