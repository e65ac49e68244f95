"""Tasks: the signed-in user's open follow-ups, and completing one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from desktop.services.records import changes
from desktop.services.times import utcnow
from desktop.services.users import current_user_id
from desktop.store import Changes, Store
from shared.models import Account, Task
from shared.models.enums import TaskStatus


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
            raise LookupError("This task no longer exists on this computer.")
        if task.status == TaskStatus.DONE.value:
            return Changes(entities=frozenset())
        store.record(session, "task", task_id, {
            "status": TaskStatus.DONE.value,
            "completed_at": utcnow(),
        })
    return changes("task", [task_id])
