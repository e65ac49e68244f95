"""Tasks: the signed-in user's open follow-ups, completing one, and editing or adding one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select

from desktop.services.records import changed_only, changes, current_values, gone, to_row
from desktop.services.times import utcnow
from desktop.services.users import current_user_id
from desktop.store import Changes, Store
from shared.models import Account, Task
from shared.models.enums import TaskPriority, TaskStatus

# What the task editor may change; a new task may also name its account.
EDITABLE_FIELDS = ("title", "due_date", "priority", "notes", "status")


@dataclass(frozen=True)
class TaskDetail:
    """Everything the task editor shows."""

    id: str
    title: str
    due_date: date | None
    priority: str
    status: str
    notes: str | None
    completed_at: datetime | None
    account_id: str | None
    account_name: str
    pending: bool = False


@dataclass(frozen=True)
class TaskRow:
    id: str
    title: str
    due_date: date | None
    account_id: str | None
    account_name: str
    priority: str
    status: str
    overdue: bool
    pending: bool = False


def my_tasks(store: Store, today: date | None = None) -> list[TaskRow]:
    """Open tasks of the signed-in user by due date (undated last), overdue ones flagged."""
    today = today or date.today()
    user_id = current_user_id(store)
    pending = store.pending_ids("task")
    query = (select(Task, Account.name)
             .join(Account, Account.id == Task.account_id, isouter=True)
             .where(Task.deleted.is_(False), Task.status == TaskStatus.OPEN.value)
             .order_by(Task.due_date.is_(None), Task.due_date, Task.title))
    if user_id:
        query = query.where(or_(Task.owner_id == user_id, Task.owner_id.is_(None)))
    with store.read() as session:
        return [
            TaskRow(t.id, t.title, t.due_date, t.account_id, account_name or "", t.priority,
                    t.status, t.due_date is not None and t.due_date < today, t.id in pending)
            for t, account_name in session.execute(query)
        ]


def complete_task(store: Store, task_id: str) -> Changes:
    """Mark the task done (now); a task that is already done stays as it is."""
    with store.write() as session:
        task = session.get(Task, task_id)
        if task is None or task.deleted:
            raise LookupError(gone("task"))
        if task.status == TaskStatus.DONE.value:
            return Changes(entities=frozenset())
        store.record(session, "task", task_id, {
            "status": TaskStatus.DONE.value,
            "completed_at": utcnow(),
        })
    return changes("task", [task_id])


def get_task(store: Store, task_id: str) -> TaskDetail | None:
    """The task, or None when it is not on this computer (any more)."""
    pending = store.pending_ids("task")
    with store.read() as session:
        task = session.get(Task, task_id)
        if task is None or task.deleted:
            return None
        account = session.get(Account, task.account_id) if task.account_id else None
        return to_row(TaskDetail, task, account_name=account.name if account else "",
                      pending=task_id in pending)


def _completion(old_status: str | None, new_status: object) -> dict[str, Any]:
    """Done now when the status turns to done; no completion time when it is reopened."""
    if new_status is None or new_status == old_status:
        return {}
    return {"completed_at": utcnow() if new_status == TaskStatus.DONE.value else None}


def save_task(store: Store, task_id: str | None,
              values: Mapping[str, Any]) -> tuple[str, Changes]:
    """Create (task_id None; *values* may name its ``account_id``) or edit a task; only the
    fields that changed reach the outbox. Raises ValidationFailed (nothing stored), and
    LookupError when the task is gone."""
    data = {k: v for k, v in values.items() if k in EDITABLE_FIELDS}
    if task_id is None:
        return _create_task(store, values.get("account_id"), data)
    with store.write() as session:
        current = current_values(session, "task", task_id)
        if current is None:
            raise LookupError(gone("task"))
        data = changed_only(current, data)
        if not data:
            return task_id, Changes(entities=frozenset())
        data.update(_completion(current["status"], data.get("status")))
        store.record(session, "task", task_id, data)
    return task_id, changes("task", [task_id])


def _create_task(store: Store, account_id: str | None,
                 data: dict[str, Any]) -> tuple[str, Changes]:
    data = {"status": TaskStatus.OPEN.value, "priority": TaskPriority.NORMAL.value, **data,
            "account_id": account_id, "owner_id": current_user_id(store),
            "created_at": utcnow()}
    data.update(_completion(TaskStatus.OPEN.value, data["status"]))
    with store.write() as session:
        row_id = store.record(session, "task", None, data)
    return row_id, changes("task", [row_id])
