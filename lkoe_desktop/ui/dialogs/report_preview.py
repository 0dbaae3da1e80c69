"""Any report in a window: made in the background, shown with QtPdf, printed or saved.

`open_report` runs a report's `produce(stream, progress)` off the GUI thread and then shows the
PDF in a `ReportPreview`, from which it goes to the system's print dialog, to a PDF file, or
(through `extra_saves`) to other formats such as Excel.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.files import safe_file_name, with_extension, write_atomically
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.ops import Cancelled, Operation, Progress, run_in_background
from lkoe_desktop.ui.pdf_printing import PdfBytes, print_pdf
from lkoe_desktop.ui.screen_fit import restore_geometry

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

Produce = Callable[[BinaryIO, Progress], object]  # what it returns (a page count) is not used
Writer = Callable[[Path, Progress], object]
ExtraSave = tuple[str, str, Writer]

GEOMETRY_KEY = "dialogs/ReportPreview"
FIRST_SIZE = QSize(960, 1100)  # an A4 page at a readable size, or as tall as the screen
ZOOM_STEP = 1.25
ZOOM_LIMITS = (0.2, 5.0)
_running: set[Operation] = set()  # kept alive until they report back, whatever their parent


# --- files ------------------------------------------------------------------------------------
def file_name(suggested: str, extension: str) -> str:
    """`suggested` (with or without ".pdf") as a file name any system accepts, + `extension`."""
    base = re.sub(r"\.pdf$", "", suggested, flags=re.IGNORECASE)
    return safe_file_name(base, extension, _("report"))


def extension_of(file_filter: str) -> str:
    """The first extension a Qt file filter names: "Excel (*.xlsx)" → ".xlsx"."""
    found = re.search(r"\*(\.[\w.]+)", file_filter)
    return found.group(1) if found else ""


def failure_text(error: BaseException, path: Path | None = None) -> str:
    """What to tell the user about a failure (never a traceback: that goes to the log)."""
    if isinstance(error, LkoeError):
        return error.message
    if path is not None and isinstance(error, OSError):
        return _(
            "“{name}” could not be saved in {folder}. Check that the folder exists, that you "
            "may write to it, and that the file is not open in another program."
        ).format(name=path.name, folder=path.parent)
    return _("Something went wrong. The details are written to the program's log file.")


# --- the window -------------------------------------------------------------------------------
class ReportPreview(QDialog):
    """A finished report on screen, with Print, Save as PDF, any extra saves, zoom and Close."""

    def __init__(
        self,
        context: AppContext,
        title: str,
        data: bytes,
        parent: QWidget | None = None,
        *,
        suggested_name: str,
        extra_saves: Sequence[ExtraSave] = (),
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.title = title
        self.data = data
        self.suggested_name = suggested_name
        self.extra_saves = tuple(extra_saves)
        self.operation: Operation | None = None
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.view = QPdfView(self)
        self.pdf = PdfBytes(data, self)  # after the view: children go in the order made
        self.document = self.pdf.document
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._show_page())
        self.view.viewport().installEventFilter(self)
        self.print_button = QPushButton(self)
        self.print_button.clicked.connect(self.print_report)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save_pdf)
        self.extra_buttons: list[QPushButton] = []
        for number in range(len(self.extra_saves)):
            button = QPushButton(self)
            button.clicked.connect(lambda _checked=False, n=number: self.save_extra(n))
            self.extra_buttons.append(button)
        self.zoom_out_button = QToolButton(self)
        self.zoom_out_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_label = QLabel(self)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("0000 %"))
        self.zoom_in_button = QToolButton(self)
        self.zoom_in_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.fit_button = QToolButton(self)
        self.fit_button.setCheckable(True)
        self.fit_button.clicked.connect(self.fit_width)
        self.page_label = QLabel(self)
        self.message = QLabel(self)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.accept)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_report)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_pdf)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.zoom(ZOOM_STEP))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.zoom(1 / ZOOM_STEP))
        QShortcut(QKeySequence("Ctrl+0"), self, self.fit_width)
        self._lay_out()
        self._restore_geometry()
        self.retranslate()
        self.fit_width()
        self.view.setFocus()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        tools = QHBoxLayout()
        for button in (self.print_button, self.save_button, *self.extra_buttons):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.page_label)
        tools.addSpacing(16)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            tools.addWidget(widget)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)

    def retranslate(self) -> None:
        self.setWindowTitle(self.title)
        self.print_button.setText(_("Print…"))
        self.print_button.setToolTip(_("Print on paper through the system's print dialog (Ctrl+P)"))
        self.save_button.setText(_("Save as PDF…"))
        for button, (text, _filter, _writer) in zip(
            self.extra_buttons, self.extra_saves, strict=True
        ):
            button.setText(text)
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setToolTip(_("Zoom out (Ctrl+−)"))
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setToolTip(_("Zoom in (Ctrl++)"))
        self.fit_button.setText(_("Fit width"))
        self.fit_button.setToolTip(_("Fit the page to the window's width (Ctrl+0)"))
        self.close_button.setText(_("Close"))
        self._show_page()

    # --- pages and zoom ---------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def _show_page(self) -> None:
        self.page_label.setText(
            _("Page {page} of {count}").format(page=self.current_page() + 1, count=self.page_count)
        )
        self.zoom_label.setText(f"{round(self.effective_zoom() * 100)} %")

    def effective_zoom(self) -> float:
        """The zoom the view shows now, also when it fits each page to the width itself."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        dots = QGuiApplication.primaryScreen().logicalDotsPerInch() / 72  # as QPdfView counts
        wide = self.document.pagePointSize(self.current_page()).width() * dots
        return room / wide if wide > 0 else 1.0

    def _keep_place(self, change: Callable[[], None]) -> None:
        """Change the zoom and stay at the same place in the document."""
        bar = self.view.verticalScrollBar()
        place = bar.value() / bar.maximum() if bar.maximum() else 0.0
        change()
        bar.setValue(round(place * bar.maximum()))
        self._show_page()

    def zoom(self, step: float) -> None:
        low, high = ZOOM_LIMITS
        factor = min(high, max(low, self.effective_zoom() * step))
        self.fit_button.setChecked(False)

        def change() -> None:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(factor)

        self._keep_place(change)

    def fit_width(self) -> None:
        self.fit_button.setChecked(True)
        self._keep_place(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._show_page()  # fitting the width changes the zoom
        return super().eventFilter(watched, event)

    # --- seams: what a person chooses in a modal dialog (tests answer instead) -----------------
    def choose_printer(self, printer: QPrinter) -> bool:
        """Let the user choose a printer and pages in the system's print dialog."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print {title}").format(title=self.title))
        dialog.setMinMax(1, self.page_count)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        chosen = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return chosen

    def choose_path(self, caption: str, extension: str, file_filter: str) -> Path | None:
        """Where to save, chosen in the save dialog; the extension is added when missing."""
        suggested = file_name(self.suggested_name, extension)
        path = self.context.prompts.save_path(self, caption, suggested, file_filter)
        return None if path is None else path.with_name(with_extension(path.name, extension))

    # --- actions ------------------------------------------------------------------------------
    def _run(
        self,
        work: Callable[[Progress], Any],
        title: str,
        on_done: Callable[[Any], None],
        path: Path | None = None,
    ) -> None:
        def failed(error: BaseException) -> None:
            self.operation = None
            if not isinstance(error, Cancelled):
                self.context.prompts.error(self, title, failure_text(error, path))

        def finished(result: Any) -> None:
            self.operation = None
            on_done(result)

        self.operation = run_in_background(self, work, finished, failed, title=title)

    def print_report(self) -> None:
        """Print through the system's print dialog, in the background with progress."""
        if self.operation is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        printer.setFromTo(1, self.page_count)
        printer.setPrintRange(QPrinter.PrintRange.AllPages)
        if not self.choose_printer(printer):
            return
        current = self.current_page()

        def printed(pages: int) -> None:
            where = printer.printerName() or printer.outputFileName()
            self.message.setText(
                ngettext(
                    "Sent {count} page to {printer}.", "Sent {count} pages to {printer}.", pages
                ).format(count=pages, printer=where)
            )

        self._run(
            lambda progress: print_pdf(self.data, printer, progress, current),
            _("Printing…"),
            printed,
        )

    def save_pdf(self) -> None:
        """Save the PDF under a name the user chooses (the old file stays whole on failure)."""
        path = self.choose_path(_("Save as PDF"), ".pdf", _("PDF documents (*.pdf)"))
        if path is None:
            return
        try:
            write_atomically(path, lambda temporary: temporary.write_bytes(self.data))
        except OSError as error:
            log.warning("saving %s failed: %s", path, error)
            self.context.prompts.error(self, _("Cannot save"), failure_text(error, path))
            return
        self._saved(path)

    def save_extra(self, number: int) -> None:
        """Save in another format (e.g. Excel) with its writer, in the background."""
        if self.operation is not None:
            return
        text, file_filter, writer = self.extra_saves[number]
        caption = text.rstrip(".… ")
        target = self.choose_path(caption, extension_of(file_filter), file_filter)
        if target is not None:
            self._run(
                lambda progress: write_atomically(target, lambda part: writer(part, progress)),
                caption,
                lambda _none: self._saved(target),
                target,
            )

    def _saved(self, path: Path) -> None:
        self.message.setText(_("Saved as {path}").format(path=path))
        self.message.setToolTip(str(path))

    # --- remembered size ------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        restore_geometry(self, settings().value(GEOMETRY_KEY), FIRST_SIZE)

    def done(self, result: int) -> None:
        settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().done(result)


def open_report(
    context: AppContext,
    title: str,
    produce: Produce,
    parent: QWidget | None,
    *,
    suggested_name: str,
    extra_saves: Sequence[ExtraSave] = (),
) -> Operation:
    """Make a report in the background (progress and cancel for long ones), then show it.

    `produce(stream, progress)` writes the PDF into `stream`; `extra_saves` are (button text,
    file filter, writer(path, progress)) for other formats. A failure is shown through
    `context.prompts`; a cancelled report shows nothing.
    """

    def work(progress: Progress) -> bytes:
        stream = io.BytesIO()
        produce(stream, progress)
        return stream.getvalue()

    def show(data: bytes) -> None:
        _running.discard(operation)
        preview = ReportPreview(
            context, title, data, parent, suggested_name=suggested_name, extra_saves=extra_saves
        )
        if not preview.pdf.ready:
            log.error("%s: the report is not a readable PDF (%d bytes)", title, len(data))
            preview.deleteLater()
            failed(LkoeError(_("The report could not be shown: it is not a readable PDF.")))
            return
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Modal to the window it came from, so that a form cannot close under its preview.
        preview.setWindowModality(Qt.WindowModality.WindowModal)
        preview.show()
        preview.raise_()
        preview.activateWindow()

    def failed(error: BaseException) -> None:
        _running.discard(operation)
        if isinstance(error, Cancelled):
            return
        text = failure_text(error)
        if not isinstance(error, LkoeError):
            text = _("“{title}” could not be made.").format(title=title) + " " + text
        context.prompts.error(parent, _("Cannot make the report"), text)

    operation = run_in_background(
        parent, work, show, failed, title=_("Making “{title}”…").format(title=title)
    )
    _running.add(operation)
    return operation
