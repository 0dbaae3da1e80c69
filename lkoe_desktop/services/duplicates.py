"""Likely duplicates of a contact or partner being typed in: same e-mail, number or name.

Every look-up goes through an index (the lower-case e-mail, the organisation number, a short
prefix of the stored Swedish sort key), so it stays quick on a database of 100 000 contacts;
only the few candidates it finds are compared in Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import QueryableAttribute, Session

from lkoe_desktop.db.models import Affiliation, Contact, Organisation
from lkoe_desktop.domain import entities, validation
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.text import sort_key

CONTACT = entities.CONTACT.name
PARTNER = entities.PARTNER.name

# Candidates compared in Python at most, per look-up.
CANDIDATES = 500
# How much of a partner's name must match before its candidates are compared.
PREFIX = 4
# Letters people mix up at the start of a name (as they appear in a sort key: å { ä | ö }).
_LOOK_ALIKE = ("a{|", "o}", "ck", "vw", "iy", "sz")
_SPECIAL = {"ø": "o", "æ": "ae", "ł": "l", "ß": "ss", "đ": "d", "ð": "d", "þ": "th", "œ": "oe"}
_NOT_WORD = re.compile(r"[\W_]+")
_LEGAL_FORMS = frozenset({"ab", "aktiebolag", "aktiebolaget", "publ", "hb", "handelsbolag", "kb"})


@dataclass(frozen=True)
class SimilarRecord:
    """An existing record that looks like the one being typed in, and why."""

    id: int
    kind: str
    text: str
    reason: str


def loose(text: str | None) -> str:
    """Text folded for comparing names: no case, accents, punctuation or extra spaces."""
    folded = unicodedata.normalize("NFKD", (text or "").casefold())
    plain = "".join(_SPECIAL.get(c, c) for c in folded if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def partner_name(text: str | None) -> str:
    """A partner's name for comparison: loose, without "AB", "Aktiebolag", "(publ)" and the like."""
    return " ".join(word for word in loose(text).split() if word not in _LEGAL_FORMS)


