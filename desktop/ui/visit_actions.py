"""What a rep does with a visit: plan it, start it, end it, cancel or reschedule it.

One object any screen (Today, an account's Visits tab) asks; it opens the dialogs, runs the
writes in the background, tells every view (``events.data_changed``) and says ``done(id)``.
A refused action (say, ending a cancelled visit) is shown in plain words; nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QWidget
from shiboken6 import isValid

from desktop.services.times import utcnow
from desktop.store import Changes, Store, ValidationFailed
from desktop.sync import user_message
from desktop.ui.events import AppEvents
from desktop.ui.i18n import message_text, translate
from desktop.ui.runner import Runner
from shared.models.enums import VisitStatus

if TYPE_CHECKING:
    from desktop.services.visits import VisitDetail

# The dialogs' modules (and QMessageBox) are imported when one first opens, and the visit
# services when an action is first taken, not with every screen that offers visit actions
# (Today at start).

# Which actions apply to a visit in each status (the services refuse the others).
ACTIONS: dict[str, frozenset[str]] = {
    VisitStatus.PLANNED.value: frozenset({"start", "end", "cancel", "reschedule"}),
    VisitStatus.IN_PROGRESS.value: frozenset({"end"}),
    VisitStatus.CANCELLED.value: frozenset({"reschedule"}),
    VisitStatus.COMPLETED.value: frozenset(),
}


def failure_text(exc: BaseException) -> str:
    """Plain words, in the UI's language, for why a visit action was refused."""
    if isinstance(exc, ValidationFailed):
        return " ".join(message_text(p.message) for p in exc.problems)
    if isinstance(exc, LookupError) and exc.args and isinstance(exc.args[0], str):
        return message_text(exc.args[0])
    return message_text(user_message(exc))


class VisitActions(QObject):
    """Plan / start / end / cancel / reschedule; ``done(visit_id)`` after each change.

    ``dialog`` is the dialog or message box opened last (tests and screenshots use it).
    """

    done = Signal(str)

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._store, self._runner, self._events, self._parent = store, runner, events, parent
        self._dialog: QDialog | None = None

    @property
    def dialog(self) -> QDialog | None:
        """The dialog or message box opened last, while it is open."""
        return self._dialog if self._dialog is not None and isValid(self._dialog) else None

    @staticmethod
    def available(status: str) -> set[str]:
        """The actions ("start", "end", "cancel", "reschedule") a visit in *status* allows."""
        return set(ACTIONS.get(status, frozenset()))

    # -- with a dialog -----------------------------------------------------------------
    def plan(self, account_id: str | None) -> None:
        """The plan dialog; with no account the rep picks one by typing."""
        from desktop.ui.visit_plan_dialog import VisitPlanDialog

        dialog = VisitPlanDialog(self._store, self._runner, self._events, account_id,
                                 self._parent)
        self._open(dialog)

    def end(self, visit_id: str) -> None:
        """Outcome, notes and the next step (a task with a due date), saved together."""
        visit = self._visit(visit_id)
        if visit is None:
            return
        if "end" not in self.available(visit.status):
            self._refuse(translate("VisitActions", "This visit is already closed."))
            return
        from desktop.ui.visit_end_dialog import VisitEndDialog

        self._open(VisitEndDialog(self._store, self._runner, self._events, visit,
                                  self._parent))

    def reschedule(self, visit_id: str) -> None:
        visit = self._visit(visit_id)
        if visit is None:
            return
        if "reschedule" not in self.available(visit.status):
            self._refuse(translate("VisitActions",
                                   "Only a visit that has not taken place can be rescheduled."))
            return
        from desktop.ui.visit_plan_dialog import RescheduleDialog

        self._open(RescheduleDialog(self._store, self._runner, self._events, visit,
                                    self._parent))

    # -- without one (cancel asks first) ----------------------------------------------
    def start(self, visit_id: str) -> None:
        """The rep arrived: stamp now as the start; no dialog."""
        from desktop.services.visit_plans import start_visit

        store = self._store
        self._write(visit_id, lambda: start_visit(store, visit_id, utcnow()))

    def cancel(self, visit_id: str) -> None:
        """Ask, then cancel; the visit can be rescheduled later."""
        visit = self._visit(visit_id)
        if visit is None:
            return
        if "cancel" not in self.available(visit.status):
            self._refuse(translate("VisitActions", "Only a planned visit can be cancelled."))
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, translate("VisitActions", "Cancel visit"),
                          translate("VisitActions", "Cancel this planned visit? You can "
                                    "reschedule it later."),
                          QMessageBox.StandardButton.NoButton, self._parent)
        self.cancel_button = box.addButton(translate("VisitActions", "Cancel visit"),
                                           QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(translate("VisitActions", "Keep it"), QMessageBox.ButtonRole.RejectRole)
        from desktop.services.visit_plans import cancel_visit

        store = self._store

        def answered() -> None:
            if box.clickedButton() is self.cancel_button:
                self._write(visit_id, lambda: cancel_visit(store, visit_id))

        box.finished.connect(answered)
        self._open(box)

    # -- plumbing ----------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> None:
        self._dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        if hasattr(dialog, "saved"):
            dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, visit_id: str) -> None:
        self.done.emit(visit_id)

    def _write(self, visit_id: str, write: Callable[[], Changes]) -> None:
        def written(changes: Changes) -> None:
            if changes:
                self._events.data_changed.emit(changes)
            self.done.emit(visit_id)

        self._runner.write(write, written, lambda exc: self._refuse(failure_text(exc)))

    def _visit(self, visit_id: str) -> VisitDetail | None:
        from desktop.services.visits import get_visit

        visit = get_visit(self._store, visit_id)
        if visit is None:
            self._refuse(translate("VisitActions",
                                   "This visit no longer exists on this computer."))
        return visit

    def _refuse(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, translate("VisitActions", "Visit"), text,
                          QMessageBox.StandardButton.Ok, self._parent)
        self._open(box)
