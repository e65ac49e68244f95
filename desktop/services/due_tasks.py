"""The signed-in user's open tasks whose due day has come (what the reminders announce)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from desktop.services.users import current_user_id
from desktop.store import Store
from shared.models import Account, Task
from shared.models.enums import TaskStatus


@dataclass(frozen=True)
class DueTask:
    id: str
    title: str
    due_date: date
    account_id: str | None
    account_name: str

    @property
    def key(self) -> tuple[str, date]:
        """A reminder is given once per task and due date (a new due date is a new one)."""
        return self.id, self.due_date


def due_tasks(store: Store, today: date) -> list[DueTask]:
    """My open tasks due *today* or earlier, oldest due first."""
    user_id = current_user_id(store)
    query = (select(Task.id, Task.title, Task.due_date, Task.account_id, Account.name)
             .join(Account, Account.id == Task.account_id, isouter=True)
             .where(Task.deleted.is_(False), Task.status == TaskStatus.OPEN.value,
                    Task.due_date.is_not(None), Task.due_date <= today)
             .order_by(Task.due_date, Task.title, Task.id))
    if user_id:
        query = query.where(or_(Task.owner_id == user_id, Task.owner_id.is_(None)))
    with store.read() as session:
        return [DueTask(i, title, due, account_id, name or "")
                for i, title, due, account_id, name in session.execute(query) if due]
