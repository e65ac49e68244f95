"""Trip readiness: before losing signal, is everything for the coming visits on this laptop?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.services.agenda import AgendaVisit, day_bounds, planned_visits
from desktop.services.times import to_local
from desktop.services.users import current_user_id
from desktop.store import Store
from shared.models import Account, Contact, Opportunity, Task, Visit
from shared.models.enums import OpportunityStage, TaskStatus, VisitStatus
from shared.rules.readiness import DEFAULT_STALE_AFTER, Readiness, ReadinessLevel, TripFacts
from shared.rules.readiness import trip_readiness as assess_trip

DEFAULT_DAYS = 3
LAST_VISITS_WANTED = 5
CLOSED = (OpportunityStage.WON.value, OpportunityStage.LOST.value)


@dataclass(frozen=True)
class ReadinessLine:
    visit: AgendaVisit
    readiness: Readiness
    facts: TripFacts


@dataclass(frozen=True)
class TripReport:
    level: ReadinessLevel  # the worst line; green when nothing is planned
    lines: tuple[ReadinessLine, ...]  # soonest visit first
    refreshed_at: datetime | None  # last successful sync (naive UTC); None: never
    days: int


def trip_readiness(store: Store, now: datetime, days: int = DEFAULT_DAYS,
                   stale_after: timedelta = DEFAULT_STALE_AFTER) -> TripReport:
    """Readiness of own visits still planned for today and the next *days* local days."""
    refreshed_at = store.status().last_sync_at
    local_now = to_local(now)
    assert local_now is not None
    start, end = day_bounds(local_now.date(), days + 1)
    with store.read() as session:
        visits = [v for v in planned_visits(session, current_user_id(store), start, end)
                  if v.status == VisitStatus.PLANNED]
        facts = [_facts(session, v, refreshed_at) for v in visits]
    trip = assess_trip(facts, now, stale_after)
    lines = tuple(ReadinessLine(v, r.readiness, f)
                  for v, r, f in zip(visits, trip.visits, facts, strict=True))
    return TripReport(trip.level, lines, refreshed_at, days)


def _facts(session: Session, visit: AgendaVisit, refreshed_at: datetime | None) -> TripFacts:
    account_id = visit.account_id
    present = session.scalar(select(func.count()).select_from(Account).where(
        Account.id == account_id, Account.deleted.is_(False))) == 1
    contacts = _count(session, Contact, Contact.account_id == account_id)
    deals = _count(session, Opportunity, Opportunity.account_id == account_id,
                   Opportunity.stage.not_in(CLOSED))
    earlier = session.scalar(select(func.count()).select_from(
        select(Visit.id).where(Visit.account_id == account_id, Visit.id != visit.id,
                               Visit.deleted.is_(False))
        .limit(LAST_VISITS_WANTED).subquery())) or 0
    tasks = _count(session, Task, Task.account_id == account_id,
                   Task.status == TaskStatus.OPEN.value)
    return TripFacts(visit_id=visit.id, account_id=account_id, account_present=present,
                     contacts=contacts, open_opportunities=deals, visits_known=int(earlier),
                     last_visits_wanted=LAST_VISITS_WANTED, open_tasks=tasks,
                     refreshed_at=refreshed_at)


def _count(session: Session, model: type[Contact | Opportunity | Task], *where: object) -> int:
    query = select(func.count()).select_from(model).where(
        model.deleted.is_(False), *where)  # type: ignore[arg-type]
    return int(session.scalar(query) or 0)
