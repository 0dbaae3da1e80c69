"""Arkiv → Importera…: the wizard that brings partners, contacts or a meeting's registrations in
from a CSV or XLSX file — the file and what it holds, the columns, the preview, the import and
its result — with every slow step on a worker thread, so that the window never freezes."""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QWidget, QWizard

from lkoe_desktop.collector import collector_paused
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.dialogs.import_file_page import FilePage
from lkoe_desktop.ui.dialogs.import_mapping_page import MappingPage
from lkoe_desktop.ui.dialogs.import_preview_page import PreviewPage
from lkoe_desktop.ui.dialogs.import_result_pages import ImportPage, ResultPage
from lkoe_desktop.ui.screen_fit import restore_geometry

if TYPE_CHECKING:
    from lkoe_desktop.exchange.import_file import SourceTable
    from lkoe_desktop.exchange.import_mapping import ColumnMapping
    from lkoe_desktop.ui.context import AppContext
    from lkoe_desktop.ui.dialogs.import_file_page import Choices

GEOMETRY_KEY = "dialogs/ImportWizard"
FIRST_SIZE = QSize(980, 680)
FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, IMPORT_PAGE, RESULT_PAGE = range(5)


class ImportWizard(QWizard):
    """The import, page by page. The pages keep what they found here: the file read
    (`table`), the clerk's choices (`choices`) and the column mapping (`mapping`)."""

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, meeting_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        # The collector stays off while the wizard is open, not only while its work runs: the
        # rows read and previewed (a hundred thousand) are then never walked by a collection
        # that would hold the window still; once it is closed they are freed as usual.
        self.collector = ExitStack()
        self.collector.enter_context(collector_paused())
        collector = self.collector
        self.destroyed.connect(lambda: collector.close())
        self.table: SourceTable | None = None
        self.choices: Choices | None = None
        self.mapping: ColumnMapping | None = None
        self.setWindowTitle(_("Import from a file"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(context, meeting_id, self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        self.result_page = ResultPage(self)
        pages = (
            self.file_page,
            self.mapping_page,
            self.preview_page,
            self.import_page,
            self.result_page,
        )
        for number, page in enumerate(pages):
            self.setPage(number, page)
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Next >"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Cancel"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Close"))
        restore_geometry(self, settings().value(GEOMETRY_KEY), FIRST_SIZE)

    def finish_import(self, result: object) -> None:
        """The import ended (its outcome, or the error or cancel that stopped it): show it."""
        self.result_page.show_result(result)
        self.next()

    def reject(self) -> None:
        """Avbryt, Esc or the window's close box: a running import is cancelled (the wizard
        then shows that nothing was saved); otherwise the wizard closes."""
        if self.import_page.running is not None:
            self.import_page.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        for work in (self.file_page.reading, self.preview_page.running):
            if work is not None:
                work.cancel()
        settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        self.collector.close()
        super().done(result)


def open_import_wizard(
    context: AppContext, parent: QWidget | None, meeting_id: int | None = None
) -> ImportWizard:
    """Show the import wizard (modal to the window; a registration file goes to `meeting_id`
    unless the clerk chooses another meeting)."""
    wizard = ImportWizard(context, parent, meeting_id)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.setWindowModality(Qt.WindowModality.WindowModal)
    wizard.show()
    return wizard
