"""Translation of user-visible text in every layer: gettext catalogues, Swedish by default."""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Sequence
from pathlib import Path

DOMAIN = "lkoe_desktop"
LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"

_state: dict[str, object] = {}


def translations_dir() -> Path:
    """Where the compiled catalogues live (`resources/translations/<lang>/LC_MESSAGES`)."""
    from lkoe_desktop.paths import resource_dir

    return resource_dir() / "translations"


def set_language(language: str) -> None:
    """Switch every later translation to `language` ("sv" or "en")."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if language == "en":
        catalogue: _gettext.NullTranslations = _gettext.NullTranslations()
    else:
        catalogue = _gettext.translation(DOMAIN, translations_dir(), languages=[language])
    _state["language"] = language
    _state["catalogue"] = catalogue


def current_language() -> str:
    if "language" not in _state:
        set_language(DEFAULT_LANGUAGE)
    return str(_state["language"])


def _catalogue() -> _gettext.NullTranslations:
    if "catalogue" not in _state:
        set_language(DEFAULT_LANGUAGE)
    catalogue = _state["catalogue"]
    assert isinstance(catalogue, _gettext.NullTranslations)
    return catalogue


def gettext(message: str) -> str:
    """The message in the current language (import it as `_`)."""
    return _catalogue().gettext(message)


def translated(message: str, language: str) -> str:
    """The message in `language`, whatever the current language is (an import recognises the
    Swedish and the English names of a column in either)."""
    if language == "en":
        return message
    found = _gettext.translation(DOMAIN, translations_dir(), languages=[language], fallback=True)
    return found.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _catalogue().ngettext(singular, plural, count)


def some_names(names: Sequence[str], shown: int = 10) -> str:
    """Names for a sentence the status bar or a panel says: the first `shown`, comma-separated,
    and "…" when there are more, so that a long list never floods the message line."""
    return ", ".join(names[:shown]) + ("…" if len(names) > shown else "")


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated later, where it is shown."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural for extraction; `ngettext` translates it where it is shown."""
    return singular, plural


class LazyText:
    """A message translated each time it is turned into text, so a language switch shows."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return gettext(self.message)

    def __repr__(self) -> str:
        return f"LazyText({self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyText) and other.message == self.message

    def __hash__(self) -> int:
        return hash(self.message)


def lazy(message: str) -> LazyText:
    return LazyText(message)
