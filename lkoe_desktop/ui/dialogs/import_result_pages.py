"""The import wizard's last two pages: the import itself on a worker thread, with progress and
cancel; then what it did (or why it did nothing), the rows it refused saved as an error file
("Spara felfilen"), and the whole import undone ("Ångra import")."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services.imports import ImportOutcome, UndoOutcome
from lkoe_desktop.ui.dialogs.import_outcome_view import CountsView, OutcomeRows, worth_showing
from lkoe_desktop.ui.dialogs.import_preview_page import (
    ProgressLine,
    import_work,
    reporter,
    request_of,
    save_error_file,
)
from lkoe_desktop.ui.dialogs.report_preview import failure_text
from lkoe_desktop.ui.forms.fields import ERROR_STYLE
from lkoe_desktop.ui.ops import Cancelled, Operation, Progress, run_in_background
from lkoe_desktop.ui.widgets.form_fields import mute

if TYPE_CHECKING:
    from lkoe_desktop.ui.dialogs.import_wizard import ImportWizard


class ImportPage(QWizardPage):
    """The import itself, on a worker thread, with progress and a button to cancel it; when it
    ends (done, cancelled or failed) the wizard goes on to the result."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.running: Operation | None = None
        self.setTitle(_("Importing"))
        self.setCommitPage(True)  # once imported, there is no way back but the undo
        self.setSubTitle(_("The rows are saved in one go: if you cancel, nothing is saved."))
        self.progress = ProgressLine(self)
        self.stop = QPushButton(_("&Cancel the import"), self)
        self.stop.setObjectName("stop")
        self.stop.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.stop)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.progress)
        layout.addLayout(row)
        layout.addStretch(2)

    def _wizard(self) -> ImportWizard:
        return cast("ImportWizard", self.wizard())

    def initializePage(self) -> None:
        from lkoe_desktop.services.imports import run_import

        wizard = self._wizard()
        previewed = wizard.preview_page.previewed
        assert previewed is not None
        request = request_of(wizard, wizard.preview_page.skip.isChecked())
        database = wizard.context.database
        self.stop.setEnabled(True)
        self.progress.start(_("Importing…"))

        def work(progress: Progress) -> ImportOutcome:
            report, cancelled = reporter(progress, _("Importing row {done} of {total}…"))
            return import_work(
                lambda: run_import(
                    database, request, read=previewed.read, progress=report, cancelled=cancelled
                )
            )

        self.running = run_in_background(
            self, work, self._finished, self._finished, show_progress=False
        )
        self.running.progressed.connect(self.progress.step)

    def cancel(self) -> None:
        """Avbryt: the import stops at its next step and writes nothing."""
        if self.running is not None:
            self.running.cancel()
            self.stop.setEnabled(False)
            self.progress.text.setText(_("Cancelling…"))

    def _finished(self, result: object) -> None:
        self.running = None
        self._wizard().finish_import(result)

    def isComplete(self) -> bool:
        return self.running is None


class ResultPage(QWizardPage):
    """What the import did, with the error file and the undo at hand."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.outcome: ImportOutcome | None = None
        self.undoing: Operation | None = None
        self.setFinalPage(True)
        self.counts = CountsView(self)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.save_errors = QPushButton(_("&Save the error file…"), self)
        self.save_errors.setObjectName("save_errors")
        self.save_errors.clicked.connect(self._save_errors)
        self.undo = QPushButton(_("&Undo the import…"), self)
        self.undo.setObjectName("undo")
        self.undo.setToolTip(_("Remove what the import created and put back what it changed"))
        self.undo.clicked.connect(self.undo_import)
        self.saved = QLabel(self)
        self.saved.setObjectName("saved")
        mute(self.saved)
        self.table = OutcomeRows(self)  # the rows refused, warned about or changed
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_errors)
        buttons.addWidget(self.undo)
        buttons.addWidget(self.saved, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _wizard(self) -> ImportWizard:
        return cast("ImportWizard", self.wizard())

    def show_result(self, result: object) -> None:
        """The import's outcome, or what stopped it."""
        self.outcome = result if isinstance(result, ImportOutcome) else None
        self.message.setStyleSheet("")
        if isinstance(result, ImportOutcome):
            self.counts.show_counts(result.counts, done=result.written)
            self.counts.show()
            self.table.show_rows(
                list(filter(worth_showing, result.rows)),
                _("No row had an error or a warning, and nothing stored was changed."),
            )
            self.table.show()
            rejected = len(result.rejected())
            self.save_errors.setVisible(rejected > 0)
            self.undo.setVisible(result.batch_id is not None)
            self.undo.setEnabled(True)
            if not result.written:  # a row turned bad after the preview: the file is refused
                self.setTitle(_("The import could not be done"))
                self.message.setStyleSheet(ERROR_STYLE)
                self.message.setText(
                    ngettext(
                        "Nothing was saved: a row has an error. Save the error file, correct "
                        "it and import the file again.",
                        "Nothing was saved: {count} rows have errors. Save the error file, "
                        "correct them and import the file again.",
                        rejected,
                    ).format(count=format_number(rejected))
                )
                return
            self.setTitle(_("The import is done"))
            self.setSubTitle(result.file_name)
            self.message.setText(
                ngettext(
                    "The row with an error was not imported: save the error file, correct it "
                    "and import it again.",
                    "The {count} rows with errors were not imported: save the error file, "
                    "correct them and import it again.",
                    rejected,
                ).format(count=format_number(rejected))
                if rejected
                else _("Every row is imported.")
            )
            return
        self.counts.hide()
        self.table.hide()
        self.save_errors.hide()
        self.undo.hide()
        if isinstance(result, Cancelled):
            self.setTitle(_("The import is cancelled"))
            self.setSubTitle("")
            self.message.setText(_("Nothing was saved."))
        else:
            self.setTitle(_("The import could not be done"))
            self.setSubTitle("")
            self.message.setStyleSheet(ERROR_STYLE)
            assert isinstance(result, BaseException)
            self.message.setText(failure_text(result) + "\n\n" + _("Nothing was saved."))

    def _save_errors(self) -> None:
        if self.outcome is not None:
            save_error_file(self._wizard(), self.outcome, self, self.saved.setText)

    def undo_import(self) -> None:
        """Ångra import: after a question, everything the import did is undone, unless records
        it touched have been changed since (then they are named and nothing changes)."""
        from lkoe_desktop.services.imports import undo_import

        outcome, prompts = self.outcome, self._wizard().context.prompts
        if outcome is None or outcome.batch_id is None or self.undoing is not None:
            return
        question = _(
            "Undo the import of {name}?\n\nWhat it created is removed and what it changed is "
            "put back as it was."
        ).format(name=outcome.file_name)
        if not prompts.confirm(self, _("Undo the import"), question):
            return
        database, batch_id = self._wizard().context.database, outcome.batch_id

        def done(undone: UndoOutcome) -> None:
            self.undoing = None
            self.undo.setEnabled(False)
            self.setTitle(_("The import is undone"))
            self.message.setStyleSheet("")
            self.message.setText(
                _("Removed: {removed}. Put back as they were: {restored}.").format(
                    removed=format_number(undone.removed), restored=format_number(undone.restored)
                )
            )

        def failed(error: BaseException) -> None:
            self.undoing = None
            prompts.error(self, _("Cannot undo the import"), failure_text(error))

        self.undoing = run_in_background(
            self,
            lambda _progress: import_work(lambda: undo_import(database, batch_id)),
            done,
            failed,
            title=_("Undoing the import…"),
            cancellable=False,
        )
