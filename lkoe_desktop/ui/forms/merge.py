"""A form's save when someone else saved the record first: my changes, theirs, and the clashes.

The form keeps the record it read (`form.record`, the base). Save writes only the fields whose
value differs from the base. When the record was saved by someone else in between, it is read
again (theirs): a field only they changed takes their value, a field only I changed keeps mine,
and where we both changed a field to different values the clerk chooses in the conflict dialog.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from enum import Enum, StrEnum, auto
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QPlainTextEdit

from lkoe_desktop.domain import validation
from lkoe_desktop.domain.errors import ConflictError, LkoeError, NotFoundError, ValidationError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.domain.merge import three_way

if TYPE_CHECKING:
    from lkoe_desktop.ui.forms.form import FormDialog


class Choice(StrEnum):
    THEIRS = "theirs"
    MINE = "mine"


@dataclass(frozen=True)
class ConflictField:
    """One field both changed: its key and label, and the two values as the form shows them."""

    key: str
    label: str
    theirs: str
    mine: str
    long: bool = False


class Outcome(Enum):
    SAVE_AGAIN = auto()  # the form holds the merged values, to be saved over the newer version
    STAY = auto()  # not saved: the clerk cancelled (the form shows theirs and mine), or an error
    GONE = auto()  # the record no longer exists (the clerk has been told)


def _comparable(value: object) -> object:
    """Lists of ids compare as sets: the order of ticked themes means nothing."""
    return frozenset(value) if isinstance(value, list | tuple | set | frozenset) else value


def stored(form: FormDialog, record: Any) -> dict[str, object]:
    """A record's values for every key the form saves."""
    values = {key: getattr(record, key, None) for key in form.widgets}
    return {key: _comparable(value) for key, value in (values | form.stored_extras(record)).items()}


def typed(form: FormDialog, values: dict[str, object]) -> dict[str, object]:
    """The form's values as they would be stored, so that 013123456 equals 013-12 34 56."""
    result: dict[str, object] = {}
    for key, value in values.items():
        rule = form.rules.get(key)
        if rule is not None:
            with contextlib.suppress(ValidationError):
                value = validation.collect({key: value}, {key: rule})[key]
        result[key] = _comparable(value)
    return result


def changed(form: FormDialog) -> dict[str, object]:
    """What Save writes: every value of a new record, else those changed since it was read."""
    values = form.values()
    if form.record is None:
        return values
    base, mine = stored(form, form.record), typed(form, values)
    return {key: value for key, value in values.items() if mine[key] != base[key]}


def _put(form: FormDialog, key: str, value: object) -> None:
    if key in form.widgets:
        form.widgets[key].set_value(value)
    else:
        form.show_extra(key, value)


def _label(form: FormDialog, key: str) -> str:
    if key in form.widgets:
        return _(form.widgets[key].field.label)
    return _(form.extra_labels[key])


def _gone(form: FormDialog) -> str:
    return _(
        "Someone else deleted {record} while you were editing it, so your changes cannot be saved."
    ).format(record=_(form.record_noun))


def explain(form: FormDialog, error: LkoeError) -> str:
    """The message for an error on saving; a record deleted meanwhile is said so, without ids."""
    if isinstance(error, NotFoundError) and form.record_id is not None:
        try:
            with form.context.database.reading() as session:
                form.fetch(session, form.record_id)
        except NotFoundError:
            return _gone(form)
    return error.message


def merge_newer(form: FormDialog, error: ConflictError) -> Outcome:
    """Read the record someone else saved and merge it into the form, asking where we clash.

    Whatever the answer, the form is now based on their version: their changes to fields I did
    not change are in the form, and a later save writes only what differs from their version.
    """
    assert form.record_id is not None and form.record is not None
    try:
        with form.context.database.reading() as session:
            theirs = form.fetch(session, form.record_id)
            form.fill_related(session, theirs)
    except NotFoundError:
        form.context.prompts.error(form, _("Cannot save"), _gone(form))
        return Outcome.GONE
    if theirs.version == form.version:  # no newer version to merge: saving again cannot help
        form.context.prompts.error(form, _("Cannot save"), error.message)
        return Outcome.STAY
    mine = typed(form, form.values())
    their_values = stored(form, theirs)
    merge = three_way(stored(form, form.record), mine, their_values)
    for key, value in merge.take.items():
        _put(form, key, value)
    archived = getattr(theirs, "archived", False) and not getattr(form.record, "archived", False)
    form.record, form.version = theirs, theirs.version
    form.show_record_state()
    noun = _(form.record_noun)
    if archived:
        form.context.prompts.inform(
            form,
            _("Archived by someone else"),
            _(
                "Someone else archived {record} while you were editing it. It stays archived when "
                "you save; archived records show in the lists only with “{show}”."
            ).format(record=noun, show=_("Show archived")),
        )
    if not merge.clashes:
        return Outcome.SAVE_AGAIN
    fields = [
        ConflictField(
            key,
            _label(form, key),
            theirs=form.widgets[key].display(getattr(theirs, key, None)),
            mine=form.widgets[key].display(mine[key]),
            long=isinstance(form.widgets[key].editor, QPlainTextEdit),
        )
        for key in merge.clashes
    ]
    count = len(fields)
    intro = ngettext(
        "Someone else saved {record} while you were editing it and also changed a field you "
        "changed. Which value is to be saved?",
        "Someone else saved {record} while you were editing it and also changed {count} fields "
        "you changed. Choose which value is to be saved in each.",
        count,
    ).format(record=noun, count=count)
    taken = ", ".join(_label(form, key).lower() for key in merge.take)
    if taken:
        more = _("Their changes to other fields ({fields}) are already in your form.")
        intro = f"{intro} {more.format(fields=taken)}"
    choices = form.context.prompts.resolve_conflicts(form, intro, fields)
    if choices is None:
        return Outcome.STAY
    for key in merge.clashes:
        if choices.get(key) is Choice.THEIRS:
            _put(form, key, getattr(theirs, key, None))
    return Outcome.SAVE_AGAIN
