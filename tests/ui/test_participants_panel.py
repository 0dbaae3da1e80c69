"""The participants panel: bulk status and role, removal, capacity, e-mail addresses, editing."""

from __future__ import annotations

import pytest
from meeting_people import PEOPLE, populate
from modals import answer_modal
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.codes import ParticipationStatus, Role
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.email_addresses import email_list
from lkoe_desktop.services import audit, meetings, participations
from lkoe_desktop.services.contacts import create_contact, get_contact, update_contact
from lkoe_desktop.services.partners import create_partner
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.meeting_form import MeetingForm
from lkoe_desktop.ui.dialogs.participants_dialog import ParticipantsDialog
from lkoe_desktop.ui.dialogs.participants_panel import ParticipantsPanel
from lkoe_desktop.ui.dialogs.participation_form import ParticipationForm
from lkoe_desktop.ui.tabs.meetings_tab import MeetingsTab

Status = ParticipationStatus


@pytest.fixture
def panel(qtbot: QtBot, context: AppContext) -> ParticipantsPanel:
    view = ParticipantsPanel(context, populate(context.database, PEOPLE))
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitUntil(lambda: view.model.exact and view.model.rowCount() == len(PEOPLE))
    return view


def _select(panel: ParticipantsPanel, *last_names: str) -> list[int]:
    model = panel.model
    selection = panel.table.selectionModel()
    selection.clearSelection()
    chosen = []
    for row in range(model.rowCount()):
        if model.row_at(row).last_name in last_names:
            selection.select(
                model.index(row, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows
            )
            selection.setCurrentIndex(model.index(row, 0), selection.SelectionFlag.NoUpdate)
            chosen.append(model.id_at(row))
    assert len(chosen) == len(last_names)
    return chosen


def _statuses(database: Database, meeting_id: int) -> dict[str, str]:
    with database.reading() as session:
        rows = participations.list_participants(session, meeting_id)
    return {row.last_name: row.status for row in rows}


def test_bulk_status_change_for_a_selection(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext
) -> None:
    _select(panel, "Karlsson", "Lind", "Månsson")
    panel.status_actions[Status.REGISTERED].trigger()
    statuses = _statuses(context.database, panel.meeting_id)
    assert [statuses[name] for name in ("Karlsson", "Lind", "Månsson")] == ["registered"] * 3
    assert statuses["Nilsson"] == "invited"
    qtbot.waitUntil(lambda: panel.counts[Status.INVITED].text() == "1")
    assert panel.counts[Status.REGISTERED].text() == "15"
    assert "3" in panel.message.text()
    assert sorted(panel.selected_ids()) == sorted(_select(panel, "Karlsson", "Lind", "Månsson"))


def test_bulk_role_change(panel: ParticipantsPanel, context: AppContext) -> None:
    chosen = _select(panel, "Andersson", "Berg")
    panel.role_actions[Role.SPEAKER].trigger()
    with context.database.reading() as session:
        rows = participations.list_participants(session, ids=chosen)
    assert {row.role for row in rows} == {"speaker"}


def test_registering_beyond_capacity_asks_first_and_shows_the_number_over(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext, prompts: RecordingPrompts
) -> None:
    with context.database.unit_of_work() as session:
        meetings.update_meeting(session, panel.meeting_id, {"capacity": "14"})
    context.bus.announce()
    qtbot.waitUntil(lambda: "14" in panel.capacity.text())
    # 12 registered + 1 attended take 13 of 14 places; registering 3 invited makes 2 over.
    _select(panel, "Karlsson", "Lind", "Månsson")
    prompts.answer = False
    panel.status_actions[Status.REGISTERED].trigger()
    assert prompts.asked[-1] == _(
        "The meeting has {capacity} places. Registering {count} more makes {over} more than "
        "there are places. Register anyway?"
    ).format(capacity=14, count=3, over=2)
    assert _statuses(context.database, panel.meeting_id)["Karlsson"] == "invited"
    prompts.answer = True
    panel.status_actions[Status.REGISTERED].trigger()
    assert _statuses(context.database, panel.meeting_id)["Karlsson"] == "registered"


def test_within_capacity_nothing_is_asked(
    panel: ParticipantsPanel, context: AppContext, prompts: RecordingPrompts
) -> None:
    _select(panel, "Karlsson")
    panel.status_actions[Status.REGISTERED].trigger()
    assert prompts.asked == []
    assert _statuses(context.database, panel.meeting_id)["Karlsson"] == "registered"


def test_remove_asks_then_takes_people_off_the_list(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext, prompts: RecordingPrompts
) -> None:
    chosen = _select(panel, "Olsson", "Persson")
    prompts.answer = False
    panel.remove_button.click()
    assert len(_statuses(context.database, panel.meeting_id)) == len(PEOPLE)
    prompts.answer = True
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    statuses = _statuses(context.database, panel.meeting_id)
    assert len(statuses) == len(PEOPLE) - 2
    assert "Olsson" not in statuses
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(PEOPLE) - 2)
    with context.database.reading() as session:
        assert audit.history(session, participations.ENTITY, chosen[0])[-1].action == "delete"


