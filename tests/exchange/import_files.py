"""Files written the way Excel and web forms write them, for the import's tests and benchmark."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl


def swedish_excel_csv(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """What Swedish Excel saves as "CSV (semikolonavgränsad)": `;`, Windows-1252, CRLF; a cell
    with `;`, a quotation mark or a line break is quoted, its quotation marks doubled."""
    lines = [";".join(_quoted(cell, ";") for cell in row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def utf8_csv(
    path: Path, rows: Sequence[Sequence[str]], separator: str = ",", bom: bool = True
) -> Path:
    """A web form's or Excel's "CSV UTF-8" export: UTF-8 (with its byte-order mark), LF or CRLF."""
    lines = [separator.join(_quoted(cell, separator) for cell in row) for row in rows]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def _quoted(cell: str, separator: str) -> str:
    if any(char in cell for char in (separator, '"', "\r", "\n")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def workbook(
    path: Path,
    rows: Sequence[Sequence[object]],
    formats: Mapping[str, str] | None = None,
    more_sheets: Sequence[str] = (),
) -> Path:
    """An XLSX workbook with typed cells (numbers, dates, formulas) as openpyxl writes them;
    `formats` gives cells a number format ("B2": "0000000000")."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Blad1"
    for row in rows:
        sheet.append(list(row))
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    for name in more_sheets:
        book.create_sheet(name)
    book.save(path)
    return path


def with_cached_values(path: Path, values: Mapping[str, tuple[str, str]]) -> Path:
    """The workbook with each formula cell's last computed value saved as Excel saves it:
    `<c r="D2"><f>B2*2</f><v>84</v></c>` for a number, `t="str"` for text. openpyxl writes the
    formula only (it computes nothing), so the value is put into the sheet's XML here.
    `values` maps a cell ("D2") to ("n" or "str", the value)."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts[member].decode("utf-8")
    for cell, (kind, value) in values.items():
        pattern = re.compile(rf'<c r="{cell}"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?</c>')
        found = pattern.search(xml)
        assert found is not None, f"no formula in {cell}"
        kind_attribute = ' t="str"' if kind == "str" else ""
        formula = f"<f>{found.group(2)}</f><v>{value}</v>"
        cached = f'<c r="{cell}"{found.group(1)}{kind_attribute}>{formula}</c>'
        xml = xml[: found.start()] + cached + xml[found.end() :]
    parts[member] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def excel_style_workbook(path: Path, shared: Sequence[str], sheet_data: str) -> Path:
    """A workbook laid out as Excel saves it: text in the shared strings (`shared`: the `<si>`
    items' inner XML), a custom number format (style 1: "0000000000"), the built-in date
    format (style 2) and a time of day (style 3), and `sheet_data` as the sheet's rows."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"/>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{relations}"><workbookPr/>'
        '<sheets><sheet name="Anmälda" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{package}"><Relationship '
        'Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}">'
        + "".join(f"<si>{item}</si>" for item in shared)
        + "</sst>",
        "xl/styles.xml": f'<styleSheet xmlns="{main}"><numFmts count="1">'
        '<numFmt numFmtId="164" formatCode="0000000000"/></numFmts><cellXfs count="4">'
        '<xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="20"/>'
        "</cellXfs></styleSheet>",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{sheet_data}'
        "</sheetData></worksheet>",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>\n' + text)
    return path
