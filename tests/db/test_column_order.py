"""Sorting a list by any column: Swedish order, coded columns by label, empty values last."""

from __future__ import annotations

from lkoe_desktop.db.engine import Database
from lkoe_desktop.domain.entities import PARTNER
from lkoe_desktop.services.partners import PartnerFilter, create_partner, list_partners

NAMES = ("Ödeshögs Åkeri", "Alfa Frakt", "Zeta Lager", "Åby Bygg", "Ärla Transport")


def _partners(db: Database) -> None:
    municipalities = ("Ödeshög", "Linköping", None, "Åtvidaberg", "Boxholm")
    sectors = ("public", "business", "academia", None, "civil_society")
    sizes = ("large", "micro", "medium", "small", "unknown")
    with db.unit_of_work() as session:
        for name, municipality, sector, size in zip(
            NAMES, municipalities, sectors, sizes, strict=True
        ):
            create_partner(
                session,
                {"name": name, "municipality": municipality, "sector": sector, "size_class": size},
            )


def _column(db: Database, sort: str, descending: bool = False) -> list[object]:
    with db.reading() as session:
        rows = list_partners(session, PartnerFilter(), sort=sort, descending=descending)
    return [getattr(row, sort) for row in rows]


def test_a_text_column_sorts_in_swedish_order_with_empty_values_last(db: Database) -> None:
    _partners(db)
    ascending = ["Boxholm", "Linköping", "Åtvidaberg", "Ödeshög", None]
    shown = PARTNER.field("municipality").display
    assert [shown(code) or None for code in _column(db, "municipality")] == ascending
    descending = _column(db, "municipality", descending=True)
    assert [shown(code) or None for code in descending] == [*ascending[-2::-1], None]


def test_a_coded_column_sorts_by_its_swedish_label(db: Database) -> None:
    _partners(db)
    # Akademi, Ideell sektor, Näringsliv, Offentlig sektor; the partner without a sector last.
    assert _column(db, "sector") == ["academia", "civil_society", "business", "public", None]


def test_size_classes_sort_from_small_to_large(db: Database) -> None:
    _partners(db)
    assert _column(db, "size_class") == ["micro", "small", "medium", "large", "unknown"]
