"""The partner form: messages as you type, saving, duplicates, people and meetings."""

from __future__ import annotations

from datetime import date

from modals import answer_modal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain import municipalities, validation
from lkoe_desktop.services import audit
from lkoe_desktop.services.affiliations import change_job
from lkoe_desktop.services.contacts import create_contact
from lkoe_desktop.services.meetings import create_meeting
from lkoe_desktop.services.participations import register
from lkoe_desktop.services.partners import create_partner, get_partner
from lkoe_desktop.services.themes import create_theme
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.partner_form import PartnerForm, open_partner_form
from lkoe_desktop.ui.widgets.municipality_field import NAME_ROLE, MunicipalityField

NUMBER = "556036-0793"


def line(form: PartnerForm, key: str) -> QLineEdit:
    editor = form.widgets[key].editor
    assert isinstance(editor, QLineEdit)
    return editor


def error_of(form: PartnerForm, key: str) -> str | None:
    widget = form.widgets[key]
    return None if widget.error.isHidden() else widget.error.text()


def make_form(qtbot: QtBot, context: AppContext, record_id: int | None = None) -> PartnerForm:
    form = PartnerForm(context, record_id)
    qtbot.addWidget(form)
    return form


def context_for(database: Database, answer: bool = True) -> AppContext:
    return AppContext(database, prompts=RecordingPrompts(answer))


