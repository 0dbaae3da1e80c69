"""The contact form's Employment and Groups pages: the changes made there are held by the form,
shown as they will be, and written in the transaction of the form's Save."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lkoe_desktop.domain.errors import ConflictError, LkoeError, ValidationError
from lkoe_desktop.domain.i18n import N_
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.services import affiliations, contacts, group_places
from lkoe_desktop.services.affiliations import JobChange
from lkoe_desktop.services.contacts import AffiliationRow, ContactRecord
from lkoe_desktop.services.group_places import Place, PlaceChange
from lkoe_desktop.ui.dialogs.employment_dialogs import (
    AffiliationDialog,
    MembershipDialog,
)
from lkoe_desktop.ui.dialogs.record_form import PARTNER, Listing, counted, day
from lkoe_desktop.ui.widgets.form_fields import mute

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.dialogs.contact_form import ContactForm

ChangeT = TypeVar("ChangeT")
RowT = TypeVar("RowT")


def button_row(*buttons: QPushButton) -> QWidget:
    """Buttons side by side on the right."""
    holder = QWidget(buttons[0].parentWidget())
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return holder


class HeldPage(Generic[ChangeT, RowT]):
    """A page's rows as read (`base`), the changes held on top of them, and the rows shown.

    When someone else changed the stored rows meanwhile, the held changes are dropped (never
    made over theirs) and the next Save says so instead of saving.
    """

    lost_text = ""

    def __init__(self, form: ContactForm, listing: Listing, title: str) -> None:
        self.form, self.listing, self.title = form, listing, title
        self.base: Sequence[RowT] = ()
        self.changes: list[ChangeT] = []
        self.rows: list[RowT] = []
        self.made: dict[int, int] = {}  # id of a row a held change made -> the change's index
        self.lost = False
        self.tab = -1
        self.unsaved = QLabel(
            _("Not saved yet: Save in the form saves these changes, Cancel undoes them."), form
        )
        mute(self.unsaved)
        self.unsaved.hide()

    # --- for subclasses ---------------------------------------------------------------------
    def stored(self, session: Session) -> Sequence[RowT]:
        raise NotImplementedError

    def same(self, stored: Sequence[RowT]) -> bool:
        raise NotImplementedError

    def apply(self, session: Session, changes: Sequence[ChangeT]) -> Sequence[RowT]:
        """The rows after `changes`, made in `session`; sets `made`."""
        raise NotImplementedError

    def show(self, rows: Sequence[RowT]) -> None:
        """List the rows (and keep them in `rows`, in the order listed)."""
        raise NotImplementedError

    # --- shared -------------------------------------------------------------------------------
    def fill(self, session: Session) -> Sequence[RowT]:
        """Read the stored rows and show them with the held changes made (in this session,
        which is never committed)."""
        stored = self.stored(session)
        if self.changes and not self.same(stored):
            self.changes, self.lost = [], True
        self.base = stored
        rows = self.apply(session, self.changes) if self.changes else stored
        if not self.changes:
            self.made = {}
        self.show(rows)
        self.unsaved.setVisible(bool(self.changes))
        self.form.pages.setTabText(self.tab, counted(_(self.title), len(rows)))
        return rows

    def hold(self, change: ChangeT) -> dict[str, str]:
        """Try the change over the held ones; keep it and show the result, or say what is wrong."""
        assert self.form.record_id is not None
        try:
            with self.form.context.database.reading() as session:
                self.apply(session, [*self.changes, change])
        except ValidationError as error:
            return dict(error.errors)
        except ConflictError:  # told here, so the next Save need not say it again
            self.changes = []
            self.form.refresh_related()
            return {"": _(self.lost_text)}
        except LkoeError as error:
            return {"": error.message}
        self.changes.append(change)
        self.form.refresh_related()
        return {}

    def save(self, session: Session) -> None:
        """Make the held changes in the form's transaction; refused when they were lost."""
        stored = self.stored(session)
        if self.lost or (self.changes and not self.same(stored)):
            self.changes, self.lost, self.base = [], False, stored
            self.show(stored)
            self.unsaved.hide()
            raise ValidationError({self.title: _(self.lost_text)})
        if self.changes:
            self.apply(session, self.changes)

    def selected(self) -> tuple[RowT, int | None] | None:
        """The chosen row, and the index of the held change that made it (if one did)."""
        item = self.listing.currentItem()
        if item is None:
            return None
        row = self.rows[self.listing.indexOfTopLevelItem(item)]
        return row, self.made.get(self.row_id(row))

    def row_id(self, row: RowT) -> int:
        raise NotImplementedError