def test_copy_addresses_of_a_selection_or_a_status(
    panel: ParticipantsPanel, context: AppContext
) -> None:
    with context.database.unit_of_work() as session:
        rows = participations.list_participants(session, panel.meeting_id)
        ids = {row.last_name: row.contact_id for row in rows}
        update_contact(session, ids["Karlsson"], {"email": "nils.karlsson@example.se"})
        update_contact(session, ids["Lind"], {"email": "Ingrid.Lind@example.se"})
    context.bus.announce()
    clipboard = QGuiApplication.clipboard()
    panel.copy_by_status[Status.INVITED].trigger()
    assert clipboard.text() == "nils.karlsson@example.se; ingrid.lind@example.se"
    assert "Månsson" in panel.message.text() and "Nilsson" in panel.message.text()
    _select(panel, "Karlsson")
    panel.copy_selected.trigger()
    assert clipboard.text() == "nils.karlsson@example.se"


def test_copying_everyone_shown_follows_the_filter(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext
) -> None:
    with context.database.unit_of_work() as session:
        for row in participations.list_participants(session, panel.meeting_id):
            update_contact(session, row.contact_id, {"email": f"{row.id}@example.se"})
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("cancelled"))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    panel.table.selectionModel().clearSelection()
    panel.copy_button.click()
    assert len(QGuiApplication.clipboard().text().split("; ")) == 2


def test_email_list_is_for_outlook() -> None:
    assert email_list(["a@x.se", None, "B@x.se", "A@X.SE", ""]) == "a@x.se; B@x.se"


def test_represented_organisation_is_changed_for_this_meeting_only(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext
) -> None:
    with context.database.unit_of_work() as session:
        other = create_partner(session, {"name": "Östgöta Åkeri AB"}).id
    context.bus.announce()
    participation_id = _select(panel, "Wójcik")[0]
    form = ParticipationForm(context, participation_id, panel)
    qtbot.addWidget(form)
    form.show()
    assert form.picker.line.text() == "Hamnbolaget AB"
    form.picker.line.clear()
    type_text(form.picker.line, "Östgöta Åkeri AB")
    form.widgets["dietary_needs"].set_value("Vegetarisk")
    assert form.save()
    with context.database.reading() as session:
        row = participations.get_participant(session, participation_id)
        person = get_contact(session, row.contact_id)
    assert (row.organisation_id, row.organisation) == (other, "Östgöta Åkeri AB")
    assert row.dietary_needs == "Vegetarisk"
    assert person.current is not None
    assert person.current.organisation_id != other  # the person's own job is unchanged
    qtbot.waitUntil(
        lambda: any(
            panel.model.row_at(r).organisation == "Östgöta Åkeri AB"
            for r in range(panel.model.rowCount())
        )
    )


def test_participation_form_refuses_an_unknown_organisation_and_keeps_a_colleagues_note(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts
) -> None:
    meeting = populate(context.database, PEOPLE[:2])
    with context.database.reading() as session:
        participation_id = participations.list_participants(session, meeting)[0].id
    form = ParticipationForm(context, participation_id)
    qtbot.addWidget(form)
    form.show()
    form.picker.line.setText("Finns inte AB")
    assert not form.save()
    assert form.widgets["organisation_id"].error.isVisibleTo(form)
    form.picker.line.clear()
    with context.database.unit_of_work() as session:
        participations.update_participation(session, participation_id, {"note": "Kommer sent"})
    type_text(form.widgets["dietary_needs"].editor, "Vegetarisk")
    assert form.save()
    assert prompts.asked == []  # their note and my dietary needs: nothing to decide
    with context.database.reading() as session:
        saved = participations.get_participant(session, participation_id)
    assert (saved.note, saved.dietary_needs) == ("Kommer sent", "Vegetarisk")


def test_the_meetings_tab_opens_the_participants_window(qtbot: QtBot, context: AppContext) -> None:
    meeting = populate(context.database, PEOPLE)
    tab = MeetingsTab(context)
    qtbot.addWidget(tab)
    tab.show()
    tab.ensure_loaded()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    assert tab.participants.isEnabled()
    seen: list[tuple[int, str]] = []

    def look(dialog: ParticipantsDialog) -> None:
        seen.append((dialog.meeting_id, dialog.heading.text()))
        qtbot.waitUntil(lambda: dialog.panel.model.rowCount() == len(PEOPLE))
        dialog.reject()

    with answer_modal(qtbot, ParticipantsDialog, look):
        tab.participants.click()
    assert len(seen) == 1 and seen[0][0] == meeting
    assert "Frukostseminarium" in seen[0][1]


def test_a_person_added_elsewhere_appears_at_once(
    qtbot: QtBot, panel: ParticipantsPanel, context: AppContext
) -> None:
    with context.database.unit_of_work() as session:
        person = create_contact(session, {"first_name": "Иван", "last_name": "Петров"}).id
        participations.invite(session, panel.meeting_id, [person])
    context.bus.announce()
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(PEOPLE) + 1)
    assert panel.counts[Status.INVITED].text() == "5"


def test_changing_participants_in_the_meeting_form_does_not_block_saving_it(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts
) -> None:
    meeting = populate(context.database, PEOPLE)
    form = MeetingForm(context, meeting)
    qtbot.addWidget(form)
    form.show()
    panel = form.participants
    assert panel is not None
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(PEOPLE))
    _select(panel, "Karlsson")
    panel.status_actions[Status.REGISTERED].trigger()
    assert form.pages.tabText(1) == f"{_('Participants')} ({len(PEOPLE)})"
    form.widgets["title"].set_value("Frukostseminarium om hamnen")
    assert form.save()
    assert prompts.errors == []
    with context.database.reading() as session:
        assert meetings.get_meeting(session, meeting).title == "Frukostseminarium om hamnen"
