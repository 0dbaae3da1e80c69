"""What the command line says about an import: the summary, the counts and the rows' problems."""

from __future__ import annotations

from lkoe_desktop.domain.entities import BY_NAME
from lkoe_desktop.domain.fields import format_number
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services.imports import ImportOutcome


def _records(counts: dict[str, int]) -> str:
    return ", ".join(BY_NAME[entity].count_text(count) for entity, count in counts.items() if count)


def summary(outcome: ImportOutcome, *, dry_run: bool) -> str:
    """The preview's or the import's summary, then every problem as "rad N: …"."""
    table, counts = outcome.table, outcome.counts
    rows = ngettext("{count} row", "{count} rows", counts.rows).format(
        count=format_number(counts.rows)
    )
    if dry_run:
        heading = _("Preview of “{file}” ({rows}); nothing was written.")
    elif outcome.written:
        heading = _("Imported “{file}” ({rows}) as import {batch}.")
    else:
        heading = _("“{file}” ({rows}) was not imported.")
    lines = [heading.format(file=table.file_name, rows=rows, batch=outcome.batch_id)]
    if table.encoding:
        separator = {"\t": _("tab"), ";": ";", ",": ","}.get(table.separator or ",", ",")
        lines.append(
            _("  Read as CSV in {encoding}, separated by {separator}.").format(
                encoding=table.encoding, separator=separator
            )
        )
    lines.append(
        _(
            "  New: {new} · Update: {updated} · Unchanged: {unchanged} · "
            "Duplicates in the file: {duplicates} · Errors: {errors}"
        ).format(
            new=format_number(counts.new),
            updated=format_number(counts.updated),
            unchanged=format_number(counts.unchanged),
            duplicates=format_number(counts.duplicates),
            errors=format_number(counts.errors),
        )
    )
    created, changed = _records(dict(counts.created)), _records(dict(counts.changed))
    written = outcome.written or dry_run
    if created and written:
        label = _("  Created: {records}") if outcome.written else _("  To be created: {records}")
        lines.append(label.format(records=created))
    if changed and written:
        label = _("  Changed: {records}") if outcome.written else _("  To be changed: {records}")
        lines.append(label.format(records=changed))
    unarchived = sum(1 for row in outcome.rows if row.unarchived)
    if unarchived and written:
        lines.append(
            ngettext(
                "  {count} archived record matched and is restored.",
                "  {count} archived records matched and are restored.",
                unarchived,
            ).format(count=format_number(unarchived))
        )
    lines += [str(problem) for problem in outcome.problems()]
    return "\n".join(lines)
