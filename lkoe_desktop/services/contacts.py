"""Contacts (people): create, edit, archive, list, search; job changes are in `affiliations`."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, Table, and_, bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from lkoe_desktop.db.models import (
    Affiliation,
    Contact,
    GroupMembership,
    Organisation,
    contact_themes,
)
from lkoe_desktop.domain import validation as v
from lkoe_desktop.domain.codes import Language
from lkoe_desktop.domain.entities import AFFILIATION, CONTACT
from lkoe_desktop.domain.errors import DuplicateError, ValidationError
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
from lkoe_desktop.services.groups import current_membership
from lkoe_desktop.services.interests import named_themes, replace_themes
from lkoe_desktop.services.keys import Keys, contact_keys, store
from lkoe_desktop.services.order import ordering
from lkoe_desktop.services.search import matches

ENTITY = CONTACT.name

# The fields kept on the person; the employer and job title are kept as an affiliation.
APART = ("theme_ids", "organisation_id", "title")
STORED = tuple(described.key for described in CONTACT.editable if described.key not in APART)


@dataclass(frozen=True)
class ContactRow:
    """One line of the contact list; the organisation is the current affiliation's."""

    id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    mobile: str | None
    organisation: str | None
    organisation_id: int | None
    title: str | None
    archived: bool


@dataclass(frozen=True)
class AffiliationRow:
    id: int
    organisation_id: int
    organisation: str
    title: str | None
    start_date: date | None
    end_date: date | None
    is_current: bool


@dataclass(frozen=True)
class ContactRecord(StoredRecord):
    """Everything kept on one person, with affiliations oldest first."""

    id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None
    mobile: str | None
    gender: str | None
    language: str
    notes: str | None
    archived: bool
    theme_ids: tuple[int, ...]
    affiliations: tuple[AffiliationRow, ...]
    version: int
    created_at: datetime
    updated_at: datetime

    @property
    def current(self) -> AffiliationRow | None:
        return next((a for a in self.affiliations if a.is_current), None)


def current_affiliation(record: Contact) -> Affiliation | None:
    return next((a for a in record.affiliations if a.is_current), None)


def to_record(record: Contact) -> ContactRecord:
    affiliations = sorted(
        record.affiliations, key=lambda a: (a.start_date or date.min, a.is_current, a.id)
    )
    return ContactRecord(
        id=record.id,
        archived=record.archived,
        theme_ids=tuple(sorted(theme.id for theme in record.themes)),
        affiliations=tuple(
            AffiliationRow(
                id=a.id,
                organisation_id=a.organisation_id,
                organisation=a.organisation.name,
                title=a.title,
                start_date=a.start_date,
                end_date=a.end_date,
                is_current=a.is_current,
            )
            for a in affiliations
        ),
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
        **stored_fields(ContactRecord, {key: getattr(record, key) for key in STORED}),
    )


def _keys(record: Contact) -> Keys:
    current = current_affiliation(record)
    return contact_keys(
        first_name=record.first_name,
        last_name=record.last_name,
        email=record.email,
        phone=record.phone,
        mobile=record.mobile,
        organisation=current.organisation.name if current else None,
        title=current.title if current else None,
    )


def refresh_keys(record: Contact) -> None:
    """Recompute the person's sort keys and search text: after any change to their fields or
    their current job."""
    store(record, _keys(record))


def refresh_keys_at_organisation(session: Session, organisation_id: int) -> None:
    """Recompute the keys and search text of the people currently there (after a rename).

    They are derived, not edited, so the people's versions stay as they are: someone who
    has one of them open can still save it without a conflict.
    """
    people = session.scalars(
        select(Contact)
        .join(Affiliation)
        .where(Affiliation.organisation_id == organisation_id, Affiliation.is_current)
    ).all()
    if not people:
        return
    contacts = Contact.__table__
    assert isinstance(contacts, Table)
    rows: list[dict[str, object]] = []
    for person in people:
        keys = _keys(person)
        rows.append({"pk": person.id, **{f"new_{column}": value for column, value in keys.items()}})
        for column, value in keys.items():
            set_committed_value(person, column, value)
    session.execute(
        update(contacts)
        .where(contacts.c.id == bindparam("pk"))
        .values({column: bindparam(f"new_{column}") for column in keys}),
        rows,
    )


