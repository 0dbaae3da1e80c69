"""The tables' delegate sets each cell's look exactly as Qt's own delegate does from `data`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from lkoe_desktop.db.engine import Database
from lkoe_desktop.services.contacts import ContactFilter, create_contact, set_contact_archived
from lkoe_desktop.services.meetings import MeetingFilter, create_meeting
from lkoe_desktop.ui.models.cell_delegate import CellDelegate
from lkoe_desktop.ui.models.sources import contact_source, meeting_source
from lkoe_desktop.ui.models.table_model import WindowedTableModel


def _look(option: QStyleOptionViewItem) -> tuple[object, ...]:
    return (
        option.text,
        bool(option.features & QStyleOptionViewItem.ViewItemFeature.HasDisplay),
        option.font.italic(),
        option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text).name(),
        option.palette.color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Text).name(),
        int(option.displayAlignment),
        option.backgroundBrush.style(),
        option.index.row(),
        option.index.column(),
    )


def test_every_cell_looks_as_qts_own_delegate_would_paint_it(qtbot: QtBot, db: Database) -> None:
    with db.unit_of_work() as session:
        create_meeting(
            session, {"title": "Seminarium", "kind": "seminar", "starts_at": "2026-03-10 13:00"}
        )
        create_contact(session, {"first_name": "Åsa", "last_name": "Öberg", "phone": "013123456"})
        gone = create_contact(session, {"first_name": "Örjan", "last_name": "Ek"}).id
        set_contact_archived(session, gone, True)
    parent = QWidget()
    qtbot.addWidget(parent)
    contacts = WindowedTableModel(db, contact_source(), parent)
    contacts.set_filter(ContactFilter(include_archived=True))
    meetings = WindowedTableModel(db, meeting_source(), parent)
    meetings.set_filter(MeetingFilter())
    looks = []
    for model in (contacts, meetings):
        ours, qts = CellDelegate(model, parent), QStyledItemDelegate(parent)
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                mine, theirs = QStyleOptionViewItem(), QStyleOptionViewItem()
                mine.initFrom(parent)
                theirs.initFrom(parent)
                ours.initStyleOption(mine, index)
                qts.initStyleOption(theirs, index)
                assert _look(mine) == _look(theirs), (row, column)
                looks.append(_look(mine))
    assert any(look[2] for look in looks), "an archived row, in italics"
    assert any(look[5] & int(Qt.AlignmentFlag.AlignRight) for look in looks), "a number column"
    assert any(look[0] == "013-12 34 56" for look in looks)
