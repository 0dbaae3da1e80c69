"""Once the window has painted: the database opened in the background, then the tabs or the
welcome view, and the checks that follow."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from lkoe_desktop import APP_NAME
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.opening import open_for_window
from lkoe_desktop.ui.ops import Progress, run_at_low_priority, run_in_background

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database
    from lkoe_desktop.ui.context import AppContext
    from lkoe_desktop.ui.main_window import MainWindow
    from lkoe_desktop.ui.tabs.list_switch import ListSwitch
    from lkoe_desktop.ui.tabs.list_tab import ListTab


def _is_empty(database: Database) -> bool:
    from lkoe_desktop.services.contents import is_empty

    with database.reading() as session:
        return is_empty(session)


def _open_partner(context: AppContext, record_id: int | None, parent: QWidget | None) -> int | None:
    from lkoe_desktop.ui.dialogs.partner_form import open_partner_form

    return open_partner_form(context, record_id, parent)


def _open_contact(context: AppContext, record_id: int | None, parent: QWidget | None) -> int | None:
    from lkoe_desktop.ui.dialogs.contact_form import open_contact_form

    return open_contact_form(context, record_id, parent)


def _open_meeting(context: AppContext, record_id: int | None, parent: QWidget | None) -> int | None:
    from lkoe_desktop.ui.dialogs.meeting_form import open_meeting_form

    return open_meeting_form(context, record_id, parent)


def _open_participation(
    context: AppContext, record_id: int | None, parent: QWidget | None
) -> int | None:
    from lkoe_desktop.ui.dialogs.participation_form import open_participation_form

    if record_id is None:
        raise ValueError("a participation is made in its meeting, not on its own")
    return record_id if open_participation_form(context, record_id, parent) else None


def register_record_forms() -> None:
    """Let forms open partners, contacts, meetings and participations by kind (each form
    module is imported when a form of its kind first opens, not at start)."""
    from lkoe_desktop.ui.forms import openers  # not at the top: it needs the services

    openers.register(openers.PARTNER, _open_partner)
    openers.register(openers.CONTACT, _open_contact)
    openers.register(openers.MEETING, _open_meeting)
    openers.register(openers.PARTICIPATION, _open_participation)


def build_tabs(context: AppContext) -> list[ListTab | ListSwitch]:
    """The four tabs (Teman holds the groups too), and the record forms registered for the
    forms they open."""
    register_record_forms()
    from lkoe_desktop.domain.i18n import gettext as _
    from lkoe_desktop.ui.tabs.contacts_tab import ContactsTab
    from lkoe_desktop.ui.tabs.groups_tab import GroupsTab
    from lkoe_desktop.ui.tabs.list_switch import ListSwitch
    from lkoe_desktop.ui.tabs.meetings_tab import MeetingsTab
    from lkoe_desktop.ui.tabs.partners_tab import PartnersTab
    from lkoe_desktop.ui.tabs.themes_tab import ThemesTab

    themes_and_groups = ListSwitch(
        "themes_page",
        [ThemesTab(context), GroupsTab(context)],
        lambda: (_("&Themes"), _("&Groups")),
    )
    return [PartnersTab(context), ContactsTab(context), themes_and_groups, MeetingsTab(context)]


class Starter:
    """Opens the database for a painted window and shows the tabs, or the welcome view."""

    def __init__(
        self, window: MainWindow, url: str, end_rest: Callable[[], None] = lambda: None
    ) -> None:
        """`end_rest` is called once the database is open, or cannot be: the collector's rest
        over the start-up ends there (see `app.collector_resting`)."""
        self.window = window
        self.url = url
        self.end_rest = end_rest
        self.exit_code = 0

    def start(self) -> None:
        run_in_background(
            self.window,
            lambda _progress: open_for_window(self.url),
            self.opened,
            self.failed,
            show_progress=False,  # the status bar says so; a dialog would flash for a second
        )

    def opened(self, database: Database) -> None:
        from lkoe_desktop.ui.context import AppContext
        from lkoe_desktop.ui.dialogs.prompts import DialogPrompts

        self.end_rest()
        context = AppContext(database, DialogPrompts())
        self.window.destroyed.connect(lambda: database.dispose())
        if _is_empty(database):
            self.welcome(context)
        else:
            self.window.attach(context, build_tabs(context))
        self.look_after(context)

    def look_after(self, context: AppContext) -> None:
        """In the background: read every page and warn at once if the file is damaged (at the
        lowest priority: on a large file that takes seconds, while the first rows are used); then
        clear the dietary needs of meetings long enough past (the office's setting)."""
        from lkoe_desktop.db.migrate import check_integrity
        from lkoe_desktop.services.dietary import clear_due

        def work(_progress: Progress) -> int:
            run_at_low_priority(lambda: check_integrity(context.database))
            with context.database.unit_of_work() as session:
                return clear_due(session)

        run_in_background(
            self.window,
            work,
            lambda _cleared: None,
            lambda error: self.failed(error, fatal=False),
            show_progress=False,
        )

    def welcome(self, context: AppContext) -> None:
        from lkoe_desktop.ui.widgets.welcome import WelcomeView

        view = WelcomeView(self.window)
        self.window.show_welcome(view)
        view.start_empty.connect(lambda: self.window.attach(context, build_tabs(context)))
        view.load_demo.connect(lambda: self.load_demo(context, view))

    def load_demo(self, context: AppContext, view: QWidget) -> None:
        from lkoe_desktop.demo.load import load_demo

        def work(progress: Progress) -> object:
            return load_demo(context.database, "small", progress.report)

        def failed(error: BaseException) -> None:
            view.setEnabled(True)
            self.failed(error, fatal=False)

        view.setEnabled(False)  # one click loads once; the tabs replace the view when done
        run_in_background(
            self.window,
            work,
            lambda _summary: self.window.attach(context, build_tabs(context)),
            failed,
            title=_("Loading demo data…"),
        )

    def failed(self, error: BaseException, fatal: bool = True) -> None:
        from lkoe_desktop.domain.errors import LkoeError

        self.end_rest()
        text = (
            error.message
            if isinstance(error, LkoeError)
            else _("Something went wrong. The details are in the log file.")
        )
        QMessageBox.critical(self.window, APP_NAME, text)
        if fatal:
            self.exit_code = 1
            self.window.close()
