"""Visits: an account's visit history, the one-minute visit log with its next step, and
editing a visit afterwards."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from desktop.services.records import changes, record_save, to_row
from desktop.services.times import utcnow
from desktop.services.users import current_user_id
from desktop.store import Changes, Store
from shared.models import Visit
from shared.models.enums import TaskPriority, TaskStatus, VisitOutcome, VisitStatus


@dataclass(frozen=True)
class VisitRow:
    id: str
    account_id: str
    status: str
    planned_start: datetime | None
    actual_start: datetime | None
    purpose: str | None
    outcome: str | None
    notes: str | None
    owner_id: str | None
    contact_ids: tuple[str, ...]
    pending: bool = False

    @property
    def when(self) -> datetime | None:
        return self.actual_start or self.planned_start


# What an edit of an existing visit may change; its account and owner stay as they are.
EDITABLE_FIELDS = ("status", "purpose", "outcome", "notes", "planned_start", "planned_end",
                   "actual_start", "actual_end", "contact_ids")


@dataclass(frozen=True)
class VisitDetail:
    """Everything the visit editor shows."""

    id: str
    account_id: str
    status: str
    planned_start: datetime | None
    planned_end: datetime | None
    actual_start: datetime | None
    actual_end: datetime | None
    purpose: str | None
    outcome: str | None
    notes: str | None
    contact_ids: tuple[str, ...]
    pending: bool = False


@dataclass(frozen=True)
class VisitDraft:
    """What a rep enters when logging a visit; a next step title makes a follow-up task."""

    account_id: str
    purpose: str = ""
    notes: str = ""
    outcome: VisitOutcome | None = None
    status: VisitStatus = VisitStatus.COMPLETED
    actual_start: datetime | None = None
    actual_end: datetime | None = None
    planned_start: datetime | None = None
    contact_ids: tuple[str, ...] = field(default_factory=tuple)
    next_step_title: str = ""
    next_step_due: date | None = None


def visits_of(store: Store, account_id: str) -> list[VisitRow]:
    """The account's visits, newest first."""
    pending = store.pending_ids("visit")
    when = func.coalesce(Visit.actual_start, Visit.planned_start)
    query = (select(Visit).where(Visit.account_id == account_id, Visit.deleted.is_(False))
             .order_by(when.desc()))
    with store.read() as session:
        return [to_row(VisitRow, v, contact_ids=tuple(v.contact_ids or ()),
                       pending=v.id in pending) for v in session.scalars(query)]


def _visit_values(draft: VisitDraft, owner_id: str | None) -> dict[str, object]:
    return {
        "account_id": draft.account_id, "owner_id": owner_id, "status": draft.status.value,
        "purpose": draft.purpose.strip() or None, "notes": draft.notes.strip() or None,
        "outcome": draft.outcome.value if draft.outcome else None,
        "actual_start": draft.actual_start, "actual_end": draft.actual_end,
        "planned_start": draft.planned_start, "contact_ids": list(draft.contact_ids),
        "created_at": utcnow(),
    }


def log_visit(store: Store, draft: VisitDraft) -> Changes:
    """Store the visit and, when a next step is named, its follow-up task — both or neither.

    Raises ValidationFailed (nothing stored) when the visit or the task is not valid.
    """
    owner_id = current_user_id(store)
    with store.write() as session:
        visit_id = store.record(session, "visit", None, _visit_values(draft, owner_id))
        ids = [visit_id]
        title = draft.next_step_title.strip()
        if title or draft.next_step_due is not None:
            ids.append(store.record(session, "task", None, {
                "account_id": draft.account_id, "visit_id": visit_id, "owner_id": owner_id,
                "title": title, "due_date": draft.next_step_due,
                "status": TaskStatus.OPEN.value, "priority": TaskPriority.NORMAL.value,
                "created_at": utcnow(),
            }))
    if len(ids) > 1:
        return changes("visit", ids, "task")
    return changes("visit", ids)


def get_visit(store: Store, visit_id: str) -> VisitDetail | None:
    """The visit, or None when it is not on this computer (any more)."""
    pending = store.pending_ids("visit")
    with store.read() as session:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.deleted:
            return None
        return to_row(VisitDetail, visit, contact_ids=tuple(visit.contact_ids or ()),
                      pending=visit_id in pending)


def save_visit(store: Store, visit_id: str, values: Mapping[str, Any]) -> Changes:
    """Write the edited fields of an existing visit; only the ones that changed reach the
    outbox. Raises ValidationFailed (nothing stored), LookupError when the visit is gone."""
    data = {k: v for k, v in values.items() if k in EDITABLE_FIELDS}
    if "contact_ids" in data:
        data["contact_ids"] = list(data["contact_ids"] or ())  # type: ignore[call-overload]
    return record_save(store, "visit", visit_id, data)[1]
