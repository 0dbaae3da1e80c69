"""Checking and cleaning what people type: organisation numbers, e-mail, phone, postcode, text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from enum import StrEnum
from functools import lru_cache, partial
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.se import orgnr

from lkoe_desktop.domain import swedish_numbers
from lkoe_desktop.domain.codes import MAX_NAME_LENGTH, codes, label
from lkoe_desktop.domain.errors import ValidationError
from lkoe_desktop.domain.i18n import current_language
from lkoe_desktop.domain.i18n import gettext as _

DEFAULT_PHONE_REGION = "SE"
MAX_URL_LENGTH = 500
# Skatteverket writes organisation numbers with this century-like prefix in 12-digit form.
_ORGNR_LONG_PREFIX = "16"
_PHONE_CHARACTERS = re.compile(r"[\d\s+\-()./]*")
_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*://", re.IGNORECASE)
_COLOUR = re.compile(r"#?([0-9a-f]{3}|[0-9a-f]{6})", re.IGNORECASE)
_POSTCODE = re.compile(r"(?:(?:SE|S)\s*-?\s*)?([1-9]\d{2})\s*(\d{2})", re.IGNORECASE)
# "2026-04-02 08:30", "2026-04-02 8:30", "2026-04-02 08.30", "2026-04-02T13:00": as people type.
_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?")


class InvalidValue(ValueError):
    """One value is not acceptable; `message` says why, in the current language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@lru_cache(maxsize=8192)
def org_number(value: str) -> str:
    """A Swedish organisation number as `NNNNNN-NNNN`, check digit verified."""
    number = orgnr.compact(value)
    if len(number) == 12 and number.startswith(_ORGNR_LONG_PREFIX):
        number = number[len(_ORGNR_LONG_PREFIX) :]
    try:
        return orgnr.format(orgnr.validate(number))
    except InvalidChecksum:
        raise InvalidValue(_("Invalid organisation number: the check digit is wrong.")) from None
    except StdnumValidationError:
        raise InvalidValue(
            _("Invalid organisation number: write ten digits, for example 556036-0793.")
        ) from None


# The local part of an address that needs no more than these rules (RFC 5322's dot-atom of
# ASCII letters, digits and the usual signs): such an address at a domain already found valid
# is valid, and is what email-validator would make of it, lower-cased. An import's 100 000
# addresses share a few domains, so each domain is checked once.
_PLAIN_LOCAL = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_MAX_LOCAL, _MAX_ADDRESS = 64, 254
_valid_domains: set[str] = set()


def email(value: str) -> str:
    """An e-mail address, normalised and entirely lower-case."""
    address = value.strip()
    if address.count("@") != 1:
        raise InvalidValue(_("Invalid e-mail address: it must contain exactly one @ sign."))
    lowered = address.lower()
    local, _at, domain = lowered.partition("@")
    if (
        domain in _valid_domains
        and len(local) <= _MAX_LOCAL
        and len(lowered) <= _MAX_ADDRESS
        and _PLAIN_LOCAL.fullmatch(local)
    ):
        return lowered
    from email_validator import EmailNotValidError, validate_email  # 30 ms: when first needed

    try:
        checked = validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidValue(
            _("Invalid e-mail address: check the spelling, for example name@example.se.")
        ) from None
    normalised = checked.normalized.lower()
    if normalised == lowered and len(_valid_domains) < 10_000:
        _valid_domains.add(domain)
    return normalised


def phone(value: str) -> str:
    """A phone number in E.164 (`+4613123456`); numbers without a country code are Swedish."""
    written = value.strip()
    if _NATIONAL_PHONE.fullmatch(written):
        national = _national_phone(written)
        if national is not None:
            return national
    return _parsed_phone(value)


# A Swedish number written the Swedish way, a 0 and then only digits, spaces and dashes
# (013-12 34 56, 070 123 45 67). When the digits after the 0 form a valid Swedish number,
# phonenumbers.parse would give country code 46 and those digits: so they are checked and
# written with `swedish_numbers`, unparsed, which was two fifths of an import's time
# (tests/unit/test_phone_national.py compares the two ways). Anything else is parsed.
_NATIONAL_PHONE = re.compile(r"0[1-9][0-9 \-]*")
_SWEDEN = 46


def _national_phone(written: str) -> str | None:
    """`phone` of a number `_NATIONAL_PHONE` matches, or None when it is not a valid one."""
    significant = written[1:].replace(" ", "").replace("-", "")
    if not swedish_numbers.is_valid(significant):
        return None
    e164 = f"+{_SWEDEN}{significant}"
    if len(_shown_numbers) < _SHOWN_KEPT:
        _shown_numbers[e164] = _service(significant) or swedish_numbers.national(significant)
    return e164


