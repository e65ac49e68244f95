"""My open tasks by due date, in sections (overdue, today, upcoming); overdue ones in red;
one click or Space completes a task, double-click or Enter opens it."""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.services.account_tiers import account_tiers
from desktop.services.tasks import TaskRow, complete_task, get_task, my_tasks
from desktop.store import Changes, Store
from desktop.sync import user_message
from desktop.ui.accounts_view import TIER_ROLE, TierCellDelegate
from desktop.ui.events import AppEvents
from desktop.ui.history_view import SourceFactory
from desktop.ui.i18n import message_text, translate
from desktop.ui.locale_format import locale_formatter
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
from desktop.ui.tier_badge import tier_tooltip
from desktop.ui.widgets import error_label, make_table
from shared.i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
TODAY_COLOR = QColor("#1565c0")
PRIORITY_TITLES = {"low": QT_TRANSLATE_NOOP("TaskPriority", "Low"),
                   "normal": QT_TRANSLATE_NOOP("TaskPriority", "Normal"),
                   "high": QT_TRANSLATE_NOOP("TaskPriority", "High")}


class TaskColumn(enum.Enum):
    DONE = "done"
    TITLE = "title"
    DUE = "due"
    ACCOUNT = "account"
    PRIORITY = "priority"
    PENDING = "pending"


class TaskSection(enum.Enum):
    ALL = "all"
    OVERDUE = "overdue"
    TODAY = "today"
    UPCOMING = "upcoming"  # later, or no due date


SECTION_TITLES = {TaskSection.ALL: QT_TRANSLATE_NOOP("TasksView", "All ({count})"),
                  TaskSection.OVERDUE: QT_TRANSLATE_NOOP("TasksView", "Overdue ({count})"),
                  TaskSection.TODAY: QT_TRANSLATE_NOOP("TasksView", "Today ({count})"),
                  TaskSection.UPCOMING: QT_TRANSLATE_NOOP("TasksView", "Upcoming ({count})")}


def section_of(row: TaskRow, today: date) -> TaskSection:
    if row.due_date is None or row.due_date > today:
        return TaskSection.UPCOMING
    return TaskSection.OVERDUE if row.due_date < today else TaskSection.TODAY


def due_text(row: TaskRow, today: date) -> str:
    """"Today", "Tomorrow", the date, or the date and how late (e.g. "… · 2 days overdue")."""
    if row.due_date is None:
        return ""
    late = (today - row.due_date).days
    if late == 0:
        return translate("TasksView", "Today")
    if late == -1:
        return translate("TasksView", "Tomorrow")
    shown = locale_formatter().date_text(row.due_date)
    if late < 0:
        return shown
    lateness = (translate("TasksView", "1 day overdue") if late == 1
                else translate("TasksView", "{count} days overdue").format(count=late))
    return f"{shown} · {lateness}"


def _priority_text(row: TaskRow) -> str:
    title = PRIORITY_TITLES.get(row.priority)
    return translate("TaskPriority", title) if title else row.priority.capitalize()


HEADERS = {TaskColumn.DONE: "", TaskColumn.TITLE: QT_TRANSLATE_NOOP("TasksView", "Task"),
           TaskColumn.DUE: QT_TRANSLATE_NOOP("TasksView", "Due"),
           TaskColumn.ACCOUNT: QT_TRANSLATE_NOOP("TasksView", "Account"),
           TaskColumn.PRIORITY: QT_TRANSLATE_NOOP("TasksView", "Priority"),
           TaskColumn.PENDING: QT_TRANSLATE_NOOP("TasksView", "Sync")}


