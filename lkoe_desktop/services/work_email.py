"""Whether a person's e-mail address is at their employer's domain, and the same at a new one."""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from lkoe_desktop.db.models import Organisation
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services.common import get


def _domain_of_address(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    return address.rsplit("@", 1)[1].strip().casefold() or None


def _domain_of_website(website: str | None) -> str | None:
    if not website or not website.strip():
        return None
    text = website.strip()
    host = urlsplit(text if "//" in text else f"//{text}").hostname
    if not host:
        return None
    host = host.casefold()
    return host.removeprefix("www.") or None


def domains(organisation: Organisation) -> list[str]:
    """The organisation's own domains: its e-mail address's first, then its website's."""
    found = [_domain_of_address(organisation.email), _domain_of_website(organisation.website)]
    return list(dict.fromkeys(domain for domain in found if domain))


def is_at(session: Session, address: str | None, organisation_id: int) -> bool:
    """Whether the address is on the organisation's domain (or a subdomain of it)."""
    domain = _domain_of_address(address)
    if domain is None:
        return False
    own = domains(get(session, Organisation, organisation_id, _("Partner")))
    return any(domain == d or domain.endswith("." + d) for d in own)


def address_at(session: Session, address: str, organisation_id: int) -> str:
    """The same local part at the organisation's domain; empty when it has none."""
    own = domains(get(session, Organisation, organisation_id, _("Partner")))
    if not own or "@" not in address:
        return ""
    return f"{address.rsplit('@', 1)[0]}@{own[0]}"
