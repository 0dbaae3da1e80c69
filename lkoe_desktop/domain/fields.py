"""How a field of a record is described once: label, kind, validation, column, headers, JSON key.

Every layer reads these descriptions (see `entities`): the tables' columns, the command line's
text tables and JSON, the forms and their validation, the printed and Excel headers, and the
header names an import recognises. A new field is described here, in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import partial
from typing import Any

from lkoe_desktop.domain import municipalities
from lkoe_desktop.domain import validation as v
from lkoe_desktop.domain.codes import MAX_NAME_LENGTH, MAX_NOTES_LENGTH, label_for
from lkoe_desktop.domain.errors import ValidationError
from lkoe_desktop.domain.i18n import current_language, gettext, translated

Rule = Callable[[Any], object]


class Kind(StrEnum):
    """What sort of value a field holds: how it is typed, checked, shown and stored."""

    TEXT = "text"
    LONG_TEXT = "long_text"
    CODE = "code"
    MUNICIPALITY = "municipality"
    DATE = "date"
    DATETIME = "datetime"
    TIME = "time"
    PHONE = "phone"
    EMAIL = "email"
    ORG_NUMBER = "org_number"
    POSTCODE = "postcode"
    URL = "url"
    COLOUR = "colour"
    NUMBER = "number"
    REFERENCE = "reference"  # the id of another record (an organisation, a contact)
    REFERENCES = "references"  # the ids of several (themes of interest)
    FLAG = "flag"


@dataclass(frozen=True)
class Column:
    """How a table shows a field: its first width in characters, whether it is shown at first
    (the user can show or hide any column) and whether a click on its header sorts by it."""

    width: int = 16
    shown: bool = True
    sortable: bool = True
    heading: str | None = None  # a shorter heading than the field's label, marked with N_()


@dataclass(frozen=True)
class Field:
    """One field of a record, or a column derived from other records (`editable` False)."""

    key: str
    label: str  # English, marked with N_(); `title` is the label in the current language
    kind: Kind = Kind.TEXT
    enum: type[StrEnum] | None = None
    required: bool = False
    max_length: int | None = None
    column: Column | None = None  # None: no table shows it
    headers: tuple[str, ...] = ()  # more names an import recognises, beside key and labels
    json: str | None = ""  # the JSON key: "" for the field's key, None for none
    placeholder: str = ""
    editable: bool = True
    rule: Rule | None = None  # a check of its own instead of its kind's

    @property
    def title(self) -> str:
        return gettext(self.label)

    @property
    def heading(self) -> str:
        """The column's heading in tables and printed lists, in the current language."""
        heading = self.column.heading if self.column else None
        return gettext(heading or self.label)

    @property
    def json_key(self) -> str | None:
        return self.key if self.json == "" else self.json

    @property
    def width(self) -> int:
        return self.column.width if self.column else 16

    @property
    def shown(self) -> bool:
        return self.column is not None and self.column.shown

    @property
    def sortable(self) -> bool:
        return self.column is not None and self.column.sortable

    def check(self) -> Rule:
        """The function that checks and cleans a typed value of this field."""
        if self.rule is not None:
            return self.rule
        if self.kind in (Kind.TEXT, Kind.LONG_TEXT):
            default = MAX_NOTES_LENGTH if self.kind == Kind.LONG_TEXT else MAX_NAME_LENGTH
            return partial(v.text, required=self.required, max_length=self.max_length or default)
        if self.kind == Kind.CODE:
            assert self.enum is not None, self.key
            return partial(v.code, enum=self.enum)
        return _RULES[self.kind]

    def display(self, value: object) -> str:
        """A stored value as the window, the printouts and the command line show it."""
        if value is None or value == "":
            return ""
        if self.kind == Kind.CODE and self.enum is not None:
            return label_for(self.enum, str(value))
        return _SHOWN.get(self.kind, str)(value)

    def import_names(self) -> frozenset[str]:
        """Every header an import takes for this field, folded: key, labels, other names."""
        names = {self.key, self.label, translated(self.label, "sv"), *self.headers}
        if self.json_key:
            names.add(self.json_key)
        return frozenset(header_name(name) for name in names)


def header_name(text: str) -> str:
    """A column header as imports compare them: case, spaces, dots and dashes folded away."""
    return "".join(char for char in text.casefold() if char.isalnum())


def _whole_number(value: object) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not (isinstance(value, int) or text.isdigit()):
        raise v.InvalidValue(gettext("Write a whole number."))
    return int(text)


def _reference(value: object) -> int:
    """The id of another record as a whole number (an int, or digits typed as text)."""
    digits = str(value).strip()
    if isinstance(value, bool) or not digits.isdigit():
        raise v.InvalidValue(gettext("Invalid id: write a whole number."))
    return int(digits)


def _references(value: object) -> tuple[int, ...]:
    """The ids of several records, as a collection of ids."""
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise v.InvalidValue(gettext("Invalid id: write a whole number."))
    return tuple(sorted({_reference(item) for item in value}))


def _flag(value: object) -> bool:
    return bool(value)