def _parsed_phone(value: str) -> str:
    """`phone` through phonenumbers.parse, for every way of writing a number."""
    if not _PHONE_CHARACTERS.fullmatch(value.strip()):
        raise InvalidValue(
            _("Invalid phone number: use only digits, spaces, dashes and a leading +.")
        )
    import phonenumbers  # loaded on first use: it takes 40 ms, on the window's path to its rows
    from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

    try:
        number = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
    except NumberParseException as error:
        raise InvalidValue(_parse_problem(error.error_type)) from None
    if phonenumbers.is_valid_number(number):
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        if len(_shown_numbers) < _SHOWN_KEPT:
            _shown_numbers[e164] = _shown(number, valid=True)
        return e164
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible == ValidationResult.INVALID_COUNTRY_CODE:
        raise InvalidValue(_("Invalid phone number: unknown country code."))
    if possible == ValidationResult.TOO_SHORT:
        raise InvalidValue(_("Invalid phone number: too few digits."))
    if possible == ValidationResult.TOO_LONG:
        raise InvalidValue(_("Invalid phone number: too many digits."))
    raise InvalidValue(_("Invalid phone number: check the area code and the number of digits."))


def _parse_problem(error_type: int) -> str:
    from phonenumbers import NumberParseException

    if error_type == NumberParseException.INVALID_COUNTRY_CODE:
        return _("Invalid phone number: unknown country code.")
    if error_type in (NumberParseException.TOO_SHORT_NSN, NumberParseException.TOO_SHORT_AFTER_IDD):
        return _("Invalid phone number: too few digits.")
    if error_type == NumberParseException.TOO_LONG:
        return _("Invalid phone number: too many digits.")
    return _("Invalid phone number: write it like 013-12 34 56 or +46 13 12 34 56.")


# How each number `phone` has just checked is shown, so that showing it (its sort key, its
# search text) does not parse it again: an import checks and stores 100 000 of them.
_shown_numbers: dict[str, str] = {}
_SHOWN_KEPT = 200_000


@lru_cache(maxsize=8192)
def format_phone(e164: str | None) -> str:
    """A stored number as people write it: `013-12 34 56` in Sweden, `+49 40 123456` abroad."""
    if not e164:
        return ""
    known = _shown_numbers.pop(e164, None)
    if known is not None:
        return known
    import phonenumbers
    from phonenumbers import NumberParseException

    try:
        number = phonenumbers.parse(e164, DEFAULT_PHONE_REGION)
    except NumberParseException:
        return e164
    return _shown(number)


def _shown(number: Any, *, valid: bool = False) -> str:
    """A parsed number as `format_phone` writes it (`valid`: known to be valid already)."""
    import phonenumbers
    from phonenumbers import PhoneNumberFormat

    swedish = phonenumbers.region_code_for_number(number) == DEFAULT_PHONE_REGION
    if not swedish or not (valid or phonenumbers.is_valid_number(number)):
        # Abroad, and outside every known Swedish range (whose national form would lose its 0).
        return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    significant = phonenumbers.national_significant_number(number)
    return _service(significant) or phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)


def _service(significant: str) -> str | None:
    """A Swedish service number (0771-567 567) as written; phonenumbers gives 077-156 75 67."""
    if significant.startswith("77") and len(significant) == 9:
        return f"0{significant[:3]}-{significant[3:6]} {significant[6:]}"
    return None


def postcode(value: str) -> str:
    """A Swedish postcode as `NNN NN`."""
    match = _POSTCODE.fullmatch(value.strip())
    if match is None:
        raise InvalidValue(
            _("Invalid postcode: a Swedish postcode has five digits, for example 581 83.")
        )
    return f"{match.group(1)} {match.group(2)}"


def text(
    value: str | None, *, required: bool = False, max_length: int = MAX_NAME_LENGTH, what: str = ""
) -> str | None:
    """Trimmed, NFC-normalised text; empty becomes None; too long is an error, never cut."""
    cleaned = unicodedata.normalize("NFC", value or "").strip()
    if not cleaned:
        if required:
            if what:
                raise InvalidValue(_("{what} is required.").format(what=what))
            raise InvalidValue(_("This field is required."))
        return None
    if len(cleaned) > max_length:
        limit, length = _count(max_length), _count(len(cleaned))
        if what:
            message = _("{what} can have at most {limit} characters (now {length}).")
            raise InvalidValue(message.format(what=what, limit=limit, length=length))
        message = _("The text can have at most {limit} characters (now {length}).")
        raise InvalidValue(message.format(limit=limit, length=length))
    return cleaned


def _count(number: int) -> str:
    """A whole number grouped by thousands as the current language writes it (10 000, 10,000)."""
    grouped = f"{number:,}"
    return grouped.replace(",", "\N{NO-BREAK SPACE}") if current_language() == "sv" else grouped


def website(value: str, *, max_length: int = MAX_URL_LENGTH) -> str:
    """A web address with its scheme (`https://` is added when missing)."""
    address = value.strip()
    if len(address) > max_length:
        raise InvalidValue(
            _("The web address can have at most {limit} characters.").format(limit=max_length)
        )
    invalid = InvalidValue(_("Invalid website: write an address such as www.example.se."))
    if not address or any(char.isspace() for char in address):
        raise invalid
    if not _URL_SCHEME.match(address):
        address = "https://" + address
    parts = urlsplit(address)
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidValue(_("Invalid website: only http and https addresses are allowed."))
    try:
        port = parts.port
    except ValueError:
        raise invalid from None
    host = parts.hostname or ""
    labels = host.split(".")
    if "@" in parts.netloc or len(labels) < 2 or not all(map(_host_label_ok, labels)):
        raise invalid
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))


