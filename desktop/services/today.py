"""Today: the visits planned today and this week, tasks due, accounts due by cadence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from desktop.services import cadence_sql
from desktop.services.accounts import AccountRow
from desktop.services.agenda import AgendaVisit, day_bounds, planned_visits
from desktop.services.records import to_row
from desktop.services.users import current_user_id
from desktop.store import Store
from shared.models import Account, CadenceRule, Task
from shared.models.enums import TaskStatus
from shared.rules.cadence import DEFAULT_CADENCE_DAYS, CadenceDue, cadence_table

WEEK_DAYS = 7  # "this week": the seven days from today, today's own visits left out


@dataclass(frozen=True)
class AgendaTask:
    id: str
    title: str
    due_date: date | None
    account_id: str | None
    account_name: str
    priority: str


@dataclass(frozen=True)
class CadenceLine:
    account: AccountRow
    due: CadenceDue


@dataclass(frozen=True)
class TodayView:
    planned_today: tuple[AgendaVisit, ...]
    planned_this_week: tuple[AgendaVisit, ...]  # after today, within WEEK_DAYS
    overdue_tasks: tuple[AgendaTask, ...]
    due_today_tasks: tuple[AgendaTask, ...]
    cadence_due: tuple[CadenceLine, ...]  # most overdue first
    cadence_table: dict[str, int]  # the table used (the defaults until a rule synced)


def today(store: Store, today: date, now: datetime, cadence_limit: int = 100) -> TodayView:
    """Everything the Today screen shows, for the signed-in user; *now* is naive UTC."""
    user_id = current_user_id(store)
    day_start, day_end = day_bounds(today)
    _, week_end = day_bounds(today, WEEK_DAYS)
    pending = store.pending_ids("account")
    with store.read() as session:
        visits_today = planned_visits(session, user_id, day_start, day_end)
        visits_week = planned_visits(session, user_id, day_end, week_end)
        overdue = _tasks(session, user_id, Task.due_date < today)
        due_today = _tasks(session, user_id, Task.due_date == today)
        table = rules_table(session)
        cadence = _cadence(session, table, today, now, pending, cadence_limit)
    return TodayView(tuple(visits_today), tuple(visits_week), tuple(overdue),
                     tuple(due_today), tuple(cadence),
                     dict(table if table is not None else DEFAULT_CADENCE_DAYS))


def rules_table(session: Session) -> dict[str, int] | None:
    """The replicated cadence table, or None while no rule has synced (defaults apply)."""
    rules = session.execute(select(CadenceRule.tier, CadenceRule.days)
                            .where(CadenceRule.deleted.is_(False)))
    return cadence_table((tier, days) for tier, days in rules)


def _cadence(session: Session, table: dict[str, int] | None, today: date,
             now: datetime, pending: set[str], limit: int) -> list[CadenceLine]:
    """The first *limit* accounts due by cadence, full rows only for the lines shown.

    SQLite picks them (``cadence_sql``), in the order and by the rule of
    ``shared.rules.cadence.overdue_by_cadence``: a territory may hold 100,000 accounts,
    and that rule in Python over all of them took seconds of the interpreter, which
    stalled the window while it ran in the background.
    """
    due = [CadenceDue(account_id, tier, last, since, overdue)
           for account_id, tier, last, since, overdue in cadence_sql.due_accounts(
               session, table, today, now, limit)]
    shown = {a.id: a for a in session.scalars(
        select(Account).where(Account.id.in_([d.account_id for d in due])))}
    return [CadenceLine(to_row(AccountRow, shown[d.account_id],
                               pending=d.account_id in pending), d)
            for d in due if d.account_id in shown]


def _tasks(session: Session, user_id: str | None, due: ColumnElement[bool]) -> list[AgendaTask]:
    query = (select(Task, Account.name)
             .join(Account, Account.id == Task.account_id, isouter=True)
             .where(Task.deleted.is_(False), Task.status == TaskStatus.OPEN.value, due)
             .order_by(Task.due_date, Task.title))
    if user_id:
        query = query.where(or_(Task.owner_id == user_id, Task.owner_id.is_(None)))
    return [AgendaTask(t.id, t.title, t.due_date, t.account_id, name or "", t.priority)
            for t, name in session.execute(query)]
