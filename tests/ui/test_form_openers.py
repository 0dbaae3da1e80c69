"""The form registry: building the window's tabs registers a form for every kind of record that
a form links to, and a kind without one is refused."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.forms import openers
from lkoe_desktop.ui.start_up import build_tabs


def test_building_the_tabs_registers_the_partner_contact_meeting_and_participation_forms(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(openers, "_OPENERS", {})
    for tab in build_tabs(context):
        qtbot.addWidget(tab)
    assert openers.registered() == {
        openers.PARTNER, openers.CONTACT, openers.MEETING, openers.PARTICIPATION,
    }  # fmt: skip


def test_a_kind_without_a_form_is_refused(context: AppContext) -> None:
    with pytest.raises(LookupError, match="'group'"):
        openers.open_record(context, "group", 1)