def _host_label_ok(part: str) -> bool:
    return bool(part) and all(char.isalnum() or char == "-" for char in part)


def places(value: object) -> int:
    """A meeting's number of places: a whole number, at least 1."""
    text = str(value).strip()
    if isinstance(value, bool) or not (isinstance(value, int) or text.isdigit()):
        raise InvalidValue(_("The capacity must be a whole number of places."))
    number = int(text)
    if number <= 0:
        raise InvalidValue(_("The capacity must be at least 1."))
    return number


def colour(value: str) -> str:
    """A colour as `#RRGGBB`, upper-case; `1f6fb2` and `#abc` are accepted too."""
    match = _COLOUR.fullmatch(value.strip())
    if match is None:
        raise InvalidValue(_("Invalid colour: write it as #RRGGBB, for example #1F6FB2."))
    digits = match.group(1).upper()
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return "#" + digits


def iso_date(value: object) -> date:
    """A calendar date, given as a date or as text `ÅÅÅÅ-MM-DD`."""
    if isinstance(value, datetime):
        raise InvalidValue(_("Give a date without a time, as YYYY-MM-DD."))
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InvalidValue(
            _("Invalid date “{value}”: write it as YYYY-MM-DD, for example 2026-03-31.").format(
                value=str(value).strip()
            )
        ) from None


def moment(value: object) -> datetime:
    """A time of day on a date, timezone-aware; one given without an offset is Europe/Stockholm
    local time. Taken as people type it: `2026-04-02 08:30`, `8:30`, `08.30`, or ISO 8601."""
    from lkoe_desktop.domain.clock import STOCKHOLM

    if isinstance(value, datetime):
        parsed = value
    else:
        text = str(value).strip()
        if _DAY.fullmatch(text):
            raise InvalidValue(
                _("Give the time too: write it as YYYY-MM-DD HH:MM, e.g. {day} 13:00.").format(
                    day=text
                )
            )
        typed = _MOMENT.fullmatch(text)
        if typed is not None:
            day, hour, minute = typed.groups()
            text = f"{day} {int(hour):02d}:{minute or '00'}"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise InvalidValue(
                _(
                    "Invalid time “{value}”: write it as YYYY-MM-DD HH:MM, e.g. 2026-03-31 13:00."
                ).format(value=str(value).strip())
            ) from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=STOCKHOLM)
    return parsed


def clock_time(value: object) -> time:
    """A time of day, typed as `9`, `9:30`, `09.30` or `09:30`."""
    if isinstance(value, time):
        return value
    typed = _CLOCK.fullmatch(str(value).strip())
    hour, minute = (int(typed.group(1)), int(typed.group(2) or 0)) if typed else (99, 99)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise InvalidValue(
            _("Invalid time “{value}”: write it as HH:MM, e.g. 09:00.").format(
                value=str(value).strip()
            )
        )
    return time(hour, minute)


def municipality(value: str) -> str:
    """A Swedish municipality's code (`0580` for “Linköping” or “Linköpings kommun”), or, for a
    place outside Sweden, the place as typed."""
    from lkoe_desktop.domain import municipalities

    found = municipalities.code_for(value)
    if found is not None:
        return found
    return text(value, required=True) or ""


def code(value: str, enum: type[StrEnum]) -> str:
    """One of `enum`'s codes, given as the code or as its label in the current language."""
    wanted = value.strip().casefold()
    for member in enum:
        if wanted in (member.value.casefold(), label(member).casefold()):
            return member.value
    message = _("Unknown value “{value}”: use one of {allowed}.")
    raise InvalidValue(message.format(value=value.strip(), allowed=", ".join(codes(enum))))


def collect(
    values: Mapping[str, object], rules: Mapping[str, Callable[[Any], object]]
) -> dict[str, object]:
    """Apply each field's rule and raise one ValidationError naming every invalid field.

    Fields without a rule pass through unchanged. An empty value (None or blank text) is given
    to `text` rules (plain or wrapped in functools.partial), which decide whether it is
    required; for every other rule it becomes None without calling the rule.
    """
    cleaned = dict(values)
    errors: dict[str, str] = {}
    for field, rule in rules.items():
        if field not in values:
            continue
        value = values[field]
        if _is_empty(value) and not _is_text_rule(rule):
            cleaned[field] = None
            continue
        try:
            cleaned[field] = rule(value)
        except InvalidValue as error:
            errors[field] = error.message
    if errors:
        raise ValidationError(errors)
    return cleaned


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_text_rule(rule: Callable[..., object]) -> bool:
    while isinstance(rule, partial):
        rule = rule.func
    return rule is text
