"""The report preview: made in the background, shown with QtPdf, printed, saved, errors told."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QPageRanges
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas
from window_fakes import RecordingPrompts

from lkoe_desktop.domain.errors import NotFoundError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.ui.context import AppContext
from lkoe_desktop.ui.dialogs.report_preview import (
    ReportPreview,
    extension_of,
    file_name,
    open_report,
)
from lkoe_desktop.ui.language import apply_language
from lkoe_desktop.ui.ops import Progress

PAGES = 4
LANDSCAPE_PAGE = 2  # index of the one landscape page


def make_pdf(stream: BinaryIO, pages: int = PAGES) -> None:
    """A small report: A4 pages with a heading and a dark box, one of them landscape."""
    sheet = canvas.Canvas(stream, pagesize=A4)
    for index in range(pages):
        size = landscape(A4) if index == LANDSCAPE_PAGE else A4
        sheet.setPageSize(size)
        sheet.setFont("Helvetica-Bold", 24)
        sheet.drawString(60, size[1] - 80, f"Närvarolista – sida {index + 1}")
        sheet.rect(60, size[1] - 300, 300, 180, fill=1)
        sheet.showPage()
    sheet.save()


def pdf_bytes(pages: int = PAGES) -> bytes:
    stream = io.BytesIO()
    make_pdf(stream, pages)
    return stream.getvalue()


@pytest.fixture
def prompts(tmp_path: Path) -> RecordingPrompts:
    """Saves go to an empty folder of their own."""
    (tmp_path / "saved").mkdir()
    return RecordingPrompts(save_to=tmp_path / "saved" / "lista")


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    return window


@pytest.fixture
def preview(qtbot: QtBot, context: AppContext) -> ReportPreview:
    dialog = ReportPreview(
        context, "Närvarolista", pdf_bytes(), suggested_name="Närvarolista: Frukost 2026-03-02"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def opened(qtbot: QtBot, parent: QWidget) -> ReportPreview:
    qtbot.waitUntil(lambda: parent.findChild(ReportPreview) is not None)
    found = parent.findChild(ReportPreview)
    assert isinstance(found, ReportPreview)
    return found


def print_into(path: Path, pages: tuple[int, int] | None = None) -> Callable[[QPrinter], bool]:
    """Answer the print dialog: print to a PDF file, all pages or `pages` (first, last)."""

    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        if pages is not None:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            ranges = QPageRanges()
            ranges.addRange(*pages)
            printer.setPageRanges(ranges)
        return True

    return choose


def dark_share(data: bytes, page: int) -> float:
    """How much of a page, rendered small, is dark: zero for a blank page."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    image = document.render(page, QSize(60, 80))
    dark = sum(QColor(image.pixel(x, y)).lightness() < 100 for x in range(60) for y in range(80))
    return dark / (60 * 80)


# --- making the report ---------------------------------------------------------------------------
def test_a_report_made_in_the_background_opens_in_the_preview(
    qtbot: QtBot, context: AppContext, parent: QWidget
) -> None:
    threads: list[threading.Thread] = []

    def produce(stream: BinaryIO, progress: Progress) -> None:
        threads.append(threading.current_thread())
        progress.report(0, 1, "Närvarolista")
        make_pdf(stream)

    open_report(context, "Närvarolista", produce, parent, suggested_name="Närvarolista")
    preview = opened(qtbot, parent)
    assert threads and threads[0] is not threading.main_thread()
    assert preview.page_count == PAGES
    assert preview.view.pageMode() == QPdfView.PageMode.MultiPage
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.windowTitle() == "Närvarolista"
    assert preview.page_label.text() == _("Page {page} of {count}").format(page=1, count=PAGES)
    assert not context.prompts.asked  # type: ignore[attr-defined]
    preview.close()


def test_a_failed_report_is_told_without_a_traceback(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts, parent: QWidget
) -> None:
    def broken(stream: BinaryIO, progress: Progress) -> None:
        raise RuntimeError("reportlab exploded")

    operation = open_report(context, "Kontaktblad", broken, parent, suggested_name="k")
    with qtbot.waitSignal(operation.error):
        pass
    qtbot.waitUntil(lambda: bool(prompts.errors))
    assert "Kontaktblad" in prompts.errors[0]
    assert "Traceback" not in prompts.errors[0] and "exploded" not in prompts.errors[0]
    assert parent.findChild(ReportPreview) is None


