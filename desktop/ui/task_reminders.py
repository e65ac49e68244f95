"""Reminders: a desktop notification when one of my tasks falls due while the app runs.

Every minute (and after every change) my open tasks due today or earlier are read off the UI
thread; each task is announced once per due date. What was already due when the app
started comes as one summary, and so does a burst (e.g. after a night's sleep). Tasks the
user just saved on this computer are not announced to them. The notification goes to the
system tray when there is one, else ``reminder(title, text)`` asks the window to show it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from desktop.store import Changes, Store
from desktop.store.types import Origin
from desktop.ui.events import AppEvents
from desktop.ui.i18n import translate
from desktop.ui.runner import Runner

if TYPE_CHECKING:
    from desktop.services.due_tasks import DueTask

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 60_000
MOST_ONE_BY_ONE = 3  # more tasks falling due in one check come as one summary
LISTED = 3  # task titles a summary names
SHOWN_MS = 10_000  # how long the tray shows a message


@dataclass(frozen=True)
class Reminder:
    title: str
    text: str
    account_id: str | None  # what a click on it opens; None: My tasks
    task_ids: tuple[str, ...]


def task_reminder(task: DueTask, today: date) -> Reminder:
    title = (translate("TaskReminders", "Task due today") if task.due_date >= today
             else translate("TaskReminders", "Task overdue"))
    text = (translate("TaskReminders", "{task} — {account}").format(
        task=task.title, account=task.account_name) if task.account_name else task.title)
    return Reminder(title, text, task.account_id, (task.id,))


def summary_reminder(tasks: list[DueTask], today: date) -> Reminder:
    count = len(tasks)
    overdue = sum(1 for task in tasks if task.due_date < today)
    if overdue == count:
        title = translate("TaskReminders", "{count} tasks are overdue").format(count=count)
    elif overdue == 0:
        title = translate("TaskReminders", "{count} tasks are due today").format(count=count)
    else:
        title = translate("TaskReminders", "{count} tasks are due today or overdue").format(
            count=count)
    lines = [f"• {task.title}" for task in tasks[:LISTED]]
    if count > LISTED:
        lines.append(translate("TaskReminders", "and {count} more in My tasks").format(
            count=count - LISTED))
    return Reminder(title, "\n".join(lines), None, tuple(task.id for task in tasks))


def reminders_for(fresh: list[DueTask], today: date, first: bool) -> list[Reminder]:
    """What to announce for the tasks that fell due since the last check (*first*: since the
    app started, so all of them in one summary when more than one)."""
    if not fresh:
        return []
    if len(fresh) == 1 or (not first and len(fresh) <= MOST_ONE_BY_ONE):
        return [task_reminder(task, today) for task in fresh]
    return [summary_reminder(fresh, today)]


def _due_tasks(store: Store, today: date) -> list[DueTask]:
    """On a worker thread (which imports the query, after the window is up)."""
    from desktop.services.due_tasks import due_tasks

    return due_tasks(store, today)


class TaskReminders(QObject):
    """Call ``start()`` once the window is up.

    ``reminder(title, text)``: show this in the window (only when there is no system tray).
    ``open_account(id)`` / ``open_tasks()``: the user clicked the latest reminder (the tray's
    message, or whatever the window showed, via :meth:`open_latest`).
    ``checked(list[Reminder])``: a check finished with these reminders (possibly none).
    """

    reminder = Signal(str, str)
    open_account = Signal(str)
    open_tasks = Signal()
    checked = Signal(object)

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QObject | None = None, *, interval_ms: int = CHECK_INTERVAL_MS,
                 today: Callable[[], date] = date.today,
                 tray: QSystemTrayIcon | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner, self._today = store, runner, today
        self._announced: set[tuple[str, date]] = set()  # (task id, due date)
        self._started = False  # False until the first check has answered
        self._running = False
        self._again = False  # a change arrived while a check was running
        self._own: set[str] = set()  # ids the user just saved here: not announced to them
        self.latest: Reminder | None = None
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.check)
        self.tray = tray if tray is not None else self._make_tray()
        if self.tray is not None:
            self.tray.messageClicked.connect(self.open_latest)
        events.data_changed.connect(self._on_data_changed)

    @property
    def answered(self) -> bool:
        """Whether the first check (the one after start-up) has answered."""
        return self._started

    def _make_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        from PySide6.QtGui import QIcon  # with QStyle: only where there is a tray
        from PySide6.QtWidgets import QStyle

        icon = QApplication.windowIcon()
        if icon.isNull():
            style = QApplication.style()
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation) \
                if style is not None else QIcon()
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip("FieldCRM")
        tray.show()
        return tray

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @Slot()
    def start(self) -> None:
        """The first check (what is already due comes as one summary), then every interval."""
        self._timer.start()
        self.check()

    @Slot()
    def stop(self) -> None:
        self._timer.stop()
        if self.tray is not None:
            self.tray.hide()

    @Slot()
    def check(self) -> None:
        if self._running:
            self._again = True
            return
        self._running, self._again = True, False
        store, today, own = self._store, self._today(), self._own
        self._own = set()
        self._runner.run(lambda: _due_tasks(store, today),
                         lambda tasks: self._checked(today, own, tasks), self._failed)

    def _checked(self, today: date, own: set[str], tasks: list[DueTask]) -> None:
        self._running = False
        fresh = [task for task in tasks if task.key not in self._announced]
        self._announced.update(task.key for task in fresh)
        shown = reminders_for([task for task in fresh if task.id not in own], today,
                              first=not self._started)
        self._started = True
        for reminder in shown:
            self._notify(reminder)
        self.checked.emit(shown)
        if self._again:
            self.check()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        log.warning("could not check for tasks due: %s", exc)  # tried again next minute

    def _notify(self, reminder: Reminder) -> None:
        self.latest = reminder
        if self.tray is not None:
            self.tray.showMessage(reminder.title, reminder.text,
                                  QSystemTrayIcon.MessageIcon.Information, SHOWN_MS)
        else:
            self.reminder.emit(reminder.title, reminder.text)

    @Slot()
    def open_latest(self) -> None:
        """Ask the window to open what the latest reminder is about."""
        if self.latest is None:
            return
        if self.latest.account_id:
            self.open_account.emit(self.latest.account_id)
        else:
            self.open_tasks.emit()

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.entities and "task" not in changes.entities:
            return
        if changes.origin == Origin.LOCAL:
            self._own |= changes.ids
        if self._started or self._running:  # before start() nothing is checked
            self.check()
