"""The conflict dialog: fields that someone else and I both changed, their value beside mine."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.forms.merge import Choice, ConflictField
from lkoe_desktop.ui.widgets.form_fields import mute

VALUE_WIDTH = 260
LONG_TEXT_LINES = 6
CHARACTERS_PER_LINE = 36  # about what a value's column holds
MAX_HEIGHT = 640  # within a 1366 × 768 screen, with room for the taskbar
CELL_STYLE = (
    "QFrame#cell { border: 1px solid palette(mid); border-radius: 4px; }"
    "QFrame#cell[chosen='true'] { border: 2px solid palette(highlight); }"
)


class ValueCell(QFrame):
    """One side's value of a field; in a dialog of several fields, a click on it chooses it.

    A long text is shown in a read-only box of `lines` lines (0: a short value)."""

    clicked = Signal()

    def __init__(self, text: str, lines: int, choosable: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("cell")
        self.radio: QRadioButton | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        if choosable:
            self.radio = QRadioButton(self)
            self.radio.toggled.connect(self._show_chosen)
            layout.addWidget(self.radio)
            self.clicked.connect(self.radio.click)
        value: QWidget
        if lines and text:
            box = QPlainTextEdit(text, self)
            box.setReadOnly(True)
            box.setTabChangesFocus(True)
            box.setFrameShape(QFrame.Shape.NoFrame)
            box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            box.setStyleSheet("background: transparent;")
            box.document().setDocumentMargin(0)
            box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 4)
            value = box
        else:
            label = QLabel(text or _("(empty)"), self)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            if not choosable:  # where a click chooses, it must reach the cell
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if not text:
                mute(label)
                font = label.font()
                font.setItalic(True)
                label.setFont(font)
            value = label
        value.setMinimumWidth(VALUE_WIDTH // 2)
        layout.addWidget(value)
        layout.addStretch(1)

    def _show_chosen(self, chosen: bool) -> None:
        self.setProperty("chosen", "true" if chosen else "false")
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)


class ConflictDialog(QDialog):
    """Each field both changed, theirs beside mine. One field: the buttons decide it. Several:
    a choice per field ("Save as chosen"), or all theirs, or all mine."""

    def __init__(
        self, intro: str, fields: Sequence[ConflictField], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.fields = tuple(fields)
        self.choices: dict[str, Choice] = {}
        self.setWindowTitle(_("Saved by someone else"))
        self.setStyleSheet(CELL_STYLE)
        several = len(self.fields) > 1
        text = QLabel(intro, self)
        text.setWordWrap(True)
        grid_holder = QWidget(self)
        grid = QGridLayout(grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, heading in enumerate((_("Theirs (saved)"), _("Mine (not saved)")), start=1):
            label = QLabel(heading, grid_holder)
            label.setStyleSheet("font-weight: bold;")
            grid.addWidget(label, 0, column)
        self.groups: dict[str, QButtonGroup] = {}
        for row, conflict in enumerate(self.fields, start=1):
            caption = QLabel(conflict.label, grid_holder)
            caption.setWordWrap(True)
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            caption.setContentsMargins(0, 7, 0, 0)
            grid.addWidget(caption, row, 0)
            group = QButtonGroup(self)
            group.buttonToggled.connect(lambda _button, _on: self._update_buttons())
            lines = text_lines(conflict) if conflict.long else 0
            for column, (value, side) in enumerate(
                ((conflict.theirs, Choice.THEIRS), (conflict.mine, Choice.MINE)), start=1
            ):
                cell = ValueCell(value, lines, several, grid_holder)
                if cell.radio is not None:
                    cell.radio.setText(_("Use theirs") if side is Choice.THEIRS else _("Keep mine"))
                    cell.radio.setProperty("side", side.value)
                    group.addButton(cell.radio)
                grid.addWidget(cell, row, column)
            self.groups[conflict.key] = group
        grid.setRowStretch(len(self.fields) + 1, 1)  # rows keep their height; the rest is below
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_holder)
        scroll.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.buttons = QDialogButtonBox(self)
        self.theirs_button = self._button(
            _("Use all theirs") if several else _("Use theirs"), self.take_theirs
        )
        self.mine_button = self._button(
            _("Keep all mine") if several else _("Keep mine"), self.keep_mine
        )
        self.chosen_button: QPushButton | None = None
        if several:
            self.chosen_button = self._button(_("Save as chosen"), self.save_chosen)
        cancel = self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(12)
        layout.addWidget(text)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self._update_buttons()
        width = 2 * VALUE_WIDTH + 200
        margins = layout.contentsMargins()
        height = (
            text.heightForWidth(width - margins.left() - margins.right())
            + grid_holder.sizeHint().height()
            + self.buttons.sizeHint().height()
            + 2 * layout.spacing()
            + margins.top()
            + margins.bottom()
        )
        self.resize(width, min(height, MAX_HEIGHT))

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAutoDefault(False)  # Enter decides nothing: the clerk picks a button
        button.clicked.connect(slot)
        return button

    def _update_buttons(self) -> None:
        if self.chosen_button is not None:
            chosen = all(group.checkedButton() is not None for group in self.groups.values())
            self.chosen_button.setEnabled(chosen)

    def _finish(self, choices: dict[str, Choice]) -> None:
        self.choices = choices
        self.accept()

    def take_theirs(self) -> None:
        self._finish({conflict.key: Choice.THEIRS for conflict in self.fields})

    def keep_mine(self) -> None:
        self._finish({conflict.key: Choice.MINE for conflict in self.fields})

    def save_chosen(self) -> None:
        choices: dict[str, Choice] = {}
        for key, group in self.groups.items():
            button = group.checkedButton()
            if button is None:
                return
            choices[key] = Choice(str(button.property("side")))
        self._finish(choices)


def text_lines(conflict: ConflictField) -> int:
    """How many lines a long text's two sides get: enough for the longer, within limits."""
    longest = max(
        sum(1 + len(line) // CHARACTERS_PER_LINE for line in text.splitlines())
        for text in (conflict.theirs, conflict.mine)
    )
    return min(LONG_TEXT_LINES, max(2, longest))


def ask(
    parent: QWidget | None, intro: str, fields: Sequence[ConflictField]
) -> dict[str, Choice] | None:
    """Show the dialog until the clerk decides; the choice per field, or None (cancelled)."""
    dialog = ConflictDialog(intro, fields, parent)
    try:
        return dialog.choices if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
