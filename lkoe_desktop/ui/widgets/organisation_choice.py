"""Choosing one organisation by its name among the partners, or none (the office settings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from lkoe_desktop.domain.errors import NotFoundError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import partners

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SHOWN_CHARACTERS = 20


class OrganisationChoice(QComboBox):
    """The partners that are not archived (and the one chosen, archived or not) by name and
    organisation number, found by any part of the name as it is typed; first "None" (id 0)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(SHOWN_CHARACTERS)
        completer = self.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def fill(self, session: Session, chosen: int) -> None:
        """Offer the partners, with `chosen` (0: none) shown as the choice."""
        rows = [(row.id, row.name, row.org_number) for row in partners.list_partners(session)]
        if chosen and chosen not in {row[0] for row in rows}:  # archived, yet still chosen
            try:
                partner = partners.get_partner(session, chosen)
            except NotFoundError:  # deleted since: no organisation is chosen now
                partner = None
            if partner is not None:
                rows.insert(0, (partner.id, partner.name, partner.org_number))
        self.clear()
        self.addItem(_("None"), 0)
        for partner_id, name, number in rows:
            self.addItem(f"{name} ({number})" if number else name, partner_id)
        self.setCurrentIndex(max(self.findData(chosen), 0))

    def retranslate(self) -> None:
        if self.count():
            self.setItemText(0, _("None"))

    def chosen_id(self) -> int | None:
        """The organisation whose name is in the field (0: none; None: a name not offered)."""
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        return None if index < 0 else int(self.itemData(index))
