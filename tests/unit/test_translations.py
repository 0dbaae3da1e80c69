"""The Swedish catalogue is complete, compiled from the current .po, and keeps placeholders."""

from __future__ import annotations

import importlib.util
import string
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message

from lkoe_desktop.domain.i18n import some_names

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "update_translations.py"
HOW_TO_FIX = "run `.venv/bin/python packaging/update_translations.py` and translate in the .po"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_translations", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _load_script()


@pytest.fixture(scope="module")
def swedish(script: ModuleType) -> Catalog:
    catalogue: Catalog = script.read_catalogue()
    return catalogue


def _forms(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _is_translated(message: Message | None) -> bool:
    if message is None or message.fuzzy:
        return False
    forms = _forms(message.string)
    return bool(forms) and all(forms)


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_every_message_has_a_swedish_translation(script: ModuleType, swedish: Catalog) -> None:
    template: Catalog = script.extract_catalogue()
    missing = [
        f"{message.id!r} ({', '.join(path for path, _ in message.locations)})"
        for message in template
        if message.id and not _is_translated(swedish.get(message.id, message.context))
    ]
    assert not missing, f"untranslated ({HOW_TO_FIX}):\n" + "\n".join(missing)


def test_compiled_catalogue_is_current(script: ModuleType, swedish: Catalog) -> None:
    assert script.MO_FILE.read_bytes() == script.compile_catalogue(swedish), (
        f"{script.MO_FILE.name} is not compiled from the current .po; {HOW_TO_FIX}"
    )


def test_translations_keep_every_placeholder(swedish: Catalog) -> None:
    wrong = []
    for message in swedish:
        if not message.id or not _is_translated(message):
            continue
        sources = _forms(message.id)
        translations = _forms(message.string)
        everything = set().union(*map(_placeholders, sources))
        for index, translation in enumerate(translations):
            # Plural forms after the first follow the plural msgid.
            expected = _placeholders(sources[min(index, len(sources) - 1)])
            found = _placeholders(translation)
            if not expected <= found or not found <= everything:
                wrong.append(f"{message.id!r} -> {translation!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_a_sentence_names_at_most_ten_people_and_says_when_there_are_more() -> None:
    assert some_names(["Åsa Öberg", "Bo Berg"]) == "Åsa Öberg, Bo Berg"
    many = [f"Person {number}" for number in range(1, 191)]
    assert some_names(many) == ", ".join(many[:10]) + "…"
    assert some_names([]) == ""
