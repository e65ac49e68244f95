"""A visit's life: plan it, start it, end it with its next step, cancel or reschedule it.

Logging a visit that already took place is ``desktop.services.visits.log_visit``.
Purposes are stored by their stable key (the UI shows a translated label; any other
text a rep types is kept as it is); outcomes are ``VisitOutcome`` values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from desktop.services.records import changes, gone
from desktop.services.times import utcnow
from desktop.services.users import current_user_id
from desktop.store import Changes, Store, ValidationFailed
from shared.i18n import QT_TRANSLATE_NOOP
from shared.models import Visit
from shared.models.enums import TaskPriority, TaskStatus, VisitOutcome, VisitStatus
from shared.rules.validation import Problem


@dataclass(frozen=True)
class Template:
    key: str
    label: str  # English, marked: the UI shows it with message_text


PURPOSES: tuple[Template, ...] = (
    Template("introduction", QT_TRANSLATE_NOOP("Messages", "Introduction")),
    Template("follow_up", QT_TRANSLATE_NOOP("Messages", "Follow-up")),
    Template("product_demo", QT_TRANSLATE_NOOP("Messages", "Product demo")),
    Template("quotation", QT_TRANSLATE_NOOP("Messages", "Quotation")),
    Template("negotiation", QT_TRANSLATE_NOOP("Messages", "Negotiation")),
    Template("quarterly_review", QT_TRANSLATE_NOOP("Messages", "Quarterly review")),
    Template("complaint", QT_TRANSLATE_NOOP("Messages", "Complaint handling")),
    Template("payment_collection", QT_TRANSLATE_NOOP("Messages", "Payment collection")),
    Template("relationship", QT_TRANSLATE_NOOP("Messages", "Relationship visit")),
)
OUTCOMES: tuple[Template, ...] = (
    Template(VisitOutcome.POSITIVE.value, QT_TRANSLATE_NOOP("Messages", "Positive")),
    Template(VisitOutcome.NEUTRAL.value, QT_TRANSLATE_NOOP("Messages", "Neutral")),
    Template(VisitOutcome.NEGATIVE.value, QT_TRANSLATE_NOOP("Messages", "Negative")),
    Template(VisitOutcome.NO_SHOW.value, QT_TRANSLATE_NOOP("Messages", "Customer not available")),
)
_LABELS = {t.key: t.label for t in (*PURPOSES, *OUTCOMES)}


def template_label(value: str | None) -> str:
    """The English label of a purpose or outcome key; free text comes back as it is."""
    return _LABELS.get(value or "", value or "")


def plan_visit(store: Store, account_id: str, planned_start: datetime,
               planned_end: datetime | None, contact_ids: Iterable[str] = (),
               purpose: str = "", notes: str = "", location: str = "") -> tuple[str, Changes]:
    """A new planned visit of the signed-in rep; raises ValidationFailed (nothing stored)."""
    with store.write() as session:
        visit_id = store.record(session, "visit", None, {
            "account_id": account_id, "owner_id": current_user_id(store),
            "status": VisitStatus.PLANNED.value, "planned_start": planned_start,
            "planned_end": planned_end, "contact_ids": list(contact_ids),
            "purpose": purpose.strip() or None, "notes": notes.strip() or None,
            "location": location.strip() or None, "created_at": utcnow()})
    return visit_id, changes("visit", [visit_id])


def start_visit(store: Store, visit_id: str, now: datetime) -> Changes:
    """The rep arrived: stamp the start and mark the visit under way."""
    with store.write() as session:
        visit = _visit(session, visit_id)
        if visit.status == VisitStatus.IN_PROGRESS:
            return Changes(entities=frozenset())
        _require(visit, (VisitStatus.PLANNED,),
                 QT_TRANSLATE_NOOP("Messages", "Only a planned visit can be started."))
        store.record(session, "visit", visit_id, {
            "status": VisitStatus.IN_PROGRESS.value, "actual_start": now})
    return changes("visit", [visit_id])


def end_visit(store: Store, visit_id: str, now: datetime,
              outcome: VisitOutcome | str | None = None, notes: str = "",
              next_step_title: str = "", next_step_due: date | None = None) -> Changes:
    """Complete the visit (started now if it never was) and, when a next step is named,
    create its task — in one save. Raises ValidationFailed with nothing stored."""
    with store.write() as session:
        visit = _visit(session, visit_id)
        _require(visit, (VisitStatus.PLANNED, VisitStatus.IN_PROGRESS),
                 QT_TRANSLATE_NOOP("Messages", "This visit is already closed."))
        values: dict[str, object] = {
            "status": VisitStatus.COMPLETED.value, "actual_start": visit.actual_start or now,
            "actual_end": now, "outcome": str(outcome) if outcome else None}
        added = notes.strip()
        if added:
            values["notes"] = f"{visit.notes.rstrip()}\n{added}" if visit.notes else added
        store.record(session, "visit", visit_id, values)
        ids = [visit_id]
        if next_step_title.strip() or next_step_due is not None:
            ids.append(store.record(session, "task", None, {
                "account_id": visit.account_id, "visit_id": visit_id,
                "owner_id": current_user_id(store), "title": next_step_title.strip(),
                "due_date": next_step_due, "status": TaskStatus.OPEN.value,
                "priority": TaskPriority.NORMAL.value, "created_at": utcnow()}))
    return changes("visit", ids, "task") if len(ids) > 1 else changes("visit", ids)


def cancel_visit(store: Store, visit_id: str) -> Changes:
    with store.write() as session:
        visit = _visit(session, visit_id)
        if visit.status == VisitStatus.CANCELLED:
            return Changes(entities=frozenset())
        _require(visit, (VisitStatus.PLANNED,),
                 QT_TRANSLATE_NOOP("Messages", "Only a planned visit can be cancelled."))
        store.record(session, "visit", visit_id, {"status": VisitStatus.CANCELLED.value})
    return changes("visit", [visit_id])


def reschedule_visit(store: Store, visit_id: str, new_start: datetime,
                     new_end: datetime | None) -> Changes:
    """Move a planned (or cancelled: it is planned again) visit to a new time."""
    with store.write() as session:
        visit = _visit(session, visit_id)
        _require(visit, (VisitStatus.PLANNED, VisitStatus.CANCELLED),
                 QT_TRANSLATE_NOOP("Messages",
                                   "Only a visit that has not taken place can be rescheduled."))
        store.record(session, "visit", visit_id, {
            "status": VisitStatus.PLANNED.value, "planned_start": new_start,
            "planned_end": new_end})
    return changes("visit", [visit_id])


def _visit(session: Session, visit_id: str) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None or visit.deleted:
        raise LookupError(gone("visit"))
    return visit


def _require(visit: Visit, allowed: tuple[VisitStatus, ...], message: str) -> None:
    if visit.status not in {s.value for s in allowed}:
        raise ValidationFailed([Problem("status", "invalid_transition", message)])
