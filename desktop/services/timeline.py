"""Customer 360: the account's header figures and its timeline of visits, deals and tasks.

Stage history: the replica keeps each row's current values and one clock per field, not
a history. So an opportunity contributes "created" at its creation and, when its stage
was written after the deal was created (its stage clock is later than its account_id
clock), one "Moved to <current stage>" at the stage clock's wall time. Earlier moves are
in the History tab (the server's change log).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select

from desktop.services.times import to_local, utcnow
from desktop.store import Store
from shared.hlc import InvalidClock, wall_ms_of
from shared.i18n import QT_TRANSLATE_NOOP, Message, joined
from shared.models import Account, Opportunity, Task, User, Visit
from shared.models.enums import OpportunityStage, TaskStatus, VisitStatus
from shared.rules.cadence import VISITED

CLOSED_STAGES = (OpportunityStage.WON.value, OpportunityStage.LOST.value)
# Stored codes as the timeline spells them ("completed · positive", "Moved to proposal").
CODE_WORDS = {
    "planned": QT_TRANSLATE_NOOP("Messages", "planned"),
    "in_progress": QT_TRANSLATE_NOOP("Messages", "in_progress"),
    "completed": QT_TRANSLATE_NOOP("Messages", "completed"),
    "cancelled": QT_TRANSLATE_NOOP("Messages", "cancelled"),
    "positive": QT_TRANSLATE_NOOP("Messages", "positive"),
    "neutral": QT_TRANSLATE_NOOP("Messages", "neutral"),
    "negative": QT_TRANSLATE_NOOP("Messages", "negative"),
    "no_show": QT_TRANSLATE_NOOP("Messages", "no_show"),
    "prospecting": QT_TRANSLATE_NOOP("Messages", "prospecting"),
    "qualification": QT_TRANSLATE_NOOP("Messages", "qualification"),
    "proposal": QT_TRANSLATE_NOOP("Messages", "proposal"),
    "negotiation": QT_TRANSLATE_NOOP("Messages", "negotiation"),
    "won": QT_TRANSLATE_NOOP("Messages", "won"),
    "lost": QT_TRANSLATE_NOOP("Messages", "lost"),
    "open": QT_TRANSLATE_NOOP("Messages", "open"),
    "done": QT_TRANSLATE_NOOP("Messages", "done"),
}


class TimelineKind(enum.StrEnum):
    VISIT = "visit"
    TASK = "task"
    OPPORTUNITY = "opportunity"
    STAGE_CHANGE = "stage_change"
    NOTE = "note"


@dataclass(frozen=True)
class TimelineItem:
    when: datetime  # naive UTC
    kind: TimelineKind
    title: str
    detail: str
    record_id: str  # the visit, task or opportunity to open (the account for a note)
    entity: str  # its wire entity name


@dataclass(frozen=True)
class AccountHeader:
    id: str
    name: str
    tier: str | None
    tier_manual: bool
    owner_name: str
    last_visit_at: datetime | None  # naive UTC; the latest visit that took place
    days_since_last_visit: int | None  # local calendar days; None: never visited
    next_planned_visit: datetime | None
    open_pipeline_cents: tuple[tuple[str, int], ...]  # (currency, total) of open deals
    open_tasks: int


def account_timeline(store: Store, account_id: str,
                     kinds: set[str] | None = None) -> list[TimelineItem]:
    """Everything that happened on the account, newest first; *kinds* filters."""
    items: list[TimelineItem] = []
    with store.read() as session:
        account = session.get(Account, account_id)
        if account is None or account.deleted:
            return []
        items += _note_items(account)
        items += _visit_items(session.scalars(select(Visit).where(
            Visit.account_id == account_id, Visit.deleted.is_(False))))
        items += _deal_items(session.scalars(select(Opportunity).where(
            Opportunity.account_id == account_id, Opportunity.deleted.is_(False))))
        items += _task_items(session.scalars(select(Task).where(
            Task.account_id == account_id, Task.deleted.is_(False))))
    if kinds is not None:
        items = [i for i in items if i.kind in kinds]
    items.sort(key=lambda i: (i.when, i.record_id), reverse=True)
    return items


def clock_time(clocks: dict[str, str] | None, name: str) -> datetime | None:
    """When field *name* was last written (naive UTC), from its HLC; None when unknown."""
    value = (clocks or {}).get(name)
    if not value:
        return None
    try:
        wall_ms = wall_ms_of(value)
    except (InvalidClock, ValueError):
        return None
    if wall_ms <= 0:
        return None
    return datetime.fromtimestamp(wall_ms / 1000, UTC).replace(tzinfo=None, microsecond=0)


def _visit_items(visits: Iterable[Visit]) -> list[TimelineItem]:
    items = []
    for v in visits:
        when = v.actual_start or v.planned_start or v.created_at
        if when is None:
            continue
        detail = joined(" · ", [p for p in (_word(v.status), _word(v.outcome),
                                            _first_line(v.notes)) if p])
        items.append(TimelineItem(when, TimelineKind.VISIT,
                                  v.purpose or QT_TRANSLATE_NOOP("Messages", "Visit"), detail,
                                  v.id, "visit"))
    return items


def _deal_items(deals: Iterable[Opportunity]) -> list[TimelineItem]:
    items = []
    for o in deals:
        created = o.created_at or clock_time(o.clocks, "name")
        if created is not None:
            items.append(TimelineItem(
                created, TimelineKind.OPPORTUNITY, o.name,
                Message.of(QT_TRANSLATE_NOOP("Messages", "created · {stage}"),
                           stage=_word(o.stage)), o.id, "opportunity"))
        clocks = o.clocks or {}
        moved = clock_time(clocks, "stage")
        # account_id is written once, at creation: a later stage clock is a move.
        if moved is not None and clocks.get("stage", "") > clocks.get("account_id", ""):
            items.append(TimelineItem(
                moved, TimelineKind.STAGE_CHANGE,
                Message.of(QT_TRANSLATE_NOOP("Messages", "Moved to {stage}"),
                           stage=_word(o.stage)), o.name, o.id, "opportunity"))
    return items


def _task_items(tasks: Iterable[Task]) -> list[TimelineItem]:
    items = []
    for t in tasks:
        when = t.completed_at or _at_midnight(t.due_date) or t.created_at
        if when is None:
            continue
        due = Message.of(QT_TRANSLATE_NOOP("Messages", "due {date}"),
                         date=t.due_date.isoformat()) if t.due_date else ""
        detail = joined(" · ", [p for p in (_word(t.status), due) if p])
        items.append(TimelineItem(when, TimelineKind.TASK, t.title, detail, t.id, "task"))
    return items


def _note_items(account: Account) -> list[TimelineItem]:
    when = clock_time(account.clocks, "notes") or account.created_at
    if not (account.notes or "").strip() or when is None:
        return []
    return [TimelineItem(when, TimelineKind.NOTE, _first_line(account.notes),
                         account.notes or "", account.id, "account")]


def _word(code: str | None) -> str:
    return CODE_WORDS.get(code or "", code or "")


def _at_midnight(day: date | None) -> datetime | None:
    return datetime.combine(day, time.min) if day is not None else None


def _first_line(text: str | None) -> str:
    stripped = (text or "").strip()
    return stripped.splitlines()[0][:120] if stripped else ""



def account_header(store: Store, account_id: str,
                   now: datetime | None = None) -> AccountHeader | None:
    """The figures atop the account screen; None when the account is not on this laptop."""
    now = now or utcnow()
    with store.read() as session:
        account = session.get(Account, account_id)
        if account is None or account.deleted:
            return None
        owner = session.get(User, account.owner_id) if account.owner_id else None
        last = session.scalar(select(func.max(Visit.actual_start)).where(
            Visit.account_id == account_id, Visit.deleted.is_(False),
            Visit.status.in_([s.value for s in VISITED]), Visit.actual_start <= now))
        upcoming = session.scalar(select(func.min(Visit.planned_start)).where(
            Visit.account_id == account_id, Visit.deleted.is_(False),
            Visit.status == VisitStatus.PLANNED.value, Visit.planned_start >= now))
        pipeline = session.execute(
            select(Opportunity.currency, func.sum(Opportunity.amount_cents))
            .where(Opportunity.account_id == account_id, Opportunity.deleted.is_(False),
                   Opportunity.stage.not_in(CLOSED_STAGES))
            .group_by(Opportunity.currency).order_by(Opportunity.currency))
        open_tasks = session.scalar(select(func.count()).select_from(Task).where(
            Task.account_id == account_id, Task.deleted.is_(False),
            Task.status == TaskStatus.OPEN.value)) or 0
        return AccountHeader(
            id=account.id, name=account.name, tier=account.tier,
            tier_manual=bool(getattr(account, "tier_manual", False)),
            owner_name=(owner.display_name or owner.username) if owner else "",
            last_visit_at=last, days_since_last_visit=_days_between(last, now),
            next_planned_visit=upcoming,
            open_pipeline_cents=tuple((c, int(t or 0)) for c, t in pipeline),
            open_tasks=int(open_tasks))


def _days_between(earlier: datetime | None, now: datetime) -> int | None:
    first, last = to_local(earlier), to_local(now)
    if first is None or last is None:
        return None
    return (last.date() - first.date()).days