_RULES: dict[Kind, Rule] = {
    Kind.MUNICIPALITY: v.municipality,
    Kind.DATE: v.iso_date,
    Kind.DATETIME: v.moment,
    Kind.TIME: v.clock_time,
    Kind.PHONE: v.phone,
    Kind.EMAIL: v.email,
    Kind.ORG_NUMBER: v.org_number,
    Kind.POSTCODE: v.postcode,
    Kind.URL: v.website,
    Kind.COLOUR: v.colour,
    Kind.NUMBER: _whole_number,
    Kind.REFERENCE: _reference,
    Kind.REFERENCES: _references,
    Kind.FLAG: _flag,
}


def _datetime_text(value: object) -> str:
    from lkoe_desktop.domain.clock import to_stockholm

    if isinstance(value, datetime):
        return to_stockholm(value).strftime("%Y-%m-%d %H:%M")
    return str(value)


def _date_text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _number_text(value: object) -> str:
    return format_number(value) if isinstance(value, int) else str(value)


def _flag_text(value: object) -> str:
    return gettext("yes") if value else ""


def format_number(value: int) -> str:
    """Swedish digit grouping with a no-break space: 100 000."""
    return f"{value:,}".replace(",", "\u00a0")


def figure_text(value: int | float | str | None) -> str:
    """A report's figure as it is shown: 1 234, hours with one decimal (934,5 in Swedish),
    the text "< 3" as it is, and a dash where a figure does not apply."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return format_number(value)
    grouped = f"{value:,.1f}".replace(",", "\u00a0")
    return grouped.replace(".", ",") if current_language() == "sv" else grouped


_SHOWN: dict[Kind, Callable[[Any], str]] = {
    Kind.MUNICIPALITY: lambda value: municipalities.name_of(str(value)),
    Kind.PHONE: lambda value: v.format_phone(str(value)),
    Kind.DATETIME: _datetime_text,
    Kind.DATE: _date_text,
    Kind.TIME: lambda value: value.strftime("%H:%M") if hasattr(value, "strftime") else str(value),
    Kind.NUMBER: _number_text,
    Kind.FLAG: _flag_text,
}


@dataclass(frozen=True)
class Section:
    """A titled group of fields on a record's form, in the form's first or second column."""

    key: str
    title: str  # marked with N_()
    fields: tuple[str, ...]
    column: int = 0


@dataclass(frozen=True)
class Entity:
    """A kind of record: its one name (change log, change signal, forms, deletion), its words,
    its fields, the order of its table's columns and the sections of its form."""

    name: str
    label: str  # "Contact", marked with N_()
    plural: str  # "Contacts"
    count: tuple[str, str]  # ngettext's singular and plural of "{count} contacts"
    fields: tuple[Field, ...]
    table: tuple[str, ...] = ()  # the keys of the table's columns, in order
    sections: tuple[Section, ...] = ()
    _by_key: dict[str, Field] = field(init=False, repr=False, compare=False)
    _rules: dict[frozenset[str] | None, dict[str, Rule]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        by_key = {described.key: described for described in self.fields}
        assert len(by_key) == len(self.fields), f"{self.name}: a field is described twice"
        unknown = [key for key in self.table if key not in by_key]
        unknown += [key for section in self.sections for key in section.fields if key not in by_key]
        assert not unknown, f"{self.name}: no such fields {unknown}"
        object.__setattr__(self, "_by_key", by_key)
        object.__setattr__(self, "_rules", {})

    def field(self, key: str) -> Field:
        return self._by_key[key]

    def has(self, key: str) -> bool:
        return key in self._by_key

    @property
    def columns(self) -> tuple[Field, ...]:
        """The table's columns, in order."""
        return tuple(self._by_key[key] for key in self.table)

    @property
    def editable(self) -> tuple[Field, ...]:
        """The fields a form or an import may set."""
        return tuple(described for described in self.fields if described.editable)

    def rules(self, keys: Iterable[str] | None = None) -> dict[str, Rule]:
        """Each editable field's check (or only those of `keys`), for `validation.collect`."""
        wanted = None if keys is None else frozenset(keys)
        found = self._rules.get(wanted)
        if found is None:
            found = {
                described.key: described.check()
                for described in self.editable
                if wanted is None or described.key in wanted
            }
            if len(self._rules) < 256:  # the few sets of fields forms and imports check
                self._rules[wanted] = found
        return dict(found)

    def clean(self, values: Mapping[str, object], *, new: bool = False) -> dict[str, object]:
        """Check and clean typed values: one ValidationError names every field that is wrong.

        A required field must not be empty; for a new record (`new`) it must also be given.
        """
        errors: dict[str, str] = {}
        try:
            cleaned = v.collect(values, self.rules(values))
        except ValidationError as wrong:
            errors, cleaned = dict(wrong.errors), dict(values)
        for key in self.required_keys():
            if key not in errors and (cleaned.get(key) is None if key in cleaned else new):
                errors[key] = gettext("This field is required.")
        if errors:
            raise ValidationError(errors)
        return cleaned

    def required_keys(self) -> list[str]:
        return [described.key for described in self.editable if described.required]

    def count_text(self, count: int) -> str:
        from lkoe_desktop.domain.i18n import ngettext

        return ngettext(*self.count, count).format(count=format_number(count))
