"""The Rapporter window (Ctrl+R): the funder's report for a chosen period on screen — figures,
tables, charts and warnings whose records open in one click — exported as PDF, XLSX or JSON,
locked ("Lås rapporten"), and the frozen reports listed and reprinted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop import documents
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.domain.periods import Period
from lkoe_desktop.services.document_rows import PageSetup, PeriodReport
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.dialogs.frozen_panel import FrozenPanel
from lkoe_desktop.ui.dialogs.period_export import KINDS, export
from lkoe_desktop.ui.dialogs.period_picker import PeriodPicker
from lkoe_desktop.ui.dialogs.period_views import (
    WarningTree,
    chart_page,
    named_dates,
    summary_page,
    table_page,
)
from lkoe_desktop.ui.dialogs.report_preview import failure_text
from lkoe_desktop.ui.forms.openers import open_record
from lkoe_desktop.ui.ops import Operation, run_in_background
from lkoe_desktop.ui.screen_fit import restore_geometry

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

GEOMETRY_KEY = "dialogs/PeriodReportWindow"
FIRST_SIZE = QSize(1100, 760)
SETTLE_MS = 400  # how long typing pauses before a changed period is counted
SUMMARY, TABLES, CHARTS, WARNINGS, FROZEN = range(5)


@dataclass(frozen=True)
class Shown:
    """A report as computed for the window, with what its exports need."""

    report: PeriodReport
    document: dict[str, Any]
    setup: PageSetup


def compute(context: AppContext, chosen: Period | None) -> Shown:
    """The figures of `chosen` (None: the whole project so far), for a worker thread. The
    deltagarlista is left out: only the workbook holds it, and the whole project's has some
    hundred thousand rows, read when the workbook is written."""
    from lkoe_desktop.services.period_report import period_document, prepare, project_period
    from lkoe_desktop.services.period_rows import period_report
    from lkoe_desktop.services.report_rows import page_setup

    with context.database.unit_of_work() as session:
        prepare(session)
    with context.database.reading() as session:
        period = chosen if chosen is not None else project_period(session)
        document = period_document(session, period)
        setup = page_setup(session)
    return Shown(period_report(document, ()), document, setup)


def freeze(context: AppContext, period: Period) -> int:
    """Lock the period's report as it is now; its frozen id. For a worker thread."""
    from lkoe_desktop.services.frozen_reports import freeze as store

    with context.database.unit_of_work() as session:
        return store(session, period).mark.id


