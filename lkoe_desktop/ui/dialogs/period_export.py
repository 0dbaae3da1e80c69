"""Saving a period report (shown or frozen) as PDF, XLSX or JSON from the Rapporter window:
the file chosen through the prompts, written in the background with progress."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from lkoe_desktop import documents
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.files import with_extension
from lkoe_desktop.ui.dialogs.report_preview import failure_text, file_name
from lkoe_desktop.ui.ops import Cancelled, Operation, Progress, run_in_background

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

# kind: (button text, save dialog's caption, file filter)
KINDS = {
    documents.PDF: (N_("Export as &PDF…"), N_("Save as PDF"), N_("PDF documents (*.pdf)")),
    documents.XLSX: (
        N_("Export as &Excel…"),
        N_("Save as Excel"),
        N_("Excel workbooks (*.xlsx)"),
    ),
    documents.JSON: (N_("Export as &JSON…"), N_("Save as JSON"), N_("JSON files (*.json)")),
}
Write = Callable[[Path, Callable[[int, int], None]], object]
_running: set[Operation] = set()  # kept until they report back


def export(
    context: AppContext,
    parent: QWidget,
    suggested: str,
    kind: str,
    write: Write,
    saved: Callable[[Path], None],
) -> Operation | None:
    """Ask where to save (`suggested` as the name), then `write(path, progress)` in the
    background with a progress dialog; `saved(path)` afterwards, or the failure told. None when
    the person cancelled the save dialog."""
    _text, caption, file_filter = KINDS[kind]
    chosen = context.prompts.save_path(
        parent, _(caption), file_name(suggested, kind), _(file_filter)
    )
    if chosen is None:
        return None
    path = chosen.with_name(with_extension(chosen.name, kind))

    def work(progress: Progress) -> Path:
        write(path, lambda done, total: progress.report(done, total, _("Participant list")))
        return path

    def done(result: Path) -> None:
        _running.discard(operation)
        saved(result)

    def failed(error: BaseException) -> None:
        _running.discard(operation)
        if not isinstance(error, Cancelled):
            context.prompts.error(parent, _(caption), failure_text(error, path))

    operation = run_in_background(parent, work, done, failed, title=_(caption))
    _running.add(operation)
    return operation
