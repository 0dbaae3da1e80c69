"""Windows and dialogs that fit the screen they open on, the first time and every time after."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What the system adds around a window: a title bar of about 30 pixels and thin borders
# (Windows 10 and 11 at 100 %, GNOME, KDE), with a little to spare.
FRAME = QSize(16, 40)


def fitted_size(wanted: QSize, available: QRect) -> QSize:
    """`wanted`, or less where the screen's free area (less the window frame) is smaller."""
    return wanted.boundedTo(available.size() - FRAME)


def _available(widget: QWidget) -> QRect:
    """The free area (without taskbars and docks) of the screen the widget is on or opens on."""
    screen = QGuiApplication.screenAt(widget.geometry().center()) or widget.screen()
    return screen.availableGeometry()


def fit_to_screen(
    widget: QWidget, wanted: QSize, available: QRect | None = None, *, centre: bool = False
) -> None:
    """Give a window or dialog its first size, made smaller where the screen is; `centre`
    places a window in the middle of the screen (a dialog is placed over its parent by Qt,
    which keeps it on the screen)."""
    room = _available(widget) if available is None else available
    size = fitted_size(wanted, room).expandedTo(widget.minimumSize())
    widget.resize(size)
    if centre:
        outer = size + FRAME
        widget.move(
            room.x() + max(0, (room.width() - outer.width()) // 2),
            room.y() + max(0, (room.height() - outer.height()) // 2),
        )


def keep_on_screen(widget: QWidget, available: QRect | None = None) -> None:
    """Bring a window back onto the screen where its remembered place is partly off it (saved
    on a larger screen, or on a screen no longer there): smaller where it must be, moved in."""
    room = _available(widget) if available is None else available
    size = fitted_size(widget.size(), room).expandedTo(widget.minimumSize())
    if size != widget.size():
        widget.resize(size)
    outer = QRect(widget.pos(), size + FRAME)
    if not room.contains(outer):
        left = min(max(outer.left(), room.left()), room.right() + 1 - outer.width())
        top = min(max(outer.top(), room.top()), room.bottom() + 1 - outer.height())
        widget.move(QPoint(max(left, room.left()), max(top, room.top())))


def restore_geometry(
    widget: QWidget, saved: object, wanted: QSize, *, centre: bool = False
) -> None:
    """The size and place remembered in `saved` (from `saveGeometry()`), kept on the screen;
    `wanted` fitted to the screen the first time, or when `saved` cannot be read."""
    if isinstance(saved, QByteArray) and widget.restoreGeometry(saved):
        keep_on_screen(widget)
    else:
        fit_to_screen(widget, wanted, centre=centre)
