"""Bringing partners, contacts and registrations in from a file: preview, import and undo.

The public face of the import, shared by the wizard and the command line:

- `preview_import(database, request)` runs the real import in a transaction that is rolled
  back, so that the preview and the import never disagree: each row's verdict (new, update
  with the fields' old → new, unchanged, duplicate within the file, error with its reason),
  the file's own problems and the counts;
- `run_import(database, request)` does the same and commits, all or nothing: a file with an
  error in any row writes nothing unless `request.skip_invalid` (then the valid rows only);
  what it wrote is recorded as an import batch (`ImportOutcome.batch_id`);
- `undo_import(database, batch_id)` removes what a batch created and puts back what it
  changed, or, if anything else has changed those records since, names them and changes
  nothing (`UndoRefused`);
- `write_error_file(outcome, path)` writes the rejected rows in the file's own format with a
  reason column, to be fixed and imported again.

Long runs report `progress(done, total)` between chunks of rows and ask `cancelled()`; a
cancelled run raises `ImportCancelled` and writes nothing. Nothing here knows Qt: the wizard
runs these functions on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from lkoe_desktop.collector import collector_paused
from lkoe_desktop.domain.codes import LegalBasis
from lkoe_desktop.domain.errors import LkoeError, UserInputError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.exchange.import_file import SourceTable
from lkoe_desktop.exchange.import_mapping import ColumnMapping, ImportKind
from lkoe_desktop.exchange.import_rows import Problem, ReadResult, read_import, read_rows

if TYPE_CHECKING:
    from lkoe_desktop.db.engine import Database

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ImportMode(StrEnum):
    """What happens to a row that matches a stored record (PRODUCT.md, "Imports")."""

    FILL = "fill"  # create what is new; fill only the empty fields of what matches
    CREATE = "create"  # create what is new; leave what matches as it is
    UPDATE = "update"  # create what is new; overwrite with the file's non-empty values


class Verdict(StrEnum):
    """What the import does with a row."""

    NEW = "new"  # a new record (contact, partner or registration)
    UPDATE = "update"  # a stored record changes: `RowOutcome.changes`
    UNCHANGED = "unchanged"  # matches a stored record and changes nothing
    DUPLICATE = "duplicate"  # the same record as an earlier row, applied like a match
    ERROR = "error"  # not imported: `RowOutcome.errors` say why


@dataclass(frozen=True)
class ImportRequest:
    """What to import and how.

    `mapping`: the columns as the clerk chose them (None: guessed from the headers);
    `meeting_id`: the meeting of a registrations import (required for it);
    `legal_basis`: the basis recorded for every contact the import creates;
    `group_id`: a group every imported contact (new or matched) becomes a member of.
    """

    path: Path
    kind: ImportKind
    mode: ImportMode = ImportMode.FILL
    meeting_id: int | None = None
    mapping: ColumnMapping | None = None
    sheet: str | None = None
    skip_invalid: bool = False
    legal_basis: str = LegalBasis.LEGITIMATE_INTEREST.value
    group_id: int | None = None


@dataclass(frozen=True)
class FieldChange:
    """One field a row changes on a stored record, as the window shows its values."""

    field: str  # the field's key, e.g. "phone"
    label: str  # its name in the current language
    old: str
    new: str


@dataclass(frozen=True)
class RowOutcome:
    """What the import does (or did) with one row of the file.

    `entity` is the kind of record the row is about ("contact", "partner", "participation");
    `record_id` the record it created or matched (None for an error, and for a preview's new
    records once rolled back it is the id they had). `duplicate_of` is the earlier row of the
    same record. `unarchived`: the matched record was archived and is restored.
    """

    number: int
    verdict: Verdict
    entity: str
    name: str
    record_id: int | None = None
    changes: tuple[FieldChange, ...] = ()
    unarchived: bool = False
    duplicate_of: int | None = None
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def problems(self) -> list[Problem]:
        """The row's errors, then its warnings, each shown as "rad N: …"."""
        return [Problem(text, self.number) for text in self.errors] + [
            Problem(text, self.number, error=False) for text in self.warnings
        ]


@dataclass(frozen=True)
class ImportCounts:
    """Rows by verdict, and records by what happened to them.

    `created` and `changed` count records by entity name ("contact", "partner",
    "participation", "membership", "consent"), whichever row did it.
    """

    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    errors: int = 0
    warnings: int = 0
    created: Mapping[str, int] = field(default_factory=dict)
    changed: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportOutcome:
    """A preview or an import: each row's outcome, the file's problems and the counts.

    `written` is True only when an import was committed; `batch_id` then names its batch (for
    `undo_import`). `table` is the file as read (for the error file).
    """

    request: ImportRequest
    table: SourceTable
    mapping: ColumnMapping
    rows: tuple[RowOutcome, ...]
    file_problems: tuple[Problem, ...]
    counts: ImportCounts
    written: bool = False
    batch_id: int | None = None

    @property
    def file_name(self) -> str:
        return self.table.file_name

    @property
    def ok(self) -> bool:
        """Whether no row has an error (the file would import cleanly)."""
        return self.counts.errors == 0

    def problems(self) -> list[Problem]:
        """Every problem: the file's own first, then each row's in row order."""
        return [*self.file_problems, *(p for row in self.rows for p in row.problems())]

    def rejected(self) -> list[RowOutcome]:
        """The rows not imported because of an error, in file order."""
        return [row for row in self.rows if row.verdict == Verdict.ERROR]


