"""An export from the window: the export dialog, then the file written by the export core on a
worker thread with progress and cancel, and a word afterwards on how it went."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.ui.dialogs.export_dialog import ExportDialog, ExportOrder
from lkoe_desktop.ui.dialogs.report_preview import failure_text
from lkoe_desktop.ui.export_lists import ListToExport
from lkoe_desktop.ui.ops import Cancelled, Operation, Progress, run_in_background

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database
    from lkoe_desktop.services.exports import ExportResult
    from lkoe_desktop.ui.context import AppContext

_running: set[Operation] = set()  # kept until they report back


def ask(
    context: AppContext, parent: QWidget, listing: ListToExport, *, selected_first: bool
) -> ExportOrder | None:
    """The export dialog for `listing`; what the clerk chose, or None when they cancelled."""
    day = to_stockholm(context.database.clock.now()).date().isoformat()
    dialog = ExportDialog(listing, context.prompts, day, parent, selected_first=selected_first)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.order() if accepted else None
    finally:
        dialog.deleteLater()


def export_list(
    context: AppContext,
    parent: QWidget,
    listing: ListToExport,
    say: Callable[[str], None],
    *,
    selected_first: bool = False,
) -> Operation | None:
    """Ask how to export `listing`, then write it in the background; `say(text)` tells how
    it went (a failure is told in a message box). None when the clerk cancelled the dialog."""
    order = ask(context, parent, listing, selected_first=selected_first)
    if order is None:
        return None
    count = listing.shown if order.ids is None else len(order.ids)
    title = (
        _("Exporting…")
        if count is None
        else ngettext("Exporting {count} row…", "Exporting {count} rows…", count).format(
            count=format_number(count)
        )
    )

    said = f"{title}\n{order.path.name}"  # the progress says which file is being written

    def work(progress: Progress) -> ExportResult:
        def report(done: int, total: int) -> None:
            if done < total:  # the last word comes once the file is written: too late to cancel
                progress.report(done, total, said)

        return write_list(context.database, listing, order, report)

    def done(result: ExportResult) -> None:
        _running.discard(operation)
        say(
            ngettext(
                "{count} row exported to {name}.", "{count} rows exported to {name}.", result.count
            ).format(count=format_number(result.count), name=result.path.name)
        )
        if result.warnings:
            context.prompts.inform(
                parent, _("Exported, with a warning"), "\n\n".join(result.warnings)
            )

    def failed(error: BaseException) -> None:
        _running.discard(operation)
        if isinstance(error, Cancelled):
            say(_("The export was cancelled; no file was written."))
        else:
            context.prompts.error(parent, _("Cannot export"), failure_text(error, order.path))

    operation = run_in_background(parent, work, done, failed, title=title)
    _running.add(operation)
    return operation


def write_list(
    database: Database,
    listing: ListToExport,
    order: ExportOrder,
    report: Callable[[int, int], None],
) -> ExportResult:
    """Write the list (or the chosen rows of it, in the list's order) to the file chosen,
    through the export core; `report(done, total)` may raise Cancelled to stop it."""
    from lkoe_desktop.services.exports import ExportRequest, Listed, export

    request = ExportRequest(
        Listed(listing.kind),
        order.format,
        listing.where,
        listing.sort,
        listing.descending,
        order.ids,
    )
    return export(database, request, order.path, progress=report)
