"""The import wizard's first page: the file (read at once in the background, so that what is
wrong with it shows beside it), the sheet, what the file holds and how it is to be brought in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from lkoe_desktop.domain.clock import to_stockholm
from lkoe_desktop.domain.codes import LegalBasis, label
from lkoe_desktop.domain.errors import ImportFileError
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.exchange.import_mapping import ImportKind
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.dialogs.report_preview import failure_text
from lkoe_desktop.ui.forms.fields import ERROR_STYLE
from lkoe_desktop.ui.ops import Operation, run_in_background
from lkoe_desktop.ui.widgets.form_fields import mute

if TYPE_CHECKING:
    from lkoe_desktop.exchange.import_file import SourceTable
    from lkoe_desktop.ui.context import AppContext
    from lkoe_desktop.ui.dialogs.import_wizard import ImportWizard

ZIP = b"PK\x03\x04"  # how an XLSX workbook begins
SETTLE_MS = 300  # a path typed is read once the typing pauses
MODES = ("fill", "create", "update")
FOLDER_KEY = "import/last_folder"


@dataclass(frozen=True)
class Choices:
    """What the clerk chose on the first page: the file, what it holds and how to bring it in."""

    path: Path
    kind: ImportKind
    sheet: str | None
    mode: str  # "fill", "create" or "update" (partners and contacts)
    skip_invalid: bool
    legal_basis: LegalBasis  # for every contact the import creates
    meeting_id: int | None  # registrations
    group_id: int | None  # every imported contact is added to it


def _mode_text(mode: str) -> str:
    return {
        "fill": _("Fill in the empty fields of records that exist (the usual choice)"),
        "create": _("Only add new records; leave those that exist as they are"),
        "update": _("Overwrite records that exist with the file's values"),
    }[mode]


def _kind_text(kind: ImportKind) -> str:
    return {
        ImportKind.PARTNERS: _("&Partners (organisations)"),
        ImportKind.CONTACTS: _("&Contacts (people, with their organisation)"),
        ImportKind.REGISTRATIONS: _("&Registrations for a meeting (e.g. a web form's export)"),
    }[kind]


class FilePage(QWizardPage):
    """The file, read as soon as it is chosen; the page is complete once it is read and, for
    registrations, a meeting is chosen."""

    def __init__(self, context: AppContext, meeting_id: int | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.table: SourceTable | None = None
        self.reading: Operation | None = None
        self.asked = 0  # the latest reading asked for; older answers are dropped
        self.setTitle(_("The file to import"))
        self.setSubTitle(
            _("A CSV file or an Excel workbook (XLSX), with the column names in its first row.")
        )
        self.path = QLineEdit(self)
        self.path.setObjectName("path")
        self.path.setPlaceholderText(_("Choose a file, or type or paste its path"))
        self.browse = QPushButton(_("&Choose file…"), self)
        self.browse.clicked.connect(self.choose_file)
        self.settling = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self.settling.timeout.connect(self.read_file)
        self.path.textChanged.connect(self._path_changed)
        self.sheet = QComboBox(self)
        self.sheet.setObjectName("sheet")
        self.sheet.activated.connect(lambda _index: self.read_file())
        self.sheet_label = QLabel(_("&Sheet:"), self)
        self.sheet_label.setBuddy(self.sheet)
        self.about_file = QLabel(self)
        self.about_file.setObjectName("about_file")
        self.about_file.setWordWrap(True)
        # Two lines kept for it, so that the page does not move when the file has been read.
        self.about_file.setMinimumHeight(2 * self.about_file.fontMetrics().lineSpacing())
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(12)
        self.busy.setTextVisible(False)
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the page does not move when it shows
        self.busy.setSizePolicy(policy)
        self.busy.hide()

        self.kinds = QButtonGroup(self)
        kind_box = QVBoxLayout()
        for number, kind in enumerate(ImportKind):
            button = QRadioButton(_kind_text(kind), self)
            button.setObjectName(kind.value)
            self.kinds.addButton(button, number)
            kind_box.addWidget(button)
        self.kinds.button(list(ImportKind).index(ImportKind.CONTACTS)).setChecked(True)
        self.kinds.idToggled.connect(lambda _number, _on: self._kind_changed())

        self.meeting = QComboBox(self)
        self.meeting.setObjectName("meeting")
        self.meeting.setPlaceholderText(_("Choose the meeting"))
        self.meeting.currentIndexChanged.connect(lambda _index: self.completeChanged.emit())
        self.mode = QComboBox(self)
        self.mode.setObjectName("mode")
        for mode in MODES:
            self.mode.addItem(_mode_text(mode), mode)
        self.legal_basis = QComboBox(self)
        self.legal_basis.setObjectName("legal_basis")
        for basis in LegalBasis:
            self.legal_basis.addItem(label(basis), basis.value)
        self.legal_basis.setCurrentIndex(list(LegalBasis).index(LegalBasis.LEGITIMATE_INTEREST))
        self.group = QComboBox(self)
        self.group.setObjectName("group")
        self.group.addItem(_("No group"), None)
        self.skip_invalid = QCheckBox(_("&Skip invalid rows and import the valid ones"), self)
        self.skip_invalid.setObjectName("skip_invalid")
        self.skip_hint = QLabel(
            _("Otherwise nothing is imported while any row has an error."), self
        )
        mute(self.skip_hint)
        self._fill_lists(meeting_id)
        for combo in (self.meeting, self.mode, self.legal_basis, self.group):
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        file_label = QLabel(_("&File:"), self)
        file_label.setBuddy(self.path)
        self.form.addRow(file_label, file_row)
        self.form.addRow("", self.busy)
        self.form.addRow("", self.about_file)
        self.form.addRow(self.sheet_label, self.sheet)
        self.form.addRow(_("The file holds:"), kind_box)
        self.form.addRow(_("&Meeting:"), self.meeting)
        self.form.addRow(_("&Records that exist:"), self.mode)
        self.form.addRow(_("&Legal basis for new contacts:"), self.legal_basis)
        self.form.addRow(_("Add the contacts to &group:"), self.group)
        self.form.addRow("", self.skip_invalid)
        self.form.addRow("", self.skip_hint)
        self.setLayout(self.form)
        self._show_sheets(())
        self._kind_changed()

    def _fill_lists(self, meeting_id: int | None) -> None:
        """The meetings (newest first) and the groups to choose from."""
        from lkoe_desktop.services.groups import list_groups
        from lkoe_desktop.services.meetings import list_meetings

        with self.context.database.reading() as session:
            meetings = list_meetings(session)
            groups = list_groups(session)
        for meeting in meetings:
            day = to_stockholm(meeting.starts_at).date().isoformat()
            self.meeting.addItem(f"{day}  {meeting.title}", meeting.id)
        self.meeting.setCurrentIndex(self.meeting.findData(meeting_id))
        for group in groups:
            self.group.addItem(group.name, group.id)

    # --- what the page asks -----------------------------------------------------------------
    def kind(self) -> ImportKind:
        return list(ImportKind)[max(self.kinds.checkedId(), 0)]

    def _kind_changed(self) -> None:
        kind = self.kind()
        self.form.setRowVisible(self.meeting, kind == ImportKind.REGISTRATIONS)
        self.form.setRowVisible(self.mode, kind != ImportKind.REGISTRATIONS)
        for widget in (self.legal_basis, self.group):
            self.form.setRowVisible(widget, kind != ImportKind.PARTNERS)
        self.completeChanged.emit()

    def choices(self) -> Choices:
        kind = self.kind()
        sheet = self.table.sheet if self.table is not None else None
        return Choices(
            path=Path(self.path.text().strip()),
            kind=kind,
            sheet=sheet,
            mode=str(self.mode.currentData()) if kind != ImportKind.REGISTRATIONS else "fill",
            skip_invalid=self.skip_invalid.isChecked(),
            legal_basis=LegalBasis(str(self.legal_basis.currentData())),
            meeting_id=self.meeting.currentData() if kind == ImportKind.REGISTRATIONS else None,
            group_id=self.group.currentData() if kind != ImportKind.PARTNERS else None,
        )

    def isComplete(self) -> bool:
        if self.table is None or self.reading is not None or self.settling.isActive():
            return False
        return self.kind() != ImportKind.REGISTRATIONS or self.meeting.currentData() is not None

    def validatePage(self) -> bool:
        wizard = cast("ImportWizard", self.wizard())
        wizard.table = self.table
        wizard.choices = self.choices()
        return True

    # --- the file -----------------------------------------------------------------------------
    def ask_path(self) -> str | None:
        """The file chosen in the system's open dialog (None: cancelled). Tests replace it."""
        folder = str(settings().value(FOLDER_KEY) or Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the file to import"),
            folder,
            _("Spreadsheets (*.csv *.xlsx *.txt);;All files (*)"),
        )
        return chosen or None

    def choose_file(self) -> None:
        chosen = self.ask_path()
        if chosen:
            settings().setValue(FOLDER_KEY, str(Path(chosen).parent))
            self.path.setText(chosen)
            self.settling.stop()
            self.read_file()

    def _path_changed(self) -> None:
        """Another path: nothing is read from it until the typing pauses."""
        self.asked += 1  # an answer still on its way is for the path before
        self.table = None
        self._show_sheets(())
        self.about_file.clear()
        self.settling.start()
        self.completeChanged.emit()

    def read_file(self) -> None:
        """Read the file (the sheet chosen, for a workbook) in the background."""
        text = self.path.text().strip()
        self.asked += 1
        ticket = self.asked
        self.table = None
        if not text:
            self.about_file.clear()
            self.completeChanged.emit()
            return
        path = Path(text)
        sheet = self.sheet.currentText() if self.sheet.count() > 1 else None
        self.about_file.setStyleSheet("")
        self.about_file.setText(_("Reading {name}…").format(name=path.name))
        self.busy.show()

        def done(read: Read) -> None:
            if ticket != self.asked:
                return
            self.reading = None
            self.busy.hide()
            if isinstance(read.table, BaseException):
                self._show_sheets(read.sheets, sheet)
                self.about_file.setStyleSheet(ERROR_STYLE)
                self.about_file.setText(_file_failure(read.table, path))
                self.completeChanged.emit()
            else:
                self.show_table(read.table)

        def failed(error: BaseException) -> None:
            done(Read((), error))

        self.reading = run_in_background(
            self,
            lambda _progress: read(path, sheet),
            done,
            failed,
            show_progress=False,
        )
        self.completeChanged.emit()

    def show_table(self, table: SourceTable) -> None:
        self.table = table
        self._show_sheets(table.sheets, table.sheet)
        rows = len(table.rows)
        found = ngettext("{count} row", "{count} rows", rows).format(count=format_number(rows))
        columns = ngettext("{count} column", "{count} columns", len(table.headers)).format(
            count=len(table.headers)
        )
        if table.format == "xlsx":
            about = _("Excel workbook, sheet “{sheet}”: {rows} under {columns}.").format(
                sheet=table.sheet, rows=found, columns=columns
            )
        else:
            about = _("CSV file in {encoding}, separated by {separator}: {rows} under {columns}.")
            about = about.format(
                encoding=table.encoding,
                separator=_separator_name(table.separator),
                rows=found,
                columns=columns,
            )
        self.about_file.setText(about)
        self.completeChanged.emit()

    def _show_sheets(self, sheets: tuple[str, ...], current: str | None = None) -> None:
        if tuple(self.sheet.itemText(i) for i in range(self.sheet.count())) != sheets:
            self.sheet.clear()
            self.sheet.addItems(list(sheets))
        if current is not None:
            self.sheet.setCurrentText(current)
        self.form.setRowVisible(self.sheet, len(sheets) > 1)


