"""The import wizard's third page: the preview, the real import run and rolled back on a worker
thread with progress; and what the later pages share with it (the core's request for what the
clerk chose, a progress line, saving the error file)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar, cast

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services.imports import (
    ImportCancelled,
    ImportMode,
    ImportOutcome,
    ImportRequest,
)
from lkoe_desktop.ui.dialogs.import_outcome_view import (
    CountsView,
    OutcomeRows,
    worth_showing,
)
from lkoe_desktop.ui.dialogs.report_preview import failure_text
from lkoe_desktop.ui.forms.fields import ERROR_STYLE
from lkoe_desktop.ui.ops import (
    Cancelled,
    Operation,
    Progress,
    run_in_background,
)
from lkoe_desktop.ui.widgets.form_fields import mute

if TYPE_CHECKING:
    from lkoe_desktop.exchange.import_rows import ReadResult
    from lkoe_desktop.ui.dialogs.import_wizard import ImportWizard

T = TypeVar("T")


@dataclass(frozen=True)
class Previewed:
    """A preview and the rows it was made from, which the import then uses unchanged."""

    read: ReadResult
    outcome: ImportOutcome


def request_of(wizard: ImportWizard, skip_invalid: bool) -> ImportRequest:
    """The core's request for what the clerk chose in the wizard."""
    choices = wizard.choices
    assert choices is not None and wizard.mapping is not None
    return ImportRequest(
        path=choices.path,
        kind=choices.kind,
        mode=ImportMode(choices.mode),
        meeting_id=choices.meeting_id,
        mapping=wizard.mapping,
        sheet=choices.sheet,
        skip_invalid=skip_invalid,
        legal_basis=choices.legal_basis.value,
        group_id=choices.group_id,
    )


def import_work(work: Callable[[], T]) -> T:
    """`work()` of an import on a worker thread, the core's ImportCancelled turned into the
    Cancelled that a background operation expects when the clerk cancels (the import pauses
    the garbage collector itself, and the wizard while it is open)."""
    try:
        return work()
    except ImportCancelled as cancelled:
        raise Cancelled from cancelled


def reporter(
    progress: Progress, text: str
) -> tuple[Callable[[int, int], None], Callable[[], bool]]:
    """The core's progress and cancel callbacks, told to `progress` with `text`."""

    def report(done: int, total: int) -> None:
        progress.report(
            done, total, text.format(done=format_number(done), total=format_number(total))
        )

    return report, lambda: progress.cancelled


