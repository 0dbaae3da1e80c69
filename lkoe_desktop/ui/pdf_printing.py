"""Printing a PDF from memory on a QPrinter at real size; no widgets (runs on a worker thread)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.ops import Cancelled, Progress

MAX_PRINT_DPI = 300  # a page image at the printer's 1200 dpi would take half a gigabyte


class PdfBytes:
    """A PDF loaded for QtPdf from bytes in memory (the buffer must outlive the document)."""

    def __init__(self, data: bytes, parent: QObject | None = None) -> None:
        self.buffer = QBuffer(parent)
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument() if parent is None else QPdfDocument(parent)
        self.document.load(self.buffer)

    @property
    def ready(self) -> bool:
        status = self.document.status()
        return status == QPdfDocument.Status.Ready and self.document.pageCount() > 0

    def close(self) -> None:
        self.document.close()
        self.buffer.close()


def pages_to_print(printer: QPrinter, count: int, current: int) -> list[int]:
    """The page indexes the print dialog asked for: all, a range such as 1–3,5, or the page
    shown in the preview."""
    if printer.printRange() == QPrinter.PrintRange.CurrentPage:
        return [current]
    ranges = printer.pageRanges()
    if printer.printRange() == QPrinter.PrintRange.PageRange and not ranges.isEmpty():
        return [index for index in range(count) if ranges.contains(index + 1)]
    return list(range(count))


def draw_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, index: int) -> None:
    """One PDF page on the printer's page at its real size (so badges land where they are
    measured to), shrunk to fit when the paper is smaller, turned when the paper could not be."""
    paper = printer.paperRect(QPrinter.Unit.DevicePixel).size()
    inches = document.pagePointSize(index) / 72
    turn = (inches.width() > inches.height()) != (paper.width() > paper.height())
    room = paper.transposed() if turn else paper
    full = inches * printer.resolution()  # the page at its real size, in printer dots
    scale = min(1.0, room.width() / full.width(), room.height() / full.height())
    ink = document.render(
        index, (inches * min(printer.resolution() * scale, MAX_PRINT_DPI)).toSize()
    )
    image = QImage(ink.size(), QImage.Format.Format_RGB32)  # QtPdf leaves the paper transparent
    image.fill(Qt.GlobalColor.white)
    on_paper = QPainter(image)
    on_paper.drawImage(0, 0, ink)
    on_paper.end()
    painter.save()
    if turn:
        painter.translate(paper.width(), 0)
        painter.rotate(90)
    painter.drawImage(QRectF(QPointF(), full * scale), image)
    painter.restore()


def print_pdf(data: bytes, printer: QPrinter, progress: Progress, current: int = 0) -> int:
    """Print the chosen pages of the PDF `data` on `printer`; the number of pages printed."""
    pdf = PdfBytes(data)
    painter = QPainter()
    try:
        pages = pages_to_print(printer, pdf.document.pageCount(), current)
        printer.setFullPage(True)
        for number, index in enumerate(pages):
            progress.report(
                number,
                len(pages),
                _("Printing page {page} of {count}…").format(page=number + 1, count=len(pages)),
            )
            points = pdf.document.pagePointSize(index)
            landscape = points.width() > points.height()
            printer.setPageOrientation(
                QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
            )
            started = painter.begin(printer) if number == 0 else printer.newPage()
            if not started:
                raise LkoeError(
                    _("The printer could not be started. Check that it is on and connected.")
                )
            draw_page(painter, printer, pdf.document, index)
        return len(pages)
    except Cancelled:
        printer.abort()
        raise
    finally:
        if painter.isActive():
            painter.end()
        pdf.close()
