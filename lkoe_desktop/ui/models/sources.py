"""The list sources behind the tabs and participant lists: pages and counts from services."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from lkoe_desktop.domain.entities import CONTACT, GROUP, MEETING, PARTICIPATION, PARTNER, THEME
from lkoe_desktop.domain.fields import Field
from lkoe_desktop.services import contacts, groups, meetings, participations, partners, themes


class ServiceSource:
    """A `ListSource` made of a service's list function and its ids function."""

    def __init__(
        self,
        columns: Sequence[Field],
        list_rows: Callable[..., list[Any]],
        list_ids: Callable[..., list[int]],
    ) -> None:
        self.columns = columns
        self._list = list_rows
        self._ids = list_ids

    def page(
        self,
        session: Session,
        where: Any,
        sort: str | None,
        descending: bool,
        offset: int,
        limit: int,
    ) -> list[Any]:
        return self._list(
            session, where, sort=sort, descending=descending, limit=limit, offset=offset
        )

    def ids(self, session: Session, where: Any, sort: str | None, descending: bool) -> list[int]:
        return self._ids(session, where, sort=sort, descending=descending)

    def rows(
        self, session: Session, where: Any, sort: str | None, descending: bool, ids: list[int]
    ) -> list[Any]:
        return self._list(session, where, sort=sort, descending=descending, ids=ids)


def partner_source() -> ServiceSource:
    return ServiceSource(PARTNER.columns, partners.list_partners, partners.partner_ids)


def contact_source() -> ServiceSource:
    return ServiceSource(CONTACT.columns, contacts.list_contacts, contacts.contact_ids)


def theme_source() -> ServiceSource:
    return ServiceSource(THEME.columns, themes.list_themes, themes.theme_ids)


def group_source() -> ServiceSource:
    return ServiceSource(GROUP.columns, groups.group_rows, groups.group_ids)


def meeting_source() -> ServiceSource:
    return ServiceSource(MEETING.columns, meetings.list_meetings, meetings.meeting_ids)


class ParticipantSource:
    """The participants of one meeting; the filter is a tuple (meeting_id, statuses, search)."""

    columns = PARTICIPATION.columns

    def page(
        self,
        session: Session,
        where: Any,
        sort: str | None,
        descending: bool,
        offset: int,
        limit: int,
    ) -> list[Any]:
        meeting_id, statuses, search = where
        return participations.list_participants(
            session,
            meeting_id,
            statuses=statuses,
            search=search,
            sort=sort,
            descending=descending,
            limit=limit,
            offset=offset,
        )

    def ids(self, session: Session, where: Any, sort: str | None, descending: bool) -> list[int]:
        meeting_id, statuses, search = where
        return participations.participant_ids(
            session, meeting_id, statuses=statuses, search=search, sort=sort, descending=descending
        )

    def rows(
        self, session: Session, where: Any, sort: str | None, descending: bool, ids: list[int]
    ) -> list[Any]:
        """A window of `ids` from the list already filtered and ordered: looked up by id."""
        return participations.list_participants(session, ids=ids)