class ImportCancelled(LkoeError):
    """The clerk cancelled a running import: nothing was written."""


class UndoRefused(UserInputError):
    """An undo that cannot be done because records it would touch were changed since;
    `records` names them ("Eva de Geer", "Östgöta Logistik AB")."""

    def __init__(self, message: str, records: tuple[str, ...]) -> None:
        super().__init__(message)
        self.records = records


@dataclass(frozen=True)
class UndoOutcome:
    """What an undo did: records removed and records put back as they were."""

    batch_id: int
    removed: int
    restored: int


@dataclass(frozen=True)
class BatchRow:
    """One import as the list of imports shows it."""

    id: int
    kind: str
    mode: str
    file_name: str
    imported_at: object  # datetime, in UTC
    imported_by: str
    counts: Mapping[str, int]
    undone_at: object | None  # datetime or None


def read_request(request: ImportRequest) -> ReadResult:
    """The request's file read as rows of its kind, with its mapping (raises ImportFileError)."""
    if request.mapping is None:
        return read_import(request.path, request.kind, sheet=request.sheet)
    from lkoe_desktop.exchange.import_file import read_table

    return read_rows(read_table(request.path, request.sheet), request.mapping)


def _checked(request: ImportRequest) -> ImportRequest:
    if request.kind == ImportKind.REGISTRATIONS and request.meeting_id is None:
        raise UserInputError(_("Choose the meeting the registrations are for."))
    if request.legal_basis not in {basis.value for basis in LegalBasis}:
        allowed = ", ".join(basis.value for basis in LegalBasis)
        raise UserInputError(
            _("Unknown legal basis “{basis}”: use one of {allowed}.").format(
                basis=request.legal_basis, allowed=allowed
            )
        )
    if request.kind == ImportKind.REGISTRATIONS and request.mode != ImportMode.FILL:
        return replace(request, mode=ImportMode.FILL)
    return request


def preview_import(
    database: Database,
    request: ImportRequest,
    *,
    read: ReadResult | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportOutcome:
    """The import of `request` run in full and rolled back: what it would do, row by row.

    `read`: the file already read with the request's mapping (the wizard has it from its
    mapping page), so that it is not read again. Raises ImportFileError for a file that
    cannot be read, UserInputError for a bad request, ImportCancelled when cancelled.
    """
    from lkoe_desktop.services.import_run import run

    request = _checked(request)
    with collector_paused():
        result = read or read_request(request)
        with database.reading() as session:
            return run(session, request, result, progress, cancelled, commit=False)


def run_import(
    database: Database,
    request: ImportRequest,
    *,
    read: ReadResult | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportOutcome:
    """Import `request` in one transaction and record it as a batch.

    A row with an error refuses the whole file (nothing written, `written` False) unless
    `request.skip_invalid`, which imports the valid rows only. The outcome is the same as the
    preview's, with `written` and `batch_id` set when committed.
    """
    from lkoe_desktop.services.import_run import Refused, run

    request = _checked(request)
    with collector_paused():
        result = read or read_request(request)
        try:
            with database.unit_of_work() as session:
                return run(session, request, result, progress, cancelled, commit=True)
        except Refused as refused:
            return refused.outcome


def undo_import(database: Database, batch_id: int) -> UndoOutcome:
    """Remove what the batch created and put back what it changed, in one transaction.

    Refused with `UndoRefused` (naming the records) when anything else has changed or come to
    depend on those records since; with UserInputError when the batch is already undone;
    NotFoundError for an unknown batch.
    """
    from lkoe_desktop.services.import_batches import undo

    with database.unit_of_work() as session:
        return undo(session, batch_id)


def list_import_batches(database: Database, *, limit: int | None = 50) -> list[BatchRow]:
    """The latest imports, newest first."""
    from lkoe_desktop.services.import_batches import batch_rows

    with database.reading() as session:
        return batch_rows(session, limit)


def write_error_file(outcome: ImportOutcome, path: Path) -> int:
    """Write the rejected rows to `path` in the file's own format (CSV with its separator and
    encoding, or XLSX) with a reason column, protected like any exported file; returns how
    many rows it wrote (0: no file is written)."""
    from lkoe_desktop.exchange.import_errors import write_rejected

    reasons = {row.number: " ".join(row.errors) for row in outcome.rejected()}
    if not reasons:
        return 0
    write_rejected(outcome.table, reasons, path)
    return len(reasons)
