"""One person's participation in a meeting: status, role, the organisation they represent there,
dietary needs and a note."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtWidgets import QLabel, QWidget

from lkoe_desktop.domain.entities import PARTICIPATION
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import duplicates, meetings, participations
from lkoe_desktop.services.participations import ParticipantRow
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.dialogs.contact_dialogs import OrganisationPicker
from lkoe_desktop.ui.forms.fields import form_fields
from lkoe_desktop.ui.forms.form import FormDialog
from lkoe_desktop.ui.screen_fit import fit_to_screen
from lkoe_desktop.ui.widgets.form_fields import mute, swap_field

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.context import AppContext


FIRST_SIZE = (600, 400)


@dataclass(frozen=True)
class EditedParticipant:
    """A participant row with the version it was read at."""

    row: ParticipantRow
    version: int

    def __getattr__(self, name: str) -> Any:
        return getattr(self.row, name)


# What the form edits of a participation; the meeting and the person stay as they are.
EDITED = ("status", "role", "organisation_id", "dietary_needs", "note")


class ParticipationForm(FormDialog):
    """Edit how one person takes part in one meeting."""

    fields = form_fields(
        PARTICIPATION, "status", "role", "organisation_id", "dietary_needs", "note"
    )
    rules = MappingProxyType(PARTICIPATION.rules(EDITED))
    record_noun = N_("the participant")

    def build(self) -> None:
        self._choices: list[duplicates.PartnerChoice] | None = None
        self.picker = OrganisationPicker(self.fields[2], self.choices)
        swap_field(self, self.picker)
        self.who = QLabel(self)
        font = self.who.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.who.setFont(font)
        self.above.addWidget(self.who)
        self.represents_hint = QLabel(self.form_page)
        mute(self.represents_hint)
        self.form.insertRow(3, "", self.represents_hint)
        self.health_hint = QLabel(self.form_page)
        mute(self.health_hint)
        self.form.insertRow(5, "", self.health_hint)

    def choices(self) -> list[duplicates.PartnerChoice]:
        """Every partner's name, and the one represented now even if it has been archived."""
        if self._choices is None:
            with self.context.database.reading() as session:
                self._choices = duplicates.partner_choices(session)
            record = self.record
            known = {choice.id for choice in self._choices}
            if record is not None and record.organisation_id not in (None, *known):
                name = record.organisation or ""
                label = _("{name} (archived)").format(name=name)
                self._choices.append(duplicates.PartnerChoice(record.organisation_id, name, label))
        return self._choices

    def __init__(self, context: AppContext, record_id: int, parent: QWidget | None = None):
        super().__init__(context, record_id, parent)
        if not isinstance(settings().value(f"dialogs/{type(self).__name__}"), QByteArray):
            fit_to_screen(self, QSize(*FIRST_SIZE))

    def retranslate(self) -> None:
        super().retranslate()
        self.represents_hint.setText(
            _("The organisation the person represents at this meeting only.")
        )
        self.health_hint.setText(
            _("Dietary needs are cleared automatically some days after the meeting.")
        )

    def title(self) -> str:
        if self.record is None:
            return _("Participant")
        name = f"{self.record.first_name} {self.record.last_name}".strip()
        return _("Participant: {name}").format(name=name)

    def fetch(self, session: Session, record_id: int) -> Any:
        row = participations.get_participant(session, record_id)
        meeting = meetings.get_meeting(session, row.meeting_id)
        self.who.setText(f"{row.first_name} {row.last_name} · {meeting.title}")
        return EditedParticipant(row, participations.participation_version(session, record_id))

    def validate(self) -> dict[str, str]:
        errors = super().validate()
        problem = self.picker.problem()
        if problem and "organisation_id" not in errors:
            errors = errors | {"organisation_id": problem}
            self.show_errors(errors)
        return errors

    def persist(self, session: Session, values: dict[str, object]) -> Any:
        assert self.record_id is not None
        return participations.update_participation(
            session, self.record_id, values, expected_version=self.version
        )


def open_participation_form(
    context: AppContext, participation_id: int, parent: QWidget | None = None
) -> bool:
    """Edit one participation until the form is closed; True when something was saved."""
    dialog = ParticipationForm(context, participation_id, parent)
    try:
        dialog.exec()
        return dialog.saved_id is not None
    finally:
        dialog.deleteLater()
