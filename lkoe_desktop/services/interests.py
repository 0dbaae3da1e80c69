"""The themes a partner, contact or meeting is linked to: looked up first, then replaced."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Theme
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services.common import ids_exist


def named_themes(session: Session, values: Mapping[str, object]) -> list[Theme] | None:
    """The themes `values` names under "theme_ids" (None when it names none), looked up before
    anything changes, so an unknown theme leaves nothing half-written."""
    if "theme_ids" not in values:
        return None
    return ids_exist(session, Theme, values["theme_ids"] or (), _("Theme"))  # type: ignore[arg-type]


def replace_themes(record: Any, themes: list[Theme] | None) -> dict[str, list[object]]:
    """Link `record` to exactly these themes; returns the change for the change log."""
    if themes is None:
        return {}
    wanted = sorted(theme.id for theme in themes)
    before = sorted(theme.id for theme in record.themes)
    if wanted == before:
        return {}
    record.themes = themes
    return {"theme_ids": [before, wanted]}
