"""The import wizard's second page: which field each column of the file fills, with a few of its
values to go by, guessed from the headers and changeable; a changed mapping is remembered for
the next file with the same headers (the user's preferences, by `ColumnMapping.layout_key`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from lkoe_desktop import preferences
from lkoe_desktop.domain.entities import PARTNER
from lkoe_desktop.domain.fields import Field
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.exchange.import_mapping import (
    ColumnMapping,
    ImportKind,
    MissingColumnError,
    column_name,
    guess_mapping,
    targets,
)
from lkoe_desktop.ui.forms.fields import ERROR_STYLE
from lkoe_desktop.ui.widgets.form_fields import mute

if TYPE_CHECKING:
    from lkoe_desktop.exchange.import_file import SourceTable
    from lkoe_desktop.ui.dialogs.import_wizard import ImportWizard

MEMORY_KEY = "import_mappings"
SAMPLES = 3  # values shown per column
SAMPLE_ROWS = 200  # rows looked through for them
SAMPLE_LENGTH = 40
HEADER, FIELD, EXAMPLES = range(3)
RELATIVE = ("relationship_since", "relationship_until")  # "Sedan", "Till": of what?


# --- the mappings remembered ------------------------------------------------------------------
def _memory() -> dict[str, list[str | None]]:
    stored = preferences.load().get(MEMORY_KEY)
    return dict(stored) if isinstance(stored, dict) else {}


def remembered(kind: ImportKind, headers: tuple[str, ...]) -> ColumnMapping | None:
    """The mapping the clerk last chose for files of this kind with these headers, if any (one
    that no longer fits the fields an import fills is forgotten)."""
    guess = guess_mapping(kind, headers)
    fields = _memory().get(guess.layout_key)
    if not isinstance(fields, list):
        return None
    try:
        return ColumnMapping(kind, headers, tuple(fields))
    except (TypeError, ValueError):
        return None


def remember(mapping: ColumnMapping) -> None:
    """Keep `mapping` for the next file of the same layout (forget it when it is the guess)."""
    memory = _memory()
    if mapping == guess_mapping(mapping.kind, mapping.headers):
        memory.pop(mapping.layout_key, None)
    else:
        memory[mapping.layout_key] = list(mapping.fields)
    preferences.save({MEMORY_KEY: memory})


# --- what the page shows ----------------------------------------------------------------------
def field_text(kind: ImportKind, described: Field) -> str:
    """A field as the list of fields names it: the section too where two fields share a label
    ("Postadress: Postnummer") or where the label alone says too little ("Sedan"), and what
    "Namn" means for a person."""
    if described.key == "full_name":
        return _("{field} (the whole name)").format(field=described.title)
    same = [other for other in targets(kind) if other.title == described.title]
    if kind == ImportKind.PARTNERS and (len(same) > 1 or described.key in RELATIVE):
        section = next(part for part in PARTNER.sections if described.key in part.fields)
        return _("{section}: {field}").format(section=_(section.title), field=described.title)
    return described.title


def samples(table: SourceTable, column: int) -> str:
    """A few different values of the column, as the file has them."""
    found: list[str] = []
    for row in table.rows[:SAMPLE_ROWS]:
        cell = row.cells[column]
        value = cell.isoformat() if isinstance(cell, date) else str(cell)
        value = " ".join(value.split())
        if value and value not in found:
            found.append(value if len(value) <= SAMPLE_LENGTH else value[:SAMPLE_LENGTH] + "…")
            if len(found) == SAMPLES:
                break
    return "  ·  ".join(found)


class MappingPage(QWizardPage):
    """One row per column of the file: its heading, the field it fills and a few values.

    Each column's choice is its own: walking through a list with the arrow keys changes that
    column only. A field chosen for two columns is shown as a problem until one is changed.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.kind = ImportKind.CONTACTS
        self.headers: tuple[str, ...] = ()
        self.chosen: list[str | None] = []
        self.setTitle(_("The columns"))
        self.setSubTitle(
            _(
                "Which field each column of the file fills. Columns no field takes are ignored. "
                "A change is remembered for the next file with the same columns."
            )
        )
        self.grid = QTableWidget(0, 3, self)
        self.grid.setObjectName("columns")
        self.grid.setHorizontalHeaderLabels(
            [_("Column in the file"), _("Imported as"), _("Values in the file")]
        )
        self.grid.verticalHeader().hide()
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the lists in it take the keys
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(HEADER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(EXAMPLES, QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.note = QLabel(self)
        mute(self.note)
        self.note.setWordWrap(True)
        self.reset = QPushButton(_("&Match the columns by their names again"), self)
        self.reset.clicked.connect(self.match_by_names)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.reset)
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)

    def _wizard(self) -> ImportWizard:
        return cast("ImportWizard", self.wizard())

    @property
    def mapping(self) -> ColumnMapping | None:
        """The columns as chosen, or None while a field is chosen for two of them."""
        try:
            return ColumnMapping(self.kind, self.headers, tuple(self.chosen))
        except ValueError:
            return None

    def initializePage(self) -> None:
        """The mapping for the file read on the first page: the one shown before if the file
        and its kind are the same, else the one remembered for its layout, else the guess."""
        wizard = self._wizard()
        table, choices = wizard.table, wizard.choices
        assert table is not None and choices is not None
        kept = wizard.mapping
        if kept is not None and kept.kind == choices.kind and kept.headers == table.headers:
            self.note.setText("")
            self.show_mapping(table, kept)
            return
        found = remembered(choices.kind, table.headers)
        self.note.setText(
            _("The columns are chosen as you chose them last time for a file like this.")
            if found is not None
            else ""
        )
        self.show_mapping(table, found or guess_mapping(choices.kind, table.headers))

    def show_mapping(self, table: SourceTable, mapping: ColumnMapping) -> None:
        self.kind, self.headers, self.chosen = mapping.kind, mapping.headers, list(mapping.fields)
        fields = targets(mapping.kind)
        self.grid.setRowCount(len(mapping.headers))
        self.combos = []
        for column, heading in enumerate(mapping.headers):
            name = QTableWidgetItem(column_name(column, heading))
            self.grid.setItem(column, HEADER, name)
            self.grid.setItem(column, EXAMPLES, QTableWidgetItem(samples(table, column)))
            combo = QComboBox(self.grid)
            combo.setObjectName(f"column{column}")
            # As wide as its longest field, so that no choice is cut ("Postadress: Gatuadress").
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.addItem(_("– ignored –"), None)
            for described in fields:
                combo.addItem(field_text(mapping.kind, described), described.key)
            combo.setCurrentIndex(combo.findData(self.chosen[column]))
            combo.currentIndexChanged.connect(lambda _index, at=column: self.assign(at))
            self.grid.setCellWidget(column, FIELD, combo)
            self.combos.append(combo)
        self._show_choices()

    def _show_choices(self) -> None:
        for combo, key in zip(self.combos, self.chosen, strict=True):
            font = combo.font()
            font.setItalic(key is None)
            combo.setFont(font)
        self._show_status()
        self.completeChanged.emit()

    def assign(self, column: int) -> None:
        """The clerk chose a field for `column`."""
        self.chosen[column] = self.combos[column].currentData()
        self.note.setText("")
        self._show_choices()

    def match_by_names(self) -> None:
        wizard = self._wizard()
        assert wizard.table is not None
        self.note.setText("")
        self.show_mapping(wizard.table, guess_mapping(self.kind, self.headers))

    def _twice(self) -> str | None:
        """What is wrong when a field is chosen for more than one column."""
        for described in targets(self.kind):
            columns = [
                column_name(column, heading)
                for column, (heading, key) in enumerate(zip(self.headers, self.chosen, strict=True))
                if key == described.key
            ]
            if len(columns) > 1:
                return _(
                    "{field} is chosen for more than one column: {columns}. "
                    "Choose it for one of them."
                ).format(field=field_text(self.kind, described), columns=", ".join(columns))
        return None

    def _show_status(self) -> None:
        mapping = self.mapping
        problem = self._twice()
        if mapping is not None:
            try:
                mapping.check()
            except MissingColumnError as error:
                problem = error.message
        if problem is not None or mapping is None:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(problem or "")
            return
        self.status.setStyleSheet("")
        used = sum(1 for key in mapping.fields if key is not None)
        ignored = mapping.ignored()
        text = ngettext("{count} column is imported.", "{count} columns are imported.", used)
        text = text.format(count=used)
        if ignored:
            text += " " + ngettext(
                "Ignored: {names}.", "Ignored ({count}): {names}.", len(ignored)
            ).format(count=len(ignored), names=", ".join(ignored))
        self.status.setText(text)

    def isComplete(self) -> bool:
        mapping = self.mapping
        return mapping is not None and not mapping.missing()

    def cleanupPage(self) -> None:
        """Back to the file: the columns chosen are kept for when the clerk comes back."""
        self._wizard().mapping = self.mapping

    def validatePage(self) -> bool:
        mapping = self.mapping
        assert mapping is not None
        remember(mapping)
        self._wizard().mapping = mapping
        return True
