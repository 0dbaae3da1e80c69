"""The contact form's Employment and Groups pages as the clerk uses them: correct or delete a
job, end one, change employer (and the e-mail address with it), groups joined and left; all
held until Save, so that Avbryt leaves the database as it was."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTreeWidget,
)
from pytestqt.qtbot import QtBot
from window_fakes import RecordingPrompts, click_tab, type_text

from lkoe_desktop.db.engine import Database
from lkoe_desktop.db.models import ChangeLogEntry, Participation
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import affiliations, contacts, groups
from lkoe_desktop.services.group_places import places_of_contact
from lkoe_desktop.services.meetings import create_meeting
from lkoe_desktop.services.participations import register
from lkoe_desktop.services.partners import create_partner
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.contact_form import ContactForm
from lkoe_desktop.ui.dialogs.contact_pages import HeldPage
from lkoe_desktop.ui.dialogs.employment_dialogs import (
    AffiliationDialog,
    ChangeEmployerDialog,
    HeldDialog,
    MembershipDialog,
)

DialogT = TypeVar("DialogT", bound=QDialog)
TODAY = date(2026, 3, 2)  # the test clock's day


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts(answer=True)


@pytest.fixture
def partners(sqlite_db: Database) -> dict[str, int]:
    with sqlite_db.unit_of_work() as session:
        return {
            "hamn": create_partner(
                session, {"name": "Norrköpings Hamn AB", "website": "www.norrkopingshamn.se"}
            ).id,
            "liu": create_partner(
                session, {"name": "Linköpings universitet", "email": "info@liu.se"}
            ).id,
            "fel": create_partner(session, {"name": "Hamnen i Norr AB"}).id,
        }


def person(database: Database, organisation_id: int, title: str | None = None) -> int:
    with database.unit_of_work() as session:
        values: dict[str, object] = {"first_name": "Per", "last_name": "Ek", "title": title}
        values |= {"email": "per.ek@norrkopingshamn.se", "organisation_id": organisation_id}
        return contacts.create_contact(session, values).id


def stored(database: Database, contact_id: int) -> contacts.ContactRecord:
    with database.reading() as session:
        return contacts.get_contact(session, contact_id)


def open_form(qtbot: QtBot, context: AppContext, contact_id: int) -> ContactForm:
    form = ContactForm(context, contact_id)
    qtbot.addWidget(form)
    form.show()
    return form


def open_page(qtbot: QtBot, form: ContactForm, page: HeldPage) -> None:
    click_tab(qtbot, form.pages, form.pages.tabText(page.tab))


def choose(qtbot: QtBot, listing: QTreeWidget, row: int) -> None:
    item = listing.topLevelItem(row)
    assert item is not None
    centre = listing.visualItemRect(item).center()
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def shown(form: ContactForm, kind: type[DialogT]) -> DialogT:
    found = [dialog for dialog in form.findChildren(kind) if dialog.isVisible()]
    assert len(found) == 1
    return found[0]


def retype(qtbot: QtBot, editor: QLineEdit, text: str) -> None:
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    type_text(editor, text)


def line(dialog: QDialog, key: str) -> QLineEdit:
    editor = dialog.widgets[key].editor  # type: ignore[attr-defined]
    assert isinstance(editor, QLineEdit)
    return editor


def save(qtbot: QtBot, dialog: QDialog) -> None:
    """The form's Spara, or a job or group dialog's OK (it hands the change to the form: it says
    OK, not Spara, for nothing is saved until the contact is)."""
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    done = buttons.button(QDialogButtonBox.StandardButton.Save)
    assert done.text() == ("OK" if isinstance(dialog, HeldDialog) else "Spara")
    click(qtbot, done)


def texts(listing: QTreeWidget) -> list[list[str]]:
    rows = (listing.topLevelItem(row) for row in range(listing.topLevelItemCount()))
    return [[item.text(column) for column in range(4)] for item in rows if item is not None]


def test_a_wrong_organisation_and_title_are_corrected_when_the_form_is_saved(
    qtbot: QtBot, context: AppContext, partners: dict[str, int]
) -> None:
    contact = person(context.database, partners["fel"], "Kranförar")
    form = open_form(qtbot, context, contact)
    open_page(qtbot, form, form.employment)
    choose(qtbot, form.employment.listing, 0)
    click(qtbot, form.employment.correct)
    editor = shown(form, AffiliationDialog)
    retype(qtbot, line(editor, "organisation_id"), "Norrköpings Hamn AB")
    retype(qtbot, line(editor, "title"), "Kranförare")
    save(qtbot, editor)
    assert not editor.isVisible()
    assert texts(form.employment.listing) == [
        ["Norrköpings Hamn AB", "Kranförare", "", _("current")]
    ]
    assert "Norrköpings Hamn AB" in form.employer.text()
    assert not form.employment.unsaved.isHidden()
    assert stored(context.database, contact).current.title == "Kranförar"  # type: ignore[union-attr]
    save(qtbot, form)
    current = stored(context.database, contact).current
    assert current is not None
    assert (current.organisation_id, current.title) == (partners["hamn"], "Kranförare")


def test_a_job_without_participations_is_deleted(
    qtbot: QtBot, context: AppContext, partners: dict[str, int]
) -> None:
    contact = person(context.database, partners["hamn"], "Kranförare")
    with context.database.unit_of_work() as session:
        affiliations.change_job(session, contact, partners["fel"], start_date=date(2026, 2, 1))
    form = open_form(qtbot, context, contact)
    open_page(qtbot, form, form.employment)
    choose(qtbot, form.employment.listing, 0)  # the newest: entered by mistake
    click(qtbot, form.employment.correct)
    editor = shown(form, AffiliationDialog)
    click(qtbot, editor.delete)
    assert not editor.isVisible()
    assert [row[0] for row in texts(form.employment.listing)] == ["Norrköpings Hamn AB"]
    save(qtbot, form)
    jobs = stored(context.database, contact)
    assert [a.organisation_id for a in jobs.affiliations] == [partners["hamn"]]
    assert jobs.current is None


def test_a_job_with_a_participation_is_not_deleted_and_can_be_ended_instead(
    qtbot: QtBot, context: AppContext, partners: dict[str, int]
) -> None:
    contact = person(context.database, partners["hamn"], "Kranförare")
    with context.database.unit_of_work() as session:
        meeting = create_meeting(
            session, {"title": "Hamndagen", "kind": "seminar", "starts_at": "2026-02-10 09:00"}
        )
        register(session, meeting.id, contact)
    form = open_form(qtbot, context, contact)
    open_page(qtbot, form, form.employment)
    choose(qtbot, form.employment.listing, 0)
    click(qtbot, form.employment.correct)
    editor = shown(form, AffiliationDialog)
    click(qtbot, editor.delete)
    assert editor.isVisible()
    assert not editor.refusal.isHidden()
    assert "2026-02-10 Hamndagen" in editor.refusal.text()
    assert "Norrköpings Hamn AB" in editor.refusal.text()
    click(qtbot, editor.end_instead)
    assert line(editor, "end_date").text() == TODAY.isoformat()
    save(qtbot, editor)
    save(qtbot, form)
    jobs = stored(context.database, contact)
    assert jobs.current is None
    assert jobs.affiliations[0].end_date == TODAY
    with context.database.reading() as session:
        represented = session.query(Participation.organisation_id).scalar()
    assert represented == partners["hamn"]


def test_a_job_is_ended_without_a_new_one(
    qtbot: QtBot, context: AppContext, partners: dict[str, int]
) -> None:
    contact = person(context.database, partners["hamn"], "Kranförare")
    form = open_form(qtbot, context, contact)
    open_page(qtbot, form, form.employment)
    click(qtbot, form.employment.end)
    editor = shown(form, AffiliationDialog)
    assert editor.focusWidget() is line(editor, "end_date")
    retype(qtbot, line(editor, "end_date"), "2026-02-27")
    save(qtbot, editor)
    assert form.employer.text().startswith(_("No current employer."))
    assert _("(not saved yet)") in form.employer.text()
    assert not form.employment.end.isEnabled()
    assert not form.employment.correct.isEnabled()  # nothing chosen, nothing current
    choose(qtbot, form.employment.listing, 0)
    assert form.employment.correct.isEnabled()
    save(qtbot, form)
    jobs = stored(context.database, contact)
    assert jobs.current is None
    assert jobs.affiliations[0].end_date == date(2026, 2, 27)


def change_employer_to_liu(qtbot: QtBot, form: ContactForm) -> ChangeEmployerDialog:
    open_page(qtbot, form, form.employment)
    click(qtbot, form.employment.change)
    dialog = shown(form, ChangeEmployerDialog)
    assert dialog.offer.isHidden()
    type_text(dialog.picker.editor, "Linköpings universitet")
    type_text(line(dialog, "title"), "Forskare")
    return dialog


def test_change_of_employer_with_the_offered_e_mail_address(
    qtbot: QtBot, context: AppContext, partners: dict[str, int]
) -> None:
    contact = person(context.database, partners["hamn"], "Kranförare")
    form = open_form(qtbot, context, contact)
    dialog = change_employer_to_liu(qtbot, form)
    assert not dialog.offer.isHidden()
    assert "per.ek@norrkopingshamn.se" in dialog.question.text()
    assert dialog.keep.isChecked()
    new_address = dialog.new_address.editor
    assert isinstance(new_address, QLineEdit)
    assert new_address.text() == "per.ek@liu.se"
    retype(qtbot, new_address, "per.ek@")
    assert dialog.change.isChecked()  # typing a new address answers the question
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert not dialog.new_address.error.isHidden()
    retype(qtbot, new_address, "per.ek@liu.se")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert form.widgets["email"].value() == "per.ek@liu.se"
    assert [row[0] for row in texts(form.employment.listing)] == [
        "Linköpings universitet",
        "Norrköpings Hamn AB",
    ]
    assert stored(context.database, contact).email == "per.ek@norrkopingshamn.se"
    save(qtbot, form)
    saved = stored(context.database, contact)
    assert saved.email == "per.ek@liu.se"
    assert saved.current is not None
    assert (saved.current.organisation_id, saved.current.title) == (partners["liu"], "Forskare")
    assert saved.affiliations[0].end_date == date(2026, 3, 1)


def test_cancel_after_a_change_of_employer_leaves_the_database_as_it_was(
    qtbot: QtBot, context: AppContext, partners: dict[str, int], prompts: RecordingPrompts
) -> None:
    contact = person(context.database, partners["hamn"], "Kranförare")
    before = stored(context.database, contact)
    with context.database.reading() as session:
        logged = session.query(ChangeLogEntry).count()
    form = open_form(qtbot, context, contact)
    dialog = change_employer_to_liu(qtbot, form)
    click(qtbot, dialog.change)
    save(qtbot, dialog)
    assert form.widgets["email"].value() == "per.ek@liu.se"
    click(qtbot, form.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert prompts.asked == [
        _("What you have changed in this form is not saved. Close it and discard the changes?")
    ]
    assert not form.isVisible()
    assert stored(context.database, contact) == before
    with context.database.reading() as session:
        assert session.query(ChangeLogEntry).count() == logged


def test_a_colleagues_change_of_the_jobs_is_not_overwritten(
    qtbot: QtBot,
    context: AppContext,
    partners: dict[str, int],
    prompts: RecordingPrompts,
    elsewhere: Database,
) -> None:
    contact = person(context.database, partners["hamn"], "Kranförare")
    form = open_form(qtbot, context, contact)
    type_text(form.widgets["phone"].editor, "013-20 00 00")
    dialog = change_employer_to_liu(qtbot, form)
    save(qtbot, dialog)
    with elsewhere.unit_of_work() as session:
        affiliations.change_job(session, contact, partners["fel"], start_date=date(2026, 2, 1))
    save(qtbot, form)
    assert form.isVisible()
    assert prompts.errors[-1] == _(form.employment.lost_text)
    assert [row[0] for row in texts(form.employment.listing)] == [
        "Hamnen i Norr AB",
        "Norrköpings Hamn AB",
    ]
    saved = stored(context.database, contact)
    assert saved.current is not None and saved.current.organisation_id == partners["fel"]
    assert saved.phone is None
    change_employer_to_liu(qtbot, form)
    save(qtbot, shown(form, ChangeEmployerDialog))
    save(qtbot, form)
    saved = stored(context.database, contact)
    assert [a.organisation_id for a in saved.affiliations] == [
        partners["hamn"],
        partners["fel"],
        partners["liu"],
    ]
    assert saved.phone == "+4613200000"


def test_group_membership_added_and_ended_with_the_history_kept(
    qtbot: QtBot, context: AppContext, partners: dict[str, int]
) -> None:
    contact = person(context.database, partners["hamn"])
    with context.database.unit_of_work() as session:
        groups.create_group(session, {"name": "Styrgrupp"})
        letter = groups.create_group(session, {"name": "Nyhetsbrev"}).id
        groups.add_member(session, letter, contact, since=date(2025, 1, 1))
    form = open_form(qtbot, context, contact)
    open_page(qtbot, form, form.places)
    click(qtbot, form.places.join)
    dialog = shown(form, MembershipDialog)
    combo = dialog.group.editor
    combo.setFocus()
    qtbot.keyClicks(combo, "Styrgrupp")
    type_text(line(dialog, "role"), "Ordförande")
    assert line(dialog, "since").text() == TODAY.isoformat()
    retype(qtbot, line(dialog, "since"), "2026-01-01")
    save(qtbot, dialog)
    assert texts(form.places.listing) == [
        ["Nyhetsbrev", "", "2025-01-01", ""],
        ["Styrgrupp", "Ordförande", "2026-01-01", ""],
    ]
    choose(qtbot, form.places.listing, 0)
    click(qtbot, form.places.leave)
    ending = shown(form, MembershipDialog)
    assert line(ending, "until").text() == TODAY.isoformat()
    retype(qtbot, line(ending, "until"), "2026-02-28")
    save(qtbot, ending)
    with context.database.reading() as session:
        assert len(places_of_contact(session, contact)) == 1  # nothing written yet
    save(qtbot, form)
    with context.database.reading() as session:
        places = places_of_contact(session, contact)
    assert [(p.group, p.role, p.since, p.until) for p in places] == [
        ("Nyhetsbrev", None, date(2025, 1, 1), date(2026, 2, 28)),
        ("Styrgrupp", "Ordförande", date(2026, 1, 1), None),
    ]


def test_joining_a_group_twice_is_refused_under_the_group(
    qtbot: QtBot, context: AppContext, partners: dict[str, int]
) -> None:
    contact = person(context.database, partners["hamn"])
    with context.database.unit_of_work() as session:
        group = groups.create_group(session, {"name": "Styrgrupp"}).id
        groups.add_member(session, group, contact, since=date(2025, 1, 1))
    form = open_form(qtbot, context, contact)
    open_page(qtbot, form, form.places)
    click(qtbot, form.places.join)
    dialog = shown(form, MembershipDialog)
    dialog.group.editor.setFocus()
    qtbot.keyClicks(dialog.group.editor, "Styrgrupp")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "Styrgrupp" in dialog.group.error.text()


def test_a_colleagues_change_of_the_groups_is_not_overwritten(
    qtbot: QtBot,
    context: AppContext,
    partners: dict[str, int],
    prompts: RecordingPrompts,
    elsewhere: Database,
) -> None:
    contact = person(context.database, partners["hamn"])
    with context.database.unit_of_work() as session:
        group = groups.create_group(session, {"name": "Styrgrupp"}).id
        membership = groups.add_member(session, group, contact, since=date(2025, 1, 1))
    form = open_form(qtbot, context, contact)
    open_page(qtbot, form, form.places)
    choose(qtbot, form.places.listing, 0)
    click(qtbot, form.places.correct)
    dialog = shown(form, MembershipDialog)
    type_text(line(dialog, "role"), "Ledamot")
    save(qtbot, dialog)
    with elsewhere.unit_of_work() as session:
        groups.update_membership(
            session, membership.membership_id, role="Ordförande", since="2025-01-01", until=None
        )
    save(qtbot, form)
    assert form.isVisible()
    assert prompts.errors[-1] == _(form.places.lost_text)
    assert texts(form.places.listing) == [["Styrgrupp", "Ordförande", "2025-01-01", ""]]
    with context.database.reading() as session:
        assert [p.role for p in places_of_contact(session, contact)] == ["Ordförande"]
    save(qtbot, form)  # told once: nothing is held any more, so the form saves and closes
    assert not form.isVisible()
