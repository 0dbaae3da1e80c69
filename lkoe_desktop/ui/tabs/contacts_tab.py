"""The Kontakter tab: people, filtered by organisation, theme and group; their e-mail addresses
copied for Outlook."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget
from sqlalchemy.orm import Session

from lkoe_desktop.domain.codes import Gender, Language, ParticipationStatus
from lkoe_desktop.domain.codes import label as code_label
from lkoe_desktop.domain.entities import CONTACT, PARTNER
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.domain.validation import format_phone
from lkoe_desktop.services import contacts, duplicates, partners, relations
from lkoe_desktop.ui import changes
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.models.sources import contact_source
from lkoe_desktop.ui.tabs import details
from lkoe_desktop.ui.tabs.filters import FilterCombo, OrganisationFilter
from lkoe_desktop.ui.tabs.list_tab import ListTab
from lkoe_desktop.ui.widgets.address_copy import copy_contact_addresses


class ContactsTab(ListTab):
    kind = changes.CONTACTS
    entity = CONTACT.name
    export_kind = "contacts"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        self._organisation: tuple[int, str] | None = None
        super().__init__(context, contact_source(), parent)
        self.retranslate()

    def build_filters(self, layout: QHBoxLayout) -> None:
        self.organisation = QToolButton(self)
        self.organisation.setAutoRaise(False)
        self.organisation.clicked.connect(self.clear_organisation)
        self.organisation.hide()
        self.pick_organisation = OrganisationFilter(self._organisation_names, self)
        self.pick_organisation.chosen.connect(self.filter_by_organisation)
        self.theme = FilterCombo(lambda: _("All themes"), self.apply_filter, self)
        self.group = FilterCombo(lambda: _("All groups"), self.apply_filter, self)
        for widget in (self.pick_organisation, self.organisation, self.theme, self.group):
            layout.addWidget(widget)

    def _organisation_names(self) -> list[tuple[int, str]]:
        with self.context.database.reading() as session:
            return [(choice.id, choice.label) for choice in duplicates.partner_choices(session)]

    def filter_by_organisation(self, organisation_id: int, name: str) -> None:
        """Only the people currently at this organisation (a chip shows it, ✕ removes it)."""
        self._organisation = (organisation_id, name)
        self._show_organisation()
        self.apply_filter()

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.load_choices()
        super().ensure_loaded()

    def load_choices(self) -> None:
        with self.context.database.reading() as session:
            themes = relations.theme_names(session)
            groups = relations.group_names(session)
        self.theme.set_items([(theme.id, theme.name) for theme in themes])
        self.group.set_items([(group.id, group.name) for group in groups])

    def show_people_of(self, organisation_id: int) -> None:
        with self.context.database.reading() as session:
            name = partners.get_partner(session, organisation_id).name
        self._organisation = (organisation_id, name)
        for combo in (self.theme, self.group):  # every one of its people, whatever was chosen
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.clear()
        self._show_organisation()
        self.apply_filter()

    def clear_organisation(self) -> None:
        self._organisation = None
        self._show_organisation()
        self.apply_filter()

    def _show_organisation(self) -> None:
        if self._organisation is None:
            self.organisation.hide()
            return
        self.organisation.setText(_("Organisation: {name}  ✕").format(name=self._organisation[1]))
        self.organisation.setToolTip(_("Show people of every organisation"))
        self.organisation.show()

    def make_filter(self) -> Any:
        return contacts.ContactFilter(
            search=self.search.text() or None,
            include_archived=self.archived.isChecked(),
            organisation_id=self._organisation[0] if self._organisation else None,
            theme_id=self.theme.value(),  # type: ignore[arg-type]
            group_id=self.group.value(),  # type: ignore[arg-type]
        )

    def retranslate(self) -> None:
        super().retranslate()
        self.theme.retranslate()
        self.group.retranslate()
        self.pick_organisation.retranslate()
        self._show_organisation()

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {changes.THEMES, changes.GROUPS, changes.MEMBERSHIPS} and self._loaded:
            self.load_choices()
        if kinds & {changes.PARTNERS, changes.AFFILIATIONS}:
            self.pick_organisation.forget()
            kinds = kinds | {self.kind}  # the organisation column shows partner names
        super()._on_changed(kinds)

    def count_text(self, count: int) -> str:
        return ngettext("{count} contact", "{count} contacts", count).format(
            count=format_number(count)
        )

    def details_html(self, record_id: int) -> str:
        with self.context.database.reading() as session:
            person = contacts.get_contact(session, record_id)
            groups = relations.groups_of_contact(session, record_id)
            visits = relations.meetings_of_contact(session, record_id)
            themes = {t.id: t.name for t in relations.theme_names(session, include_archived=True)}
        current = person.current
        now = _("now")  # outside the f-string, where the message extractor sees it
        jobs = [
            details.link(PARTNER.name, a.organisation_id, a.organisation)
            + (f", {details.escape(a.title)}" if a.title else "")
            + f" ({a.start_date or '…'} – {a.end_date or (now if a.is_current else '…')})"
            for a in reversed(person.affiliations)
        ]
        subtitle = current.title or "" if current else ""
        if person.archived:
            subtitle = _("Archived")
        return "".join(
            [
                details.heading(f"{person.first_name} {person.last_name}", subtitle),
                details.rows(
                    [
                        (
                            _("Organisation"),
                            details.link(
                                PARTNER.name, current.organisation_id, current.organisation
                            )
                            if current
                            else None,
                        ),
                        (_("E-mail"), details.escape(person.email or "")),
                        (_("Phone"), format_phone(person.phone)),
                        (_("Mobile"), format_phone(person.mobile)),
                        (_("Language"), code_label(Language(person.language))),
                        (_("Gender"), code_label(Gender(person.gender)) if person.gender else None),
                        (
                            _("Themes"),
                            details.escape(", ".join(themes.get(t, "") for t in person.theme_ids)),
                        ),
                    ],
                    raw=True,
                ),
                details.paragraph(person.notes),
                details.section(_("Employment"), jobs),
                details.section(
                    _("Groups"),
                    [
                        details.escape(g.group + (f" ({g.role})" if g.role else ""))
                        for g in groups
                        if g.until is None
                    ],
                ),
                details.section(
                    _("Meetings"),
                    [
                        f"{v.starts_at:%Y-%m-%d} "
                        + details.link("meeting", v.meeting_id, v.title)
                        + (
                            f" – {code_label(ParticipationStatus(v.status)).lower()}"
                            if v.status
                            else ""
                        )
                        for v in visits[:30]
                    ],
                    _("No meetings yet."),
                ),
            ]
        )

    def filter_texts(self) -> list[str]:
        chosen = self._organisation
        said = super().filter_texts()
        return said if chosen is None else [_("at {name}").format(name=chosen[1]), *said]

    def add_row_actions(self, menu: QMenu) -> None:
        menu.addAction(_("Copy e-mail addresses"), self.copy_addresses)

    def copy_addresses(self) -> None:
        """The selected people's addresses for Outlook; the status bar says how many were
        copied, who has none and how many archived people were left out."""
        ids = self.selected_ids()
        if ids:
            self.status_changed.emit(copy_contact_addresses(self.context, ids))

    def open_form(self, record_id: int | None) -> None:
        from lkoe_desktop.ui.dialogs.contact_form import open_contact_form

        saved = open_contact_form(self.context, record_id, self)
        if saved is not None:
            self.select_id(saved)

    def archive_one(self, session: Session, record_id: int, archived: bool) -> None:
        contacts.set_contact_archived(session, record_id, archived)

    def archived_text(self, count: int, archived: bool) -> str:
        if archived:
            return ngettext(
                "{count} contact archived.", "{count} contacts archived.", count
            ).format(count=count)
        return ngettext(
            "{count} contact restored from the archive.",
            "{count} contacts restored from the archive.",
            count,
        ).format(count=count)
