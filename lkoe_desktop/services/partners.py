"""Partners (organisations): create, edit, archive, read, list and search."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Organisation, organisation_themes
from lkoe_desktop.domain import municipalities
from lkoe_desktop.domain.codes import Relationship, Sector, SizeClass
from lkoe_desktop.domain.entities import PARTNER
from lkoe_desktop.domain.errors import ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import audit
from lkoe_desktop.services.common import (
    Query,
    StoredRecord,
    all_ids,
    assign,
    check_version,
    checked,
    flush,
    get,
    in_order,
    stored_fields,
    touch,
)
from lkoe_desktop.services.interests import named_themes, replace_themes
from lkoe_desktop.services.keys import organisation_keys, store
from lkoe_desktop.services.order import code_order, ordering
from lkoe_desktop.services.search import matches

ENTITY = PARTNER.name

STORED = tuple(described.key for described in PARTNER.editable if described.key != "theme_ids")


@dataclass(frozen=True)
class PartnerRow:
    """One line of the partner list."""

    id: int
    name: str
    org_number: str | None
    sector: str | None
    size_class: str
    municipality: str | None
    relationship: str | None
    phone: str | None
    email: str | None
    archived: bool


@dataclass(frozen=True)
class Partner(StoredRecord):
    """Everything kept on one partner."""

    id: int
    name: str
    org_number: str | None
    sector: str | None
    size_class: str
    industry: str | None
    municipality: str | None
    postal_street: str | None
    postal_code: str | None
    postal_city: str | None
    visiting_street: str | None
    visiting_code: str | None
    visiting_city: str | None
    phone: str | None
    email: str | None
    website: str | None
    relationship: str | None
    relationship_since: date | None
    relationship_until: date | None
    notes: str | None
    archived: bool
    theme_ids: tuple[int, ...]
    version: int
    created_at: datetime
    updated_at: datetime


def _to_partner(record: Organisation) -> Partner:
    values = stored_fields(Partner, {key: getattr(record, key) for key in STORED})
    return Partner(
        id=record.id,
        archived=record.archived,
        theme_ids=tuple(sorted(theme.id for theme in record.themes)),
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
        **values,
    )


def _clean(values: Mapping[str, object], record: Organisation | None = None) -> dict[str, object]:
    """Validated values; the relationship period is checked against what is stored too."""
    cleaned = checked(PARTNER, values, new=record is None, apart=("theme_ids",))
    if "size_class" in cleaned and cleaned["size_class"] is None:
        cleaned["size_class"] = SizeClass.UNKNOWN.value
    stored = {
        field: getattr(record, field) if record is not None else None
        for field in ("relationship_since", "relationship_until")
    }
    since = cleaned.get("relationship_since", stored["relationship_since"])
    until = cleaned.get("relationship_until", stored["relationship_until"])
    if isinstance(since, date) and isinstance(until, date) and until < since:
        raise ValidationError(
            {"relationship_until": _("The end date must not be before the start date.")}
        )
    return cleaned


def _refresh_keys(record: Organisation) -> None:
    keys = organisation_keys(
        name=record.name,
        org_number=record.org_number,
        municipality=record.municipality,
        industry=record.industry,
        email=record.email,
        phone=record.phone,
        postal_city=record.postal_city,
    )
    store(record, keys)


def create_partner(session: Session, values: Mapping[str, object]) -> Partner:
    cleaned = _clean(values)
    themes = named_themes(session, values)
    record = Organisation(archived=False, size_class=SizeClass.UNKNOWN.value)
    changes = assign(record, cleaned)
    changes |= replace_themes(record, themes)
    _refresh_keys(record)
    touch(session, record, new=True)
    session.add(record)
    flush(session)
    audit.record(session, ENTITY, record.id, audit.CREATE, changes)
    return _to_partner(record)


def update_partner(
    session: Session,
    partner_id: int,
    values: Mapping[str, object],
    *,
    expected_version: int | None = None,
) -> Partner:
    """Save changed fields; refuses with ConflictError if someone saved in between."""
    record = get(session, Organisation, partner_id, _("Partner"))
    check_version(record, expected_version)
    cleaned = _clean(values, record)
    themes = named_themes(session, values)
    changes = assign(record, cleaned)
    changes |= replace_themes(record, themes)
    if changes:
        _refresh_keys(record)
        touch(session, record)
        flush(session)
        audit.record(session, ENTITY, record.id, audit.UPDATE, changes)
        if "name" in changes:
            from lkoe_desktop.services.contacts import refresh_keys_at_organisation

            refresh_keys_at_organisation(session, record.id)
    return _to_partner(record)


def set_partner_archived(session: Session, partner_id: int, archived: bool) -> Partner:
    record = get(session, Organisation, partner_id, _("Partner"))
    audit.mark_archived(session, record, ENTITY, archived)
    return _to_partner(record)


def get_partner(session: Session, partner_id: int) -> Partner:
    return _to_partner(get(session, Organisation, partner_id, _("Partner")))


@dataclass(frozen=True)
class PartnerFilter:
    """What the partner list shows: a search and the quick filters of the Partner tab."""

    search: str | None = None
    include_archived: bool = False
    sector: str | None = None
    size_class: str | None = None
    relationship: str | None = None
    municipality: str | None = None
    theme_id: int | None = None


def _filtered(
    session: Session,
    statement: Select[*tuple[Any, ...]],
    where: PartnerFilter,
    *,
    paged: bool = False,
) -> Select[*tuple[Any, ...]]:
    if not where.include_archived:
        statement = statement.where(Organisation.archived.is_(False))
    for field in ("sector", "size_class", "relationship"):
        wanted = getattr(where, field)
        if wanted is not None:
            statement = statement.where(getattr(Organisation, field) == wanted)
    if where.municipality is not None:  # a code, or a name as people write it
        wanted = municipalities.code_for(where.municipality) or where.municipality
        statement = statement.where(Organisation.municipality == wanted)
    if where.theme_id is not None:
        statement = statement.where(
            Organisation.id.in_(
                select(organisation_themes.c.organisation_id).where(
                    organisation_themes.c.theme_id == where.theme_id
                )
            )
        )
    clause = matches(session, Organisation, where.search, paged=paged)
    return statement if clause is None else statement.where(clause)


def list_partners(
    session: Session,
    where: PartnerFilter | None = None,
    *,
    sort: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    ids: Collection[int] | None = None,
) -> list[PartnerRow]:
    """Partners in Swedish order by name, then id (or by the column `sort`).

    `ids` keeps only those partners: a window of `partner_ids`, fetched in the same order. A
    page (`limit`) is found as ids first, read from an index, then fetched by id: sorted by
    a coded column's label, 20 000 index entries are sorted rather than 20 000 rows.
    """
    if ids is None and limit is not None:
        page = _ordered(session, where, sort, descending, None, paged=True)
        page = page.with_only_columns(Organisation.id).offset(offset).limit(limit)
        return list_partners(session, ids=all_ids(session, page))
    statement = _ordered(session, where, sort, descending, ids).offset(offset).limit(limit)
    return in_order([PartnerRow(*row) for row in session.execute(statement)], ids)


def partner_ids(
    session: Session,
    where: PartnerFilter | None = None,
    *,
    sort: str | None = None,
    descending: bool = False,
) -> list[int]:
    """The ids of the whole list, in its order (a table holds these, not the rows)."""
    statement = _ordered(session, where, sort, descending, None)
    return all_ids(session, statement.with_only_columns(Organisation.id))


def list_statement(
    session: Session,
    where: PartnerFilter | None = None,
    *,
    sort: str | None = None,
    descending: bool = False,
    ids: Collection[int] | None = None,
) -> Query:
    """The whole list's query (or only `ids`', in no order), its columns those of `PartnerRow`
    in order: for reading every row at once without building a row object each (an export)."""
    return _ordered(session, where, sort, descending, ids)


def _ordered(
    session: Session,
    where: PartnerFilter | None,
    sort: str | None,
    descending: bool,
    ids: Collection[int] | None,
    *,
    paged: bool = False,
) -> Query:
    statement: Query = select(
        Organisation.id,
        Organisation.name,
        Organisation.org_number,
        Organisation.sector,
        Organisation.size_class,
        Organisation.municipality,
        Organisation.relationship,
        Organisation.phone,
        Organisation.email,
        Organisation.archived,
    )
    # Text columns sort by a stored key with an index (archived, key, id), the organisation
    # number as stored (its digits); coded columns by label, partners of one kind by name.
    name = Organisation.sort_key
    sortable = {
        "name": [name],
        "org_number": [Organisation.org_number],
        "sector": [code_order(Organisation.sector, Sector), name],
        "size_class": [code_order(Organisation.size_class, SizeClass, by_label=False), name],
        "municipality": [Organisation.municipality_key],
        "relationship": [code_order(Organisation.relationship, Relationship), name],
        "phone": [Organisation.phone_key],
        "email": [Organisation.email_key],
    }
    default = [Organisation.sort_key, Organisation.id]
    if ids is not None:  # a window of rows already filtered and ordered: look them up by id
        return statement.where(Organisation.id.in_(list(ids)))
    statement = _filtered(session, statement, where or PartnerFilter(), paged=paged)
    return statement.order_by(*ordering(sort, descending, sortable, default, Organisation.id))


def count_partners(session: Session, where: PartnerFilter | None = None) -> int:
    statement = _filtered(session, select(func.count(Organisation.id)), where or PartnerFilter())
    return int(session.execute(statement).scalar_one())
