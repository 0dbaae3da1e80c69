"""The partner form: an organisation, its addresses and relationship, its people (their e-mail
addresses copied for Outlook) and meetings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QWidget

from lkoe_desktop.domain import entities
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.validation import format_phone
from lkoe_desktop.services import duplicates, partners, relations
from lkoe_desktop.ui.dialogs.contact_form import open_contact_form
from lkoe_desktop.ui.dialogs.record_form import (
    CONTACT,
    MEETING,
    PARTNER,
    Listing,
    RecordForm,
    counted,
    day,
    moment,
    run_form,
)
from lkoe_desktop.ui.forms.fields import form_fields
from lkoe_desktop.ui.widgets.address_copy import copy_contact_addresses
from lkoe_desktop.ui.widgets.form_fields import ID_ROLE, PeriodForm, attach_calendar, narrow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.context import AppContext


def name(person: relations.PersonAt) -> str:
    return f"{person.first_name} {person.last_name}"


def person_texts(person: relations.PersonAt) -> list[str]:
    """A current employee's row: name, job title, e-mail, phone, since when."""
    return [
        name(person),
        person.title or "",
        person.email or "",
        format_phone(person.phone),
        day(person.start_date),
    ]


class PartnerForm(RecordForm, PeriodForm):
    """Create or edit a partner; a saved partner also shows its people and meeting history."""

    fields = form_fields(entities.PARTNER)
    rules = entities.PARTNER.rules()
    record_noun = N_("the partner")
    period = ("relationship_since", "relationship_until")
    period_message = N_("The end date must not be before the start date.")

    archived_text = N_("This partner is archived.")

    def build(self) -> None:
        super().build()
        for key in (*self.period, "org_number", "postal_code", "visiting_code"):
            narrow(self.widgets[key].editor, 14)
        for key in self.period:
            attach_calendar(self.widgets[key])
        self.lay_out_described(
            entities.PARTNER, {"themes": (self.themes,), "notes": (self.widgets["notes"],)}
        )
        now = (N_("Name"), N_("Job title"), N_("E-mail"), N_("Phone"), N_("Since"))
        self.people = self.listing(CONTACT, now, 2)
        self.former = self.listing(
            CONTACT, (N_("Name"), N_("Job title"), N_("From"), N_("Until")), 1
        )
        self.meetings = self.listing(MEETING, (N_("Starts"), N_("Meeting"), N_("People")), 1)
        self.people_heading, self.former_heading = QLabel(self), QLabel(self)
        for heading in (self.people_heading, self.former_heading):
            heading.setStyleSheet("font-weight: bold;")
        for listing in (self.people, self.former):
            listing.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            listing.customContextMenuRequested.connect(
                lambda point, shown=listing: self._show_menu(shown, point)
            )
        self.copied = QLabel(self)
        self.copied.setObjectName("copied")
        self.copied.setWordWrap(True)
        self.copy_button = QPushButton(_("Copy e-mail addresses"), self)
        self.copy_button.setObjectName("copy_addresses")
        self.copy_button.setToolTip(
            _("The selected people's addresses, or everyone working here now, for Outlook")
        )
        self.copy_button.clicked.connect(lambda: self.copy_addresses())
        new_person = QPushButton(_("New contact at this partner…"), self)
        new_person.clicked.connect(self.new_person)
        buttons = QWidget(self)
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.copy_button)
        row.addWidget(new_person)
        if self.record_id is not None:
            contact_sheet = QPushButton(_("Print the contact sheet…"), self)
            contact_sheet.setObjectName("contact_sheet")
            contact_sheet.clicked.connect(self.print_contact_sheet)
            row.addWidget(contact_sheet)
        entries: list[QWidget | tuple[QWidget, int]] = [
            self.people_heading,
            (self.people, 3),
            self.former_heading,
            (self.former, 1),
            self.copied,
            buttons,
        ]
        self.people_page = self.add_page(*entries)
        self.meetings_page = self.add_page(self.meetings)
        self.watch("name", "org_number")

    def title(self) -> str:
        if self.record_id is None:
            return _("New partner")
        return _("Partner: {name}").format(name=self.record.name if self.record else "")

    def similar(self, session: Session) -> list[duplicates.SimilarRecord]:
        return duplicates.similar_partners(
            session,
            name=str(self.widgets["name"].value()),
            org_number=str(self.widgets["org_number"].value()),
            exclude_id=self.record_id,
        )

    def fetch(self, session: Session, record_id: int) -> Any:
        return partners.get_partner(session, record_id)

    def fill_related(self, session: Session, record: Any) -> None:
        people = relations.people_at(session, record.id)
        current = [p for p in people if p.is_current]
        former = [p for p in people if not p.is_current]
        self.people.fill([(p.contact_id, person_texts(p)) for p in current])
        self.former.fill(
            [
                (p.contact_id, [name(p), p.title or "", day(p.start_date), day(p.end_date)])
                for p in former
            ]
        )
        self.people_heading.setText(_("Works here now ({count})").format(count=len(current)))
        self.former_heading.setText(_("Has worked here ({count})").format(count=len(former)))
        visits = relations.meetings_of_partner(session, record.id)
        self.meetings.fill(
            [(v.meeting_id, [moment(v.starts_at), v.title, str(v.people)]) for v in visits]
        )
        self.pages.setTabText(self.people_page, counted(_("People"), len(people)))
        self.pages.setTabText(self.meetings_page, counted(_("Meeting history"), len(visits)))

    def persist(self, session: Session, values: dict[str, object]) -> Any:
        if self.record_id is None:
            return partners.create_partner(session, values)
        return partners.update_partner(
            session, self.record_id, values, expected_version=self.version
        )

    def print_contact_sheet(self) -> None:
        """The partner's kontaktblad, as saved (its people and details)."""
        from lkoe_desktop.ui.reports import contact_sheets

        if self.record_id is not None:
            contact_sheets(self.context, self.record_id, self)

    def row_menu(self, listing: Listing) -> QMenu | None:
        """The right-click menu of the people selected in one of the lists (None: none)."""
        if not listing.selectedItems():
            return None
        menu = QMenu(self)
        menu.addAction(_("Copy e-mail addresses"), lambda: self.copy_addresses(listing))
        return menu

    def _show_menu(self, listing: Listing, point: QPoint) -> None:
        menu = self.row_menu(listing)
        if menu is not None:
            menu.exec(listing.viewport().mapToGlobal(point))
            menu.deleteLater()

    def copy_addresses(self, listing: Listing | None = None) -> None:
        """The addresses of the people selected in `listing` (the button: those selected among
        the people working here now, or all of them when none is); the line above the
        buttons says how many were copied and who has none."""
        shown = listing or self.people
        items = sorted(shown.selectedItems(), key=shown.indexOfTopLevelItem)
        if listing is None and not items:
            listed = (shown.topLevelItem(row) for row in range(shown.topLevelItemCount()))
            items = [item for item in listed if item is not None]
        ids = [int(item.data(0, ID_ROLE)) for item in items]
        self.copied.setText(copy_contact_addresses(self.context, ids))

    def new_person(self) -> None:
        open_contact_form(self.context, None, self, organisation_id=self.record_id)
        self.refresh_related()


def open_partner_form(
    context: AppContext, record_id: int | None, parent: QWidget | None = None
) -> int | None:
    """Open a partner's form (None: a new partner); returns the saved id, or None."""
    return run_form(PartnerForm(context, record_id, parent), PARTNER)