def test_a_domain_error_is_told_in_its_own_words(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts, parent: QWidget
) -> None:
    def unknown(stream: BinaryIO, progress: Progress) -> None:
        raise NotFoundError("Mötet med id 99 finns inte.")

    open_report(context, "Närvarolista", unknown, parent, suggested_name="n")
    qtbot.waitUntil(lambda: bool(prompts.errors))
    assert prompts.errors == ["Mötet med id 99 finns inte."]


def test_something_that_is_not_a_pdf_is_told_not_shown(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts, parent: QWidget
) -> None:
    open_report(
        context,
        "Register",
        lambda stream, _progress: stream.write(b"%PDF nej"),
        parent,
        suggested_name="r",
    )
    qtbot.waitUntil(lambda: bool(prompts.errors))
    assert parent.findChild(ReportPreview) is None


def test_a_cancelled_report_shows_nothing(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts, parent: QWidget
) -> None:
    started = threading.Event()

    def endless(stream: BinaryIO, progress: Progress) -> None:
        started.set()
        while True:
            progress.report(0, 20_000, "Partner")
            threading.Event().wait(0.005)

    operation = open_report(context, "Register", endless, parent, suggested_name="r")
    assert started.wait(30)
    with qtbot.waitSignal(operation.error):
        operation.cancel()
    qtbot.wait(50)
    assert not prompts.errors
    assert parent.findChild(ReportPreview) is None


# --- looking at it --------------------------------------------------------------------------------
def test_zoom_in_and_out_and_back_to_the_width(qtbot: QtBot, preview: ReportPreview) -> None:
    fitted = preview.effective_zoom()
    preview.zoom_in_button.click()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert preview.view.zoomFactor() == pytest.approx(fitted * 1.25)
    assert not preview.fit_button.isChecked()
    preview.zoom_out_button.click()
    preview.zoom_out_button.click()
    assert preview.view.zoomFactor() == pytest.approx(fitted / 1.25)
    preview.fit_button.click()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    assert preview.fit_button.isChecked()


def test_the_page_shown_follows_the_scrolling(qtbot: QtBot, preview: ReportPreview) -> None:
    bar = preview.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    expected = _("Page {page} of {count}").format(page=PAGES, count=PAGES)
    qtbot.waitUntil(lambda: preview.page_label.text() == expected)


def test_the_window_size_is_remembered(qtbot: QtBot, context: AppContext) -> None:
    first = ReportPreview(context, "A", pdf_bytes(1), suggested_name="a")
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 520)
    first.close()
    second = ReportPreview(context, "B", pdf_bytes(1), suggested_name="b")
    qtbot.addWidget(second)
    assert second.size() == QSize(700, 520)


def test_english_after_a_language_switch(preview: ReportPreview) -> None:
    apply_language("en")
    preview.retranslate()
    assert preview.print_button.text() == "Print…"
    assert preview.save_button.text() == "Save as PDF…"
    assert preview.page_label.text() == f"Page 1 of {PAGES}"


# --- printing -------------------------------------------------------------------------------------
def test_printing_gives_the_same_pages_landscape_and_all(
    qtbot: QtBot, preview: ReportPreview, tmp_path: Path
) -> None:
    printed = tmp_path / "printed.pdf"
    preview.choose_printer = print_into(printed)  # type: ignore[method-assign]
    preview.print_button.click()
    qtbot.waitUntil(lambda: preview.operation is None and printed.exists())
    pages = PdfReader(printed).pages
    assert len(pages) == PAGES
    for index, page in enumerate(pages):
        wide = page.mediabox.width > page.mediabox.height
        assert wide == (index == LANDSCAPE_PAGE)
        assert float(page.mediabox.width) == pytest.approx(A4[1] if wide else A4[0], abs=2)
    assert all(0.02 < dark_share(printed.read_bytes(), index) < 0.3 for index in range(PAGES))
    assert str(printed) in preview.message.text()


def test_printing_some_pages(qtbot: QtBot, preview: ReportPreview, tmp_path: Path) -> None:
    printed = tmp_path / "two.pdf"
    preview.choose_printer = print_into(printed, (2, 3))  # type: ignore[method-assign]
    preview.print_report()
    qtbot.waitUntil(lambda: preview.operation is None and printed.exists())
    pages = PdfReader(printed).pages
    assert len(pages) == 2
    assert pages[1].mediabox.width > pages[1].mediabox.height  # page 3 is the landscape one


