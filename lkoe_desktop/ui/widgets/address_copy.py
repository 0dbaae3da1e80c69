"""Copying people's e-mail addresses for Outlook: the clipboard, and the sentence saying what
was copied (the status bar or a panel's message line shows it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext, some_names
from lkoe_desktop.services.email_lists import AddressList, collect_addresses

if TYPE_CHECKING:
    from lkoe_desktop.ui.context import AppContext


def copied_text(found: AddressList) -> str:
    """How many addresses were copied, who has none, and who was left out."""
    if found.copied:
        said = [
            ngettext(
                "{count} e-mail address copied; paste it into Outlook's To or Bcc field.",
                "{count} e-mail addresses copied; paste them into Outlook's To or Bcc field.",
                found.copied,
            ).format(count=found.copied)
        ]
    else:
        said = [_("No e-mail addresses to copy.")]
    missing = found.without_address
    if missing:
        said.append(
            ngettext(
                "{count} person has no e-mail address: {names}.",
                "{count} people have no e-mail address: {names}.",
                len(missing),
            ).format(count=len(missing), names=some_names(missing))
        )
    if found.archived:
        said.append(
            ngettext(
                "{count} archived person left out.",
                "{count} archived people left out.",
                found.archived,
            ).format(count=found.archived)
        )
    if found.absent:
        said.append(
            ngettext(
                "{count} cancelled or no-show person left out.",
                "{count} cancelled or no-show people left out.",
                found.absent,
            ).format(count=found.absent)
        )
    return " ".join(said)


def put_on_clipboard(found: AddressList) -> str:
    """Put the addresses on the clipboard (left alone when there are none); what to say."""
    if found.copied:
        QGuiApplication.clipboard().setText(found.text)
    return copied_text(found)


def copy_contact_addresses(context: AppContext, contact_ids: Iterable[int]) -> str:
    """Copy these contacts' addresses (archived people and people without one skipped); what
    to say about it."""
    with context.database.reading() as session:
        found = collect_addresses(session, contact_ids)
    return put_on_clipboard(found)
