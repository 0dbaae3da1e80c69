"""The rows of one large worksheet written as XML straight into a workbook openpyxl has saved.

openpyxl spends some 80 µs on every cell it writes; a deltagarlista of 200 000 rows took it
over 20 s. So the workbook is saved by openpyxl with that sheet's header and one sample row
(which gives each column's style: a date's number format), and its rows are then written
here, streamed into a copy of the file: text as inline strings (always text, never a formula),
dates as serial numbers in their column's style, numbers as numbers. openpyxl and Excel read
the file back as if openpyxl had written every row.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

Cell = str | date | int | float | None
Progress = Callable[[int, int], None]

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system (past February 1900)
SHEET_DATA = re.compile(r"<sheetData>(.*)</sheetData>", re.S)
ROWS = re.compile(r"<row\b[^>]*>.*?</row>", re.S)
CELL_STYLE = re.compile(r'<c r="([A-Z]+)\d+"(?=[^>]*\ss="(\d+)")')
DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
# Rows turned into XML and written at a time, and between two calls of `progress`.
BATCH = 2000


def _part(book: zipfile.ZipFile, title: str) -> str:
    """The file inside the workbook that holds the worksheet named `title`."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    sheet = next(found for found in workbook.iter(f"{{{MAIN}}}sheet") if found.get("name") == title)
    relation = sheet.get(f"{{{RELATIONSHIPS}}}id")
    links = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(
        link.get("Target", "")
        for link in links.iter(f"{{{PACKAGE}}}Relationship")
        if link.get("Id") == relation
    )
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _text(reference: str, text: str) -> str:
    if not text.isprintable():  # only then can it hold a character XML refuses
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{reference}" t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def _row(number: int, values: Sequence[Cell], columns: Sequence[str], styles: Sequence[str]) -> str:
    """One row's XML: text as inline strings, dates as serial numbers, numbers as they are,
    empty cells left out. (Written out, not cell by cell through calls: it runs for every
    cell of some hundred thousand rows.)"""
    cells = [f'<row r="{number}">']
    for column, value, style in zip(columns, values, styles, strict=True):
        if value is None:
            continue
        if isinstance(value, str):
            cells.append(_text(f"{column}{number}", value))
            continue
        if isinstance(value, datetime):
            raise TypeError("a time of day is written by openpyxl, not here")
        figure = (value - EPOCH).days if isinstance(value, date) else value
        cells.append(f'<c r="{column}{number}"{style} t="n"><v>{figure}</v></c>')
    cells.append("</row>")
    return "".join(cells)


def _dimension(start: str, columns: int, rows: int) -> str:
    """The worksheet's XML before its rows, saying how far its cells reach (what a reader in
    read-only mode takes for the sheet's size), right after the sheet's properties."""
    start = DIMENSION.sub("", start)
    reach = f'<dimension ref="A1:{get_column_letter(max(columns, 1))}{rows}"/>'
    after = start.find("</sheetPr>")
    at = (
        after + len("</sheetPr>") if after >= 0 else start.index(">", start.index("<worksheet")) + 1
    )
    return f"{start[:at]}{reach}{start[at:]}"


def fill_rows(
    path: Path,
    title: str,
    rows: Iterable[Sequence[Cell]],
    total: int,
    progress: Progress | None = None,
) -> None:
    """Give the worksheet `title` of the workbook at `path` the `rows` (`total` of them) below
    its header row, in place of the sample row after it, whose cells give each column its
    style. `progress(done, total)` is called now and then."""
    copy = path.with_name(path.name + ".rows")
    try:
        with (
            zipfile.ZipFile(path) as source,
            zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
        ):
            part = _part(source, title)
            for member in source.infolist():
                if member.filename != part:
                    target.writestr(member, source.read(member))
                    continue
                sheet = source.read(member).decode("utf-8")
                found = SHEET_DATA.search(sheet)
                if found is None:
                    raise ValueError(f"no rows in worksheet {title}")
                header, sample = ROWS.findall(found.group(1))[:2]
                by_column = dict(CELL_STYLE.findall(sample))
                start = _dimension(sheet[: found.start()], header.count("<c "), total + 1)
                with target.open(part, "w") as stream:
                    stream.write(f"{start}<sheetData>{header}".encode())
                    _write_rows(stream, rows, total, by_column, progress)
                    stream.write(f"</sheetData>{sheet[found.end() :]}".encode())
        os.replace(copy, path)
    finally:
        copy.unlink(missing_ok=True)


def _write_rows(
    stream: IO[bytes],
    rows: Iterable[Sequence[Cell]],
    total: int,
    by_column: dict[str, str],
    progress: Progress | None,
) -> None:
    write = stream.write
    batch: list[str] = []
    columns: list[str] = []
    styles: list[str] = []
    done = 0
    for done, values in enumerate(rows, start=1):
        if len(columns) != len(values):
            columns = [get_column_letter(index) for index in range(1, len(values) + 1)]
            styles = [f' s="{by_column[c]}"' if c in by_column else "" for c in columns]
        batch.append(_row(done + 1, values, columns, styles))
        if done % BATCH == 0:
            write("".join(batch).encode())
            batch.clear()
            if progress is not None:
                progress(done, total)
    write("".join(batch).encode())