class TasksModel(RowTableModel[TaskRow]):
    """My open tasks of one section (all by default), each account's tier beside its name."""

    page_size = 1000

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.section = TaskSection.ALL
        self.today = date.today()
        self.counts: dict[TaskSection, int] = dict.fromkeys(TaskSection, 0)
        self._tasks: list[TaskRow] = []
        self._tiers: dict[str, str] = {}
        self.columns = (
            Column(TaskColumn.DONE, HEADERS[TaskColumn.DONE], lambda _r: "☐"),
            Column(TaskColumn.TITLE, HEADERS[TaskColumn.TITLE], lambda r: r.title),
            Column(TaskColumn.DUE, HEADERS[TaskColumn.DUE], lambda r: due_text(r, self.today),
                   color=lambda r: TODAY_COLOR if r.due_date == self.today else None),
            Column(TaskColumn.ACCOUNT, HEADERS[TaskColumn.ACCOUNT], lambda r: r.account_name),
            Column(TaskColumn.PRIORITY, HEADERS[TaskColumn.PRIORITY], _priority_text),
            Column(TaskColumn.PENDING, HEADERS[TaskColumn.PENDING], pending_text,
                   color=pending_color),
        )
        self._account_column = self.column_of(TaskColumn.ACCOUNT)

    def reload(self) -> None:
        """Read my tasks once; the section shown is a slice of them."""
        self.today = date.today()
        tasks = my_tasks(self._store, self.today)
        self._tiers = account_tiers(self._store, (t.account_id for t in tasks))
        sections = [section_of(t, self.today) for t in tasks]
        self.counts = {section: sections.count(section) for section in TaskSection}
        self.counts[TaskSection.ALL] = len(tasks)
        self._tasks = [t for t, s in zip(tasks, sections, strict=True)
                       if self.section in (TaskSection.ALL, s)]
        super().reload()

    def load_page(self, offset: int, limit: int) -> list[TaskRow]:
        return self._tasks[offset:offset + limit]

    def row_color(self, row: TaskRow) -> QColor | None:
        return OVERDUE_COLOR if row.overdue else None

    def tier_of(self, row: TaskRow) -> str | None:
        return self._tiers.get(row.account_id or "")

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        header = super().headerData(section, orientation, role)
        return translate("TasksView", header) if header else header

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self._account_column and role in (
                TIER_ROLE, Qt.ItemDataRole.ToolTipRole):
            row = self.row_at(index.row())
            tier = self.tier_of(row) if row else None
            if role == TIER_ROLE:
                return tier
            if row is not None and tier:
                return f"{row.account_name}\n{tier_tooltip(tier)}"
        return super().data(index, role)


def count_text(counts: dict[TaskSection, int]) -> str:
    total, overdue = counts[TaskSection.ALL], counts[TaskSection.OVERDUE]
    if total == 0:
        return translate("TasksView", "No open tasks")
    tasks = (translate("TasksView", "1 open task") if total == 1
             else translate("TasksView", "{count} open tasks").format(
                 count=QLocale().toString(total)))
    if not overdue:
        return tasks
    return translate("TasksView", "{tasks} · {overdue} overdue").format(tasks=tasks,
                                                                        overdue=overdue)


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
        self.table.setItemDelegateForColumn(self.model.column_of(TaskColumn.ACCOUNT),
                                            TierCellDelegate(self.table))
        self.table.setToolTip(translate(
            "TasksView", "Click ☐ or press Space to mark a task done; double-click or press "
            "Enter to open it"))
        for column, width in ((0, 34), (1, 380), (2, 190), (3, 300), (4, 80)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.count_label = QLabel()
        self.error = error_label()
        self.section_buttons = self._section_buttons()
        done_button = QPushButton(translate("TasksView", "Mark done"))
        done_button.clicked.connect(lambda: self.complete(self.table.currentIndex()))
        bar = QHBoxLayout()
        bar.setSpacing(4)
        for button in self.section_buttons.values():
            bar.addWidget(button)
        bar.addSpacing(12)
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

    def _section_buttons(self) -> dict[TaskSection, QPushButton]:
        group = QButtonGroup(self)
        group.setExclusive(True)
        buttons: dict[TaskSection, QPushButton] = {}
        for section in TaskSection:
            button = QPushButton()
            button.setCheckable(True)
            button.setChecked(section == TaskSection.ALL)
            button.clicked.connect(lambda _checked, s=section: self.show_section(s))
            group.addButton(button)
            buttons[section] = button
        return buttons

    @Slot(object)
    def show_section(self, section: TaskSection) -> None:
        """Only the overdue, today's or upcoming tasks (or all of them)."""
        self.model.section = section
        self.section_buttons[section].setChecked(True)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.model.reload()
        for section, button in self.section_buttons.items():
            button.setText(translate("TasksView", SECTION_TITLES[section]).format(
                count=self.model.counts[section]))
        self.count_label.setText(count_text(self.model.counts))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.model.today != date.today():  # the app ran past midnight
            self.refresh()

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
            self._on_failed(LookupError(translate(
                "TasksView", "This task no longer exists on this computer.")))
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
        reason = str(exc) if isinstance(exc, LookupError) else user_message(exc)
        self.error.setText(message_text(reason))
        self.error.setVisible(True)

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.entities & {"task", "account"} or not changes.entities:
            self.refresh()
