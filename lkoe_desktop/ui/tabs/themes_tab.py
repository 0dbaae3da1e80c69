"""The Teman tab: the cluster's themes with their meetings and interested partners and people."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from lkoe_desktop.domain.entities import PARTNER, THEME
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services import relations, themes
from lkoe_desktop.ui import changes
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.models.sources import theme_source
from lkoe_desktop.ui.tabs import details
from lkoe_desktop.ui.tabs.list_tab import ListTab

SHOWN_NAMES = 40


class ThemesTab(ListTab):
    kind = changes.THEMES
    entity = THEME.name

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, theme_source(), parent)
        self.retranslate()

    def make_filter(self) -> Any:
        return themes.ThemeFilter(
            search=self.search.text() or None, include_archived=self.archived.isChecked()
        )

    def count_text(self, count: int) -> str:
        return ngettext("{count} theme", "{count} themes", count).format(count=format_number(count))

    def details_html(self, record_id: int) -> str:
        with self.context.database.reading() as session:
            theme = themes.get_theme(session, record_id)
            meetings = relations.meetings_of_theme(session, record_id)
            partners = relations.partners_of_theme(session, record_id)
            people = relations.contacts_of_theme(session, record_id)
        swatch = (
            f'<span style="background:{theme.colour}">{"&nbsp;" * 4}</span> {theme.colour}'
            if theme.colour
            else ""
        )
        period = " – ".join(str(d) for d in (theme.active_from, theme.active_until) if d)
        return "".join(
            [
                details.heading(theme.name, _("Archived") if theme.archived else ""),
                details.rows(
                    [
                        (_("Colour"), swatch),
                        (
                            _("Responsible"),
                            details.link("contact", theme.responsible_id, theme.responsible or "")
                            if theme.responsible_id
                            else None,
                        ),
                        (_("Active"), period),
                    ],
                    raw=True,
                ),
                details.paragraph(theme.description),
                details.section(
                    _("Meetings"),
                    [
                        f"{m.starts_at:%Y-%m-%d} " + details.link("meeting", m.meeting_id, m.title)
                        for m in meetings[:SHOWN_NAMES]
                    ],
                    _("No meetings yet."),
                ),
                details.section(
                    _("Interested partners ({count})").format(count=len(partners)),
                    [details.link(PARTNER.name, p.id, p.name) for p in partners[:SHOWN_NAMES]],
                ),
                details.section(
                    _("Interested contacts ({count})").format(count=len(people)),
                    [details.link("contact", p.id, p.name) for p in people[:SHOWN_NAMES]],
                ),
            ]
        )

    def open_form(self, record_id: int | None) -> None:
        from lkoe_desktop.ui.dialogs.theme_form import open_theme_form

        saved = open_theme_form(self.context, record_id, self, on_open=self.link_activated.emit)
        if saved is not None:
            self.select_id(saved)

    def archive_one(self, session: Session, record_id: int, archived: bool) -> None:
        themes.set_theme_archived(session, record_id, archived)

    def archived_text(self, count: int, archived: bool) -> str:
        if archived:
            return ngettext("{count} theme archived.", "{count} themes archived.", count).format(
                count=count
            )
        return ngettext(
            "{count} theme restored from the archive.",
            "{count} themes restored from the archive.",
            count,
        ).format(count=count)
