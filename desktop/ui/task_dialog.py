"""Edit a follow-up task: title, due date, priority, notes, and whether it is done."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.services.outbox import fix_rejected
from desktop.services.tasks import TaskDetail, save_task
from desktop.services.times import utcnow
from desktop.store import Changes, Store
from desktop.ui.events import AppEvents
from desktop.ui.history_view import HistoryDialog, SourceFactory
from desktop.ui.record_dialog import RecordDialog
from desktop.ui.runner import Runner
from desktop.ui.widgets import fill_combo, nonempty, select_data
from shared.models.enums import TaskPriority, TaskStatus

PRIORITIES = [(p.value.capitalize(), p.value) for p in TaskPriority]
STATUSES = [("Open", TaskStatus.OPEN.value), ("Done", TaskStatus.DONE.value)]


class TaskDialog(RecordDialog):
    """Edits *task*; with *fixing* the save replaces that refused change of it."""

    def __init__(self, store: Store, runner: Runner, events: AppEvents, task: TaskDetail,
                 parent: QWidget | None = None, *, fixing: int | None = None,
                 history: SourceFactory | None = None) -> None:
        super().__init__(runner, events, "Edit task", parent)
        self.setMinimumWidth(460)
        self._store, self._runner, self._history = store, runner, history
        self.task, self.fixing = task, fixing
        self.history_dialog: HistoryDialog | None = None
        self.history_button = None if fixing else self.add_history_button(self.open_history)
        self._build_fields()
        self._show(task)
        self.title.setFocus()

    def _build_fields(self) -> None:
        self.account = QLabel()
        self.add_row("Account", "account_id", self.account)
        self.title = QLineEdit()
        self.add_row("Task", "title", self.title)
        self.has_due = QCheckBox("Due")
        self.due = QDateEdit(QDate.currentDate(), calendarPopup=True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        self.add_row("Due date", "due_date", due_row)
        self.priority = QComboBox()
        fill_combo(self.priority, PRIORITIES)
        self.add_row("Priority", "priority", self.priority)
        self.status = QComboBox()
        fill_combo(self.status, STATUSES)
        self.add_row("Status", "status", self.status)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(80)
        self.notes.setTabChangesFocus(True)
        self.add_row("Notes", "notes", self.notes)

    def _show(self, task: TaskDetail) -> None:
        self.account.setText(task.account_name or "No account")
        self.title.setText(task.title)
        self.has_due.setChecked(task.due_date is not None)
        self.due.setEnabled(task.due_date is not None)
        if task.due_date is not None:
            self.due.setDate(QDate(task.due_date))
        select_data(self.priority, task.priority)
        select_data(self.status, task.status)
        self.notes.setPlainText(task.notes or "")

    def values(self) -> dict[str, object]:
        return {"title": self.title.text().strip(),
                "due_date": self.due.date().toPython() if self.has_due.isChecked() else None,
                "priority": self.priority.currentData(), "status": self.status.currentData(),
                "notes": nonempty(self.notes.toPlainText())}

    def build_save(self) -> Callable[[], Changes]:
        values, store, task_id, fixing = self.values(), self._store, self.task.id, self.fixing
        if fixing is not None:
            done = values["status"] == TaskStatus.DONE.value
            if done != (self.task.completed_at is not None):  # done or reopened in the fix
                values["completed_at"] = utcnow() if done else None
            return lambda: fix_rejected(store, fixing, values)[1]
        return lambda: save_task(store, task_id, values)[1]

    @Slot()
    def open_history(self) -> None:
        self.history_dialog = HistoryDialog(self._store, self._runner, self._history, "task",
                                            self.task.id, self.task.title, self)
        self.history_dialog.open()