class EmploymentPage(HeldPage[JobChange, AffiliationRow]):
    lost_text = N_(
        "Someone else changed this person's employment while you were editing the contact. "
        "Your changes to the employment are not saved: the Employment page now shows theirs. "
        "Make your changes again, then save."
    )

    def __init__(self, form: ContactForm) -> None:
        headings = (N_("Organisation"), N_("Job title"), N_("From"), N_("Until"))
        super().__init__(form, form.listing(PARTNER, headings, 1), N_("Employment"))
        self.change = QPushButton(_("Change employer…"), form)
        self.change.clicked.connect(form.change_employer)
        self.end = QPushButton(_("End employment…"), form)
        self.end.clicked.connect(lambda: self.edit(ending=True))
        self.correct = QPushButton(_("Edit…"), form)
        self.correct.clicked.connect(lambda: self.edit(ending=False))
        self.listing.currentItemChanged.connect(lambda *_items: self._enable())
        self.buttons = button_row(self.correct, self.end, self.change)
        self.tab = form.add_page(self.listing, self.unsaved, self.buttons)
        self.record: ContactRecord | None = None

    def stored(self, session: Session) -> Sequence[AffiliationRow]:
        assert self.form.record_id is not None
        return contacts.get_contact(session, self.form.record_id).affiliations

    def same(self, stored: Sequence[AffiliationRow]) -> bool:
        return affiliations.same_jobs(stored, self.base)

    def apply(self, session: Session, changes: Sequence[JobChange]) -> Sequence[AffiliationRow]:
        assert self.form.record_id is not None
        record, opened = affiliations.apply_jobs(session, self.form.record_id, self.base, changes)
        self.made = opened
        return record.affiliations

    def row_id(self, row: AffiliationRow) -> int:
        return row.id

    def current(self) -> AffiliationRow | None:
        return next((job for job in self.rows if job.is_current), None)

    def show(self, rows: Sequence[AffiliationRow]) -> None:
        self.rows = list(reversed(rows))  # newest first
        self.listing.fill([(job.organisation_id, job_texts(job)) for job in self.rows])
        for index, job in enumerate(self.rows):
            item = self.listing.topLevelItem(index)
            if job.is_current and item is not None:
                font = QFont(item.font(0))
                font.setBold(True)
                for column in range(self.listing.columnCount()):
                    item.setFont(column, font)
        self._enable()
        self.form.show_employer(self.current())

    def _enable(self) -> None:
        """Edit needs a chosen job (or a current one, taken when none is chosen)."""
        current = self.current() is not None
        self.end.setEnabled(current)
        self.correct.setEnabled(current or self.selected() is not None)

    def edit(self, *, ending: bool) -> AffiliationDialog | None:
        """Open the editor on the chosen job (the current one, to end it)."""
        chosen = self.selected()
        if ending or chosen is None:
            current = self.current()
            chosen = None if current is None else (current, self.made.get(current.id))
        if chosen is None:
            return None
        dialog = AffiliationDialog(self.form, chosen[0], chosen[1], ending=ending)
        dialog.open()
        return dialog


def job_texts(job: AffiliationRow) -> list[str]:
    until = _("current") if job.is_current else day(job.end_date)
    return [job.organisation, job.title or "", day(job.start_date), until]


class GroupsPage(HeldPage[PlaceChange, Place]):
    lost_text = N_(
        "Someone else changed this person's groups while you were editing the contact. Your "
        "changes to the groups are not saved: the Groups page now shows theirs. Make your "
        "changes again, then save."
    )

    def __init__(self, form: ContactForm) -> None:
        headings = (N_("Group"), N_("Role"), N_("Since"), N_("Until"))
        super().__init__(form, form.listing("group", headings, 0), N_("Groups"))
        self.join = QPushButton(_("Add to group…"), form)
        self.join.clicked.connect(self.add)
        self.leave = QPushButton(_("End membership…"), form)
        self.leave.clicked.connect(lambda: self.edit(ending=True))
        self.correct = QPushButton(_("Edit…"), form)
        self.correct.clicked.connect(lambda: self.edit(ending=False))
        self.listing.itemActivated.connect(lambda _item, _column: self.edit(ending=False))
        self.listing.currentItemChanged.connect(lambda *_items: self._enable())
        self.tab = form.add_page(
            self.listing, self.unsaved, button_row(self.correct, self.leave, self.join)
        )

    def stored(self, session: Session) -> Sequence[Place]:
        assert self.form.record_id is not None
        return group_places.places_of_contact(session, self.form.record_id)

    def same(self, stored: Sequence[Place]) -> bool:
        return group_places.same_places(stored, self.base)

    def apply(self, session: Session, changes: Sequence[PlaceChange]) -> Sequence[Place]:
        assert self.form.record_id is not None
        rows, joined = group_places.apply_places(session, self.form.record_id, self.base, changes)
        self.made = joined
        return rows

    def row_id(self, row: Place) -> int:
        return row.membership_id

    def show(self, rows: Sequence[Place]) -> None:
        self.rows = list(rows)
        texts = [[p.group, p.role or "", day(p.since), day(p.until)] for p in rows]
        self.listing.fill([(p.group_id, t) for p, t in zip(rows, texts, strict=True)])
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected()
        self.correct.setEnabled(chosen is not None)
        self.leave.setEnabled(chosen is not None and chosen[0].until is None)

    def add(self) -> MembershipDialog:
        dialog = MembershipDialog(self.form, None, None)
        dialog.open()
        return dialog

    def edit(self, *, ending: bool) -> MembershipDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        dialog = MembershipDialog(self.form, chosen[0], chosen[1], ending=ending)
        dialog.open()
        return dialog
