"""The contact form: first employer, change of employer, duplicates, consents and history."""

from __future__ import annotations

import pytest
from modals import answer_modal
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import audit
from lkoe_desktop.services.consents import consent_history
from lkoe_desktop.services.contacts import create_contact, get_contact
from lkoe_desktop.services.groups import add_member, create_group
from lkoe_desktop.services.meetings import create_meeting
from lkoe_desktop.services.participations import register
from lkoe_desktop.services.partners import create_partner
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.contact_dialogs import OrganisationPicker
from lkoe_desktop.ui.dialogs.contact_form import ContactForm, open_contact_form
from lkoe_desktop.ui.dialogs.meeting_form import MeetingForm
from lkoe_desktop.ui.start_up import register_record_forms


@pytest.fixture
def context(sqlite_db: Database) -> AppContext:
    return AppContext(sqlite_db, prompts=RecordingPrompts(answer=True))


@pytest.fixture
def partners(sqlite_db: Database) -> dict[str, int]:
    with sqlite_db.unit_of_work() as session:
        return {
            name: create_partner(session, {"name": name}).id
            for name in ("Norrköpings Hamn AB", "Region Östergötland", "Linköpings universitet")
        }


def make_form(qtbot: QtBot, context: AppContext, record_id: int | None = None) -> ContactForm:
    form = ContactForm(context, record_id)
    qtbot.addWidget(form)
    return form


def line(form: ContactForm, key: str) -> QLineEdit:
    editor = form.widgets[key].editor
    assert isinstance(editor, QLineEdit)
    return editor


def error_of(form: ContactForm, key: str) -> str | None:
    widget = form.widgets[key]
    return None if widget.error.isHidden() else widget.error.text()


def person(database: Database, **values: object) -> int:
    with database.unit_of_work() as session:
        return create_contact(session, values).id


def test_new_contact_with_organisation_and_title(
    qtbot: QtBot, context: AppContext, partners: dict[str, int]
) -> None:
    form = make_form(qtbot, context)
    type_text(line(form, "first_name"), "Åsa")
    type_text(line(form, "last_name"), "Öberg")
    type_text(line(form, "mobile"), "0701234567")
    type_text(line(form, "organisation_id"), "norrköpings hamn ab")
    type_text(line(form, "title"), "Hamnchef")
    assert form.save() is True
    with context.database.reading() as session:
        saved = get_contact(session, form.saved_id or 0)
        log = audit.history(session, "contact", saved.id)
    assert (saved.first_name, saved.last_name, saved.mobile, saved.language) == (
        "Åsa",
        "Öberg",
        "+46701234567",
        "sv",
    )
    assert saved.current is not None
    assert (saved.current.organisation_id, saved.current.title) == (
        partners["Norrköpings Hamn AB"],
        "Hamnchef",
    )
    assert log[0].changes["organisation_id"] == [None, partners["Norrköpings Hamn AB"]]


def test_an_organisation_must_be_chosen_from_the_list(
    qtbot: QtBot, context: AppContext, partners: dict[str, int]
) -> None:
    form = make_form(qtbot, context)
    type_text(line(form, "first_name"), "Eva")
    type_text(line(form, "last_name"), "Ek")
    type_text(line(form, "title"), "Logistikchef")
    assert form.save() is False  # a job title needs its organisation
    assert error_of(form, "organisation_id")
    type_text(line(form, "organisation_id"), "Finns inte AB")
    assert form.save() is False
    assert error_of(form, "organisation_id")
    picker = form.widgets["organisation_id"]
    assert isinstance(picker, OrganisationPicker)
    picker.completer.setCompletionPrefix("östergötland")
    assert picker.completer.currentCompletion() == "Region Östergötland"
    picker.completer.activated.emit("Region Östergötland")
    assert picker.value() == partners["Region Östergötland"]
    assert form.save() is True


def test_duplicate_warning_for_the_same_email(qtbot: QtBot, context: AppContext) -> None:
    existing = person(
        context.database, first_name="Łukasz", last_name="Wójcik", email="lukasz@hamn.se"
    )
    form = make_form(qtbot, context)
    assert form.warning.isHidden()
    type_text(line(form, "first_name"), "Łukasz")
    type_text(line(form, "last_name"), "Wójcik")
    type_text(line(form, "email"), "Lukasz@Hamn.se")
    qtbot.waitUntil(lambda: bool(form.warning.records), timeout=3000)
    assert [record.id for record in form.warning.records] == [existing]
    assert "Łukasz Wójcik, lukasz@hamn.se" in form.warning.text()
    with qtbot.waitSignal(form.rejected):
        form.warning.open_record.emit("contact", existing)
    prompts = context.prompts
    assert isinstance(prompts, RecordingPrompts) and len(prompts.asked) == 1
    assert form.redirect == ("contact", existing)


def test_duplicate_warning_for_a_similar_name_at_the_organisation(
    qtbot: QtBot, context: AppContext, partners: dict[str, int]
) -> None:
    existing = person(
        context.database,
        first_name="Anna",
        last_name="Eriksson",
        organisation_id=partners["Region Östergötland"],
    )
    form = make_form(qtbot, context)
    type_text(line(form, "first_name"), "Anna")
    type_text(line(form, "last_name"), "Ericsson")
    form.warning.refresh()
    assert form.warning.records == []  # no organisation yet: a name alone says too little
    type_text(line(form, "organisation_id"), "Region Östergötland")
    qtbot.waitUntil(lambda: bool(form.warning.records), timeout=3000)
    assert [record.id for record in form.warning.records] == [existing]


