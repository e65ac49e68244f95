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
from desktop.ui.i18n import translate
from desktop.ui.locale_format import date_pattern
from desktop.ui.record_dialog import RecordDialog
from desktop.ui.runner import Runner
from desktop.ui.widgets import fill_combo, nonempty, select_data
from shared.i18n import QT_TRANSLATE_NOOP
from shared.models.enums import TaskPriority, TaskStatus

PRIORITY_LABELS = {TaskPriority.LOW: QT_TRANSLATE_NOOP("TaskDialog", "Low"),
                   TaskPriority.NORMAL: QT_TRANSLATE_NOOP("TaskDialog", "Normal"),
                   TaskPriority.HIGH: QT_TRANSLATE_NOOP("TaskDialog", "High")}
STATUSES = [(QT_TRANSLATE_NOOP("TaskDialog", "Open"), TaskStatus.OPEN.value),
            (QT_TRANSLATE_NOOP("TaskDialog", "Done"), TaskStatus.DONE.value)]


def priority_items() -> list[tuple[str, object]]:
    return [(translate("TaskDialog", PRIORITY_LABELS[p]) if p in PRIORITY_LABELS
             else p.value.capitalize(), p.value) for p in TaskPriority]


def status_items() -> list[tuple[str, object]]:
    return [(translate("TaskDialog", label), value) for label, value in STATUSES]


class TaskDialog(RecordDialog):
    """Edits *task*; with *fixing* the save replaces that refused change of it."""

    def __init__(self, store: Store, runner: Runner, events: AppEvents, task: TaskDetail,
                 parent: QWidget | None = None, *, fixing: int | None = None,
                 history: SourceFactory | None = None) -> None:
        super().__init__(runner, events, translate("TaskDialog", "Edit task"), parent)
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
        self.add_row(translate("TaskDialog", "Account"), "account_id", self.account)
        self.title = QLineEdit()
        self.add_row(translate("TaskDialog", "Task"), "title", self.title)
        self.has_due = QCheckBox(translate("TaskDialog", "Due"))
        self.due = QDateEdit(QDate.currentDate(), calendarPopup=True)
        self.due.setDisplayFormat(date_pattern())
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        self.add_row(translate("TaskDialog", "Due date"), "due_date", due_row)
        self.priority = QComboBox()
        fill_combo(self.priority, priority_items())
        self.add_row(translate("TaskDialog", "Priority"), "priority", self.priority)
        self.status = QComboBox()
        fill_combo(self.status, status_items())
        self.add_row(translate("TaskDialog", "Status"), "status", self.status)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(80)
        self.notes.setTabChangesFocus(True)
        self.add_row(translate("TaskDialog", "Notes"), "notes", self.notes)

    def _show(self, task: TaskDetail) -> None:
        self.account.setText(task.account_name or translate("TaskDialog", "No account"))
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