class PeriodReportWindow(QDialog):
    """The funder's report of a period: chosen at the top, shown in five pages, exported,
    locked; the window stays calm while the figures are counted in the background."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.shown: Shown | None = None
        self.computing: Operation | None = None
        self.asked = 0  # the latest computation asked for; older answers are dropped
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        today = to_stockholm(context.database.clock.now()).date()
        self.picker = PeriodPicker(today, self)
        # A year or a date typed digit by digit changes the period at every key: it is counted
        # once the typing pauses, not once per key.
        self.settling = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self.settling.timeout.connect(self.recompute)
        self.picker.changed.connect(self._period_changed)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.pages = QTabWidget(self)
        self.pages.setObjectName("pages")
        self.summary_page = QWidget()
        self.summary = QTableWidget()
        self.tables: QWidget = table_page(())
        self.charts = QWidget()
        self.warnings = WarningTree(self)
        self.warnings.itemClicked.connect(lambda item, _column: self.open_record(item))
        self.warnings.itemActivated.connect(lambda item, _column: self.open_record(item))
        self.frozen = FrozenPanel(context, self.say, self)
        for page in (self.summary_page, self.tables, self.charts, self.warnings, self.frozen):
            self.pages.addTab(page, "")
        self.export_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for kind in KINDS:
            button = QPushButton(self)
            button.setObjectName("export" + kind.replace(".", "_"))
            button.clicked.connect(lambda _checked=False, chosen=kind: self.export(chosen))
            self.export_buttons[kind] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.lock_button = QPushButton(self)
        self.lock_button.setObjectName("lock")
        self.lock_button.clicked.connect(self.lock)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.lock_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self._enable()
        restore_geometry(self, settings().value(GEOMETRY_KEY), FIRST_SIZE)
        self.frozen.load()
        self.recompute()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Report to the funder"))
        self.picker.retranslate()
        titles = (_("Summary"), _("Tables"), _("Charts"), self._warnings_title(), _("Frozen"))
        for number, title in enumerate(titles):
            self.pages.setTabText(number, title)
        for kind, (text, _caption, _filter) in KINDS.items():
            self.export_buttons[kind].setText(_(text))
        self.lock_button.setText(_("&Lock the report…"))
        self.lock_button.setToolTip(
            _("Store the report as it is now, unchangeable, for the funder's audit")
        )
        self.close_button.setText(_("Close"))
        self.frozen.retranslate()

    def _warnings_title(self) -> str:
        if self.shown is None:
            return _("Warnings")
        count = len(self.shown.report.warnings)
        return _("Warnings ({count})").format(count=count)

    def say(self, text: str) -> None:
        self.message.setText(text)

    def _enable(self) -> None:
        ready = self.shown is not None and self.computing is None and not self.settling.isActive()
        for button in (*self.export_buttons.values(), self.lock_button):
            button.setEnabled(ready)

    # --- the figures --------------------------------------------------------------------------
    def _period_changed(self) -> None:
        """Another period: nothing shown may be exported or locked as it until it is counted."""
        self.asked += 1  # an answer still on its way is for the period before
        self.say(_("Counting the figures…"))
        self.settling.start()
        self._enable()

    def recompute(self) -> None:
        """Count the chosen period's figures in the background; the window says so meanwhile."""
        try:
            chosen = self.picker.chosen()
        except LkoeError as error:
            self.say(error.message)
            return
        self.asked += 1
        ticket = self.asked
        self.say(_("Counting the figures…"))

        def done(shown: Shown) -> None:
            if ticket == self.asked:
                self.computing = None
                self.show_report(shown)

        def failed(error: BaseException) -> None:
            if ticket == self.asked:
                self.computing = None
                self.say(failure_text(error))
                self._enable()

        self.computing = run_in_background(
            self, lambda _progress: compute(self.context, chosen), done, failed, show_progress=False
        )
        self._enable()

    def show_report(self, shown: Shown) -> None:
        self.shown = shown
        report = shown.report
        self._replace_page(SUMMARY, summary_page(report))
        self._replace_page(TABLES, table_page(report.tables))
        self._replace_page(CHARTS, chart_page(report))
        self.warnings.show_warnings(report)
        self.retranslate()
        count = len(report.warnings)
        self.say(
            ngettext(
                "{label}: {count} warning to check before the report is sent.",
                "{label}: {count} warnings to check before the report is sent.",
                count,
            ).format(label=report.period_label, count=count)
            if count
            else _("{label}: no warnings.").format(label=report.period_label)
        )
        self._enable()

    def _replace_page(self, number: int, page: QWidget) -> None:
        current = self.pages.currentIndex()
        old = self.pages.widget(number)
        self.pages.removeTab(number)
        self.pages.insertTab(number, page, "")
        self.pages.setCurrentIndex(current)
        if old is not None:
            old.deleteLater()
        if number == SUMMARY:
            self.summary_page = page
            grid = page.findChild(QTableWidget, "summary")
            assert grid is not None
            self.summary = grid
        elif number == TABLES:
            self.tables = page
        else:
            self.charts = page

    def open_record(self, item: QTreeWidgetItem) -> None:
        """A warning's record clicked: its form opens; after a save the figures are counted
        again."""
        found = self.warnings.record_of(item)
        if found is None:
            return
        entity, record_id = found
        if open_record(self.context, entity, record_id, self) is not None:
            self.recompute()

    # --- files and locking --------------------------------------------------------------------
    def _suggested(self, report: PeriodReport) -> str:
        return _("Report to the funder {period}").format(period=report.period_label)

    def export(self, kind: str) -> None:
        """The report shown, saved as `kind` in the background with progress. The workbook is
        counted again with its deltagarlista, so that the names and the figures in it are of
        one moment (the whole project's takes a while)."""
        if self.shown is None:
            return
        shown = self.shown
        report = shown.report
        period = Period(report.starts_from, report.starts_until)

        def write(path: Path, progress: Any) -> None:
            if kind == documents.XLSX:
                documents.period_report(
                    self.context.database, path, period, kind=kind, progress=progress
                )
            else:
                documents.write_period(path, report, shown.document, kind, shown.setup)

        export(
            self.context,
            self,
            self._suggested(shown.report),
            kind,
            write,
            lambda path: self.say(_("Saved as {path}").format(path=path)),
        )

    def lock(self) -> None:
        """Lås rapporten: after a confirmation that says what it means, the period's report is
        stored for good and shown in the frozen list."""
        if self.shown is None:
            return
        report = self.shown.report
        period = Period(report.starts_from, report.starts_until)
        question = _(
            "Lock the report for {period}?\n\nIts figures and participant list are "
            "stored as they are now, for good: a locked report cannot be edited or deleted, "
            "and it keeps the names it holds even if a person is later erased under GDPR "
            "(the funder's audit requires them). Lock it only when it is to be sent."
        ).format(period=named_dates(report))
        if not self.context.prompts.confirm(self, _("Lock the report"), question):
            return

        def done(frozen_id: int) -> None:
            self.say(_("The report is locked as frozen report {id}.").format(id=frozen_id))
            self.pages.setCurrentIndex(FROZEN)
            self.frozen.load(lambda: self.frozen.select(frozen_id))

        def failed(error: BaseException) -> None:
            self.context.prompts.error(self, _("Lock the report"), failure_text(error))

        run_in_background(
            self,
            lambda _progress: freeze(self.context, period),
            done,
            failed,
            title=_("Locking the report…"),
            cancellable=False,
        )

    def done(self, result: int) -> None:
        settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().done(result)


def open_period_reports(context: AppContext, parent: QWidget | None) -> PeriodReportWindow:
    """Show the Rapporter window (not modal: the clerk may fix a record and come back)."""
    window = PeriodReportWindow(context, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
