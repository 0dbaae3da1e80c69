"""The main window: four tabs, menus, toolbar, status bar, and the state remembered between runs."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QWidget,
)

from lkoe_desktop import APP_NAME
from lkoe_desktop.domain import entities
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.ops import tell_failures
from lkoe_desktop.ui.screen_fit import restore_geometry

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext
    from lkoe_desktop.ui.tabs.list_switch import ListSwitch
    from lkoe_desktop.ui.tabs.list_tab import ListTab

DEFAULT_TAB = 1  # Kontakter
FIRST_SIZE = QSize(1280, 800)  # less on a smaller screen


def _remembered_tab() -> int:
    """The tab shown when the window was last closed (Kontakter the first time)."""
    try:
        index = int(str(settings().value("window/tab", DEFAULT_TAB)))
    except ValueError:
        return DEFAULT_TAB
    return min(max(index, 0), 3)


class MainWindow(QMainWindow):
    """Painted at once with empty tabs; `attach()` fills it when the database is open."""

    def __init__(self) -> None:
        super().__init__()
        self.context: AppContext | None = None
        self.period_window: QWidget | None = None
        self.tabs: list[ListTab] = []
        self.setMinimumSize(900, 560)

        self.stack = QStackedWidget(self)
        self.tab_widget = QTabWidget(self)
        self.tab_widget.setDocumentMode(True)
        for _index in range(4):
            self.tab_widget.addTab(QWidget(), "")
        self.tab_widget.currentChanged.connect(self._on_tab_changed)
        self.stack.addWidget(self.tab_widget)
        self.setCentralWidget(self.stack)

        self.message = QLabel(self)
        self.database_label = QLabel(self)
        self.undo_button = QPushButton(self)
        self.undo_button.setFlat(True)
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo)
        self.statusBar().addWidget(self.message, 1)
        self.statusBar().addPermanentWidget(self.undo_button)
        self.statusBar().addPermanentWidget(self.database_label)
        tell_failures(self.message.setText)  # a list that could not be read says so here

        self._build_actions()
        self._build_menus()
        self.retranslate()
        self.message.setText(_("Opening the database…"))
        self._restore_geometry()

    # --- building ---------------------------------------------------------------------------
    def _action(
        self,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(QKeySequence.StandardKey.New, self.new_record)
        # A text field with the cursor keeps Ctrl+Z for its own undo (it claims the key first).
        self.undo_action = self._action(QKeySequence.StandardKey.Undo, self.undo)
        self.undo_action.setEnabled(False)
        self.open_action = self._action(None, self.open_current)
        self.copy_action = self._action(QKeySequence.StandardKey.Copy, self.copy_selection)
        # The key is the focused table's or field's own; the window's copies from the menu.
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_addresses_action = self._action(None, self.copy_addresses)
        self.copy_addresses_action.setEnabled(False)
        self.archive_action = self._action(QKeySequence(Qt.Key.Key_Delete), self.archive_selected)
        self.unarchive_action = self._action(None, self.unarchive_selected)
        self.delete_action = self._action(None, self.delete_selected)
        self.find_action = self._action(QKeySequence.StandardKey.Find, self.focus_search)
        self.refresh_action = self._action(QKeySequence(Qt.Key.Key_F5), self.refresh)
        self.settings_action = self._action(None, self.open_settings)
        self.import_action = self._action(None, self.open_import)
        self.quit_action = self._action(QKeySequence.StandardKey.Quit, self.close)
        self.about_action = self._action(None, self.show_about)
        self.print_action = self._action(QKeySequence.StandardKey.Print, self.print_current)
        self.export_action = self._action(None, self.export_list)
        self.sign_in_action = self._action(None, lambda: self._for_meeting("sign_in_sheet"))
        self.badges_action = self._action(None, lambda: self._for_meeting("badges"))
        self.participants_action = self._action(None, lambda: self._for_meeting("participant_list"))
        self.contact_sheet_action = self._action(None, self._contact_sheet)
        self.sheet_export_action = self._action(None, self._export_contact_sheet)
        self.all_sheets_action = self._action(
            None, lambda: self._report("contact_sheets", None, self)
        )
        self.register_action = self._action(None, lambda: self._report("partner_register", self))
        self.calibration_action = self._action(None, lambda: self._report("calibration", self))
        self.period_report_action = self._action(QKeySequence("Ctrl+R"), self.open_period_reports)
        self.addAction(self.period_report_action)  # the key works with the menu closed too
        self.report_actions = [
            self.period_report_action,
            self.print_action,
            self.sign_in_action,
            self.badges_action,
            self.participants_action,
            self.contact_sheet_action,
            self.sheet_export_action,
            self.all_sheets_action,
            self.register_action,
            self.calibration_action,
        ]
        self.tab_actions = [
            self._action(QKeySequence(f"Ctrl+{number + 1}"), partial(self.show_tab, number))
            for number in range(4)
        ]
        self.addActions(self.tab_actions)
        self.record_actions = [
            self.new_action,
            self.open_action,
            self.copy_action,
            self.archive_action,
            self.unarchive_action,
            self.delete_action,
            self.find_action,
            self.refresh_action,
            self.import_action,
            self.export_action,
            *self.report_actions,
        ]
        for action in self.record_actions:
            action.setEnabled(False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.print_action)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.aboutToShow.connect(
            lambda: self.export_action.setEnabled(
                (tab := self.current_tab()) is not None and tab.can_export()
            )
        )
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = QMenu(self)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.copy_action)
        self.edit_menu.addAction(self.copy_addresses_action)
        self.edit_menu.addSeparator()
        for action in (self.open_action, self.archive_action, self.unarchive_action):
            self.edit_menu.addAction(action)
        self.edit_menu.addAction(self.delete_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.view_menu = QMenu(self)
        self.view_menu.addAction(self.refresh_action)
        self.view_menu.addSeparator()
        for action in self.tab_actions:
            self.view_menu.addAction(action)
        self.reports_menu = QMenu(self)
        for group in (
            (self.period_report_action,),
            (self.sign_in_action, self.badges_action, self.participants_action),
            (
                self.contact_sheet_action,
                self.sheet_export_action,
                self.all_sheets_action,
                self.register_action,
            ),
            (self.calibration_action,),
        ):
            if not self.reports_menu.isEmpty():
                self.reports_menu.addSeparator()
            for action in group:
                self.reports_menu.addAction(action)
        self.reports_menu.aboutToShow.connect(self._enable_reports)
        self.help_menu = QMenu(self)
        self.help_menu.addAction(self.about_action)
        menus = (self.file_menu, self.edit_menu, self.view_menu, self.reports_menu, self.help_menu)
        for menu in menus:
            bar.addMenu(menu)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.new_action,
            self.open_action,
            self.archive_action,
            self.print_action,
            self.refresh_action,
        ):
            self.toolbar.addAction(action)
        self.addToolBar(self.toolbar)

    def retranslate(self) -> None:
        self.setWindowTitle(APP_NAME)
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.view_menu.setTitle(_("&View"))
        self.reports_menu.setTitle(_("&Reports"))
        self.help_menu.setTitle(_("&Help"))
        self.print_action.setText(_("&Print…"))
        self.print_action.setToolTip(
            _("The sign-in sheet of the chosen meeting, or the contact sheet of the chosen partner")
        )
        self.export_action.setText(_("&Export…"))
        self.sign_in_action.setText(_("&Sign-in sheet for the chosen meeting…"))
        self.badges_action.setText(_("Name &badges for the chosen meeting…"))
        self.participants_action.setText(_("&Participant list of the chosen meeting…"))
        self.contact_sheet_action.setText(_("&Contact sheet of the chosen partner…"))
        self.sheet_export_action.setText(_("Contact sheet of the chosen partner as a fil&e…"))
        self.sheet_export_action.setToolTip(_("Its people to Excel, CSV, vCard or JSON"))
        self.all_sheets_action.setText(_("Contact sheets of &all partners"))
        self.register_action.setText(_("Partner &register"))
        self.calibration_action.setText(_("Calibration page for name badges…"))
        self.period_report_action.setText(_("Report to the &funder…"))
        self.toolbar.setWindowTitle(_("Toolbar"))
        self.new_action.setText(_("&New…"))
        self.open_action.setText(_("&Open…"))
        self.copy_action.setText(_("&Copy"))
        self.copy_addresses_action.setText(_("Copy &e-mail addresses"))
        self.copy_addresses_action.setToolTip(
            _("The e-mail addresses of the selected contacts, ready to paste into Outlook")
        )
        self._show_undo()
        self.archive_action.setText(_("&Archive"))
        self.unarchive_action.setText(_("&Restore from archive"))
        self.delete_action.setText(_("&Delete permanently…"))
        self.find_action.setText(_("&Find"))
        self.refresh_action.setText(_("&Refresh"))
        self.settings_action.setText(_("&Settings…"))
        self.import_action.setText(_("I&mport…"))
        self.quit_action.setText(_("&Quit"))
        self.about_action.setText(_("&About LKÖ Desktop"))
        self.undo_button.setText(_("Undo"))
        titles = (_("Partners"), _("Contacts"), _("Themes"), _("Meetings"))
        for index, title in enumerate(titles):
            self.tab_widget.setTabText(index, title)
            self.tab_actions[index].setText(title)
        for tab in self.tabs:
            tab.retranslate()
        for switch in self._switches():
            switch.retranslate()
        welcome = self.stack.currentWidget()
        retranslate_welcome = getattr(welcome, "retranslate", None)
        if welcome is not self.tab_widget and callable(retranslate_welcome):
            retranslate_welcome()
        if self.context is not None:
            self.database_label.setText(
                _("Database: {name}").format(name=self.context.database.display_name)
            )

    # --- the database -----------------------------------------------------------------------
    def show_welcome(self, view: QWidget) -> None:
        """The first-run view of an empty database, instead of the tabs."""
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self.message.setText(_("The database is empty."))

    def attach(self, context: AppContext, pages: list[ListTab | ListSwitch]) -> None:
        """Show the open database in the four tabs (a tab may switch between lists)."""
        from lkoe_desktop.ui.tabs.list_switch import ListSwitch

        self.context = context
        self.tabs = [
            tab
            for page in pages
            for tab in (page.lists if isinstance(page, ListSwitch) else [page])
        ]
        context.undo.changed.connect(self._show_undo)
        context.undo.undone.connect(self.message.setText)
        self.stack.setCurrentWidget(self.tab_widget)
        current = _remembered_tab()
        for index in reversed(range(self.stack.count())):  # the welcome view, if it was shown
            view = self.stack.widget(index)
            if view is not None and view is not self.tab_widget:
                self.stack.removeWidget(view)
                view.deleteLater()
        self.tab_widget.blockSignals(True)
        self.tab_widget.clear()
        titles = (_("Partners"), _("Contacts"), _("Themes"), _("Meetings"))
        for page, title in zip(pages, titles, strict=True):
            self.tab_widget.addTab(page, title)
        for tab in self.tabs:
            tab.status_changed.connect(self._on_tab_status)
            tab.link_activated.connect(self.show_record)
            tab.restore_state(settings())
        self.tab_widget.blockSignals(False)
        for action in self.record_actions:
            action.setEnabled(True)
        self.retranslate()
        self.tab_widget.setCurrentIndex(current)
        self._on_tab_changed(self.tab_widget.currentIndex())

    def _switches(self) -> list[ListSwitch]:
        if not self.tabs:  # before the database is open, with nothing loaded for the lists
            return []
        from lkoe_desktop.ui.tabs.list_switch import ListSwitch

        pages = (self.tab_widget.widget(index) for index in range(self.tab_widget.count()))
        return [page for page in pages if isinstance(page, ListSwitch)]

    def current_tab(self) -> ListTab | None:
        """The list shown: the current tab's, or the one its switch shows (Teman, Grupper)."""
        widget = self.tab_widget.currentWidget()
        switch = next((page for page in self._switches() if page is widget), None)
        if switch is not None:
            widget = switch.shown()
        return next((tab for tab in self.tabs if tab is widget), None)

    def _show_list(self, tab: ListTab) -> None:
        """Bring a list into view: its tab, and in a switch its page."""
        switch = next((page for page in self._switches() if tab in page.lists), None)
        self.tab_widget.setCurrentWidget(tab if switch is None else switch)
        if switch is not None:
            switch.show_list(tab)

    def show_tab(self, index: int) -> None:
        if self.tabs:
            self.tab_widget.setCurrentIndex(index)

    def show_record(self, entity: str, record_id: int) -> None:
        """Open a linked record's form from its tab; "people" lists an organisation's people."""
        for tab in self.tabs:
            if entity == "people" and tab.entity == "contact":
                self._show_list(tab)
                tab.show_people_of(record_id)
                return
            if tab.entity == entity:
                self._show_list(tab)
                tab.open_record(record_id)
                return

    def _on_tab_changed(self, index: int) -> None:
        tab = self.current_tab()
        if tab is None:
            return
        tab.ensure_loaded()
        self.message.setText(tab.status_text())
        self.copy_addresses_action.setEnabled(tab.entity == entities.CONTACT.name)
        settings().setValue("window/tab", index)

    def _on_tab_status(self, text: str) -> None:
        if self.sender() is self.current_tab():
            self.message.setText(text)

    # --- actions ----------------------------------------------------------------------------
    def new_record(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.open_form(None)

    def open_current(self) -> None:
        tab = self.current_tab()
        record_id = None if tab is None else tab.current_id()
        if tab is not None and record_id is not None:
            tab.open_record(record_id)

    def copy_selection(self) -> None:
        """Edit → Copy: the selected text of the field that had the cursor, else the current
        tab's selected rows."""
        focused = QApplication.focusWidget()
        if isinstance(focused, QLineEdit | QTextEdit | QPlainTextEdit):
            focused.copy()
            return
        tab = self.current_tab()
        if tab is not None:
            from lkoe_desktop.ui.widgets.table_copy import copy_rows

            copy_rows(tab.table)

    def copy_addresses(self) -> None:
        """Edit → Copy e-mail addresses: those of the contacts selected in Kontakter."""
        tab = self.current_tab()
        if tab is not None and tab.entity == entities.CONTACT.name:
            tab.copy_addresses()

    def export_list(self) -> None:
        """Arkiv → Exportera…: the list shown, as shown (in Grupper, the group's members)."""
        tab = self.current_tab()
        if tab is not None and tab.can_export():
            tab.export()

    def focus_search(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.focus_search()

    def refresh(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.refresh()

    def archive_selected(self) -> None:
        tab = self.current_tab()
        if tab is None:
            return
        ids = tab.selected_ids()
        if not ids:
            return
        self.message.setText(tab.set_archived(ids, True))
        if self.context is None:
            return
        entity = entities.BY_NAME[tab.entity]
        records = ngettext(*entity.count, len(ids)).format(count=len(ids))
        self.context.undo.offer(
            _("Undo archiving of {records}").format(records=records),
            lambda: _("Undone: {what}").format(what=tab.set_archived(ids, False)),
        )

    def unarchive_selected(self) -> None:
        tab = self.current_tab()
        if tab is not None and tab.selected_ids():
            self.message.setText(tab.set_archived(tab.selected_ids(), False))

    def delete_selected(self) -> None:
        tab = self.current_tab()
        record_id = None if tab is None else tab.current_id()
        if tab is not None and record_id is not None:
            tab.delete_for_real(record_id)

    def undo(self) -> None:
        """Edit → Undo (Ctrl+Z) and the status bar's button: undo the last change made in the
        window, whichever view made it; the status bar then says what was put back."""
        if self.context is not None:
            self.context.undo.run(self)

    def _show_undo(self) -> None:
        """The Edit menu names what Ctrl+Z will undo; the button shows while there is any."""
        offer = None if self.context is None else self.context.undo
        available = offer is not None and offer.available()
        text = offer.text() if offer is not None and available else ""
        self.undo_action.setText(text.replace("&", "&&") or _("&Undo"))
        self.undo_action.setEnabled(available)
        self.undo_button.setToolTip(_("{what} (Ctrl+Z)").format(what=text) if text else "")
        self.undo_button.setVisible(available)

    # --- printing ---------------------------------------------------------------------------
    def _report(self, document: str, *args: object) -> None:
        """Show one of `ui.reports`' documents (loaded only when something is printed)."""
        from lkoe_desktop.ui import reports

        if self.context is not None:
            getattr(reports, document)(self.context, *args)

    def open_period_reports(self) -> None:
        """Ctrl+R: the Rapporter window with the funder's report, one at a time."""
        from lkoe_desktop.ui.dialogs.period_report_window import open_period_reports

        if self.context is None:
            return
        if self.period_window is not None and shiboken6.isValid(self.period_window):
            self.period_window.raise_()
            self.period_window.activateWindow()
            return
        self.period_window = open_period_reports(self.context, self)

    def _current_of(self, entity: str) -> int | None:
        tab = self.current_tab()
        return tab.current_id() if tab is not None and tab.entity == entity else None

    def _chosen_partner(self) -> int | None:
        """The partner chosen in the Partner tab, or the organisation of the chosen contact."""
        partner_id = self._current_of(entities.PARTNER.name)
        contact_id = self._current_of("contact")
        if partner_id is None and contact_id is not None and self.context is not None:
            from lkoe_desktop.services.contacts import get_contact

            with self.context.database.reading() as session:
                job = get_contact(session, contact_id).current
            partner_id = None if job is None else job.organisation_id
        return partner_id

    def _enable_reports(self) -> None:
        meeting = self._current_of("meeting") is not None
        for action in (self.sign_in_action, self.badges_action, self.participants_action):
            action.setEnabled(meeting)
        chosen = self._chosen_partner() is not None
        self.contact_sheet_action.setEnabled(chosen)
        self.sheet_export_action.setEnabled(chosen)

    def _for_meeting(self, document: str) -> None:
        meeting_id = self._current_of("meeting")
        if meeting_id is not None:
            self._report(document, meeting_id, self)

    def _contact_sheet(self) -> None:
        partner_id = self._chosen_partner()
        if partner_id is not None:
            self._report("contact_sheets", partner_id, self)

    def _export_contact_sheet(self) -> None:
        """The chosen partner's people through the export dialog, beside the PDF sheet."""
        from lkoe_desktop.ui.export_lists import partner_people
        from lkoe_desktop.ui.export_runner import export_list

        partner_id = self._chosen_partner()
        if partner_id is not None and self.context is not None:
            listing = partner_people(self.context, partner_id)
            export_list(self.context, self, listing, self.message.setText)

    def print_current(self) -> None:
        """Ctrl+P: the chosen meeting's sign-in sheet, the chosen partner's (or contact's
        organisation's) contact sheet, else the partner register from the Partner tab."""
        if self.context is None:
            return
        if self._current_of("meeting") is not None:
            self._for_meeting("sign_in_sheet")
        elif self._chosen_partner() is not None:
            self._contact_sheet()
        elif (tab := self.current_tab()) is not None and tab.entity == entities.PARTNER.name:
            self._report("partner_register", self)
        else:
            self.message.setText(
                _("Choose a meeting or a partner to print, or use the Reports menu.")
            )

    def open_import(self) -> None:
        """Arkiv → Importera…: the import wizard (registrations go to the chosen meeting)."""
        from lkoe_desktop.ui.dialogs.import_wizard import open_import_wizard

        if self.context is not None:
            open_import_wizard(self.context, self, self._current_of("meeting"))

    def open_settings(self) -> None:
        from lkoe_desktop.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self, self.context)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        from lkoe_desktop import __version__

        if self.context is None:
            return
        self.context.prompts.inform(
            self,
            _("About LKÖ Desktop"),
            _(
                "LKÖ Desktop {version}\nThe membership and contact register of "
                "Logistikkluster Östergötland.\n\nDatabase: {database}"
            ).format(version=__version__, database=self.context.database.display_name),
        )

    # --- remembered state -------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        restore_geometry(self, settings().value("window/geometry"), FIRST_SIZE, centre=True)
        state = settings().value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        store = settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        for tab in self.tabs:
            tab.save_state(store)
        super().closeEvent(event)
