"""The office's shared settings as a page of the settings dialog.

Office name, funding line and logo for the reports' header and footer, the badge printer's
offset, how long dietary needs are kept, when a meeting usually starts and how long it lasts,
and for the funder's report the project's start, the office's own organisation and its steering
group; saved in one transaction for every workstation.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QSize, Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lkoe_desktop.domain import i18n
from lkoe_desktop.domain.errors import LkoeError, ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import groups, office_settings
from lkoe_desktop.services.office_settings import OfficeSettings
from lkoe_desktop.ui.forms.fields import ERROR_STYLE
from lkoe_desktop.ui.language import QT_LOCALES
from lkoe_desktop.ui.widgets.organisation_choice import OrganisationChoice

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.context import AppContext

LOGO_FORMATS = (b"png", b"jpeg")
LOGO_PREVIEW = QSize(240, 80)
HINT_STYLE = "color: palette(placeholder-text);"
HINT_WIDTH = 420
DIALOG_SIZE = QSize(660, 560)
KEYS = (
    "office_name",
    "funding_line",
    "logo_path",
    "printer_offset_x_mm",
    "printer_offset_y_mm",
    "dietary_days",
    "usual_start",
    "usual_length_minutes",
    "project_start",
    "own_partner_id",
    "steering_group",
)
LENGTH_STEP = 15  # minutes
TIME_CHARACTERS = 8


def readable_logo(path: str) -> bool:
    """Whether `path` is a PNG or JPEG picture this computer can read."""
    return QImageReader.imageFormat(path).data() in LOGO_FORMATS


class OfficeSettingsPage(QWidget):
    """`load()`, `save() -> bool`, `retranslate()`: the contract every settings page keeps."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.office_name = QLineEdit(self)
        self.funding_line = QLineEdit(self)
        self.logo_path = QLineEdit(self)
        self.logo_path.setClearButtonEnabled(True)
        self.logo_path.textChanged.connect(lambda _text: self.show_logo())
        self.choose_button = QPushButton(self)
        self.choose_button.clicked.connect(self.choose_logo)
        self.logo_preview = QLabel(self)
        self.logo_preview.setFixedSize(LOGO_PREVIEW)
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setWordWrap(True)
        self.offset_x = self._offset_box()
        self.offset_y = self._offset_box()
        self.dietary_days = QSpinBox(self)
        self.dietary_days.setRange(0, office_settings.MAX_DIETARY_DAYS)
        self.days_after = QLabel(self)
        self.usual_start = QLineEdit(self)
        self.usual_start.setMaxLength(TIME_CHARACTERS)
        self.usual_start.setFixedWidth(
            self.usual_start.fontMetrics().horizontalAdvance("00:00") * 2 + 16
        )
        self.usual_start.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.usual_length = QSpinBox(self)
        self.usual_length.setRange(
            office_settings.SHORTEST_MEETING, office_settings.LONGEST_MEETING
        )
        self.usual_length.setSingleStep(LENGTH_STEP)
        self.usual_length.setSuffix(" min")
        self.project_start = QLineEdit(self)
        self.project_start.setMaxLength(10)
        self.project_start.setFixedWidth(
            self.project_start.fontMetrics().horizontalAdvance("0000-00-00") + 24
        )
        self.project_start.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.own_partner = OrganisationChoice(self)
        self.steering_group = QComboBox(self)
        self.steering_group.setMinimumContentsLength(20)
        self.editors: dict[str, QWidget] = dict(
            zip(
                KEYS,
                (
                    self.office_name,
                    self.funding_line,
                    self.logo_path,
                    self.offset_x,
                    self.offset_y,
                    self.dietary_days,
                    self.usual_start,
                    self.usual_length,
                    self.project_start,
                    self.own_partner,
                    self.steering_group,
                ),
                strict=True,
            )
        )
        self.captions = {key: QLabel(self) for key in KEYS}
        self.errors = {key: self._error_label() for key in KEYS}
        self.logo_hint, self.offset_hint, self.dietary_hint, self.meeting_hint = (
            self._hint() for _n in range(4)
        )
        self.report_hint = self._hint()
        self.header_group, self.badge_group, self.privacy_group, self.meeting_group = (
            QGroupBox(self) for _n in range(4)
        )
        self.report_group = QGroupBox(self)
        self._lay_out()
        self.retranslate()
        self.load()

    def _offset_box(self) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(-office_settings.MAX_OFFSET_MM, office_settings.MAX_OFFSET_MM)
        box.setDecimals(1)
        box.setSingleStep(0.5)
        box.setSuffix(" mm")
        box.setAlignment(Qt.AlignmentFlag.AlignRight)
        return box

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def _hint(self) -> QLabel:
        label = QLabel(self)
        label.setStyleSheet(HINT_STYLE)
        label.setWordWrap(True)
        label.setMinimumWidth(HINT_WIDTH)  # its height is then measured for a sensible width
        return label

    def _row(self, form: QFormLayout, key: str, *parts: QWidget) -> None:
        """A caption, then the field with whatever goes with it, and its error underneath."""
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        editor = self.editors[key]
        fixed = editor.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Fixed
        grows = isinstance(editor, QLineEdit) and not fixed  # a line for a time stays short
        line = QHBoxLayout()
        line.addWidget(editor, 1 if grows else 0)
        for part in parts:
            line.addWidget(part)
        if not grows:
            line.addStretch(1)
        column.addLayout(line)
        column.addWidget(self.errors[key])
        self.captions[key].setBuddy(self.editors[key])
        form.addRow(self.captions[key], cell)

    def _lay_out(self) -> None:
        header = QFormLayout(self.header_group)
        self._row(header, "office_name")
        self._row(header, "funding_line")
        self._row(header, "logo_path", self.choose_button)
        header.addRow("", self.logo_preview)
        header.addRow("", self.logo_hint)
        badges = QFormLayout(self.badge_group)
        self._row(badges, "printer_offset_x_mm")
        self._row(badges, "printer_offset_y_mm")
        badges.addRow("", self.offset_hint)
        privacy = QFormLayout(self.privacy_group)
        self._row(privacy, "dietary_days", self.days_after)
        privacy.addRow("", self.dietary_hint)
        meetings = QFormLayout(self.meeting_group)
        self._row(meetings, "usual_start")
        self._row(meetings, "usual_length_minutes")
        meetings.addRow("", self.meeting_hint)
        report = QFormLayout(self.report_group)
        self._row(report, "project_start")
        self._row(report, "own_partner_id")
        self._row(report, "steering_group")
        report.addRow("", self.report_hint)
        content = QWidget(self)
        column = QVBoxLayout(content)
        shown = (
            self.header_group,
            self.badge_group,
            self.privacy_group,
            self.meeting_group,
            self.report_group,
        )
        for group in shown:
            column.addWidget(group)
        column.addStretch(1)
        scroll = QScrollArea(self)  # an error shown under a field never squeezes the rest
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def retranslate(self) -> None:
        self.header_group.setTitle(_("Header and footer of printed documents"))
        self.badge_group.setTitle(_("Name badges: printer offset"))
        self.privacy_group.setTitle(_("Dietary needs"))
        self.meeting_group.setTitle(_("Meetings"))
        self.report_group.setTitle(_("Report to the funder"))
        captions = {
            "office_name": _("Office name:"),
            "funding_line": _("Funding line:"),
            "logo_path": _("Logo:"),
            "printer_offset_x_mm": _("Horizontal:"),
            "printer_offset_y_mm": _("Vertical:"),
            "dietary_days": _("Clear after:"),
            "usual_start": _("Usual start:"),
            "usual_length_minutes": _("Usual length:"),
            "project_start": _("Project start:"),
            "own_partner_id": _("Own organisation:"),
            "steering_group": _("Steering group:"),
        }
        for key, text in captions.items():
            self.captions[key].setText(text)
        widest = max(label.sizeHint().width() for label in self.captions.values())
        for label in self.captions.values():
            label.setMinimumWidth(widest)  # the fields of all three groups line up
        self.office_name.setPlaceholderText(office_settings.DEFAULT_OFFICE_NAME)
        self.funding_line.setPlaceholderText(office_settings.DEFAULT_FUNDING_LINE)
        self.logo_path.setPlaceholderText(_("None: the default mark is printed"))
        self.choose_button.setText(_("Choose…"))
        self.logo_hint.setText(_("A PNG or JPEG picture, on this computer or a shared folder."))
        self.offset_hint.setText(
            _(
                "Moves everything printed on badge sheets: + to the right and down, − to the "
                "left and up. The calibration page shows how to measure the values."
            )
        )
        self.days_after.setText(_("days after the meeting"))
        self.dietary_hint.setText(
            _("Dietary needs are health data: they are kept only as long as needed.")
        )
        self.meeting_hint.setText(
            _(
                "A meeting's start typed as a date alone takes the usual start time, and a new "
                "meeting's end is first set the usual length after its start."
            )
        )
        self.project_start.setPlaceholderText(_("YYYY-MM-DD"))
        self.report_hint.setText(
            _(
                "The project's figures count from its start; empty: the first meeting's day. "
                "Participations on behalf of the office's own organisation never count. The "
                "steering group's members are counted at its meetings."
            )
        )
        self.own_partner.retranslate()
        locale = QLocale(QT_LOCALES[i18n.current_language()])  # 1,5 mm in Swedish
        for box in (self.offset_x, self.offset_y, self.dietary_days, self.usual_length):
            box.setLocale(locale)
        self.show_logo()

    # --- the contract -------------------------------------------------------------------------
    def load(self) -> None:
        """Show the settings as the database has them now."""
        with self.context.database.reading() as session:
            values = office_settings.load(session)
            self._choices(session, values)
            self.show_settings(values)
        self.show_errors({})

    def _choices(self, session: Session, values: OfficeSettings) -> None:
        """The organisations (not archived, and the one chosen) and groups to choose from."""
        self.own_partner.fill(session, values.own_partner_id)
        self.steering_group.clear()
        names = [row.name for row in groups.list_groups(session)]
        if values.steering_group not in names:
            names.insert(0, values.steering_group)
        self.steering_group.addItems(names)

    def show_settings(self, values: OfficeSettings) -> None:
        for line, text in (
            (self.office_name, values.office_name),
            (self.funding_line, values.funding_line),
        ):
            line.setText(text)
            line.setCursorPosition(0)  # the start of a long line, not its end
        self.logo_path.setText(values.logo_path)
        self.offset_x.setValue(values.printer_offset_x_mm)
        self.offset_y.setValue(values.printer_offset_y_mm)
        self.dietary_days.setValue(values.dietary_days)
        self.usual_start.setText(values.usual_start)
        self.usual_length.setValue(values.usual_length_minutes)
        self.project_start.setText(values.project_start)
        self.steering_group.setCurrentIndex(
            max(self.steering_group.findText(values.steering_group), 0)
        )

    def values(self) -> dict[str, object]:
        for box in (self.offset_x, self.offset_y, self.dietary_days, self.usual_length):
            box.interpretText()  # what is typed counts, also before the field is left
        return {
            "office_name": self.office_name.text(),
            "funding_line": self.funding_line.text(),
            "logo_path": self.logo_path.text().strip(),
            "printer_offset_x_mm": self.offset_x.value(),
            "printer_offset_y_mm": self.offset_y.value(),
            "dietary_days": self.dietary_days.value(),
            "usual_start": self.usual_start.text(),
            "usual_length_minutes": self.usual_length.value(),
            "project_start": self.project_start.text(),
            "own_partner_id": self.own_partner.chosen_id() or 0,
            "steering_group": self.steering_group.currentText(),
        }

    def validate(self) -> dict[str, str]:
        """What the service cannot check: that the logo can be read from here, and that the
        office's organisation is one in the list."""
        errors = {}
        logo = self.logo_path.text().strip()
        if logo and not readable_logo(logo):
            errors["logo_path"] = _("Choose a PNG or JPEG picture that can be read from here.")
        if self.own_partner.chosen_id() is None:
            errors["own_partner_id"] = _("Choose the organisation from the list, or None.")
        return errors

    def save(self) -> bool:
        """Save every setting in one transaction; False (errors shown) when something is wrong."""
        errors = self.validate()
        if errors:
            self.show_errors(errors)
            return False
        try:
            with self.context.database.unit_of_work() as session:
                saved = office_settings.save(session, self.values())
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        except LkoeError as error:
            self.context.prompts.error(self, _("Cannot save"), error.message)
            return False
        self.show_settings(saved)
        self.show_errors({})
        return True

    def show_errors(self, errors: Mapping[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        first = next((key for key in KEYS if key in errors), None)
        if first is not None:
            self.editors[first].setFocus()

    # --- the logo -------------------------------------------------------------------------------
    def ask_logo_path(self, start: str) -> str | None:
        """The picture chosen in the system's open dialog (None: cancelled). Tests replace it."""
        folder = str(Path(start).parent) if start else str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a logo"), folder, _("Pictures (*.png *.jpg *.jpeg)")
        )
        return chosen or None

    def choose_logo(self) -> None:
        chosen = self.ask_logo_path(self.logo_path.text().strip())
        if chosen:
            self.logo_path.setText(chosen)
            self.errors["logo_path"].hide()

    def show_logo(self) -> None:
        """The chosen picture, small, as it will look beside the office name."""
        path = self.logo_path.text().strip()
        picture = QPixmap(path) if path and readable_logo(path) else QPixmap()
        if picture.isNull():
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText(
                _("Cannot be read as a picture.") if path else _("The default mark")
            )
            return
        self.logo_preview.setPixmap(
            picture.scaled(
                LOGO_PREVIEW - QSize(12, 12),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
