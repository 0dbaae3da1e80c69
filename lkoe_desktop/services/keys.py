"""What each kind of record stores as its Swedish sort key and its search text.

Services and the bulk demo generator both compute them here, so a search finds the same rows
however they were written.
"""

from __future__ import annotations

from lkoe_desktop.domain import municipalities
from lkoe_desktop.domain.text import compound_sort_key, search_text, sort_key
from lkoe_desktop.domain.validation import format_phone


def _phones(*numbers: str | None) -> list[str]:
    """A phone number is found as shown (013-12 34 56), as digits and as E.164."""
    found: list[str] = []
    for number in numbers:
        if number:
            shown = format_phone(number)
            found += [number, shown, "".join(ch for ch in shown if ch.isdigit())]
    return found


def contact_keys(
    *,
    first_name: str,
    last_name: str,
    email: str | None = None,
    phone: str | None = None,
    mobile: str | None = None,
    organisation: str | None = None,
    title: str | None = None,
) -> tuple[str, str]:
    """(sort key: last name, then first name; search text of the visible fields)."""
    return (
        compound_sort_key(last_name, first_name),
        search_text(
            f"{first_name} {last_name}", email, organisation, title, *_phones(phone, mobile)
        ),
    )


def organisation_keys(
    *,
    name: str,
    org_number: str | None = None,
    municipality: str | None = None,
    industry: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    postal_city: str | None = None,
) -> tuple[str, str]:
    return (
        sort_key(name),
        search_text(
            name,
            org_number,
            org_number.replace("-", "") if org_number else None,
            municipalities.name_of(municipality) if municipality else None,
            industry,
            email,
            postal_city,
            *_phones(phone),
        ),
    )


def theme_keys(*, name: str, description: str | None = None) -> tuple[str, str]:
    return sort_key(name), search_text(name, description)


def meeting_keys(
    *, title: str, place: str | None = None, organiser: str | None = None
) -> tuple[str, str]:
    return sort_key(title), search_text(title, place, organiser)
