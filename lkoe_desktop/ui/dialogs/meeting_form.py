"""The meeting form: what, when and where, its themes, and its participants."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QWidget,
)

from lkoe_desktop.domain import meeting_times, validation
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import MeetingStatus
from lkoe_desktop.domain.entities import MEETING
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import meetings, office_settings, relations
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.dialogs.participants_panel import ParticipantsPanel
from lkoe_desktop.ui.forms.fields import form_fields, shown
from lkoe_desktop.ui.screen_fit import fit_to_screen
from lkoe_desktop.ui.widgets.form_fields import (
    PeriodForm,
    attach_calendar,
    narrow,
    roomy,
    row_height,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.context import AppContext

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
THEME_ROWS = 6
COMBO_CHARACTERS = 24
WIDE = (1120, 720)
FILTER_DELAY_MS = 150
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class MeetingForm(PeriodForm):
    """Create or edit a meeting; a saved meeting also has a page of its participants."""

    fields = form_fields(MEETING)
    rules = MEETING.rules()
    record_noun = N_("the meeting")
    extra_labels: Mapping[str, str] = {"theme_ids": N_("Themes")}
    period = ("starts_at", "ends_at")
    period_message = N_("The meeting cannot end before it starts.")

    def __init__(self, context: AppContext, record_id: int | None, parent: QWidget | None = None):
        super().__init__(context, record_id, parent)
        if not isinstance(settings().value(f"dialogs/{type(self).__name__}"), QByteArray):
            fit_to_screen(self, QSize(*WIDE))  # room for the participant list's columns

    def build(self) -> None:
        roomy(self)
        with self.context.database.reading() as session:
            self.usual = office_settings.load(session)
            names = relations.theme_names(session, include_archived=True)
        self.rules = MEETING.rules() | {"starts_at": self._read_start, "ends_at": self._read_end}
        self.end_follows = self.record_id is None
        starts, ends = self.widgets["starts_at"], self.widgets["ends_at"]
        attach_calendar(starts, lambda: self.usual.usual_start)
        attach_calendar(ends, self._default_end_time)
        starts.edited.connect(self._start_edited)
        ends.edited.connect(self._end_edited)
        for key in self.period:
            narrow(self.widgets[key].editor, 20)
            editor = self.widgets[key].editor
            assert isinstance(editor, QLineEdit)
            editor.editingFinished.connect(lambda key=key: self._tidy(key))
            editor.installEventFilter(self)
        narrow(self.widgets["capacity"].editor, 8)
        for key in ("kind", "status"):
            combo = self.widgets[key].editor
            assert isinstance(combo, QComboBox)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_CHARACTERS)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.themes_label = QLabel(self.form_page)
        self.themes = QListWidget(self.form_page)
        self.themes.setObjectName("themes")
        height = row_height(self.themes)
        for theme in names:
            item = QListWidgetItem(theme.name, self.themes)
            item.setData(ID_ROLE, theme.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setSizeHint(QSize(0, height))
            item.setHidden(theme.archived)
        rows = min(max(sum(not theme.archived for theme in names), 1), THEME_ROWS)
        self.themes.setFixedHeight(height * rows + 2 * self.themes.frameWidth())
        above_description = self.form.rowCount() - 1  # the description is the last field
        self.form.insertRow(above_description, self.themes_label, self.themes)
        self.themes_label.setBuddy(self.themes)
        self.participants: ParticipantsPanel | None = None
        if self.record_id is None:
            self.widgets["status"].set_value(MeetingStatus.PLANNED.value)
        else:
            self.participants = ParticipantsPanel(self.context, self.record_id, self)
            self.participants.changed.connect(self._title_participants)
            self.pages.addTab(self.participants, "")

    def retranslate(self) -> None:
        super().retranslate()
        self.themes_label.setText(_("Themes"))
        self.widgets["starts_at"].editor.setToolTip(
            _("For example 2026-04-02 13:00, or the date alone for {time}").format(
                time=self.usual.usual_start
            )
        )
        self.widgets["ends_at"].editor.setToolTip(
            _("For example 2026-04-02 16:00, or the time alone (16.00) on the start's day")
        )
        self.widgets["capacity"].editor.setToolTip(_("The number of places; empty for no limit"))
        if self.participants is not None:
            self.participants.retranslate()
            self._title_participants()

    def title(self) -> str:
        if self.record_id is None:
            return _("New meeting")
        return _("Meeting: {title}").format(title=self.record.title if self.record else "")

    def fetch(self, session: Session, record_id: int) -> Any:
        return meetings.get_meeting(session, record_id)

    def fill_related(self, session: Session, record: Any) -> None:
        if self.participants is not None:
            self._title_participants()

    def stored_extras(self, record: Any) -> dict[str, object]:
        return {"theme_ids": record.theme_ids}

    def show_extra(self, key: str, value: object) -> None:
        """Tick the meeting's themes; an archived theme shows (marked) only while ticked."""
        assert key == "theme_ids" and isinstance(value, Iterable)
        chosen = set(value)
        for index in range(self.themes.count()):
            item = self.themes.item(index)
            checked = item.data(ID_ROLE) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if checked and item.isHidden():
                item.setText(_("{name} (archived)").format(name=item.text()))
                item.setHidden(False)

    def _title_participants(self) -> None:
        if self.participants is not None:
            total = self.participants.total
            self.pages.setTabText(1, _("Participants ({count})").format(count=total))

    def extra_values(self) -> dict[str, object]:
        items = (self.themes.item(index) for index in range(self.themes.count()))
        return {
            "theme_ids": [
                int(item.data(ID_ROLE))
                for item in items
                if item.checkState() == Qt.CheckState.Checked
            ]
        }

    def persist(self, session: Session, values: dict[str, object]) -> Any:
        times = [key for key in self.period if key in values]
        values = values | validation.collect(
            {key: values[key] for key in times}, {key: self.rules[key] for key in times}
        )
        if self.record_id is None:
            return meetings.create_meeting(session, values)
        return meetings.update_meeting(
            session, self.record_id, values, expected_version=self.version
        )

    # --- start and end -------------------------------------------------------------------------
    def _today(self) -> date:
        return to_stockholm(self.context.database.clock.now()).date()

    def _read_start(self, value: object) -> datetime:
        """The start as typed; a date alone takes the office's usual start time."""
        return meeting_times.start(value, usual_start=self.usual.start_time, today=self._today())

    def _read_end(self, value: object) -> datetime:
        """The end as typed; a time alone is on the start's day."""
        return meeting_times.end(
            value,
            start=self._moment("starts_at"),
            usual_length=self.usual.length,
            today=self._today(),
        )

    def _moment(self, key: str) -> datetime | None:
        try:
            value = self.rules[key](self.widgets[key].value())
        except validation.InvalidValue:
            return None
        assert isinstance(value, datetime)
        return value

    def _start_edited(self, _key: str) -> None:
        """A new meeting's end follows its start (the usual length on) until the end is typed."""
        start = self._moment("starts_at")
        if self.end_follows and start is not None:
            self.widgets["ends_at"].set_value(start + self.usual.length)
            self.check_field("ends_at")

    def _end_edited(self, _key: str) -> None:
        self.end_follows = False

    def _default_end_time(self) -> str:
        start = self._moment("starts_at")
        if start is None:
            start = datetime.combine(self._today(), self.usual.start_time)
        return (start + self.usual.length).strftime("%H:%M")

    def _tidy(self, key: str) -> bool:
        """Write a time as the form shows times (08.30 as 08:30), with what it took for what
        was left out (the usual start time, the start's day, the year); True if rewritten."""
        moment = self._moment(key)
        widget = self.widgets[key]
        if moment is None or shown(widget.field, moment) == widget.value():
            return False
        widget.set_value(moment)
        widget.edited.emit(key)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a start or end that left something out writes in what was taken, to be
        seen, and saves only when pressed again."""
        keys = [key for key in self.period if self.widgets[key].editor is watched]
        if (
            keys
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in ENTER_KEYS
            and not meeting_times.whole(self.widgets[keys[0]].value(), self._today())
            and self._tidy(keys[0])
        ):
            return True
        return super().eventFilter(watched, event)


def open_meeting_form(
    context: AppContext, record_id: int | None, parent: QWidget | None = None
) -> int | None:
    """Show the meeting form until closed; the saved meeting's id, or None if nothing was saved."""
    dialog = MeetingForm(context, record_id, parent)
    try:
        dialog.exec()
        return dialog.saved_id
    finally:
        dialog.deleteLater()
