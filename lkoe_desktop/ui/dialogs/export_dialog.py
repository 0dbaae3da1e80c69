"""Arkiv → Exportera…: which format, which rows (the list as shown or the selected ones) and
which file, asked in one dialog; the list itself is described by the view it comes from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import N_, ngettext
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.files import safe_file_name
from lkoe_desktop.services.exports import FORMAT_NAMES, Format, Listed, formats_for
from lkoe_desktop.ui.context import settings
from lkoe_desktop.ui.export_lists import ListToExport
from lkoe_desktop.ui.forms.fields import ERROR_STYLE
from lkoe_desktop.ui.screen_fit import restore_geometry
from lkoe_desktop.ui.widgets.form_fields import mute

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import Prompts

# Each format as the dialog offers it (the core's names are the save dialog's file types).
CHOICES = {
    Format.XLSX: N_("Excel workbook (.xlsx)"),
    Format.CSV: N_("CSV for Excel (.csv)"),
    Format.VCF: N_("vCard for Outlook and phones (.vcf)"),
    Format.ICS: N_("iCalendar for calendars (.ics)"),
    Format.JSON: N_("JSON (.json)"),
}
SUFFIXES = {f".{fmt.value}" for fmt in Format}
GEOMETRY_KEY = "dialogs/ExportDialog"
FOLDER_KEY = "files/last_folder"  # shared with every other save dialog
FIRST_SIZE = QSize(560, 0)  # as high as its contents


@dataclass(frozen=True)
class ExportOrder:
    """What the clerk chose: the format, the file, and the ids to write (None: the whole list
    as shown)."""

    format: Format
    path: Path
    ids: tuple[int, ...] | None


def last_folder() -> Path:
    folder = settings().value(FOLDER_KEY)
    path = Path(str(folder)) if folder else Path.home()
    return path if path.is_dir() else Path.home()


def with_suffix(path: Path, fmt: Format) -> Path:
    """`path` ending in the format's suffix: another export format's suffix is replaced, any
    other kept."""
    suffix = f".{fmt.value}"
    if path.suffix.lower() == suffix:
        return path
    if path.suffix.lower() in SUFFIXES:
        return path.with_suffix(suffix)
    return path.with_name(path.name + suffix) if path.name else path


class ExportDialog(QDialog):
    """The format, the rows and the file of one export; `order()` after it was accepted."""

    def __init__(
        self,
        listing: ListToExport,
        prompts: Prompts,
        day: str,
        parent: QWidget | None = None,
        *,
        selected_first: bool = False,
    ) -> None:
        super().__init__(parent)
        self.listing = listing
        self.prompts = prompts
        self.formats = formats_for(Listed(listing.kind))
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.filters = QLabel(self)
        self.filters.setWordWrap(True)
        mute(self.filters)

        self.format_box = QGroupBox(self)
        self.format_group = QButtonGroup(self)
        format_layout = QVBoxLayout(self.format_box)
        self.format_buttons: dict[Format, QRadioButton] = {}
        for fmt in self.formats:
            button = QRadioButton(self.format_box)
            self.format_group.addButton(button)
            self.format_buttons[fmt] = button
            format_layout.addWidget(button)
            button.toggled.connect(lambda on, f=fmt: self._format_chosen(f, on))

        self.rows_box = QGroupBox(self)
        rows_layout = QVBoxLayout(self.rows_box)
        self.all_rows = QRadioButton(self.rows_box)
        self.selected_rows = QRadioButton(self.rows_box)
        rows_layout.addWidget(self.all_rows)
        rows_layout.addWidget(self.selected_rows)
        self.selected_rows.setEnabled(bool(listing.selected))
        chosen = self.selected_rows if selected_first and listing.selected else self.all_rows
        chosen.setChecked(True)

        self.file_box = QGroupBox(self)
        self.path = QLineEdit(self.file_box)
        self.path.textEdited.connect(lambda _text: self._tell(None))
        self.browse = QPushButton(self.file_box)
        self.browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout(self.file_box)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setObjectName("export_problem")
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        mute(self.note)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.filters)
        layout.addWidget(self.format_box)
        layout.addWidget(self.rows_box)
        layout.addWidget(self.file_box)
        layout.addWidget(self.problem)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        remembered = str(settings().value(self._format_key(), ""))
        known = {fmt.value: fmt for fmt in self.formats}
        fmt = known.get(remembered, self.formats[0])
        name = safe_file_name(f"{listing.title} {day}", f".{fmt.value}", day)
        self.path.setText(str(last_folder() / name))
        self.format_buttons[fmt].setChecked(True)
        self.retranslate()
        restore_geometry(self, settings().value(GEOMETRY_KEY), FIRST_SIZE)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()

    def _format_key(self) -> str:
        return f"export/{self.listing.kind}/format"

    def retranslate(self) -> None:
        listing = self.listing
        self.setWindowTitle(_("Export"))
        self.heading.setText(listing.title)
        self.filters.setText(listing.filters or _("No search or filter"))
        self.format_box.setTitle(_("Format"))
        for fmt, button in self.format_buttons.items():
            button.setText(_(CHOICES[fmt]))
        self.rows_box.setTitle(_("Rows"))
        if listing.shown is None:
            self.all_rows.setText(_("The list as it is shown now"))
        else:
            self.all_rows.setText(
                ngettext(
                    "The list as it is shown now ({count} row)",
                    "The list as it is shown now ({count} rows)",
                    listing.shown,
                ).format(count=format_number(listing.shown))
            )
        self.selected_rows.setText(
            _("The selected rows ({count})").format(count=format_number(len(listing.selected)))
        )
        self.file_box.setTitle(_("File"))
        self.browse.setText(_("Choose…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.note.setText(
            _("The rows are written in the order the list shows them, with its search and filters.")
        )

    # --- choosing -----------------------------------------------------------------------------
    def format(self) -> Format:
        return next(fmt for fmt, button in self.format_buttons.items() if button.isChecked())

    def chosen_path(self) -> Path:
        """The file in the field; a name without a folder is in the folder last exported to."""
        path = Path(self.path.text().strip()).expanduser()
        return path if path.is_absolute() else last_folder() / path

    def _format_chosen(self, fmt: Format, chosen: bool) -> None:
        """The file's suffix follows the format chosen."""
        text = self.path.text().strip()
        if chosen and text:
            self.path.setText(str(with_suffix(Path(text), fmt)))

    def choose_file(self) -> None:
        """The system's save dialog, opened where the file field points."""
        fmt = self.format()
        current = self.chosen_path()
        chosen = self.prompts.save_path(self, _("Export to"), str(current), _(FORMAT_NAMES[fmt]))
        if chosen is not None:
            self.path.setText(str(with_suffix(chosen, fmt)))
            self._tell(None)

    def validate(self) -> str | None:
        """What is wrong with the file chosen (None: nothing); a file there already is
        replaced only when the clerk says so."""
        text = self.path.text().strip()
        if not text:
            return _("Choose the file to export to.")
        path = with_suffix(self.chosen_path(), self.format())
        if not path.parent.is_dir():
            return _("The folder {folder} does not exist.").format(folder=path.parent)
        if path.is_dir():
            return _("{path} is a folder. Give a file name.").format(path=path)
        if path.exists() and not self.prompts.confirm(
            self,
            _("Replace the file?"),
            _("“{name}” already exists in {folder}. Replace it?").format(
                name=path.name, folder=path.parent
            ),
        ):
            return _("Choose another file name, or replace the file.")
        return None

    def _tell(self, problem: str | None) -> None:
        """Show what is wrong with the file chosen under the file field (None: nothing)."""
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)

    def accept(self) -> None:
        problem = self.validate()
        self._tell(problem)
        if problem is not None:
            self.path.setFocus()
            return
        path = with_suffix(self.chosen_path(), self.format())
        self.path.setText(str(path))
        settings().setValue(FOLDER_KEY, str(path.parent))
        settings().setValue(self._format_key(), self.format().value)
        super().accept()

    def done(self, result: int) -> None:
        settings().setValue(GEOMETRY_KEY, self.saveGeometry())
        super().done(result)

    def order(self) -> ExportOrder:
        ids = tuple(self.listing.selected) if self.selected_rows.isChecked() else None
        return ExportOrder(self.format(), self.chosen_path(), ids)
