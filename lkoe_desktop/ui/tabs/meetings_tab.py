"""The Möten tab: meetings newest first, filtered by period, kind, status and theme."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget
from sqlalchemy.orm import Session

from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import MeetingKind, MeetingStatus
from lkoe_desktop.domain.codes import label as code_label
from lkoe_desktop.domain.entities import MEETING
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import N_, gettext, ngettext
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import meetings, participations, relations
from lkoe_desktop.ui import changes
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.models.sources import meeting_source
from lkoe_desktop.ui.tabs import details
from lkoe_desktop.ui.tabs.filters import CodeCombo, FilterCombo
from lkoe_desktop.ui.tabs.list_tab import ListTab

PERIODS = (
    ("upcoming", N_("Upcoming")),
    ("past", N_("Past")),
    ("this_year", N_("This year")),
    ("last_year", N_("Last year")),
    ("last_90_days", N_("Last 90 days")),
)


def period_bounds(period: object, today: date) -> tuple[date | None, date | None]:
    """The first and last day (inclusive) of a named period, as of `today`."""
    if period == "upcoming":
        return today, None
    if period == "past":
        return None, today - timedelta(days=1)
    if period == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if period == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if period == "last_90_days":
        return today - timedelta(days=90), today
    return None, None


class MeetingsTab(ListTab):
    kind = changes.MEETINGS
    entity = MEETING.name
    export_kind = "meetings"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, meeting_source(), parent)
        self.table.selectionModel().currentRowChanged.connect(self._enable_checkin)
        self.model.modelReset.connect(self._enable_checkin)
        self.retranslate()

    def build_filters(self, layout: QHBoxLayout) -> None:
        self.period = FilterCombo(lambda: _("All dates"), self.apply_filter, self)
        self.period.set_items([(code, gettext(text)) for code, text in PERIODS])
        self.meeting_kind = CodeCombo(MeetingKind, lambda: _("All kinds"), self.apply_filter, self)
        self.status = CodeCombo(MeetingStatus, lambda: _("All statuses"), self.apply_filter, self)
        self.theme = FilterCombo(lambda: _("All themes"), self.apply_filter, self)
        for combo in (self.period, self.meeting_kind, self.status, self.theme):
            layout.addWidget(combo)
        self.participants = QPushButton(self)
        self.participants.clicked.connect(self.open_participants)
        self.checkin = QPushButton(self)
        self.checkin.clicked.connect(self.open_checkin)
        for button in (self.participants, self.checkin):
            button.setEnabled(False)
            layout.addWidget(button)

    def _enable_checkin(self) -> None:
        for button in (self.participants, self.checkin):
            button.setEnabled(self.current_id() is not None)

    def open_participants(self) -> None:
        """The participants of the current meeting, in a window of their own."""
        from lkoe_desktop.ui.dialogs.participants_dialog import open_participants

        meeting_id = self.current_id()
        if meeting_id is not None:
            open_participants(self.context, meeting_id, self)

    def open_checkin(self) -> None:
        """The check-in view of the current meeting."""
        from lkoe_desktop.ui.dialogs.checkin import open_checkin

        meeting_id = self.current_id()
        if meeting_id is not None:
            open_checkin(self.context, meeting_id, self)

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.load_themes()
        super().ensure_loaded()

    def load_themes(self) -> None:
        with self.context.database.reading() as session:
            names = relations.theme_names(session)
        self.theme.set_items([(theme.id, theme.name) for theme in names])

    def make_filter(self) -> Any:
        today = to_stockholm(self.context.database.clock.now()).date()
        starts_from, starts_until = period_bounds(self.period.value(), today)
        return meetings.MeetingFilter(
            search=self.search.text() or None,
            include_archived=self.archived.isChecked(),
            kind=self.meeting_kind.value(),  # type: ignore[arg-type]
            status=self.status.value(),  # type: ignore[arg-type]
            theme_id=self.theme.value(),  # type: ignore[arg-type]
            starts_from=starts_from,
            starts_until=starts_until,
        )

    def retranslate(self) -> None:
        super().retranslate()
        for index, (_code, text) in enumerate(PERIODS, start=1):
            self.period.setItemText(index, gettext(text))
        self.period.retranslate()
        for combo in (self.meeting_kind, self.status, self.theme):
            combo.retranslate()
        self.participants.setText(_("Participants…"))
        self.checkin.setText(_("Check in…"))

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if changes.THEMES in kinds and self._loaded:
            self.load_themes()
        if changes.PARTICIPANTS in kinds:
            kinds = kinds | {self.kind}  # the counts columns
        super()._on_changed(kinds)

    def count_text(self, count: int) -> str:
        return ngettext("{count} meeting", "{count} meetings", count).format(
            count=format_number(count)
        )

    def details_html(self, record_id: int) -> str:
        with self.context.database.reading() as session:
            meeting = meetings.get_meeting(session, record_id)
            counts = participations.status_counts(session, record_id)
            names = {t.id: t.name for t in relations.theme_names(session, include_archived=True)}
        starts = to_stockholm(meeting.starts_at)
        when = starts.strftime("%Y-%m-%d %H:%M")
        if meeting.ends_at is not None:
            ends = to_stockholm(meeting.ends_at)
            when += "–" + ends.strftime(
                "%H:%M" if ends.date() == starts.date() else "%Y-%m-%d %H:%M"
            )
        subtitle = (
            code_label(MeetingKind(meeting.kind))
            + " · "
            + code_label(MeetingStatus(meeting.status))
        )
        if meeting.archived:
            subtitle += " · " + _("Archived")
        return "".join(
            [
                details.heading(meeting.title, subtitle),
                details.rows(
                    [
                        (_("When"), when),
                        (_("Place"), meeting.place),
                        (_("Address"), meeting.address),
                        (_("Online"), meeting.online_url),
                        (_("Organiser"), meeting.organiser),
                        (
                            _("Capacity"),
                            str(meeting.capacity) if meeting.capacity is not None else None,
                        ),
                        (_("Themes"), ", ".join(names.get(t, "") for t in meeting.theme_ids)),
                    ]
                ),
                details.paragraph(meeting.description),
                details.section(
                    _("Participants"),
                    [
                        details.escape(f"{code_label(status)}: {count}")
                        for status, count in counts.items()
                        if count
                    ],
                    _("No one on the list yet."),
                ),
            ]
        )

    def open_form(self, record_id: int | None) -> None:
        from lkoe_desktop.ui.dialogs.meeting_form import open_meeting_form

        saved = open_meeting_form(self.context, record_id, self)
        if saved is not None:
            self.select_id(saved)

    def archive_one(self, session: Session, record_id: int, archived: bool) -> None:
        meetings.set_meeting_archived(session, record_id, archived)

    def archived_text(self, count: int, archived: bool) -> str:
        if archived:
            return ngettext(
                "{count} meeting archived.", "{count} meetings archived.", count
            ).format(count=count)
        return ngettext(
            "{count} meeting restored from the archive.",
            "{count} meetings restored from the archive.",
            count,
        ).format(count=count)
