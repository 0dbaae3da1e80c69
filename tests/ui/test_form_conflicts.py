"""Two workstations edit one record: a save writes only what this clerk changed, a colleague's
change to another field stays, and where both changed a field the clerk chooses, field by field.

The colleague is a second `Database` on the same SQLite file or PostgreSQL database (its own
engine and connections); the clerk works through the form's widgets.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.codes import Sector, label
from lkoe_desktop.domain.errors import ConflictError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services import audit, contacts, meetings, partners, themes
from lkoe_desktop.services.deletion import delete_record
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.contact_form import ContactForm
from lkoe_desktop.ui.dialogs.meeting_form import MeetingForm
from lkoe_desktop.ui.dialogs.partner_form import PartnerForm
from lkoe_desktop.ui.dialogs.record_form import ID_ROLE
from lkoe_desktop.ui.dialogs.theme_form import ThemeForm
from lkoe_desktop.ui.forms import merge
from lkoe_desktop.ui.forms.form import FormDialog
from lkoe_desktop.ui.forms.merge import Choice, ConflictField
from lkoe_desktop.ui.widgets.form_fields import ContactPicker


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


@pytest.fixture
def context(db: Database, prompts: RecordingPrompts) -> AppContext:
    return AppContext(db, prompts=prompts)


def opened(qtbot: QtBot, form: FormDialog) -> Any:
    qtbot.addWidget(form)
    form.show()
    return form


def retype(form: FormDialog, key: str, text: str) -> None:
    """Select what the field holds and type over it, as the clerk does."""
    editor = form.widgets[key].editor
    assert isinstance(editor, QLineEdit | QPlainTextEdit)
    editor.setFocus()
    editor.selectAll()
    type_text(editor, text)


def shown(form: FormDialog, key: str) -> object:
    return form.widgets[key].value()


def tick(listing: QListWidget, theme_id: int, role: int = ID_ROLE) -> None:
    for row in range(listing.count()):
        if listing.item(row).data(role) == theme_id:
            listing.item(row).setCheckState(Qt.CheckState.Checked)


def changes_by(database: Database, entity: str, record_id: int, user: str) -> list[set[str]]:
    """The fields each save by `user` changed, as the change log has them."""
    with database.reading() as session:
        log = audit.history(session, entity, record_id)
    return [set(entry.changes) for entry in log if entry.user_name == user]


def a_contact(database: Database) -> int:
    with database.unit_of_work() as session:
        return contacts.create_contact(
            session,
            {
                "first_name": "Åsa",
                "last_name": "Öberg",
                "phone": "013-12 34 56",
                "mobile": "070-123 45 67",
                "email": "asa@hamnen.se",
                "notes": "Träffades på hamndagen.",
            },
        ).id


def contact(database: Database, contact_id: int) -> contacts.ContactRecord:
    with database.reading() as session:
        return contacts.get_contact(session, contact_id)


def colleague_saves_contact(colleague: Database, contact_id: int, **values: object) -> None:
    with colleague.unit_of_work() as session:
        contacts.update_contact(session, contact_id, values)


# --- contacts --------------------------------------------------------------------------------
def test_a_colleagues_new_phone_stays_when_i_save_my_note(
    qtbot: QtBot, context: AppContext, colleague_db: Database, prompts: RecordingPrompts
) -> None:
    person = a_contact(context.database)
    form = opened(qtbot, ContactForm(context, person))
    colleague_saves_contact(colleague_db, person, phone="013-99 88 77")
    retype(form, "notes", "Vill ha inbjudan till bygglogistikdagen.")
    assert form.save() is True
    assert prompts.asked == []  # nothing to decide: no question, no dialog
    saved = contact(context.database, person)
    assert (saved.phone, saved.notes) == ("+4613998877", "Vill ha inbjudan till bygglogistikdagen.")
    assert changes_by(context.database, "contact", person, "testare")[-1] == {"notes"}


def test_an_untouched_field_typed_differently_is_not_a_change(
    qtbot: QtBot, context: AppContext, colleague_db: Database, prompts: RecordingPrompts
) -> None:
    person = a_contact(context.database)
    form = opened(qtbot, ContactForm(context, person))
    colleague_saves_contact(colleague_db, person, phone="013-99 88 77")
    retype(form, "mobile", "0701234567")  # the same number as stored, written another way
    retype(form, "notes", "Ny anteckning")
    assert form.save() is True
    assert prompts.asked == []
    assert contact(context.database, person).phone == "+4613998877"
    assert changes_by(context.database, "contact", person, "testare")[-1] == {"notes"}


@pytest.mark.parametrize("choice", [Choice.THEIRS, Choice.MINE])
def test_both_changed_the_phone_the_dialog_shows_both_and_the_choice_is_saved(
    qtbot: QtBot,
    context: AppContext,
    colleague_db: Database,
    prompts: RecordingPrompts,
    choice: Choice,
) -> None:
    prompts.resolve = choice
    person = a_contact(context.database)
    form = opened(qtbot, ContactForm(context, person))
    colleague_saves_contact(colleague_db, person, phone="013-99 88 77")
    retype(form, "phone", "013-55 44 33")
    retype(form, "email", "asa.oberg@hamnen.se")
    assert form.save() is True
    assert prompts.conflicts == [
        [ConflictField("phone", _("Phone"), theirs="013-99 88 77", mine="013-55 44 33")]
    ]
    intro = ngettext(
        "Someone else saved {record} while you were editing it and also changed a field you "
        "changed. Which value is to be saved?",
        "Someone else saved {record} while you were editing it and also changed {count} fields "
        "you changed. Choose which value is to be saved in each.",
        1,
    )
    assert prompts.asked == [intro.format(record=_("the contact"), count=1)]
    saved = contact(context.database, person)
    assert saved.email == "asa.oberg@hamnen.se"
    mine = changes_by(context.database, "contact", person, "testare")[-1]
    if choice is Choice.THEIRS:
        assert (saved.phone, mine) == ("+4613998877", {"email"})
    else:
        assert (saved.phone, mine) == ("+4613554433", {"email", "phone"})


def test_cancel_saves_nothing_and_a_later_save_is_made_over_their_version(
    qtbot: QtBot, context: AppContext, colleague_db: Database, prompts: RecordingPrompts
) -> None:
    person = a_contact(context.database)
    form = opened(qtbot, ContactForm(context, person))
    colleague_saves_contact(colleague_db, person, phone="013-99 88 77", mobile="070-999 99 99")
    retype(form, "phone", "013-55 44 33")
    assert form.save() is False  # "Avbryt": back to the form
    assert form.isVisible()
    assert shown(form, "phone") == "013-55 44 33"  # mine, still there
    assert shown(form, "mobile") == "070-999 99 99"  # theirs, taken in
    saved = contact(context.database, person)
    assert (saved.phone, saved.mobile, saved.version) == ("+4613998877", "+46709999999", 2)
    assert len(prompts.conflicts) == 1
    assert form.save() is True  # the clerk has seen theirs: no second dialog
    assert len(prompts.conflicts) == 1
    saved = contact(context.database, person)
    assert (saved.phone, saved.mobile) == ("+4613554433", "+46709999999")


def test_a_choice_per_field_when_several_clash(
    qtbot: QtBot, context: AppContext, colleague_db: Database, prompts: RecordingPrompts
) -> None:
    prompts.resolve = {"phone": Choice.THEIRS, "notes": Choice.MINE}
    person = a_contact(context.database)
    form = opened(qtbot, ContactForm(context, person))
    colleague_saves_contact(
        colleague_db, person, phone="013-99 88 77", mobile="", notes="Slutar i juni."
    )
    retype(form, "phone", "013-55 44 33")
    retype(form, "notes", "Ny kontaktperson för hamnen.")
    retype(form, "email", "asa.oberg@hamnen.se")
    assert form.save() is True
    [fields] = prompts.conflicts
    assert [(f.key, f.theirs, f.mine, f.long) for f in fields] == [
        ("phone", "013-99 88 77", "013-55 44 33", False),
        ("notes", "Slutar i juni.", "Ny kontaktperson för hamnen.", True),
    ]
    more = _("Their changes to other fields ({fields}) are already in your form.")
    assert prompts.asked[0].endswith(more.format(fields=_("Mobile").lower()))
    saved = contact(context.database, person)
    assert (saved.phone, saved.mobile, saved.notes, saved.email) == (
        "+4613998877",
        None,
        "Ny kontaktperson för hamnen.",
        "asa.oberg@hamnen.se",
    )


def test_a_record_deleted_meanwhile_is_said_so_without_ids(
    qtbot: QtBot, context: AppContext, colleague_db: Database, prompts: RecordingPrompts
) -> None:
    person = a_contact(context.database)
    form = opened(qtbot, ContactForm(context, person))
    with colleague_db.unit_of_work() as session:
        delete_record(session, "contact", person)
    retype(form, "notes", "Ringer i morgon.")
    assert form.save() is False
    gone = _(
        "Someone else deleted {record} while you were editing it, so your changes cannot be saved."
    ).format(record=_("the contact"))
    assert prompts.errors == [gone]
    assert not any(character.isdigit() for character in gone)
    assert form.isVisible() and shown(form, "notes") == "Ringer i morgon."


def test_a_record_archived_meanwhile_is_saved_and_stays_archived(
    qtbot: QtBot, context: AppContext, colleague_db: Database, prompts: RecordingPrompts
) -> None:
    person = a_contact(context.database)
    form = opened(qtbot, ContactForm(context, person))
    with colleague_db.unit_of_work() as session:
        contacts.set_contact_archived(session, person, True)
    retype(form, "notes", "Ringer i morgon.")
    assert form.save() is True
    told = _(
        "Someone else archived {record} while you were editing it. It stays archived when "
        "you save; archived records show in the lists only with “{show}”."
    )
    assert prompts.asked == [told.format(record=_("the contact"), show=_("Show archived"))]
    saved = contact(context.database, person)
    assert (saved.archived, saved.notes) == (True, "Ringer i morgon.")


def test_a_conflict_no_newer_version_explains_is_reported_not_retried(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = a_contact(context.database)
    form = opened(qtbot, ContactForm(context, person))
    tries: list[dict[str, object]] = []

    def refuse(session: object, values: dict[str, object]) -> None:
        tries.append(values)
        raise ConflictError("Posten är låst.")

    monkeypatch.setattr(form, "persist", refuse)
    retype(form, "notes", "Ringer i morgon.")
    assert form.save() is False
    assert (len(tries), prompts.errors) == (1, ["Posten är låst."])


# --- partners ---------------------------------------------------------------------------------
def test_partner_themes_ticked_by_both_are_all_kept(
    qtbot: QtBot, context: AppContext, colleague_db: Database, prompts: RecordingPrompts
) -> None:
    with context.database.unit_of_work() as session:
        building = themes.create_theme(session, {"name": "Bygglogistik"}).id
        trade = themes.create_theme(session, {"name": "E-handel"}).id
        port = partners.create_partner(session, {"name": "Hamnbolaget AB"}).id
    form = opened(qtbot, PartnerForm(context, port))
    with colleague_db.unit_of_work() as session:
        partners.update_partner(session, port, {"industry": "Sjöfart", "theme_ids": [trade]})
    retype(form, "name", "Norrköpings Hamn AB")
    tick(form.themes, building)
    assert form.save() is True
    assert prompts.asked == []
    with context.database.reading() as session:
        saved = partners.get_partner(session, port)
    assert (saved.name, saved.industry, saved.theme_ids) == (
        "Norrköpings Hamn AB",
        "Sjöfart",
        tuple(sorted((building, trade))),
    )
    assert changes_by(context.database, "partner", port, "testare")[-1] == {
        "name",
        "theme_ids",
    }


def test_partner_codes_in_the_dialog_are_words_and_theirs_can_win(
    qtbot: QtBot, context: AppContext, colleague_db: Database, prompts: RecordingPrompts
) -> None:
    prompts.resolve = Choice.THEIRS
    with context.database.unit_of_work() as session:
        port = partners.create_partner(session, {"name": "Hamnbolaget AB", "sector": "business"}).id
    form = opened(qtbot, PartnerForm(context, port))
    with colleague_db.unit_of_work() as session:
        partners.update_partner(session, port, {"sector": "public"})
    combo = form.widgets["sector"].editor
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("academia"))
    assert form.save() is True
    [[field]] = prompts.conflicts
    assert (field.label, field.theirs, field.mine) == (
        _("Sector"),
        label(Sector.PUBLIC),
        label(Sector.ACADEMIA),
    )
    with context.database.reading() as session:
        assert partners.get_partner(session, port).sector == "public"
    assert changes_by(context.database, "partner", port, "testare") == [{"name", "sector"}]


# --- meetings ---------------------------------------------------------------------------------
def a_meeting(database: Database) -> int:
    with database.unit_of_work() as session:
        return meetings.create_meeting(
            session,
            {
                "title": "Frukostseminarium",
                "kind": "seminar",
                "starts_at": "2026-04-02 09:00",
                "ends_at": "2026-04-02 11:00",
                "place": "Kajen",
            },
        ).id


def test_a_colleague_moves_the_meeting_while_i_change_its_place(
    qtbot: QtBot, context: AppContext, colleague_db: Database, prompts: RecordingPrompts
) -> None:
    meeting_id = a_meeting(context.database)
    form = opened(qtbot, MeetingForm(context, meeting_id))
    with colleague_db.unit_of_work() as session:
        meetings.update_meeting(
            session, meeting_id, {"starts_at": "2026-04-03 13:00", "ends_at": "2026-04-03 15:00"}
        )
    retype(form, "place", "Hamnmagasinet")
    assert form.save() is True
    assert prompts.asked == []
    with context.database.reading() as session:
        saved = meetings.get_meeting(session, meeting_id)
    assert (saved.starts_at.strftime("%d %H:%M"), saved.place) == ("03 13:00", "Hamnmagasinet")
    assert changes_by(context.database, "meeting", meeting_id, "testare")[-1] == {"place"}


def test_a_merged_meeting_must_still_end_after_it_starts(
    qtbot: QtBot, context: AppContext, colleague_db: Database, prompts: RecordingPrompts
) -> None:
    prompts.resolve = Choice.MINE
    meeting_id = a_meeting(context.database)
    form = opened(qtbot, MeetingForm(context, meeting_id))
    with colleague_db.unit_of_work() as session:
        meetings.update_meeting(
            session, meeting_id, {"starts_at": "2026-04-02 13:00", "ends_at": "2026-04-02 15:00"}
        )
    retype(form, "ends_at", "2026-04-02 12:00")
    assert form.save() is False
    [[field]] = prompts.conflicts
    assert (field.key, field.theirs, field.mine) == (
        "ends_at",
        "2026-04-02 15:00",
        "2026-04-02 12:00",
    )
    assert shown(form, "starts_at") == "2026-04-02 13:00"  # theirs, taken in
    error = form.widgets["ends_at"].error
    assert error.isVisibleTo(form) and error.text() == _("The meeting cannot end before it starts.")
    with context.database.reading() as session:
        ends = meetings.get_meeting(session, meeting_id).ends_at
    assert ends is not None and ends.strftime("%H:%M") == "15:00"


def test_meeting_themes_ticked_by_both_are_all_kept(
    qtbot: QtBot, context: AppContext, colleague_db: Database, prompts: RecordingPrompts
) -> None:
    with context.database.unit_of_work() as session:
        building = themes.create_theme(session, {"name": "Bygglogistik"}).id
        trade = themes.create_theme(session, {"name": "E-handel"}).id
    meeting_id = a_meeting(context.database)
    form = opened(qtbot, MeetingForm(context, meeting_id))
    with colleague_db.unit_of_work() as session:
        meetings.update_meeting(session, meeting_id, {"theme_ids": [trade]})
    tick(form.themes, building, Qt.ItemDataRole.UserRole + 1)
    assert form.save() is True
    with context.database.reading() as session:
        assert meetings.get_meeting(session, meeting_id).theme_ids == tuple(
            sorted((building, trade))
        )


# --- themes -----------------------------------------------------------------------------------
def test_theme_responsible_people_are_shown_by_name(
    qtbot: QtBot, context: AppContext, colleague_db: Database, prompts: RecordingPrompts
) -> None:
    prompts.resolve = Choice.MINE
    with context.database.unit_of_work() as session:
        eva = contacts.create_contact(session, {"first_name": "Eva", "last_name": "Ek"}).id
        per = contacts.create_contact(session, {"first_name": "Per", "last_name": "Åberg"}).id
        theme = themes.create_theme(session, {"name": "E-handel"}).id
    form = opened(qtbot, ThemeForm(context, theme))
    with colleague_db.unit_of_work() as session:
        themes.update_theme(session, theme, {"responsible_id": eva, "colour": "#1D4F91"})
    picker = form.widgets["responsible_id"]
    assert isinstance(picker, ContactPicker)
    picker.choose(per, "Per Åberg")  # as a pick from the suggestions does
    assert form.save() is True
    [[field]] = prompts.conflicts
    assert (field.theirs, field.mine) == ("Eva Ek", "Per Åberg")
    with context.database.reading() as session:
        saved = themes.get_theme(session, theme)
    assert (saved.responsible_id, saved.colour) == (per, "#1D4F91")


# --- every form -------------------------------------------------------------------------------
def test_an_untouched_form_has_nothing_to_save(qtbot: QtBot, context: AppContext) -> None:
    """Every stored value read into a form reads back as unchanged, so a save never writes a
    field the clerk did not touch."""
    with context.database.unit_of_work() as session:
        theme = themes.create_theme(
            session,
            {
                "name": "Bygglogistik",
                "colour": "#aabbcc",
                "description": "Transporter till byggen.",
                "active_from": "2026-01-01",
                "active_until": "2027-12-31",
            },
        ).id
        partner = partners.create_partner(
            session,
            {
                "name": "Östgöta Bygg AB",
                "org_number": "556036-0793",
                "sector": "business",
                "size_class": "small",
                "municipality": "Linköping",
                "phone": "+44 20 7946 0958",
                "email": "info@ostgotabygg.se",
                "website": "ostgotabygg.se",
                "postal_code": "58183",
                "relationship": "member",
                "relationship_since": "2026-01-15",
                "notes": "  Medlem sedan januari.  ",
                "theme_ids": [theme],
            },
        ).id
        person = contacts.create_contact(
            session,
            {
                "first_name": "Åsa",
                "last_name": "Öberg",
                "gender": "woman",
                "language": "en",
                "phone": "0771-567 567",
                "mobile": "0701234567",
                "organisation_id": partner,
                "title": "Inköpare",
                "theme_ids": [theme],
            },
        ).id
        themes.update_theme(session, theme, {"responsible_id": person})
        meeting = meetings.create_meeting(
            session,
            {
                "title": "Byggdialog",
                "kind": "workshop",
                "starts_at": "2026-04-02 08:30",
                "ends_at": "2026-04-02 12:00",
                "capacity": 40,
                "online_url": "teams.example.se/byggdialog",
                "theme_ids": [theme],
            },
        ).id
    forms: list[QWidget] = [
        ContactForm(context, person),
        PartnerForm(context, partner),
        MeetingForm(context, meeting),
        ThemeForm(context, theme),
    ]
    for form in forms:
        assert isinstance(form, FormDialog)
        opened(qtbot, form)
        assert merge.changed(form) == {}, type(form).__name__
