"""A list as a CSV file that Swedish Excel opens right with a double click.

UTF-8 with a byte order mark (so Excel takes the letters as UTF-8), `;` between cells (the
list separator of Swedish Windows, where `,` is the decimal comma), CRLF line ends, dates as
`YYYY-MM-DD`; text a spreadsheet would run as a formula gets a leading `'` (PRODUCT.md). The
file is written beside the target and moved into place, so a failure leaves no half file.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

from lkoe_desktop.exchange.export_table import (
    EXCEL_CELL_LIMIT,
    FORMULA_START_CHARACTERS,
    PROGRESS_STEP,
    ExportTable,
    Progress,
    cell_text,
    too_long_warning,
)
from lkoe_desktop.files import write_atomically

ENCODING = "utf-8-sig"
SEPARATOR = ";"
LINE_END = "\r\n"


def write_csv(
    table: ExportTable, target: str | os.PathLike[str], *, progress: Progress | None = None
) -> list[str]:
    """Write `table` to `target` (.csv): a header row of headings, then a line per row.

    Returns warnings in words: values longer than Excel holds in a cell are written whole,
    and said to be too long for Excel. `progress(done, total)` is called every few thousand
    rows; if it raises, nothing is written.
    """
    headings = [column.heading for column in table.columns]
    total = len(table.rows)
    too_long: list[tuple[int, str]] = []

    def write(part: Path) -> None:
        with part.open("w", encoding=ENCODING, newline="") as handle:
            writer = csv.writer(handle, delimiter=SEPARATOR, lineterminator=LINE_END)
            writer.writerow([cell_text(heading) for heading in headings])
            for done, row in enumerate(table.rows, start=1):
                # Most cells are plain text or empty, which the writer takes as they are.
                cells = [
                    value
                    if value is None
                    or (value.__class__ is str and value[:1] not in FORMULA_START_CHARACTERS)
                    else cell_text(value)
                    for value in row
                ]
                # writerow gives the line's length: only a line that long can hold such a cell
                if writer.writerow(cells) > EXCEL_CELL_LIMIT:
                    too_long.extend(
                        (done + 1, headings[index])
                        for index, cell in enumerate(cells)
                        if len(cell or "") > EXCEL_CELL_LIMIT
                    )
                if progress is not None and done % PROGRESS_STEP == 0:
                    progress(done, total)

    if progress is not None:
        progress(0, total)
    write_atomically(Path(target), write)
    if progress is not None:
        progress(total, total)
    return [too_long_warning(too_long, cut=False)] if too_long else []
