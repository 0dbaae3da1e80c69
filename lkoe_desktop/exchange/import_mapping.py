"""Which column of a file to import fills which field: guessed from the headers, changeable.

The fields an import of each kind fills, and the header names it knows them by, come from the
entity descriptions (`domain/entities.py`): a header is matched, in any case and with spaces,
dots and dashes ignored, against a field's key, its English and Swedish label and the other
names its description lists. A mapping is a plain value (`ColumnMapping`): the window shows it,
the clerk may change it column by column (`assign`), and `layout_key` names the file's layout so
that a changed mapping can be remembered and offered again for the next file with the same
headers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from lkoe_desktop.domain.entities import CONTACT, PARTICIPATION, PARTNER
from lkoe_desktop.domain.errors import ImportFileError
from lkoe_desktop.domain.fields import Field, header_name
from lkoe_desktop.domain.i18n import gettext as _


class ImportKind(StrEnum):
    """What a file brings in: the command line's words (`import partners FILE`)."""

    PARTNERS = "partners"
    CONTACTS = "contacts"
    REGISTRATIONS = "registrations"


class MissingColumnError(ImportFileError):
    """A column the import cannot do without is neither found nor chosen."""


# The fields a contact row may bring: the person's own, then where they work. "full_name"
# (the whole name in one column) is split into first and last name when those are not given.
_PERSON = (
    *("first_name", "last_name", "full_name", "gender", "language"),
    *("email", "phone", "mobile", "title"),
)


@cache
def targets(kind: ImportKind) -> tuple[Field, ...]:
    """The fields an import of `kind` fills, in the order a header goes to the first it names.

    Keys are unique within a kind: a contacts or registrations file names the organisation by
    `organisation` (its name) and `org_number` (the partner's organisation number).
    """
    if kind == ImportKind.PARTNERS:
        return tuple(field for field in PARTNER.editable if field.key != "theme_ids")
    person = tuple(CONTACT.field(key) for key in _PERSON)
    employer = (CONTACT.field("organisation"), PARTNER.field("org_number"))
    if kind == ImportKind.CONTACTS:
        return (*person, *employer, CONTACT.field("notes"))
    return (*person, *employer, *(PARTICIPATION.field(key) for key in ("dietary_needs", "status")))


def target(kind: ImportKind, key: str) -> Field:
    """The field `key` of an import of `kind` (KeyError if that import has no such field)."""
    for field in targets(kind):
        if field.key == key:
            return field
    raise KeyError(key)


@dataclass(frozen=True)
class ColumnMapping:
    """For each column of the file (by position), the key of the field it fills, or None."""

    kind: ImportKind
    headers: tuple[str, ...]
    fields: tuple[str | None, ...]

    def __post_init__(self) -> None:
        if len(self.fields) != len(self.headers):
            raise ValueError("one field (or None) per column")
        chosen = [key for key in self.fields if key is not None]
        known = {field.key for field in targets(self.kind)}
        if len(set(chosen)) != len(chosen) or not set(chosen) <= known:
            raise ValueError(f"each of {sorted(known)} at most once, not {chosen}")

    @property
    def layout_key(self) -> str:
        """The same text for every file of this kind with the same headers (in any case)."""
        return layout_key(self.kind, self.headers)

    def assign(self, column: int, key: str | None) -> ColumnMapping:
        """This mapping with `column` filling field `key` (None: ignored); a column that filled
        `key` before is ignored from now on."""
        fields = [None if chosen == key else chosen for chosen in self.fields]
        fields[column] = key
        return ColumnMapping(self.kind, self.headers, tuple(fields))

    def column_of(self, key: str) -> int | None:
        return self.fields.index(key) if key in self.fields else None

    def ignored(self) -> tuple[str, ...]:
        """The headings of the columns no field takes, as the preview names them."""
        return tuple(
            column_name(index, header)
            for index, (header, key) in enumerate(zip(self.headers, self.fields, strict=True))
            if key is None
        )

    def missing(self) -> tuple[str, ...]:
        """What the import cannot do without and no column gives, in words."""
        has = set(self.fields)
        if self.kind == ImportKind.PARTNERS:
            return () if "name" in has else (PARTNER.field("name").title,)
        if "full_name" in has:
            return ()
        first, last = (CONTACT.field(key).title for key in ("first_name", "last_name"))
        if {"first_name", "last_name"} <= has:
            return ()
        name = CONTACT.field("full_name").title
        if "first_name" in has:
            return (_("{field} (or {other} with the whole name)").format(field=last, other=name),)
        if "last_name" in has:
            return (_("{field} (or {other} with the whole name)").format(field=first, other=name),)
        return (
            _("{first} and {last} (or {other} with the whole name)").format(
                first=first, last=last, other=name
            ),
        )

    def check(self) -> None:
        """Raise one MissingColumnError naming every column the import needs and lacks."""
        missing = self.missing()
        if missing:
            raise MissingColumnError(
                _("The file has no column for {fields}. Choose the column that holds it.").format(
                    fields=", ".join(missing)
                )
            )


def layout_key(kind: ImportKind, headers: Sequence[str]) -> str:
    """`kind` and the headers as imports compare them, e.g. "contacts:förnamn|efternamn|epost"."""
    return f"{kind.value}:" + "|".join(header_name(header) for header in headers)


def guess_mapping(kind: ImportKind, headers: Sequence[str]) -> ColumnMapping:
    """Each header matched to the first field of `kind` that knows its name and that no column
    to its left has taken ("Postnummer" twice: the postal, then the visiting postcode)."""
    by_name = _fields_by_name(kind)
    taken: set[str] = set()
    fields: list[str | None] = []
    for header in headers:
        found = next(
            (key for key in by_name.get(header_name(header), ()) if key not in taken), None
        )
        if found is not None:
            taken.add(found)
        fields.append(found)
    return ColumnMapping(kind, tuple(headers), tuple(fields))


@cache
def _fields_by_name(kind: ImportKind) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for field in targets(kind):
        for name in field.import_names():
            found.setdefault(name, []).append(field.key)
    return {name: tuple(keys) for name, keys in found.items()}


def column_name(index: int, header: str) -> str:
    """A column as the clerk knows it: its heading, or its letter when it has none ("column C")."""
    return header or _("column {letter}").format(letter=column_letter(index))


def column_letter(index: int) -> str:
    """Excel's letter for the column at `index` (0: A, 26: AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
