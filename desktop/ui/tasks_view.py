"""My open tasks by due date; overdue ones in red; one click or Space completes a task,
double-click or Enter opens it."""

from __future__ import annotations

import enum
from datetime import date

from PySide6.QtCore import QModelIndex, Slot
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.services.tasks import TaskRow, complete_task, get_task, my_tasks
from desktop.store import Changes, Store
from desktop.sync import user_message
from desktop.ui.events import AppEvents
from desktop.ui.history_view import SourceFactory
from desktop.ui.runner import Runner
from desktop.ui.table_model import (
    OVERDUE_COLOR,
    Column,
    Roles,
    RowTableModel,
    pending_color,
    pending_text,
)
from desktop.ui.task_dialog import TaskDialog
from desktop.ui.widgets import error_label, make_table


class TaskColumn(enum.Enum):
    DONE = "done"
    TITLE = "title"
    DUE = "due"
    ACCOUNT = "account"
    PRIORITY = "priority"
    PENDING = "pending"


def _due_text(row: TaskRow) -> str:
    if row.due_date is None:
        return ""
    return row.due_date.isoformat() + ("  overdue" if row.overdue else "")


class TasksModel(RowTableModel[TaskRow]):
    columns = (
        Column(TaskColumn.DONE, "", lambda _r: "☐"),
        Column(TaskColumn.TITLE, "Task", lambda r: r.title),
        Column(TaskColumn.DUE, "Due", _due_text),
        Column(TaskColumn.ACCOUNT, "Account", lambda r: r.account_name),
        Column(TaskColumn.PRIORITY, "Priority", lambda r: r.priority.capitalize()),
        Column(TaskColumn.PENDING, "Sync", pending_text, color=pending_color),
    )
    page_size = 1000

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store

    def load_page(self, offset: int, limit: int) -> list[TaskRow]:
        return my_tasks(self._store, date.today())[offset:offset + limit]

    def row_color(self, row: TaskRow) -> QColor | None:
        return OVERDUE_COLOR if row.overdue else None


class TasksView(QWidget):
    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget | None = None, *, history: SourceFactory | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner, self._events = store, runner, events
        self._history = history
        self.dialog: TaskDialog | None = None
        self.model = TasksModel(store, self)
        self.table = make_table(self)
        self.table.setModel(self.model)
        self.table.setToolTip("Click ☐ or press Space to mark a task done; double-click or "
                                   "press Enter to open it")
        for column, width in ((0, 34), (1, 380), (2, 150), (3, 300), (4, 80)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.count_label = QLabel()
        self.error = error_label()
        done_button = QPushButton("Mark done")
        done_button.clicked.connect(lambda: self.complete(self.table.currentIndex()))
        bar = QHBoxLayout()
        bar.addWidget(self.count_label, 1)
        bar.addWidget(done_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.table)
        self.table.clicked.connect(self._on_clicked)
        self.table.activated.connect(self.open_task)
        space = QShortcut(QKeySequence("Space"), self.table)
        space.activated.connect(lambda: self.complete(self.table.currentIndex()))
        events.data_changed.connect(self._on_data_changed)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.model.reload()
        overdue = sum(1 for i in range(self.model.rowCount())
                      if (row := self.model.row_at(i)) and row.overdue)
        count = self.model.rowCount()
        self.count_label.setText(f"{count} open task{'s' if count != 1 else ''}"
                                 + (f" · {overdue} overdue" if overdue else ""))

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.column() == self.model.column_of(TaskColumn.DONE):
            self.complete(index)

    @Slot(QModelIndex)
    def open_task(self, index: QModelIndex) -> None:
        """The task's editor (a click on ☐ completes it instead)."""
        task_id = self.model.data(index, Roles.ID) if index.isValid() else None
        if not task_id or index.column() == self.model.column_of(TaskColumn.DONE):
            return
        task = get_task(self._store, task_id)
        if task is None:
            self._on_failed(LookupError("This task no longer exists on this computer."))
            return
        self.error.setVisible(False)
        self.dialog = TaskDialog(self._store, self._runner, self._events, task, self,
                                 history=self._history)
        self.dialog.open()

    def complete(self, index: QModelIndex) -> None:
        task_id = self.model.data(index, Roles.ID) if index.isValid() else None
        if not task_id:
            return
        self.error.setVisible(False)
        self._runner.write(lambda: complete_task(self._store, task_id),
                           self._on_completed, self._on_failed)

    def _on_completed(self, changes: Changes) -> None:
        if changes:
            self._events.data_changed.emit(changes)

    def _on_failed(self, exc: BaseException) -> None:
        self.error.setText(str(exc) if isinstance(exc, LookupError) else user_message(exc))
        self.error.setVisible(True)

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.entities & {"task", "account"} or not changes.entities:
            self.refresh()