def _clean(values: Mapping[str, object], *, new: bool = False) -> dict[str, object]:
    return checked(CONTACT, values, new=new, apart=APART)


def _check_email_free(session: Session, email: object, contact_id: int | None) -> None:
    if not email:
        return
    clash = session.scalar(
        select(Contact).where(
            func.lower(Contact.email) == str(email).lower(), Contact.id != (contact_id or 0)
        )
    )
    if clash is not None:
        raise ValidationError(
            {
                "email": _("The e-mail address is already used by {name}.").format(
                    name=f"{clash.first_name} {clash.last_name}"
                )
            }
        )


def new_job(
    session: Session, organisation_id: int, title: object
) -> tuple[Organisation, str | None]:
    """The organisation and the cleaned job title of a new affiliation, checked before use."""
    cleaned = v.collect({"title": title}, AFFILIATION.rules(["title"])).get("title")
    organisation = get(session, Organisation, organisation_id, _("Partner"))
    return organisation, cleaned if isinstance(cleaned, str) else None


def flush_contact(session: Session) -> None:
    try:
        flush(session)
    except IntegrityError as error:
        if "email" in str(error.orig).lower():
            raise DuplicateError(
                _("The e-mail address is already used by another contact.")
            ) from error
        raise


def open_affiliation(
    session: Session,
    record: Contact,
    organisation: Organisation,
    title: str | None,
    start: date | None,
) -> Affiliation:
    """A new current affiliation of `record` (added to the session with the person)."""
    affiliation = Affiliation(
        organisation=organisation,
        title=title,
        start_date=start,
        end_date=None,
        is_current=True,
    )
    touch(session, affiliation)
    affiliation.created_at = affiliation.updated_at
    record.affiliations.append(affiliation)
    return affiliation


def create_contact(session: Session, values: Mapping[str, object]) -> ContactRecord:
    """A new person; `organisation_id` (and `title`) give them a current affiliation."""
    cleaned = _clean(values, new=True)
    _check_email_free(session, cleaned.get("email"), None)
    themes = named_themes(session, values)
    organisation_id = values.get("organisation_id")
    job = None
    if organisation_id is not None:
        job = new_job(session, int(organisation_id), values.get("title"))  # type: ignore[call-overload]
    # Nothing is added to the session before every check has passed.
    record = Contact(archived=False, language=Language.SWEDISH.value)
    changes = assign(record, cleaned)
    changes |= replace_themes(record, themes)
    if job is not None:
        organisation, title = job
        open_affiliation(session, record, organisation, title, None)
        changes["organisation_id"] = [None, organisation.id]
        if title is not None:
            changes["title"] = [None, title]
    refresh_keys(record)
    touch(session, record, new=True)
    session.add(record)
    flush_contact(session)
    audit.record(session, ENTITY, record.id, audit.CREATE, changes)
    return to_record(record)


def update_contact(
    session: Session,
    contact_id: int,
    values: Mapping[str, object],
    *,
    expected_version: int | None = None,
) -> ContactRecord:
    """Save changed fields (jobs change in `affiliations`); refuses a stale save."""
    record = get(session, Contact, contact_id, _("Contact"))
    check_version(record, expected_version)
    cleaned = _clean({k: val for k, val in values.items() if k not in ("organisation_id", "title")})
    if "email" in cleaned:
        _check_email_free(session, cleaned["email"], record.id)
    themes = named_themes(session, values)
    # One UPDATE, one new version: loading the affiliations for the keys must not flush first.
    with session.no_autoflush:
        changes = assign(record, cleaned)
        changes |= replace_themes(record, themes)
        if changes:
            refresh_keys(record)
            touch(session, record)
    if changes:
        flush_contact(session)
        audit.record(session, ENTITY, record.id, audit.UPDATE, changes)
    return to_record(record)


def set_contact_archived(session: Session, contact_id: int, archived: bool) -> ContactRecord:
    record = get(session, Contact, contact_id, _("Contact"))
    audit.mark_archived(session, record, ENTITY, archived)
    return to_record(record)


def get_contact(session: Session, contact_id: int) -> ContactRecord:
    return to_record(get(session, Contact, contact_id, _("Contact")))


@dataclass(frozen=True)
class ContactFilter:
    """What the contact list shows: a search and the quick filters of the Kontakter tab."""

    search: str | None = None
    include_archived: bool = False
    organisation_id: int | None = None
    theme_id: int | None = None
    group_id: int | None = None