@dataclass(frozen=True)
class Read:
    """A file read: a workbook's sheets (to choose another when the one read is of no use)
    and the table, or what is wrong with the file."""

    sheets: tuple[str, ...]
    table: SourceTable | BaseException


def read(path: Path, sheet: str | None) -> Read:
    """The file at `path` read for the first page, on a worker thread (the wizard keeps the
    garbage collector paused while it is open: a large workbook makes many objects)."""
    from lkoe_desktop.exchange.import_file import read_table
    from lkoe_desktop.exchange.xlsx_read import sheet_names

    sheets: tuple[str, ...] = ()
    try:
        with path.open("rb") as file:
            workbook = file.read(4) == ZIP
        if workbook:
            sheets = sheet_names(path)
        return Read(sheets, read_table(path, sheet))
    except (ImportFileError, OSError) as error:
        return Read(sheets, error)


def _separator_name(separator: str | None) -> str:
    return {";": _("semicolons"), ",": _("commas"), "\t": _("tabs")}.get(separator or "", "")


def _file_failure(error: BaseException, path: Path) -> str:
    if isinstance(error, FileNotFoundError):
        return _("There is no file “{name}” in {folder}.").format(
            name=path.name, folder=path.parent
        )
    if isinstance(error, IsADirectoryError):
        return _("{path} is a folder. Choose a file in it.").format(path=path)
    if isinstance(error, OSError):
        return _("“{name}” could not be opened. Check that you may read it.").format(name=path.name)
    return failure_text(error)
