"""The last look at the people about to be added: every name, in Swedish order, two buttons."""

from __future__ import annotations

from collections.abc import Callable

from modals import answer_modal
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from lkoe_desktop.domain.codes import ParticipationStatus
from lkoe_desktop.services.candidates import Candidate
from lkoe_desktop.ui.dialogs.last_look import LastLookDialog, group_heading, meeting_heading
from lkoe_desktop.ui.dialogs.prompts import DialogPrompts

PEOPLE = [
    Candidate(1, "Örjan", "Ödman", None, 7, "Norrköpings Hamn", False),
    Candidate(2, "Åsa", "Åberg", "asa@liu.se", 8, "Linköpings universitet", False),
    Candidate(3, "Łukasz", "Nowak", None, None, None, False),
    Candidate(4, "Anna", "Zetterberg", None, 7, "Norrköpings Hamn", False),
    Candidate(5, "Ulla", "Ågren", None, None, None, False),
    Candidate(6, "Anna", "Ärlig", None, None, None, False),
]


def test_every_name_in_swedish_order_with_the_count_on_the_button(qtbot: QtBot) -> None:
    dialog = LastLookDialog(PEOPLE, meeting_heading(6, ParticipationStatus.REGISTERED), unseen=4)
    qtbot.addWidget(dialog)
    assert dialog.names() == [
        ("Łukasz Nowak", ""),
        ("Anna Zetterberg", "Norrköpings Hamn"),
        ("Åsa Åberg", "Linköpings universitet"),
        ("Ulla Ågren", ""),
        ("Anna Ärlig", ""),
        ("Örjan Ödman", "Norrköpings Hamn"),
    ]
    assert dialog.windowTitle() == "Lägga till 6 personer?"
    assert dialog.heading.text() == "De här 6 personerna läggs till på mötets lista som ”Anmäld”."
    assert dialog.unseen.text().startswith("4 av dem fanns inte i listan du tittade på")
    assert (dialog.add_button.text(), dialog.back_button.text()) == ("Lägg till 6", "Tillbaka")
    assert dialog.add_button.isDefault()


def test_the_prompt_answers_with_the_button_clicked(qtbot: QtBot) -> None:
    seen: list[list[tuple[str, str]]] = []

    def click(button: str) -> Callable[[LastLookDialog], None]:
        def answer(dialog: LastLookDialog) -> None:
            seen.append(dialog.names())
            assert not dialog.unseen.isVisibleTo(dialog)
            qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)

        return answer

    with answer_modal(qtbot, LastLookDialog, click("back_button")):
        assert not DialogPrompts().look_over(None, PEOPLE[:2], group_heading(2, "Nyhetsbrev"), 0)
    with answer_modal(qtbot, LastLookDialog, click("add_button")):
        assert DialogPrompts().look_over(None, PEOPLE[:2], group_heading(2, "Nyhetsbrev"), 0)
    assert (
        seen == [[("Åsa Åberg", "Linköpings universitet"), ("Örjan Ödman", "Norrköpings Hamn")]] * 2
    )