def _filtered(
    session: Session,
    statement: Select[*tuple[Any, ...]],
    where: ContactFilter,
    *,
    paged: bool = False,
) -> Select[*tuple[Any, ...]]:
    if not where.include_archived:
        statement = statement.where(Contact.archived.is_(False))
    if where.organisation_id is not None:
        statement = statement.where(
            Contact.id.in_(
                select(Affiliation.contact_id).where(
                    Affiliation.organisation_id == where.organisation_id, Affiliation.is_current
                )
            )
        )
    if where.theme_id is not None:
        statement = statement.where(
            Contact.id.in_(
                select(contact_themes.c.contact_id).where(
                    contact_themes.c.theme_id == where.theme_id
                )
            )
        )
    if where.group_id is not None:
        statement = statement.where(
            Contact.id.in_(
                select(GroupMembership.contact_id).where(
                    GroupMembership.group_id == where.group_id, current_membership(session)
                )
            )
        )
    clause = matches(session, Contact, where.search, paged=paged)
    return statement if clause is None else statement.where(clause)


def list_contacts(
    session: Session,
    where: ContactFilter | None = None,
    *,
    sort: str | None = None,
    descending: bool = False,
    limit: int | None = None,
    offset: int = 0,
    ids: Collection[int] | None = None,
) -> list[ContactRow]:
    """Contacts in Swedish order by last name, first name, then id (or by the column `sort`).

    `ids` keeps only those contacts: a window of `contact_ids`, fetched in the same order.
    """
    paged = limit is not None and ids is None
    statement = _ordered(session, where, sort, descending, ids, paged=paged)
    statement = statement.offset(offset).limit(limit)
    return in_order([ContactRow(*row) for row in session.execute(statement)], ids)


def contact_ids(
    session: Session,
    where: ContactFilter | None = None,
    *,
    sort: str | None = None,
    descending: bool = False,
) -> list[int]:
    """The ids of the whole list, in its order (a table holds these, not the rows)."""
    statement = _ordered(session, where, sort, descending, None, ids_only=True)
    return all_ids(session, statement)


def list_statement(
    session: Session,
    where: ContactFilter | None = None,
    *,
    sort: str | None = None,
    descending: bool = False,
    ids: Collection[int] | None = None,
) -> Query:
    """The whole list's query (or only `ids`', in no order), its columns those of `ContactRow`
    in order: for reading every row at once without building a row object each (an export)."""
    return _ordered(session, where, sort, descending, ids)


def _ordered(
    session: Session,
    where: ContactFilter | None,
    sort: str | None,
    descending: bool,
    ids: Collection[int] | None,
    *,
    ids_only: bool = False,
    paged: bool = False,
) -> Query:
    """The list's query: its rows (with the current job), or only its ids."""
    statement: Query = select(Contact.id)
    if not ids_only:
        statement = (
            select(
                Contact.id,
                Contact.first_name,
                Contact.last_name,
                Contact.email,
                Contact.phone,
                Contact.mobile,
                Organisation.name,
                Organisation.id,
                Affiliation.title,
                Contact.archived,
            )
            .outerjoin(
                Affiliation, and_(Affiliation.contact_id == Contact.id, Affiliation.is_current)
            )
            .outerjoin(Organisation, Organisation.id == Affiliation.organisation_id)
        )
    # Every column sorts by a stored key with an index (archived, key, id): a page of a sorted
    # list is a walk along the index, whatever the column.
    sortable = {
        "last_name": [Contact.sort_key],
        "first_name": [Contact.first_name_key],
        "organisation": [Contact.organisation_key],
        "title": [Contact.title_key],
        "email": [Contact.email_key],
        "phone": [Contact.phone_key],
        "mobile": [Contact.mobile_key],
    }
    default = [Contact.sort_key, Contact.id]
    if ids is not None:  # a window of rows already filtered and ordered: look them up by id
        return statement.where(Contact.id.in_(list(ids)))
    statement = _filtered(session, statement, where or ContactFilter(), paged=paged)
    return statement.order_by(*ordering(sort, descending, sortable, default, Contact.id))


def count_contacts(session: Session, where: ContactFilter | None = None) -> int:
    statement = _filtered(session, select(func.count(Contact.id)), where or ContactFilter())
    return int(session.execute(statement).scalar_one())
