"""The theme form: name, colour, responsible person, active period, and the theme's reach."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from lkoe_desktop.domain.codes import MeetingStatus, label
from lkoe_desktop.domain.entities import PARTNER, THEME
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import relations, themes
from lkoe_desktop.ui.forms.fields import form_fields
from lkoe_desktop.ui.widgets.form_fields import (
    ColourField,
    ContactPicker,
    PeriodForm,
    RelatedList,
    attach_calendar,
    mute,
    narrow,
    roomy,
    swap_field,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.context import AppContext


class ThemeForm(PeriodForm):
    """Create or edit a theme; a saved theme also shows its meetings and interested people."""

    fields = form_fields(THEME)
    rules = THEME.rules()
    record_noun = N_("the theme")
    period = ("active_from", "active_until")
    period_message = N_("The end date must not be before the start date.")
    pages_shown = (
        ("meeting", N_("Meetings"), (N_("Starts"), N_("Title"), N_("Status"))),
        (PARTNER.name, N_("Interested partners"), (N_("Name"),)),
        ("contact", N_("Interested contacts"), (N_("Name"),)),
    )

    open_record = Signal(str, int)

    def build(self) -> None:
        roomy(self)
        self.colour = ColourField(self.widgets["colour"].field, self.form_page)
        swap_field(self, self.colour)
        person = self.widgets["responsible_id"].field
        self.responsible = ContactPicker(person, self.context.database, self.form_page)
        swap_field(self, self.responsible)
        for key in self.period:
            attach_calendar(self.widgets[key])
            narrow(self.widgets[key].editor, 14)
        self.related: dict[str, RelatedList] = {}
        self.related_rows: dict[str, list[tuple[int, list[str]]]] = {}
        self.hints: list[QLabel] = []
        if self.record_id is None:
            return
        for kind, _title, headings in self.pages_shown:
            page = QWidget(self)
            layout = QVBoxLayout(page)
            listing = RelatedList(kind, headings, page)
            listing.opened.connect(self.open_record)
            hint = QLabel(page)
            mute(hint)
            layout.addWidget(listing, 1)
            layout.addWidget(hint)
            self.related[kind] = listing
            self.hints.append(hint)
            self.pages.addTab(page, "")

    def retranslate(self) -> None:
        super().retranslate()
        self.colour.button.setText(_("Choose colour…"))
        for hint in self.hints:
            hint.setText(_("Double-click a row to open it."))
        for listing in self.related.values():
            listing.retranslate()
        self._show_related()

    def title(self) -> str:
        if self.record_id is None:
            return _("New theme")
        return _("Theme: {name}").format(name=self.record.name if self.record else "")

    def fetch(self, session: Session, record_id: int) -> Any:
        return themes.get_theme(session, record_id)

    def fill_related(self, session: Session, record: Any) -> None:
        meetings = relations.meetings_of_theme(session, record.id)
        self.related_rows = {
            "meeting": [
                (m.meeting_id, [m.starts_at.strftime("%Y-%m-%d %H:%M"), m.title, str(m.status)])
                for m in meetings
            ],
            PARTNER.name: [
                (p.id, [p.name]) for p in relations.partners_of_theme(session, record.id)
            ],
            "contact": [(c.id, [c.name]) for c in relations.contacts_of_theme(session, record.id)],
        }
        self._show_related()

    def _show_related(self) -> None:
        """Fill the lists and put their lengths in the page titles (meeting statuses as words)."""
        for index, (kind, title, _headings) in enumerate(self.pages_shown, start=1):
            if kind not in self.related:
                continue
            rows = self.related_rows.get(kind, [])
            if kind == "meeting":
                rows = [
                    (i, [when, what, label(MeetingStatus(status))])
                    for i, (when, what, status) in rows
                ]
            self.related[kind].fill(rows)
            more = "+" if len(rows) >= relations.HISTORY_LIMIT else ""
            self.pages.setTabText(index, f"{_(title)} ({len(rows)}{more})")

    def validate(self) -> dict[str, str]:
        errors = super().validate()
        problem = self.responsible.problem()
        if problem and "responsible_id" not in errors:
            errors = errors | {"responsible_id": problem}
            self.show_errors(errors)
        return errors

    def persist(self, session: Session, values: dict[str, object]) -> Any:
        if self.record_id is None:
            return themes.create_theme(session, values)
        return themes.update_theme(session, self.record_id, values, expected_version=self.version)


def open_theme_form(
    context: AppContext,
    record_id: int | None,
    parent: QWidget | None = None,
    *,
    on_open: Callable[[str, int], None] | None = None,
) -> int | None:
    """Show the theme form until closed; the saved theme's id, or None when nothing was saved.

    `on_open(kind, id)` is called when the user opens a related meeting, partner or contact.
    """
    dialog = ThemeForm(context, record_id, parent)
    if on_open is not None:
        dialog.open_record.connect(on_open)
    try:
        dialog.exec()
        return dialog.saved_id
    finally:
        dialog.deleteLater()
