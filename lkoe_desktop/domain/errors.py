"""Errors the services raise, each carrying a message a person can read."""

from __future__ import annotations

from collections.abc import Mapping


class LkoeError(Exception):
    """Base of every error that is the user's to see: its text is already translated.

    `message` is what the window shows: it never names a record by its internal id, which
    the window never shows either. `cli_message` is what the command line prints (and `str()`
    gives, for the log): the same text, unless the error is about an id typed on the command
    line, which it then repeats.
    """

    def __init__(self, message: str, cli_message: str | None = None) -> None:
        self.cli_message = message if cli_message is None else cli_message
        super().__init__(self.cli_message)
        self.message = message

    def __str__(self) -> str:
        return self.cli_message


class ValidationError(LkoeError):
    """One or more fields are invalid; `errors` maps field name to message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("\n".join(self.errors.values()))


class NotFoundError(LkoeError):
    """A record asked for by id does not exist (any more): the window says what is gone,
    the command line names the id it was given."""


class ConflictError(LkoeError):
    """Somebody else saved the record after it was read: reload or keep editing."""


class DuplicateError(LkoeError):
    """The change would break a uniqueness rule (e-mail, participation, name)."""


class DatabaseOpenError(LkoeError):
    """The database cannot be opened: damaged, too new, locked, or not a database."""


class DatabaseBusyError(LkoeError):
    """Another program kept the database locked for writing longer than the program waits."""


class UserInputError(LkoeError):
    """A request that cannot be carried out as asked (e.g. demo into a non-empty database)."""


class ImportFileError(LkoeError):
    """A file to import cannot be read as a table (not a spreadsheet, empty, unreadable text,
    no rows, a missing column): the whole file is refused and nothing is read from it."""
