"""What each kind of record stores as its Swedish sort keys, search text and shown phone numbers.

Services and the bulk demo generator both compute them here, so a search finds the same rows
and a column sorts the same however they were written. Each function gives the stored columns
by name: `sort_key` (the list's own order), one `<column>_key` per table column whose shown
text is not already in Swedish order as stored (`domain.text.column_sort_key`: None when
empty), `search_text`, and each phone number as shown (`phone_shown`: 013-12 34 56), which
exports write without formatting 100 000 numbers again.
"""

from __future__ import annotations

from lkoe_desktop.domain import municipalities
from lkoe_desktop.domain.text import (
    COLUMN_KEY_LENGTH,
    FIELD_SEPARATOR,
    column_sort_key,
    search_text,
    sort_key,
)
from lkoe_desktop.domain.validation import format_phone

Keys = dict[str, str | None]


def _phone(e164: str | None, shown: str) -> list[str]:
    """A phone number is found as shown (013-12 34 56), as digits and as E.164."""
    if not e164:
        return []
    return [e164, shown, "".join(ch for ch in shown if ch.isdigit())]


def contact_keys(
    *,
    first_name: str,
    last_name: str,
    email: str | None = None,
    phone: str | None = None,
    mobile: str | None = None,
    organisation: str | None = None,
    title: str | None = None,
) -> Keys:
    """A person's keys; `organisation` and `title` are those of their current job. Equal
    names, organisations and titles sort by last name, then first name."""
    shown_phone, shown_mobile = format_phone(phone), format_phone(mobile)
    # compound_sort_key and column_sort_key of the names, each name's key computed once.
    first, last = sort_key(first_name), sort_key(last_name)
    names = f"{last}{FIELD_SEPARATOR}{first}"
    return {
        "sort_key": names,
        "first_name_key": _column(first_name, first, last),
        "organisation_key": _column(organisation, None, names),
        "title_key": _column(title, None, names),
        "email_key": column_sort_key(email),
        "phone_key": column_sort_key(shown_phone),
        "mobile_key": column_sort_key(shown_mobile),
        "phone_shown": shown_phone or None,
        "mobile_shown": shown_mobile or None,
        "search_text": search_text(
            f"{first_name} {last_name}",
            email,
            organisation,
            title,
            *_phone(phone, shown_phone),
            *_phone(mobile, shown_mobile),
        ),
    }


def _column(shown: str | None, key: str | None, tiebreak: str) -> str | None:
    """`column_sort_key(shown, *tiebreak)`, given the shown text's sort key (None: computed
    here) and the tiebreak fields' keys joined."""
    if not shown or not shown.strip():
        return None
    return f"{sort_key(shown) if key is None else key}{FIELD_SEPARATOR}{tiebreak}"[
        :COLUMN_KEY_LENGTH
    ]


def organisation_keys(
    *,
    name: str,
    org_number: str | None = None,
    municipality: str | None = None,
    industry: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    postal_city: str | None = None,
) -> Keys:
    """A partner's keys; `municipality` is its code (or a place abroad), sorted and found by
    its name; partners in one municipality sort by name."""
    shown_phone = format_phone(phone)
    place = municipalities.name_of(municipality) if municipality else None
    return {
        "sort_key": sort_key(name),
        "municipality_key": column_sort_key(place, name),
        "email_key": column_sort_key(email),
        "phone_key": column_sort_key(shown_phone),
        "phone_shown": shown_phone or None,
        "search_text": search_text(
            name,
            org_number,
            org_number.replace("-", "") if org_number else None,
            place,
            industry,
            email,
            postal_city,
            *_phone(phone, shown_phone),
        ),
    }


def theme_keys(*, name: str, description: str | None = None) -> Keys:
    return {
        "sort_key": sort_key(name),
        "description_key": column_sort_key(description),
        "search_text": search_text(name, description),
    }


def meeting_keys(*, title: str, place: str | None = None, organiser: str | None = None) -> Keys:
    return {
        "sort_key": sort_key(title),
        "place_key": column_sort_key(place),
        "search_text": search_text(title, place, organiser),
    }


def participation_keys(*, dietary_needs: str | None = None, note: str | None = None) -> Keys:
    """A participation's column keys (no search text: participants are found by person and
    organisation). The dietary needs' key is health data too, cleared with them."""
    return {
        "dietary_needs_key": column_sort_key(dietary_needs),
        "note_key": column_sort_key(note),
    }


def store(record: object, keys: Keys) -> None:
    """Set the keys on an ORM record."""
    for column, value in keys.items():
        setattr(record, column, value)
