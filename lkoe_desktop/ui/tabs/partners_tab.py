"""The Partner tab: organisations, filtered by sector, size, relationship, municipality, theme."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QMenu, QWidget
from sqlalchemy.orm import Session

from lkoe_desktop.domain import municipalities
from lkoe_desktop.domain.codes import Relationship, Sector, SizeClass
from lkoe_desktop.domain.codes import label as code_label
from lkoe_desktop.domain.entities import PARTNER
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.domain.validation import format_phone
from lkoe_desktop.services import partners, relations
from lkoe_desktop.ui import changes
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.export_lists import partner_people
from lkoe_desktop.ui.models.sources import partner_source
from lkoe_desktop.ui.tabs import details
from lkoe_desktop.ui.tabs.filters import CodeCombo, FilterCombo
from lkoe_desktop.ui.tabs.list_tab import ListTab


class PartnersTab(ListTab):
    kind = changes.PARTNERS
    entity = PARTNER.name
    export_kind = "partners"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, partner_source(), parent)
        self.retranslate()

    def build_filters(self, layout: QHBoxLayout) -> None:
        self.sector = CodeCombo(Sector, lambda: _("All sectors"), self.apply_filter, self)
        self.size_class = CodeCombo(SizeClass, lambda: _("All sizes"), self.apply_filter, self)
        self.relationship = CodeCombo(
            Relationship, lambda: _("All relationships"), self.apply_filter, self
        )
        self.municipality = FilterCombo(lambda: _("All municipalities"), self.apply_filter, self)
        self.municipality.set_items(
            [pair for pair in municipalities.choices() if municipalities.in_county(pair[0])]
        )
        self.theme = FilterCombo(lambda: _("All themes"), self.apply_filter, self)
        for combo in (
            self.sector,
            self.size_class,
            self.relationship,
            self.municipality,
            self.theme,
        ):
            layout.addWidget(combo)

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.load_themes()
        super().ensure_loaded()

    def load_themes(self) -> None:
        with self.context.database.reading() as session:
            names = relations.theme_names(session)
        self.theme.set_items([(theme.id, theme.name) for theme in names])

    def make_filter(self) -> Any:
        return partners.PartnerFilter(
            search=self.search.text() or None,
            include_archived=self.archived.isChecked(),
            sector=self.sector.value(),  # type: ignore[arg-type]
            size_class=self.size_class.value(),  # type: ignore[arg-type]
            relationship=self.relationship.value(),  # type: ignore[arg-type]
            municipality=self.municipality.value(),  # type: ignore[arg-type]
            theme_id=self.theme.value(),  # type: ignore[arg-type]
        )

    def retranslate(self) -> None:
        super().retranslate()
        for combo in (
            self.sector,
            self.size_class,
            self.relationship,
            self.municipality,
            self.theme,
        ):
            combo.retranslate()

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if changes.THEMES in kinds and self._loaded:
            self.load_themes()
        super()._on_changed(kinds)

    def count_text(self, count: int) -> str:
        return ngettext("{count} partner", "{count} partners", count).format(
            count=format_number(count)
        )

    def details_html(self, record_id: int) -> str:
        with self.context.database.reading() as session:
            partner = partners.get_partner(session, record_id)
            people = relations.people_at(session, record_id)
            visits = relations.meetings_of_partner(session, record_id)
            themes = {t.id: t.name for t in relations.theme_names(session, include_archived=True)}
        postal = ", ".join(
            part
            for part in (
                partner.postal_street,
                " ".join(p for p in (partner.postal_code, partner.postal_city) if p),
            )
            if part
        )
        relationship = (
            code_label(Relationship(partner.relationship)) if partner.relationship else ""
        )
        if relationship and partner.relationship_since:
            relationship += " " + _("since {date}").format(date=partner.relationship_since)
        current = [p for p in people if p.is_current]
        former = [p for p in people if not p.is_current]
        subtitle = _("Archived") if partner.archived else ""
        # Outside the f-strings below, where the message extractor sees them:
        people_link = details.link("people", partner.id, _("List them in Contacts"))
        until = _("until")
        return "".join(
            [
                details.heading(partner.name, subtitle),
                details.rows(
                    [
                        (_("Org. number"), partner.org_number),
                        (
                            _("Sector"),
                            code_label(Sector(partner.sector)) if partner.sector else None,
                        ),
                        (_("Size"), code_label(SizeClass(partner.size_class))),
                        (_("Industry"), partner.industry),
                        (_("Municipality"), partner.municipality),
                        (_("Relationship"), relationship),
                        (_("Postal address"), postal),
                        (_("Phone"), format_phone(partner.phone)),
                        (_("E-mail"), partner.email),
                        (_("Website"), partner.website),
                        (_("Themes"), ", ".join(themes.get(t, "") for t in partner.theme_ids)),
                    ]
                ),
                details.paragraph(partner.notes),
                details.section(
                    _("People"),
                    [
                        details.link("contact", p.contact_id, f"{p.first_name} {p.last_name}")
                        + (f" – {details.escape(p.title)}" if p.title else "")
                        for p in current
                    ],
                    _("No current contacts."),
                ),
                f"<p>{people_link}</p>" if current else "",
                details.section(
                    _("Former people"),
                    [
                        details.link("contact", p.contact_id, f"{p.first_name} {p.last_name}")
                        + (f" ({until} {p.end_date})" if p.end_date else "")
                        for p in former
                    ],
                ),
                details.section(
                    _("Meeting history"),
                    [
                        f"{v.starts_at:%Y-%m-%d} "
                        + details.link("meeting", v.meeting_id, v.title)
                        + f" ({v.people})"
                        for v in visits[:30]
                    ],
                    _("No meetings yet."),
                ),
            ]
        )

    def add_export_actions(self, menu: QMenu) -> None:
        """Besides the selected partners: the chosen partner's people (its contact sheet)."""
        super().add_export_actions(menu)
        partner_id = self.current_id()
        if partner_id is not None and len(self.selected_ids()) == 1:
            menu.addAction(
                _("Export the partner's people…"),
                lambda: self.export(partner_people(self.context, partner_id)),
            )

    def open_form(self, record_id: int | None) -> None:
        from lkoe_desktop.ui.dialogs.partner_form import open_partner_form

        saved = open_partner_form(self.context, record_id, self)
        if saved is not None:
            self.select_id(saved)

    def archive_one(self, session: Session, record_id: int, archived: bool) -> None:
        partners.set_partner_archived(session, record_id, archived)

    def archived_text(self, count: int, archived: bool) -> str:
        if archived:
            return ngettext(
                "{count} partner archived.", "{count} partners archived.", count
            ).format(count=count)
        return ngettext(
            "{count} partner restored from the archive.",
            "{count} partners restored from the archive.",
            count,
        ).format(count=count)
