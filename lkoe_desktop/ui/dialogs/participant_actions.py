"""What the office does to a meeting's participants: add people (and undo that in one step),
change status or role for many at once, edit one, remove, copy e-mail addresses, print,
calendar file, catering."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QTableView, QToolButton, QWidget

from lkoe_desktop.domain.codes import ON_SIGN_IN_SHEET, ParticipationStatus, Role, label
from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext
from lkoe_desktop.services import candidates, participations
from lkoe_desktop.ui.dialogs.capacity import confirm_over_capacity
from lkoe_desktop.ui.widgets.email_copy import copy_addresses

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from lkoe_desktop.ui.context import AppContext
    from lkoe_desktop.ui.models.table_model import WindowedTableModel

Status = ParticipationStatus
TAKES_A_PLACE = {status.value for status in ON_SIGN_IN_SHEET if status != Status.INVITED}
# Who the copy menu offers by status, in the order an office works through a meeting.
COPY_STATUSES = (Status.INVITED, Status.REGISTERED, Status.ATTENDED, Status.NO_SHOW)


def undone_text(result: candidates.UndoResult) -> str:
    """What undoing an add did, as the panel says it."""
    said = [
        ngettext(
            "Adding undone: {count} person taken off the list again.",
            "Adding undone: {count} people taken off the list again.",
            result.removed,
        ).format(count=result.removed)
    ]
    kept = result.kept_changed
    if kept:
        said.append(
            ngettext(
                "{count} person was kept because their participation changed after the "
                "adding: {names}.",
                "{count} people were kept because their participation changed after the "
                "adding: {names}.",
                len(kept),
            ).format(count=len(kept), names=", ".join(kept[:10]) + ("…" * (len(kept) > 10)))
        )
    if result.gone:
        said.append(
            ngettext(
                "{count} person had already been taken off the list.",
                "{count} people had already been taken off the list.",
                result.gone,
            ).format(count=result.gone)
        )
    return " ".join(said)


class ParticipantActions(QWidget):
    """The actions on the rows chosen in `table`; a subclass builds the table, `model`, the
    `message` line and the undo offer (`undo_action`, shown by `undo_button`), and sets
    `context` and `meeting_id`. Each write is one transaction and announces
    `changes.PARTICIPANTS`; it also ends the offer to undo the last add."""

    context: AppContext
    meeting_id: int
    model: WindowedTableModel
    table: QTableView
    message: QLabel
    undo_action: QAction
    undo_button: QToolButton
    undoable: list[int]

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        found = (self.model.id_at(row) for row in rows)
        return [record_id for record_id in found if record_id is not None]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_ids(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        selection = self.table.selectionModel()
        selection.clearSelection()
        for row in range(self.model.cached_row_count()):
            if self.model.id_at(row) in wanted:
                selection.select(
                    self.model.index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )

    def _say(self, text: str) -> None:
        self.message.setText(text)

    # --- changing the list --------------------------------------------------------------------
    def _write(self, title: str, work: Callable[..., object]) -> bool:
        """Run `work(session)` in one transaction; a refusal is shown, nothing half-done."""
        try:
            with self.context.database.unit_of_work() as session:
                work(session)
        except LkoeError as error:
            self.context.prompts.error(self, title, error.message)
            return False
        self.offer_undo([])
        return True

    def edit_current(self) -> None:
        from lkoe_desktop.ui.dialogs.participation_form import open_participation_form

        participation_id = self.current_id()
        if participation_id is None:
            ids = self.selected_ids()
            participation_id = ids[0] if ids else None
        if participation_id is not None and open_participation_form(
            self.context, participation_id, self
        ):
            self.offer_undo([])

    def set_status(self, status: Status) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        if status.value in TAKES_A_PLACE:
            with self.context.database.reading() as session:
                rows = participations.list_participants(session, ids=ids)
            newcomers = sum(row.status not in TAKES_A_PLACE for row in rows)
            if not confirm_over_capacity(self.context, self, self.meeting_id, newcomers):
                return
        if self._write(
            _("Cannot change the status"),
            lambda session: participations.set_statuses(session, ids, status.value),
        ):
            self._say(
                ngettext(
                    "{count} person now has status “{status}”.",
                    "{count} people now have status “{status}”.",
                    len(ids),
                ).format(count=len(ids), status=label(status))
            )
            self.select_ids(ids)

    def set_role(self, role: Role) -> None:
        ids = self.selected_ids()

        def work(session: Session) -> None:
            for participation_id in ids:
                participations.set_role(session, participation_id, role.value)

        if ids and self._write(_("Cannot change the role"), work):
            self._say(
                ngettext(
                    "{count} person now has role “{role}”.",
                    "{count} people now have role “{role}”.",
                    len(ids),
                ).format(count=len(ids), role=label(role))
            )
            self.select_ids(ids)

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        question = ngettext(
            "Take {count} person off the list? Use the status “{cancelled}” instead for someone "
            "who has cancelled: that is kept and counted.",
            "Take {count} people off the list? Use the status “{cancelled}” instead for people "
            "who have cancelled: that is kept and counted.",
            len(ids),
        ).format(count=len(ids), cancelled=label(Status.CANCELLED))
        if not self.context.prompts.confirm(self, _("Remove from the list"), question):
            return

        def work(session: Session) -> None:
            for participation_id in ids:
                participations.remove(session, participation_id)

        if self._write(_("Cannot remove"), work):
            self._say(
                ngettext(
                    "{count} person taken off the list.",
                    "{count} people taken off the list.",
                    len(ids),
                ).format(count=len(ids))
            )

    def add_people(self, way: str) -> None:
        from lkoe_desktop.services.candidates import AddingTo
        from lkoe_desktop.ui.dialogs.add_people import open_add_people

        added = open_add_people(self.context, AddingTo.meeting(self.meeting_id), way, self)
        if added:
            self._say(
                ngettext(
                    "{count} person added to the list.",
                    "{count} people added to the list.",
                    len(added),
                ).format(count=len(added))
            )
            self.offer_undo(added)

    def offer_undo(self, added: list[int]) -> None:
        """Offer to take the participations `added` by one add off the list again (an empty
        list ends the offer)."""
        self.undoable = added
        self.undo_action.setText(
            ngettext("Undo adding {count} person", "Undo adding {count} people", len(added)).format(
                count=len(added)
            )
        )
        self.undo_action.setToolTip(
            _(
                "Take the people just added off the list again (Ctrl+Z); anyone whose "
                "participation has changed since stays on it"
            )
        )
        self.undo_action.setEnabled(bool(added))
        self.undo_button.setVisible(bool(added))

    def undo_add(self) -> None:
        """Take the people the last add put on the list off it again, in one transaction;
        those whose participation changed since are kept, and the message says who."""
        added = self.undoable
        if not added:
            return
        done: list[candidates.UndoResult] = []

        def work(session: Session) -> None:
            done.append(candidates.undo_add(session, self.meeting_id, added))

        if self._write(_("Cannot undo the adding"), work):
            self._say(undone_text(done[0]))

    # --- e-mail addresses ---------------------------------------------------------------------
    def copy_addresses(self) -> None:
        """The selected people's addresses, or everyone's shown when nobody is selected."""
        if len(self.selected_ids()) > 1:
            self.copy_selected_addresses()
        else:
            self.copy_shown_addresses()

    def copy_selected_addresses(self) -> None:
        with self.context.database.reading() as session:
            rows = participations.list_participants(session, ids=self.selected_ids())
        self._copy(rows)

    def copy_shown_addresses(self) -> None:
        meeting_id, statuses, search = self.model.where
        with self.context.database.reading() as session:
            rows = participations.list_participants(
                session, meeting_id, statuses=statuses, search=search
            )
        self._copy(rows)

    def copy_status_addresses(self, status: Status) -> None:
        with self.context.database.reading() as session:
            rows = participations.list_participants(
                session, self.meeting_id, statuses=[status.value]
            )
        self._copy(rows)

    def _copy(self, rows: list[participations.ParticipantRow]) -> None:
        self._say(
            copy_addresses(
                [(f"{row.first_name} {row.last_name}".strip(), row.email) for row in rows]
            )
        )

    # --- more ---------------------------------------------------------------------------------
    def _print(self, document: str) -> None:
        from lkoe_desktop.ui import reports

        getattr(reports, document)(self.context, self.meeting_id, self)

    def save_calendar_file(self) -> None:
        from lkoe_desktop.ui.dialogs.meeting_files import save_calendar_file

        save_calendar_file(self.context, self.meeting_id, self)

    def show_catering(self) -> None:
        from lkoe_desktop.ui.dialogs.meeting_files import show_catering

        show_catering(self.context, self.meeting_id, self)

    def open_checkin(self) -> None:
        from lkoe_desktop.ui.dialogs.checkin import open_checkin

        open_checkin(self.context, self.meeting_id, self)
