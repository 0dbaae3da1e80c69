"""The declarative base with constraint naming, and column types shared by every model."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Integer, MetaData, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """A moment kept in UTC: timestamptz on PostgreSQL, naive UTC text on SQLite."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a timezone-aware one is required")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def binary_string(length: int | None = None) -> String:
    """Text compared byte for byte: the "C" collation on PostgreSQL, SQLite's default BINARY."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


def code_check(column: str, enum: type[StrEnum], name: str | None = None) -> CheckConstraint:
    """A CHECK that `column` holds one of the enum's codes (or NULL)."""
    allowed = ", ".join(f"'{member.value}'" for member in enum)
    return CheckConstraint(f"{column} IN ({allowed})", name=name or column)


class IdMixin:
    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-10)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TimestampMixin:
    """When a row was created and last changed; services set both from their clock."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_utc_now)


class VersionedMixin:
    """Optimistic locking: every UPDATE checks and bumps `version`; a stale one fails."""

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}
