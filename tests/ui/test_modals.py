"""The bounded helper that answers modal dialogs in window tests fails fast instead of hanging."""

from __future__ import annotations

import pytest
from modals import answer_modal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

SHORT_MS = 300


class Question(QDialog):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Frågan")


@pytest.fixture
def question(qtbot: QtBot) -> Question:
    dialog = Question()
    qtbot.addWidget(dialog)
    return dialog


def test_the_dialog_that_opens_is_answered(qtbot: QtBot, question: Question) -> None:
    with answer_modal(qtbot, Question, lambda dialog: dialog.accept()):
        assert question.exec() == QDialog.DialogCode.Accepted


def test_no_dialog_opening_fails_the_test(qtbot: QtBot) -> None:
    with (
        pytest.raises(pytest.fail.Exception, match=f"no Question opened \\(waited {SHORT_MS} ms"),
        answer_modal(qtbot, Question, lambda dialog: dialog.accept(), SHORT_MS),
    ):
        pass


def test_a_dialog_of_another_kind_is_closed_and_told(qtbot: QtBot) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "Fel", "Något gick fel")
    qtbot.addWidget(box)
    with (
        pytest.raises(
            pytest.fail.Exception, match="QMessageBox “Fel” opened instead of a Question"
        ),
        answer_modal(qtbot, Question, lambda dialog: dialog.accept(), SHORT_MS),
    ):
        box.exec()  # returns: the helper closes it
    assert not box.isVisible()


def test_an_answer_that_fails_closes_the_dialog_and_fails_the_test(
    qtbot: QtBot, question: Question
) -> None:
    def answer(dialog: QWidget) -> None:
        raise AssertionError(f"not what {dialog.windowTitle()} should show")

    with (
        pytest.raises(AssertionError, match="not what Frågan should show"),
        answer_modal(qtbot, Question, answer),
    ):
        assert question.exec() == QDialog.DialogCode.Accepted  # not reached: it was rejected
    assert not question.isVisible()


def test_an_answer_that_leaves_the_dialog_open_fails_the_test(
    qtbot: QtBot, question: Question
) -> None:
    with (
        pytest.raises(pytest.fail.Exception, match="“Frågan” was still open after the answer"),
        answer_modal(qtbot, Question, lambda dialog: dialog.setWindowTitle("Frågan"), SHORT_MS),
    ):
        question.exec()
    assert not question.isVisible()