def test_record_consent_appears_in_the_history(qtbot: QtBot, context: AppContext) -> None:
    contact = person(context.database, first_name="Eva", last_name="Ek")
    form = make_form(qtbot, context, contact)
    assert form.consents.topLevelItemCount() == 0
    dialog = form.record_consent()
    dialog.accept()
    assert dialog.widgets["purpose"].error.text()  # a purpose is required
    type_text(dialog.widgets["purpose"].editor, "Nyhetsbrev")
    type_text(dialog.widgets["source"].editor, "Anmälan på webben")
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    assert form.consents.topLevelItemCount() == 1
    row = form.consents.topLevelItem(0)
    assert (row.text(0), row.text(1), row.text(2)) == ("2026-03-02", "Nyhetsbrev", "Samtycke")
    assert form.pages.tabText(form.related_pages[2]).endswith("(1)")
    withdrawn = form.record_consent()
    withdrawn.withdrawn.setChecked(True)
    type_text(withdrawn.widgets["purpose"].editor, "nyhetsbrev")
    withdrawn.accept()
    with context.database.reading() as session:
        history = consent_history(session, contact)
    assert [(row.purpose, row.granted, row.source) for row in history] == [
        ("Nyhetsbrev", True, "Anmälan på webben"),
        ("Nyhetsbrev", False, None),
    ]


def test_groups_and_meetings_pages(qtbot: QtBot, context: AppContext) -> None:
    contact = person(context.database, first_name="Eva", last_name="Ek")
    with context.database.unit_of_work() as session:
        group = create_group(session, {"name": "Styrgrupp"}).id
        add_member(session, group, contact, role="Ordförande", since="2026-01-01")
        meeting = create_meeting(
            session,
            {"title": "Styrgruppsmöte", "kind": "steering_group", "starts_at": "2026-02-03 10:00"},
        ).id
        register(session, meeting, contact)
    form = make_form(qtbot, context, contact)
    group_row = form.places.listing.topLevelItem(0)
    assert [group_row.text(column) for column in range(4)] == [
        "Styrgrupp",
        "Ordförande",
        "2026-01-01",
        "",
    ]
    meeting_row = form.meetings.topLevelItem(0)
    assert [meeting_row.text(column) for column in range(3)] == [
        "2026-02-03 10:00",
        "Styrgruppsmöte",
        "Anmäld",
    ]


def test_a_meeting_in_the_history_opens_its_form(qtbot: QtBot, context: AppContext) -> None:
    """Through the form registry, filled as the window fills it."""
    register_record_forms()
    contact = person(context.database, first_name="Eva", last_name="Ek")
    with context.database.unit_of_work() as session:
        meeting = create_meeting(
            session,
            {"title": "Styrgruppsmöte", "kind": "steering_group", "starts_at": "2026-02-03 10:00"},
        ).id
        register(session, meeting, contact)
    form = make_form(qtbot, context, contact)
    form.show()
    form.pages.setCurrentIndex(form.pages.indexOf(form.meetings.parentWidget()))
    form.meetings.setCurrentItem(form.meetings.topLevelItem(0))
    opened: list[tuple[int | None, object]] = []

    def look(meeting_form: MeetingForm) -> None:
        opened.append((meeting_form.record_id, meeting_form.widgets["title"].value()))
        meeting_form.reject()

    with answer_modal(qtbot, MeetingForm, look):
        QTest.keyClick(form.meetings, Qt.Key.Key_Return)
    assert opened == [(meeting, "Styrgruppsmöte")]


def test_new_contact_from_a_partner_starts_there(
    qtbot: QtBot, context: AppContext, partners: dict[str, int]
) -> None:
    def fill_and_save(form: ContactForm) -> None:
        assert line(form, "organisation_id").text() == "Linköpings universitet"
        line(form, "first_name").setText("Ny")
        line(form, "last_name").setText("Forskare")
        form.save()

    with answer_modal(qtbot, ContactForm, fill_and_save):
        saved = open_contact_form(context, None, organisation_id=partners["Linköpings universitet"])
    assert saved is not None
    with context.database.reading() as session:
        current = get_contact(session, saved).current
    assert current is not None and current.organisation_id == partners["Linköpings universitet"]


def test_the_form_has_the_fields_and_sections_of_the_contact_description(
    qtbot: QtBot, context: AppContext
) -> None:
    from PySide6.QtWidgets import QGroupBox

    from lkoe_desktop.domain.entities import CONTACT
    from lkoe_desktop.domain.fields import Kind

    form = ContactForm(context, None)
    qtbot.addWidget(form)
    described = [key for section in CONTACT.sections for key in section.fields]
    assert list(form.widgets) == [k for k in described if CONTACT.field(k).kind != Kind.REFERENCES]
    titles = [box.title() for box in form.findChildren(QGroupBox)]
    assert titles == [_(section.title) for section in CONTACT.sections]
    for key in form.widgets:
        assert form.labels[key].text().rstrip(" *") == CONTACT.field(key).title
