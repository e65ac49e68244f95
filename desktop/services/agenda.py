"""Rows and queries the rep's day is made of: own planned visits, local-day bounds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.services.times import from_local
from shared.models import Account, Visit
from shared.models.enums import VisitStatus


@dataclass(frozen=True)
class AgendaVisit:
    """A planned visit as Today, trip readiness and the visit screens list it."""

    id: str
    account_id: str
    account_name: str
    status: str
    planned_start: datetime | None  # naive UTC, like every stored time
    planned_end: datetime | None
    purpose: str | None
    contact_ids: tuple[str, ...]
    owner_id: str | None


def day_bounds(first: date, days: int = 1) -> tuple[datetime, datetime]:
    """[start, end) in stored (naive UTC) time of *days* local calendar days from *first*."""
    start = from_local(datetime.combine(first, time.min))
    end = from_local(datetime.combine(first + timedelta(days=days), time.min))
    assert start is not None and end is not None
    return start, end


def planned_visits(session: Session, user_id: str | None, start: datetime,
                   end: datetime) -> list[AgendaVisit]:
    """Own (or unowned) visits planned in [start, end), not cancelled, soonest first."""
    query = (select(Visit, Account.name)
             .join(Account, Account.id == Visit.account_id, isouter=True)
             .where(Visit.deleted.is_(False), Visit.status != VisitStatus.CANCELLED.value,
                    Visit.planned_start >= start, Visit.planned_start < end)
             .order_by(Visit.planned_start, Visit.id))
    if user_id:
        query = query.where(or_(Visit.owner_id == user_id, Visit.owner_id.is_(None)))
    return [agenda_visit(v, name) for v, name in session.execute(query)]


def agenda_visit(visit: Visit, account_name: str | None) -> AgendaVisit:
    return AgendaVisit(visit.id, visit.account_id, account_name or "", visit.status,
                       visit.planned_start, visit.planned_end, visit.purpose,
                       tuple(visit.contact_ids or ()), visit.owner_id)