def within(a: str, b: str, limit: int) -> bool:
    """Whether `a` becomes `b` with at most `limit` inserted, removed or changed characters."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > limit:
        return False
    too_far = limit + 1
    previous = [j if j <= limit else too_far for j in range(len(b) + 1)]
    for i, char_a in enumerate(a, 1):
        # Only cells within `limit` of the diagonal can stay within the limit.
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [too_far] * (len(b) + 1)
        current[0] = i if i <= limit else too_far
        for j in range(low, high + 1):
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != b[j - 1])
            )
        if min(current[low - 1 : high + 1]) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _tolerance(text: str) -> int:
    """How many typing differences still make a name "very similar"."""
    if len(text) < 5:
        return 0
    return 1 if len(text) < 12 else 2


def _similar(a: str, b: str) -> bool:
    return bool(a) and within(a, b, _tolerance(a))


def _prefixes(key: str, length: int) -> set[str]:
    """The first `length` characters of a sort key, with look-alike first letters too."""
    head = key[:length]
    if not head:
        return set()
    group = next((g for g in _LOOK_ALIKE if head[0] in g), head[0])
    return {letter + head[1:] for letter in group}


def _starts_with(column: QueryableAttribute[str], prefixes: Iterable[str]) -> ColumnElement[bool]:
    """`column` begins with one of `prefixes`, as index range scans (binary comparison)."""
    ranges = [
        and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))
        for prefix in sorted(prefixes)
    ]
    return or_(*ranges) if ranges else false()


def _any_archived(column: QueryableAttribute[bool]) -> ColumnElement[bool]:
    """Archived or not: names the leading column of the (archived, sort_key) index."""
    return column.in_([False, True])


def _contact_text(first: str, last: str, email: str | None, organisation: str | None) -> str:
    text = f"{first} {last}"
    if email:
        text += f", {email}"
    if organisation:
        text += f" — {organisation}"
    return text


def _archived(text: str, archived: bool) -> str:
    return text + " " + _("(archived)") if archived else text


def similar_contacts(
    session: Session,
    *,
    first_name: str | None,
    last_name: str | None,
    email: str | None,
    organisation_id: int | None,
    exclude_id: int | None = None,
    limit: int = 5,
) -> list[SimilarRecord]:
    """People who may be the one being typed in: the same e-mail address, or a very similar
    name at the same organisation (their current one)."""
    found: dict[int, SimilarRecord] = {}
    columns = (
        Contact.id,
        Contact.first_name,
        Contact.last_name,
        Contact.email,
        Contact.archived,
        Organisation.name,
    )
    address = _email(email)
    if address:
        statement = (
            select(*columns)
            .outerjoin(
                Affiliation, and_(Affiliation.contact_id == Contact.id, Affiliation.is_current)
            )
            .outerjoin(Organisation, Organisation.id == Affiliation.organisation_id)
            .where(func.lower(Contact.email) == address)
        )
        for cid, first, last, mail, archived, organisation in session.execute(statement):
            text = _archived(_contact_text(first, last, mail, organisation), archived)
            found.setdefault(cid, SimilarRecord(cid, CONTACT, text, _("Same e-mail address")))
    wanted = loose(f"{first_name or ''} {last_name or ''}")
    if organisation_id is not None and (first_name or "").strip() and (last_name or "").strip():
        statement = (
            select(*columns)
            .join(Affiliation, and_(Affiliation.contact_id == Contact.id, Affiliation.is_current))
            .join(Organisation, Organisation.id == Affiliation.organisation_id)
            .where(
                Affiliation.organisation_id == organisation_id,
                _any_archived(Contact.archived),
                _starts_with(Contact.sort_key, _prefixes(sort_key(last_name), 1)),
            )
            .order_by(Contact.sort_key, Contact.id)
            .limit(CANDIDATES)
        )
        for cid, first, last, mail, archived, organisation in session.execute(statement):
            if cid not in found and _similar(wanted, loose(f"{first} {last}")):
                text = _archived(_contact_text(first, last, mail, organisation), archived)
                reason = _("Similar name at the same organisation")
                found[cid] = SimilarRecord(cid, CONTACT, text, reason)
    found.pop(exclude_id or 0, None)
    return list(found.values())[:limit]


def _email(value: str | None) -> str | None:
    """The address as stored (normalised, lower-case), or None while it is not one yet."""
    if not value or not value.strip():
        return None
    try:
        return validation.email(value)
    except validation.InvalidValue:
        return None


def _number(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    try:
        return validation.org_number(value)
    except validation.InvalidValue:
        return None


def _partner_text(name: str, number: str | None, municipality: str | None) -> str:
    text = f"{name}, {number}" if number else name
    return f"{text} — {municipality}" if municipality else text


def _contains(a: str, b: str) -> bool:
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 4 and shorter in longer


def similar_partners(
    session: Session,
    *,
    name: str | None,
    org_number: str | None,
    exclude_id: int | None = None,
    limit: int = 5,
) -> list[SimilarRecord]:
    """Organisations that may be the one being typed in: the same organisation number with a
    similar name, or a near-identical name (ignoring case, punctuation and "AB")."""
    found: dict[int, SimilarRecord] = {}
    wanted = partner_name(name)
    columns = (
        Organisation.id,
        Organisation.name,
        Organisation.org_number,
        Organisation.municipality,
        Organisation.archived,
    )
    number = _number(org_number)
    if number and wanted:
        statement = (
            select(*columns)
            .where(Organisation.org_number == number)
            .order_by(Organisation.sort_key, Organisation.id)
            .limit(CANDIDATES)
        )
        for pid, other, other_number, municipality, archived in session.execute(statement):
            theirs = partner_name(other)
            if _similar(wanted, theirs) or _contains(wanted, theirs):
                text = _archived(_partner_text(other, other_number, municipality), archived)
                reason = _("Same organisation number and a similar name")
                found[pid] = SimilarRecord(pid, PARTNER, text, reason)
    if len(wanted) >= 3:
        prefixes = _prefixes(sort_key(wanted), PREFIX) | _prefixes(sort_key(name), PREFIX)
        statement = (
            select(*columns)
            .where(
                _any_archived(Organisation.archived),
                _starts_with(Organisation.sort_key, prefixes),
            )
            .order_by(Organisation.sort_key, Organisation.id)
            .limit(CANDIDATES)
        )
        for pid, other, other_number, municipality, archived in session.execute(statement):
            if pid not in found and _similar(wanted, partner_name(other)):
                text = _archived(_partner_text(other, other_number, municipality), archived)
                found[pid] = SimilarRecord(pid, PARTNER, text, _("Almost the same name"))
    found.pop(exclude_id or 0, None)
    return list(found.values())[:limit]


class PartnerChoice(NamedTuple):
    """A partner as a pick-list offers it; `label` tells apart partners with the same name.

    A named tuple rather than a frozen dataclass: the list holds every partner, and tuples
    are made several times faster.
    """

    id: int
    name: str
    label: str


def partner_choices(session: Session) -> list[PartnerChoice]:
    """Every partner that is not archived, in Swedish order, for picking by name.

    A name that several partners share is followed by their organisation number (or
    municipality, and the id when even that is the same), so every label names one partner.
    """
    table = Organisation.__table__
    statement = (
        select(table.c.id, table.c.name, table.c.municipality, table.c.org_number)
        .where(table.c.archived.is_(False))
        .order_by(table.c.sort_key, table.c.id)
    )
    # Core rather than ORM rows: this reads every partner at once (20 000 in the large demo).
    rows = session.connection().execute(statement).all()
    names = Counter(name for _id, name, _municipality, _number in rows)
    labels = [
        name if names[name] == 1 else f"{name} ({number or municipality or pid})"
        for pid, name, municipality, number in rows
    ]
    repeated = Counter(labels)
    return [
        PartnerChoice(pid, name, text if repeated[text] == 1 else f"{text} [{pid}]")
        for (pid, name, _municipality, _number), text in zip(rows, labels, strict=True)
    ]
