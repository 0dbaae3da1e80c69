"""Copying people's e-mail addresses to the clipboard for Outlook, and saying what was copied."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QGuiApplication

from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.exchange.email_addresses import email_list

SHOWN_NAMES = 10


def copy_addresses(people: Sequence[tuple[str, str | None]]) -> str:
    """Put the addresses of `people` (name, e-mail) on the clipboard, `;`-separated; the
    sentence that says how many were copied and who has no address."""
    text = email_list(email for _name, email in people)
    missing = [name for name, email in people if not email]
    count = len(text.split("; ")) if text else 0
    if count:
        QGuiApplication.clipboard().setText(text)
        said = ngettext(
            "{count} e-mail address copied; paste it into Outlook's To or Bcc field.",
            "{count} e-mail addresses copied; paste them into Outlook's To or Bcc field.",
            count,
        ).format(count=count)
    else:
        said = _("No e-mail addresses to copy.")
    if missing:
        names = ", ".join(missing[:SHOWN_NAMES]) + ("…" * (len(missing) > SHOWN_NAMES))
        said += " " + ngettext(
            "{count} person has no e-mail address: {names}.",
            "{count} people have no e-mail address: {names}.",
            len(missing),
        ).format(count=len(missing), names=names)
    return said
