"""Opportunities: the pipeline list, an account's deals, create or edit one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select

from desktop.services.records import record_save
from desktop.services.times import utcnow
from desktop.services.users import current_user_id
from desktop.store import Changes, Store
from shared.models import Account, Opportunity
from shared.models.enums import OpportunityStage

EDITABLE_FIELDS = ("name", "stage", "amount_cents", "currency", "probability",
                   "expected_close", "notes")


@dataclass(frozen=True)
class OpportunityRow:
    id: str
    account_id: str
    account_name: str
    name: str
    stage: str
    amount_cents: int | None
    currency: str
    probability: int | None
    expected_close: date | None
    owner_id: str | None
    notes: str | None
    pending: bool = False


# Pass as *stage* to list only deals still in play (neither won nor lost).
OPEN_STAGES = "open"
CLOSED = (OpportunityStage.WON.value, OpportunityStage.LOST.value)


def _where(query: Select, stage: OpportunityStage | str | None) -> Select:
    query = query.where(Opportunity.deleted.is_(False))
    if stage == OPEN_STAGES:
        return query.where(Opportunity.stage.not_in(CLOSED))
    if stage:
        return query.where(Opportunity.stage == str(stage))
    return query


def _query(stage: OpportunityStage | str | None) -> Select:
    return _where(select(Opportunity, Account.name)
                  .join(Account, Account.id == Opportunity.account_id, isouter=True), stage)


def _rows(store: Store, query: Select) -> list[OpportunityRow]:
    pending = store.pending_ids("opportunity")
    with store.read() as session:
        return [
            OpportunityRow(o.id, o.account_id, account_name or "", o.name, o.stage,
                           o.amount_cents, o.currency, o.probability, o.expected_close,
                           o.owner_id, o.notes, o.id in pending)
            for o, account_name in session.execute(query)
        ]


def list_opportunities(store: Store, stage: OpportunityStage | str | None = None,
                       limit: int = 500, offset: int = 0) -> list[OpportunityRow]:
    """Live opportunities (optionally of one stage), soonest expected close first."""
    query = _query(stage).order_by(Opportunity.expected_close.is_(None),
                                   Opportunity.expected_close, Opportunity.name)
    return _rows(store, query.limit(limit).offset(offset))


def count_opportunities(store: Store, stage: OpportunityStage | str | None = None) -> int:
    with store.read() as session:
        query = _where(select(func.count()).select_from(Opportunity), stage)
        return int(session.scalar(query) or 0)


def opportunities_of(store: Store, account_id: str) -> list[OpportunityRow]:
    query = _query(None).where(Opportunity.account_id == account_id).order_by(
        Opportunity.expected_close.desc())
    return _rows(store, query)


def get_opportunity(store: Store, opportunity_id: str) -> OpportunityRow | None:
    found = _rows(store, _query(None).where(Opportunity.id == opportunity_id))
    return found[0] if found else None


def save_opportunity(store: Store, opportunity_id: str | None, account_id: str,
                     values: Mapping[str, Any]) -> tuple[str, Changes]:
    """Create or edit an opportunity of *account_id*; raises ValidationFailed."""
    data = {k: v for k, v in values.items() if k in EDITABLE_FIELDS}
    if opportunity_id is None:
        data["account_id"] = account_id
        data.setdefault("stage", OpportunityStage.PROSPECTING.value)
        data.setdefault("currency", "CNY")
        data.setdefault("owner_id", current_user_id(store))
        data.setdefault("created_at", utcnow())
    return record_save(store, "opportunity", opportunity_id, data)
