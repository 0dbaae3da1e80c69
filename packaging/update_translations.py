"""Refresh the Swedish catalogue from the source's marked messages and compile it to .mo."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lkoe_desktop"
DOMAIN = "lkoe_desktop"  # the gettext domain lkoe_desktop.domain.i18n loads
LANGUAGE = "sv"
CATALOGUE_DIR = ROOT / "resources" / "translations" / LANGUAGE / "LC_MESSAGES"
PO_FILE = CATALOGUE_DIR / f"{DOMAIN}.po"
MO_FILE = CATALOGUE_DIR / f"{DOMAIN}.mo"

METHOD_MAP = [("**.py", "python")]
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "N_plural": (1, 2),
    "lazy": None,
}
COMMENT_TAG = "Translators:"


def extract_catalogue() -> Catalog:
    """Every message the package marks for translation, as a template catalogue."""
    template = Catalog(domain=DOMAIN, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE,
        METHOD_MAP,
        keywords=KEYWORDS,
        comment_tags=(COMMENT_TAG,),
        strip_comment_tags=True,
    ):
        location = (f"{PACKAGE.name}/{Path(filename).as_posix()}", lineno)
        template.add(message, locations=[location], auto_comments=comments, context=context)
    return template


def read_catalogue(path: Path = PO_FILE) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=LANGUAGE, domain=DOMAIN)


def package_version() -> str:
    source = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', source, re.MULTILINE)
    if found is None:
        raise SystemExit(f"no __version__ in {PACKAGE / '__init__.py'}")
    return found.group(1)


def merge(template: Catalog, existing: Catalog | None) -> Catalog:
    """The template's messages with the existing translations kept; vanished ones are dropped."""
    if existing is None:
        now = datetime.now(UTC)
        existing = Catalog(
            locale=LANGUAGE,
            domain=DOMAIN,
            header_comment="# Swedish translations of LKÖ Desktop.\n#",
            creation_date=now,
            revision_date=now,
            last_translator="Logistikkluster Östergötland",
            language_team="Swedish",
            fuzzy=False,
        )
        existing.msgid_bugs_address = ""  # Babel's constructor turns "" into a placeholder
    existing.project = "LKÖ Desktop"
    existing.version = package_version()
    existing.update(template, no_fuzzy_matching=True, update_creation_date=False)
    return existing


def po_bytes(catalogue: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalogue, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue()


def compile_catalogue(catalogue: Catalog) -> bytes:
    """The .mo file's contents for `catalogue` (fuzzy translations left out)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    return buffer.getvalue()


def main() -> None:
    existing = read_catalogue() if PO_FILE.exists() else None
    catalogue = merge(extract_catalogue(), existing)
    CATALOGUE_DIR.mkdir(parents=True, exist_ok=True)
    PO_FILE.write_bytes(po_bytes(catalogue))
    # Compile what was written, so the .mo always matches the .po on disk byte for byte.
    MO_FILE.write_bytes(compile_catalogue(read_catalogue()))
    messages = [message for message in catalogue if message.id]
    untranslated = sum(1 for message in messages if not message.string)
    print(f"{PO_FILE.relative_to(ROOT)}: {len(messages)} messages, {untranslated} untranslated")


if __name__ == "__main__":
    main()
