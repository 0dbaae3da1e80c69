"""The user's own preferences kept outside the database (language), shared by window and CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

from lkoe_desktop.domain.i18n import DEFAULT_LANGUAGE, LANGUAGES
from lkoe_desktop.paths import config_dir

LANGUAGE_ENV = "LKOE_LANG"


def _file() -> Path:
    return config_dir() / "preferences.json"


def load() -> dict[str, object]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(values: dict[str, object]) -> None:
    path = _file()
    path.parent.mkdir(parents=True, exist_ok=True)
    merged = load() | values
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(merged, indent=2, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)


def language() -> str:
    """`LKOE_LANG` if set, else the saved choice, else Swedish."""
    chosen = os.environ.get(LANGUAGE_ENV) or load().get("language") or DEFAULT_LANGUAGE
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def set_language(code: str) -> None:
    save({"language": code})
