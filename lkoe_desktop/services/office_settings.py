"""Settings the whole office shares through the database: name, logo, funding line, printing,
and the usual time and length of a meeting."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Setting
from lkoe_desktop.domain.errors import ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.validation import InvalidValue, clock_time
from lkoe_desktop.services import audit

ENTITY = "setting"
DEFAULT_OFFICE_NAME = "Logistikkluster Östergötland"
DEFAULT_FUNDING_LINE = (
    "Projektet finansieras av Region Östergötland och Europeiska regionala utvecklingsfonden"
)
MAX_OFFSET_MM = 20.0
MAX_DIETARY_DAYS = 3650
MAX_TEXT = 300
SHORTEST_MEETING = 15  # minutes
LONGEST_MEETING = 12 * 60
DEFAULT_STEERING_GROUP = "Styrgrupp"
# Settings that fall back to their default when saved empty.
_NOT_EMPTY = ("office_name", "funding_line", "steering_group")


@dataclass(frozen=True)
class OfficeSettings:
    """What reports print in their header and footer, and how the office's printer is off."""

    office_name: str = DEFAULT_OFFICE_NAME
    funding_line: str = DEFAULT_FUNDING_LINE
    # A PNG or JPEG file on this computer or a share; empty for the drawn default mark.
    logo_path: str = ""
    # Where the badge printer puts the page relative to where it should (mm; + is right/down).
    printer_offset_x_mm: float = 0.0
    printer_offset_y_mm: float = 0.0
    # Dietary needs are cleared this many days after a meeting.
    dietary_days: int = 30
    # A meeting typed with a date alone starts at this time (HH:MM) …
    usual_start: str = "09:00"
    # … and a new meeting's end is first set this many minutes after its start.
    usual_length_minutes: int = 120

    # The funder's report: where the project's figures start (YYYY-MM-DD; empty: the first
    # meeting's day), the partner record that is the office itself (0: none), and the group
    # whose members make up the steering group.
    project_start: str = ""
    own_partner_id: int = 0
    steering_group: str = DEFAULT_STEERING_GROUP

    @property
    def start_time(self) -> time:
        return clock_time(self.usual_start)

    @property
    def length(self) -> timedelta:
        return timedelta(minutes=self.usual_length_minutes)


_DEFAULTS = OfficeSettings()
_NAMES = tuple(field.name for field in fields(OfficeSettings))


def _project_start(value: Any) -> str:
    text = str(value or "").strip()
    if text:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValueError(_("Write the date as YYYY-MM-DD, or leave it empty.")) from None
    return text


def _partner_id(value: Any) -> int:
    try:
        chosen = int(str(value or 0).strip())
    except ValueError:
        raise ValueError(_("Choose a partner.")) from None
    if chosen < 0:
        raise ValueError(_("Choose a partner."))
    return chosen


def _usual_start(value: Any) -> str:
    try:
        return clock_time(value).strftime("%H:%M")
    except InvalidValue as problem:
        raise ValueError(problem.message) from None


def _usual_length(value: Any) -> int:
    try:
        minutes = int(str(value).strip())
    except ValueError:
        raise ValueError(_("Write a whole number of minutes.")) from None
    if not SHORTEST_MEETING <= minutes <= LONGEST_MEETING:
        raise ValueError(
            _("Between {low} and {high} minutes.").format(
                low=SHORTEST_MEETING, high=LONGEST_MEETING
            )
        )
    return minutes


_SPECIAL = {
    "project_start": _project_start,
    "own_partner_id": _partner_id,
    "usual_start": _usual_start,
    "usual_length_minutes": _usual_length,
}


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if name not in _NAMES:
            raise KeyError(name)
        default = getattr(_DEFAULTS, name)
        if name in _SPECIAL:
            try:
                clean[name] = _SPECIAL[name](value)
            except ValueError as error:
                errors[name] = str(error)
        elif isinstance(default, str):
            text = str(value or "").strip()
            if len(text) > MAX_TEXT:
                errors[name] = _("At most {count} characters.").format(count=MAX_TEXT)
            clean[name] = text
        elif isinstance(default, float):
            try:
                number = float(str(value).replace(",", ".").replace("\u2212", "-"))
            except ValueError:
                errors[name] = _("Write a number of millimetres, for example 1,5.")
                continue
            if abs(number) > MAX_OFFSET_MM:
                errors[name] = _("At most {count} mm either way.").format(count=int(MAX_OFFSET_MM))
            clean[name] = round(number, 1)
        else:
            try:
                whole = int(str(value).strip())
            except ValueError:
                errors[name] = _("Write a whole number of days.")
                continue
            if not 0 <= whole <= MAX_DIETARY_DAYS:
                errors[name] = _("Between 0 and {count} days.").format(count=MAX_DIETARY_DAYS)
            clean[name] = whole
    if errors:
        raise ValidationError(errors)
    return clean


def load(session: Session) -> OfficeSettings:
    """The office's settings; anything never set (or unreadable) has its default."""
    stored: dict[str, str] = {
        key: value for key, value in session.execute(select(Setting.key, Setting.value))
    }
    values: dict[str, Any] = {}
    for name in _NAMES:
        if name in stored:
            try:
                values[name] = _checked({name: json.loads(stored[name])})[name]
            except (ValueError, ValidationError):
                continue
    return replace(_DEFAULTS, **values)


def save(session: Session, values: Mapping[str, Any]) -> OfficeSettings:
    """Change some settings (validated; an empty name or funding line falls back to the default)."""
    clean = _checked(values)
    before = asdict(load(session))
    changes: dict[str, list[object]] = {}
    for name, value in clean.items():
        if name in _NOT_EMPTY and not value:
            value = getattr(_DEFAULTS, name)
        if value == before[name]:
            continue
        record = session.get(Setting, name)
        if record is None:
            session.add(Setting(key=name, value=json.dumps(value, ensure_ascii=False)))
        else:
            record.value = json.dumps(value, ensure_ascii=False)
        changes[name] = [before[name], value]
    if changes:
        audit.record(session, ENTITY, None, audit.UPDATE, changes)
    session.flush()
    return load(session)