class ProgressLine(QWidget):
    """A bar with a line of text above it, shown while work runs."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.text = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.bar)

    def start(self, text: str) -> None:
        self.text.setText(text)
        self.bar.setRange(0, 0)
        self.show()

    def step(self, done: int, total: int, text: str) -> None:
        self.bar.setRange(0, max(total, 0))
        self.bar.setValue(min(done, total) if total else 0)
        if text:
            self.text.setText(text)


class PreviewPage(QWizardPage):
    """What the import would do, row by row, worked out by running it and rolling it back."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.previewed: Previewed | None = None
        self.running: Operation | None = None
        self.setTitle(_("Preview"))
        self.setSubTitle(_("What the import will do. Nothing is saved until you click Import."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.progress = ProgressLine(self)
        self.counts = CountsView(self)
        self.notes = QLabel(self)
        self.notes.setObjectName("notes")
        self.notes.setWordWrap(True)
        mute(self.notes)
        self.show_all = QCheckBox(_("Show &every row"), self)
        self.show_all.toggled.connect(lambda _on: self._show_rows())
        self.table = OutcomeRows(self)
        self.model = self.table.model_
        self.skip = QCheckBox(self)
        self.skip.setObjectName("skip")
        self.skip.toggled.connect(lambda _on: self._show_verdict())
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.save_errors = QPushButton(_("&Save the error file…"), self)
        self.save_errors.clicked.connect(self._save_errors)
        self.saved = QLabel(self)
        self.saved.setObjectName("saved")
        mute(self.saved)
        above = QHBoxLayout()
        above.addWidget(self.notes, 1)
        above.addWidget(self.show_all)
        below = QHBoxLayout()
        below.addWidget(self.skip, 1)
        below.addWidget(self.saved)
        below.addWidget(self.save_errors)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.counts)
        layout.addLayout(above)
        layout.addWidget(self.table, 1)
        layout.addLayout(below)
        layout.addWidget(self.verdict)

    def _wizard(self) -> ImportWizard:
        return cast("ImportWizard", self.wizard())

    def initializePage(self) -> None:
        """Run the import and roll it back, in the background, with progress."""
        from lkoe_desktop.exchange.import_rows import read_rows
        from lkoe_desktop.services.imports import preview_import

        wizard = self._wizard()
        table, mapping, choices = wizard.table, wizard.mapping, wizard.choices
        assert table is not None and mapping is not None and choices is not None
        database = wizard.context.database
        request = request_of(wizard, choices.skip_invalid)
        self.previewed = None
        self.table.show_rows(())
        self.counts.show_counts(None)
        self.notes.clear()
        self.verdict.clear()
        self.skip.hide()
        self.skip.setChecked(choices.skip_invalid)
        self.save_errors.hide()
        self.saved.clear()
        self.progress.start(_("Checking the rows…"))

        def preview(progress: Progress) -> Previewed:
            read = read_rows(table, mapping)
            report, cancelled = reporter(progress, _("Checking row {done} of {total}…"))
            outcome = preview_import(
                database, request, read=read, progress=report, cancelled=cancelled
            )
            return Previewed(read, outcome)

        self.running = run_in_background(
            self,
            lambda progress: import_work(lambda: preview(progress)),
            self._show_preview,
            self._failed,
            show_progress=False,
        )
        self.running.progressed.connect(self.progress.step)
        self.completeChanged.emit()

    def cleanupPage(self) -> None:
        """Back: a preview still running is stopped."""
        if self.running is not None:
            self.running.done.disconnect(self._show_preview)  # its answer is for no one now
            self.running.error.disconnect(self._failed)
            self.running.cancel()
            self.running = None
        self.previewed = None

    def _show_preview(self, previewed: Previewed) -> None:
        self.running = None
        self.previewed = previewed
        self.progress.hide()
        outcome = previewed.outcome
        self.counts.show_counts(outcome.counts)
        self.notes.setText("\n".join(str(problem) for problem in outcome.file_problems))
        self._show_rows()
        errors = outcome.counts.errors
        self.skip.setText(
            ngettext(
                "S&kip the row with an error and import the others",
                "S&kip the {count} rows with errors and import the others",
                errors,
            ).format(count=format_number(errors))
        )
        self.skip.setVisible(errors > 0)
        self.save_errors.setVisible(errors > 0)
        self._show_verdict()

    def _show_rows(self) -> None:
        if self.previewed is None:
            return
        rows = self.previewed.outcome.rows
        self.table.show_rows(
            rows if self.show_all.isChecked() else list(filter(worth_showing, rows)),
            _("No row has an error or a warning, and nothing stored changes."),
        )

    def _show_verdict(self) -> None:
        self.verdict.setStyleSheet("")
        if self.previewed is not None:
            counts = self.previewed.outcome.counts
            if counts.errors and not self.skip.isChecked():
                self.verdict.setStyleSheet(ERROR_STYLE)
                self.verdict.setText(
                    _(
                        "Nothing is imported while a row has an error. Correct the rows in the "
                        "file (the error file lists them) and choose it again, or skip them."
                    )
                )
            elif counts.rows == counts.errors:
                self.verdict.setText(_("There is no row to import."))
            else:
                self.verdict.setText(_("Click Import to bring the rows in."))
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self.running = None
        self.progress.hide()
        if not isinstance(error, Cancelled):
            self.verdict.setStyleSheet(ERROR_STYLE)
            self.verdict.setText(failure_text(error))
        self.completeChanged.emit()

    def _save_errors(self) -> None:
        if self.previewed is not None:
            save_error_file(self._wizard(), self.previewed.outcome, self, self.saved.setText)

    def isComplete(self) -> bool:
        if self.previewed is None or self.running is not None:
            return False
        counts = self.previewed.outcome.counts
        return counts.rows > counts.errors and (counts.errors == 0 or self.skip.isChecked())


def save_error_file(
    wizard: ImportWizard, outcome: ImportOutcome, parent: QWidget, say: Callable[[str], None]
) -> None:
    """Spara felfilen: the rejected rows in the file's own format, with a reason column; `say`
    tells where they went."""
    from pathlib import Path

    from lkoe_desktop.services.imports import write_error_file

    name = Path(outcome.file_name)
    suggested = _("{name} – errors{suffix}").format(name=name.stem, suffix=name.suffix)
    file_filter = (
        _("Excel workbooks (*.xlsx)") if name.suffix.lower() == ".xlsx" else _("CSV files (*.csv)")
    )
    path = wizard.context.prompts.save_path(
        parent, _("Save the error file"), suggested, file_filter
    )
    if path is None:
        return

    def done(count: int) -> None:
        say(
            ngettext(
                "The row with an error is saved in {name}.",
                "The {count} rows with errors are saved in {name}.",
                count,
            ).format(count=format_number(count), name=path.name)
        )

    def failed(error: BaseException) -> None:
        wizard.context.prompts.error(parent, _("Save the error file"), failure_text(error, path))

    run_in_background(
        parent,
        lambda _progress: write_error_file(outcome, path),
        done,
        failed,
        title=_("Saving the error file…"),
        cancellable=False,
    )
