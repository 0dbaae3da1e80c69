"""What the office does to a meeting's participants: add people or change their status (each
undone in one step through the window's undo offer), change role for many at once, edit one,
remove, copy e-mail addresses, print, calendar file, catering."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QTableView, QToolButton, QWidget

from lkoe_desktop.domain.codes import ON_SIGN_IN_SHEET, ParticipationStatus, Role, label
from lkoe_desktop.domain.errors import LkoeError
from lkoe_desktop.domain.i18n import gettext as _
from lkoe_desktop.domain.i18n import ngettext, some_names
from lkoe_desktop.services import candidates, email_lists, participations, status_changes
from lkoe_desktop.ui.dialogs.capacity import confirm_over_capacity
from lkoe_desktop.ui.widgets.address_copy import put_on_clipboard

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
            ).format(count=len(kept), names=some_names(kept))
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


def status_undone_text(result: status_changes.StatusUndo) -> str:
    """What undoing a status change did, as the panel and the status bar say it."""
    said = [
        ngettext(
            "Status change undone: {count} person has their earlier status again.",
            "Status change undone: {count} people have their earlier status again.",
            result.restored,
        ).format(count=result.restored)
    ]
    kept = result.kept_changed
    if kept:
        said.append(
            ngettext(
                "{count} person was left as they are because their participation changed "
                "after the status change: {names}.",
                "{count} people were left as they are because their participation changed "
                "after the status change: {names}.",
                len(kept),
            ).format(count=len(kept), names=some_names(kept))
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
    `message` line, the undo button and action (`undo_action`, `undo_button`) and the copy
    menu's `copy_absent` choice, and sets `context` and `meeting_id`. Each write is one
    transaction and announces `changes.PARTICIPANTS`; adding people and changing their status
    hand their undo to the window's one offer (`context.undo`), which any later write ends."""

    context: AppContext
    meeting_id: int
    model: WindowedTableModel
    table: QTableView
    message: QLabel
    undo_action: QAction
    undo_button: QToolButton
    copy_absent: QAction

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
        return True

    def edit_current(self) -> None:
        from lkoe_desktop.ui.dialogs.participation_form import open_participation_form

        participation_id = self.current_id()
        if participation_id is None:
            ids = self.selected_ids()
            participation_id = ids[0] if ids else None
        if participation_id is not None:
            open_participation_form(self.context, participation_id, self)

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
        done: list[status_changes.StatusChange] = []

        def work(session: Session) -> None:
            done.append(status_changes.change_statuses(session, ids, status.value))

        if self._write(_("Cannot change the status"), work):
            self._say(
                ngettext(
                    "{count} person now has status “{status}”.",
                    "{count} people now have status “{status}”.",
                    len(ids),
                ).format(count=len(ids), status=label(status))
            )
            self.select_ids(ids)
            if done[0].changed:
                self._offer_status_undo(done[0])

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
            self._offer_add_undo(added)

    # --- undo ---------------------------------------------------------------------------------
    def undo_scope(self) -> tuple[str, int]:
        """Where the window's undo offer says a change to this meeting's list was made."""
        return ("meeting", self.meeting_id)

    def _offer_add_undo(self, added: list[int]) -> None:
        """Offer to take the participations `added` by one add off the list again; those whose
        participation changed since are kept, and the message says who."""
        database, meeting_id = self.context.database, self.meeting_id

        def undo() -> str:
            with database.unit_of_work() as session:
                result = candidates.undo_add(session, meeting_id, added)
            return undone_text(result)

        text = ngettext("Undo adding {count} person", "Undo adding {count} people", len(added))
        self.context.undo.offer(text.format(count=len(added)), undo, self.undo_scope())

    def _offer_status_undo(self, change: status_changes.StatusChange) -> None:
        """Offer to give the people whose status `change` changed their earlier status back."""
        database, count = self.context.database, len(change.changed)

        def undo() -> str:
            with database.unit_of_work() as session:
                result = status_changes.undo_status_change(session, change)
            return status_undone_text(result)

        text = ngettext(
            "Undo the status change of {count} person",
            "Undo the status change of {count} people",
            count,
        )
        self.context.undo.offer(text.format(count=count), undo, self.undo_scope())

    # --- e-mail addresses ---------------------------------------------------------------------
    def copy_addresses(self) -> None:
        """The selected people's addresses, or everyone's shown when nobody is selected."""
        if len(self.selected_ids()) > 1:
            self.copy_selected_addresses()
        else:
            self.copy_shown_addresses()

    def copy_selected_addresses(self) -> None:
        """Cancelled and no-show people among them are left out unless `copy_absent` is ticked."""
        self._copy(self.selected_ids(), self.copy_absent.isChecked())

    def copy_shown_addresses(self) -> None:
        """Everyone the list shows; cancelled and no-show people only when `copy_absent` is
        ticked or the list is filtered to their status."""
        meeting_id, statuses, search = self.model.where
        with self.context.database.reading() as session:
            ids = participations.participant_ids(
                session, meeting_id, statuses=statuses, search=search
            )
        self._copy(ids, self.copy_absent.isChecked() or statuses is not None)

    def copy_status_addresses(self, status: Status) -> None:
        with self.context.database.reading() as session:
            ids = participations.participant_ids(session, self.meeting_id, statuses=[status.value])
        self._copy(ids, True)

    def _copy(self, participation_ids: list[int], include_absent: bool) -> None:
        with self.context.database.reading() as session:
            found = email_lists.meeting_addresses(
                session, participation_ids, include_absent=include_absent
            )
        self._say(put_on_clipboard(found))

    # --- more ---------------------------------------------------------------------------------
    def _print(self, document: str) -> None:
        from lkoe_desktop.ui import reports

        getattr(reports, document)(self.context, self.meeting_id, self)

    def save_calendar_file(self) -> None:
        from lkoe_desktop.ui.dialogs.meeting_files import save_calendar_file

        save_calendar_file(self.context, self.meeting_id, self)

    def export(self, selected_first: bool) -> None:
        """The list as shown, or the selected people, through the export dialog."""
        from lkoe_desktop.ui.export_lists import participants
        from lkoe_desktop.ui.export_runner import export_list

        listing = participants(self.context, self.meeting_id, self.model, self.selected_ids())
        export_list(self.context, self, listing, self._say, selected_first=selected_first)

    def show_catering(self) -> None:
        from lkoe_desktop.ui.dialogs.meeting_files import show_catering

        show_catering(self.context, self.meeting_id, self)

    def open_checkin(self) -> None:
        from lkoe_desktop.ui.dialogs.checkin import open_checkin

        open_checkin(self.context, self.meeting_id, self)
