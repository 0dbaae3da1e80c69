"""Printed documents from the window: a few choices first where a document has them, then the
preview (made in the background), from which it is printed or saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop import documents
from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import meetings, partners
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.dialogs.meeting_files import file_name
from lkoe_desktop.ui.ops import Progress

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext

MAX_BLANK_ROWS = 60
LAYOUTS = (
    ("a6", N_("Four A6 badges per sheet")),
    ("90x55", N_("Eight 90 × 55 mm badges per sheet")),
)


def _show(
    context: AppContext,
    parent: QWidget | None,
    title: str,
    suggested: str,
    produce: Callable[[BinaryIO, Progress], object],
    extra_saves: list[tuple[str, str, Callable[[Path, Progress], object]]] | None = None,
) -> None:
    from lkoe_desktop.ui.dialogs.report_preview import open_report

    open_report(
        context,
        title,
        produce,
        parent,
        suggested_name=suggested,
        extra_saves=extra_saves or [],
    )


def _today(context: AppContext) -> str:
    return to_stockholm(context.database.clock.now()).date().isoformat()


def _meeting_names(context: AppContext, meeting_id: int, what: str, suffix: str) -> tuple[str, str]:
    with context.database.reading() as session:
        meeting = meetings.get_meeting(session, meeting_id)
    day = to_stockholm(meeting.starts_at).date().isoformat()
    return f"{what} – {meeting.title}", file_name(f"{what} {meeting.title}", day, suffix)


class ReportOptions(QDialog):
    """A document's few choices, remembered for next time."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Show"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def check(self, key: str, text: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setObjectName(key)
        box.setChecked(bool(settings().value(f"reports/{key}", False, type=bool)))
        box.toggled.connect(lambda on: settings().setValue(f"reports/{key}", on))
        self.form.addRow("", box)
        return box

    def layout_choice(self) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("layout")
        for code, text in LAYOUTS:
            combo.addItem(_(text), code)
        combo.setCurrentIndex(max(combo.findData(settings().value("reports/layout", "a6")), 0))
        combo.currentIndexChanged.connect(
            lambda _index: settings().setValue("reports/layout", combo.currentData())
        )
        self.form.addRow(_("Layout:"), combo)
        return combo


def ask(options: ReportOptions) -> bool:
    """Show the choices; True when the person went on."""
    try:
        return options.exec() == QDialog.DialogCode.Accepted
    finally:
        options.deleteLater()


def sign_in_sheet(context: AppContext, meeting_id: int, parent: QWidget | None) -> None:
    """Närvarolista: blank rows, invited people and orientation chosen first."""
    title, suggested = _meeting_names(context, meeting_id, _("Sign-in sheet"), ".pdf")
    options = ReportOptions(_("Sign-in sheet"), parent)
    blank = QSpinBox(options)
    blank.setObjectName("blank_rows")
    blank.setRange(0, MAX_BLANK_ROWS)
    blank.setValue(int(settings().value("reports/blank_rows", 10)))  # type: ignore[call-overload]
    blank.valueChanged.connect(lambda value: settings().setValue("reports/blank_rows", value))
    blank.setToolTip(
        _(
            "As many as fit on the page with the last names, at most this many: no page "
            "holds blank rows alone."
        )
    )
    options.form.addRow(_("Blank rows for walk-ins (at most):"), blank)
    invited = options.check("include_invited", _("Also the people invited but not registered"))
    landscape = options.check("landscape", _("Landscape"))
    choices = (blank.value, invited.isChecked, landscape.isChecked)
    if not ask(options):
        return
    rows, with_invited, across = (read() for read in choices)
    _show(
        context,
        parent,
        title,
        suggested,
        lambda stream, _progress: documents.sign_in_sheet(
            context.database,
            stream,
            meeting_id,
            blank_rows=int(rows),
            include_invited=bool(with_invited),
            landscape=bool(across),
        ),
    )


def badges(context: AppContext, meeting_id: int, parent: QWidget | None) -> None:
    """Namnskyltar in the layout chosen."""
    title, suggested = _meeting_names(context, meeting_id, _("Name badges"), ".pdf")
    options = ReportOptions(_("Name badges"), parent)
    layout = options.layout_choice()
    invited = options.check("include_invited", _("Also the people invited but not registered"))
    chosen = (layout.currentData, invited.isChecked)
    if not ask(options):
        return
    code, with_invited = (read() for read in chosen)
    _show(
        context,
        parent,
        title,
        suggested,
        lambda stream, _progress: documents.badges(
            context.database,
            stream,
            meeting_id,
            layout=str(code),
            include_invited=bool(with_invited),
        ),
    )


def calibration(context: AppContext, parent: QWidget | None) -> None:
    """The one page that measures the badge printer's offset."""
    options = ReportOptions(_("Calibration page for name badges"), parent)
    layout = options.layout_choice()
    read = layout.currentData
    if not ask(options):
        return
    code = str(read())
    _show(
        context,
        parent,
        _("Calibration page for name badges"),
        file_name(_("Calibration page") + " " + code, _today(context), ".pdf"),
        lambda stream, _progress: documents.calibration(context.database, stream, layout=code),
    )


def participant_list(context: AppContext, meeting_id: int, parent: QWidget | None) -> None:
    """Deltagarlista of who attended, as PDF, or saved as Excel for the funder."""
    title, suggested = _meeting_names(context, meeting_id, _("Participant list"), ".pdf")

    def excel(path: Path, _progress: Progress) -> None:
        documents.participant_list(
            context.database, path, meeting_id=meeting_id, kind=documents.XLSX
        )

    _show(
        context,
        parent,
        title,
        suggested,
        lambda stream, _progress: documents.participant_list(
            context.database, stream, meeting_id=meeting_id
        ),
        [(_("Save as Excel…"), _("Excel workbooks (*.xlsx)"), excel)],
    )


def contact_sheets(context: AppContext, partner_id: int | None, parent: QWidget | None) -> None:
    """Kontaktblad of one partner, or of every partner that is not archived."""
    if partner_id is None:
        title = _("Contact sheets")
    else:
        with context.database.reading() as session:
            name = partners.get_partner(session, partner_id).name
        title = _("Contact sheet") + " – " + name
    _show(
        context,
        parent,
        title,
        file_name(title, _today(context), ".pdf"),
        lambda stream, _progress: documents.contact_sheets(
            context.database, stream, partner_id=partner_id
        ),
    )


def partner_register(context: AppContext, parent: QWidget | None) -> None:
    """Partnerregister, with progress: 20 000 partners take a while."""

    def produce(stream: BinaryIO, progress: Progress) -> Any:
        return documents.partner_register(
            context.database,
            stream,
            progress=lambda done, total: progress.report(done, total, _("Partner register")),
        )

    title = _("Partner register")
    _show(context, parent, title, file_name(title, _today(context), ".pdf"), produce)