def test_a_printing_dialog_cancelled_prints_nothing(
    preview: ReportPreview, prompts: RecordingPrompts
) -> None:
    preview.choose_printer = lambda printer: False  # type: ignore[method-assign]
    preview.print_report()
    assert preview.operation is None
    assert not prompts.errors


# --- saving ---------------------------------------------------------------------------------------
def test_save_as_pdf_adds_the_extension_and_writes_the_bytes(
    preview: ReportPreview, prompts: RecordingPrompts
) -> None:
    preview.save_button.click()
    saved = (prompts.save_to or Path()).with_name("lista.pdf")
    assert saved.read_bytes() == preview.data
    assert prompts.asked == ["Närvarolista - Frukost 2026-03-02.pdf"]
    assert [path.name for path in saved.parent.iterdir()] == ["lista.pdf"]  # no temporary left
    assert str(saved) in preview.message.text()


def test_save_into_a_folder_that_cannot_be_written_is_told(
    preview: ReportPreview, prompts: RecordingPrompts, tmp_path: Path
) -> None:
    prompts.save_to = tmp_path / "finns-inte" / "lista.pdf"
    preview.save_pdf()
    assert len(prompts.errors) == 1
    assert str(tmp_path / "finns-inte") in prompts.errors[0]
    assert "Traceback" not in prompts.errors[0]


def test_an_extra_save_runs_its_writer_in_the_background(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts
) -> None:
    threads: list[threading.Thread] = []

    def write_excel(path: Path, progress: Progress) -> None:
        threads.append(threading.current_thread())
        progress.report(1, 1)
        path.write_bytes(b"xlsx")

    preview = ReportPreview(
        context,
        "Deltagarlista",
        pdf_bytes(1),
        suggested_name="Deltagarlista.pdf",
        extra_saves=[("Spara som Excel…", "Excel (*.xlsx)", write_excel)],
    )
    qtbot.addWidget(preview)
    assert preview.extra_buttons[0].text() == "Spara som Excel…"
    preview.extra_buttons[0].click()
    saved = (prompts.save_to or Path()).with_name("lista.xlsx")
    qtbot.waitUntil(lambda: preview.operation is None)
    assert saved.read_bytes() == b"xlsx"
    assert prompts.asked == ["Deltagarlista.xlsx"]
    assert threads[0] is not threading.main_thread()


def test_a_failing_extra_save_leaves_the_old_file_whole(
    qtbot: QtBot, context: AppContext, prompts: RecordingPrompts
) -> None:
    target = (prompts.save_to or Path()).with_name("lista.xlsx")
    target.write_bytes(b"the old file")

    def half_then_fail(path: Path, progress: Progress) -> None:
        path.write_bytes(b"half")
        raise OSError("disk full")

    preview = ReportPreview(
        context,
        "Deltagarlista",
        pdf_bytes(1),
        suggested_name="Deltagarlista",
        extra_saves=[("Spara som Excel…", "Excel (*.xlsx)", half_then_fail)],
    )
    qtbot.addWidget(preview)
    preview.save_extra(0)
    qtbot.waitUntil(lambda: bool(prompts.errors))
    assert target.read_bytes() == b"the old file"
    assert [path.name for path in target.parent.iterdir()] == ["lista.xlsx"]
    assert "lista.xlsx" in prompts.errors[0]


@pytest.mark.parametrize(
    ("suggested", "extension", "expected"),
    [
        ("Närvarolista 2026-03-02", ".pdf", "Närvarolista 2026-03-02.pdf"),
        ("Kontaktblad A.B. AB.pdf", ".xlsx", "Kontaktblad A.B. AB.xlsx"),
        ('Möte: "vår/höst" <2026>?', ".pdf", "Möte - vår-höst 2026.pdf"),
        ("...", ".pdf", _("report") + ".pdf"),
    ],
)
def test_suggested_file_names_are_valid_everywhere(
    suggested: str, extension: str, expected: str
) -> None:
    assert file_name(suggested, extension) == expected


def test_the_extension_comes_from_the_file_filter() -> None:
    assert extension_of("Excel (*.xlsx)") == ".xlsx"
    assert extension_of("CSV-filer (*.csv *.txt)") == ".csv"