def test_invalid_org_number_is_shown_as_you_type_and_save_refuses(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    context = context_for(sqlite_db)
    form = make_form(qtbot, context)
    type_text(line(form, "name"), "Östgöta Åkeri AB")
    type_text(line(form, "org_number"), "556036-0794")
    try:
        validation.org_number("556036-0794")
    except validation.InvalidValue as expected:
        assert error_of(form, "org_number") == expected.message
    assert form.save() is False
    assert form.saved_id is None

    line(form, "org_number").clear()
    type_text(line(form, "org_number"), "5560360793")
    assert error_of(form, "org_number") is None
    type_text(line(form, "phone"), "013123456")
    assert form.save() is True
    assert form.result() == form.DialogCode.Accepted
    with sqlite_db.reading() as session:
        partner = get_partner(session, form.saved_id or 0)
        log = audit.history(session, "partner", partner.id)
    assert (partner.name, partner.org_number, partner.phone) == (
        "Östgöta Åkeri AB",
        NUMBER,
        "+4613123456",
    )
    assert [entry.action for entry in log] == [audit.CREATE]
    assert log[0].changes["name"] == [None, "Östgöta Åkeri AB"]


def test_required_name_and_period_messages(qtbot: QtBot, sqlite_db: Database) -> None:
    form = make_form(qtbot, context_for(sqlite_db))
    assert form.save() is False
    assert error_of(form, "name")
    type_text(line(form, "relationship_since"), "2026-03-01")
    type_text(line(form, "relationship_until"), "2026-02-01")
    assert error_of(form, "relationship_until")
    type_text(line(form, "postal_code"), "12")
    assert error_of(form, "postal_code")


def test_every_field_codes_municipalities_and_themes_are_saved(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    with sqlite_db.unit_of_work() as session:
        theme = create_theme(session, {"name": "Bygglogistik"}).id
        create_theme(session, {"name": "E-handel"})
    form = make_form(qtbot, context_for(sqlite_db))
    municipality = form.widgets["municipality"]
    assert isinstance(municipality, MunicipalityField)
    assert municipality.offer("") == 290
    offered = [municipality.suggestions.item(i).data(NAME_ROLE) for i in range(290)]
    assert offered == [name for _code, name in municipalities.choices()]
    assert offered[:2] == ["Boxholm", "Finspång"]
    sector = form.widgets["sector"].editor
    assert isinstance(sector, QComboBox)
    assert sector.itemText(sector.findData("public")) == "Offentlig sektor"
    typed = {
        "name": "Linköpings kommun",
        "industry": "Offentlig förvaltning",
        "municipality": "Linköping",
        "postal_street": "Box 1",
        "postal_code": "58181",
        "postal_city": "Linköping",
        "visiting_street": "Drottninggatan 45",
        "visiting_code": "582 25",
        "visiting_city": "Linköping",
        "email": "Kommun@Linkoping.se",
        "website": "www.linkoping.se",
        "relationship_since": "2025-01-01",
        "relationship_until": "2027-12-31",
    }
    for key, text in typed.items():
        type_text(line(form, key), text)
    for key, code in (("sector", "public"), ("size_class", "large"), ("relationship", "funder")):
        form.widgets[key].set_value(code)
    form.widgets["notes"].set_value("Finansiär av förstudien.")
    form.themes.set_ids([theme])
    assert form.save() is True
    with sqlite_db.reading() as session:
        partner = get_partner(session, form.saved_id or 0)
    assert partner.postal_code == "581 81"
    assert partner.visiting_street == "Drottninggatan 45"
    assert (partner.sector, partner.size_class, partner.relationship) == (
        "public",
        "large",
        "funder",
    )
    assert partner.email == "kommun@linkoping.se"
    assert partner.website == "https://www.linkoping.se"
    assert partner.relationship_until == date(2027, 12, 31)
    assert partner.notes == "Finansiär av förstudien."
    assert partner.theme_ids == (theme,)


def test_duplicate_warning_for_the_same_org_number(qtbot: QtBot, sqlite_db: Database) -> None:
    with sqlite_db.unit_of_work() as session:
        existing = create_partner(session, {"name": "Norrköpings Hamn AB", "org_number": NUMBER})
    context = context_for(sqlite_db, answer=True)
    form = make_form(qtbot, context)
    type_text(line(form, "name"), "Norrköpings hamn")
    type_text(line(form, "org_number"), NUMBER)
    qtbot.waitUntil(lambda: bool(form.warning.records), timeout=3000)
    assert not form.warning.isHidden()
    assert "Norrköpings Hamn AB" in form.warning.text()
    assert [record.id for record in form.warning.records] == [existing.id]
    with qtbot.waitSignal(form.rejected):
        form.warning.label.linkActivated.emit(f"lkoe://partner/{existing.id}")
    assert form.redirect == ("partner", existing.id)
    line(form, "name").clear()
    form.warning.refresh()
    assert form.warning.isHidden()


def test_people_and_meeting_history(qtbot: QtBot, sqlite_db: Database) -> None:
    with sqlite_db.unit_of_work() as session:
        port = create_partner(session, {"name": "Norrköpings Hamn AB"}).id
        other = create_partner(session, {"name": "Region Östergötland"}).id
        stays = create_contact(
            session,
            {
                "first_name": "Åsa",
                "last_name": "Öberg",
                "phone": "011-15 00 00",
                "organisation_id": port,
                "title": "Hamnchef",
            },
        ).id
        leaves = create_contact(
            session, {"first_name": "Per", "last_name": "Ek", "organisation_id": port}
        ).id
        change_job(session, leaves, other, start_date=date(2026, 2, 1))
        meeting = create_meeting(
            session, {"title": "Hamndagen", "kind": "seminar", "starts_at": "2026-02-10 09:00"}
        ).id
        register(session, meeting, stays)
    form = make_form(qtbot, context_for(sqlite_db), port)
    assert form.people.topLevelItemCount() == 1
    first = form.people.topLevelItem(0)
    assert [first.text(column) for column in range(4)] == [
        "Åsa Öberg",
        "Hamnchef",
        "",
        "011-15 00 00",
    ]
    assert form.former.topLevelItemCount() == 1
    assert form.former.topLevelItem(0).text(3) == "2026-01-31"
    assert form.meetings.topLevelItem(0).text(0) == "2026-02-10 09:00"
    assert form.pages.tabText(form.people_page).endswith("(2)")
    new = make_form(qtbot, context_for(sqlite_db))
    assert not new.pages.isTabVisible(new.people_page)  # nothing to list before it is saved


def test_open_partner_form_returns_the_saved_id(qtbot: QtBot, sqlite_db: Database) -> None:
    context = context_for(sqlite_db)

    def fill_and_save(form: PartnerForm) -> None:
        line(form, "name").setText("Ny partner AB")
        form.save()

    with answer_modal(qtbot, PartnerForm, fill_and_save):
        saved = open_partner_form(context, None)
    assert saved is not None
    with sqlite_db.reading() as session:
        assert get_partner(session, saved).name == "Ny partner AB"


def test_tab_goes_down_each_column(qtbot: QtBot, sqlite_db: Database) -> None:
    form = make_form(qtbot, context_for(sqlite_db))

    def next_stop(widget: QWidget) -> QWidget:
        """Where Tab moves the focus from `widget` (as Qt's focus chain does)."""
        following = widget.nextInFocusChain()
        while not (
            following.focusPolicy() & Qt.FocusPolicy.TabFocus and following.isVisibleTo(form)
        ):
            following = following.nextInFocusChain()
        return following

    editor = {key: widget.editor for key, widget in form.widgets.items()}
    assert next_stop(editor["website"]) is editor["relationship"]
    assert next_stop(editor["relationship_until"]) is editor["postal_street"]
    assert next_stop(editor["visiting_city"]) is form.themes
    assert next_stop(form.themes) is editor["notes"]


def test_cancel_asks_before_unsaved_changes_are_lost(qtbot: QtBot, sqlite_db: Database) -> None:
    with sqlite_db.unit_of_work() as session:
        partner_id = create_partner(session, {"name": "Östgöta Åkeri AB"}).id
    context = context_for(sqlite_db, answer=False)
    prompts = context.prompts
    assert isinstance(prompts, RecordingPrompts)
    form = make_form(qtbot, context, partner_id)
    form.show()
    form.reject()  # nothing changed: closes without a question
    assert prompts.asked == []
    assert not form.isVisible()

    form = make_form(qtbot, context, partner_id)
    form.show()
    type_text(line(form, "name"), " i Linköping")
    form.reject()  # "No, keep editing"
    assert len(prompts.asked) == 1
    assert form.isVisible()
    assert line(form, "name").text() == "Östgöta Åkeri AB i Linköping"
    prompts.answer = True
    form.reject()  # "Yes, discard"
    assert not form.isVisible()
    with sqlite_db.reading() as session:
        assert get_partner(session, partner_id).name == "Östgöta Åkeri AB"
