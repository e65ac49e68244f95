"""The pipeline as a list: the board's filters, one page at a time, sorted, with totals."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select

from desktop.services.opportunities import CLOSED, OPEN_STAGES
from desktop.services.pipeline import STAGE_ORDER, OpportunityCard
from desktop.services.pipeline import _filtered as board_filter
from desktop.store import Store
from shared.models import Account, Opportunity, User


class SortKey(enum.StrEnum):
    CLOSE = "close"
    NAME = "name"
    ACCOUNT = "account"
    TIER = "tier"
    STAGE = "stage"
    AMOUNT = "amount"
    PROBABILITY = "probability"
    WEIGHTED = "weighted"
    OWNER = "owner"


@dataclass(frozen=True)
class OpportunityFilter:
    """What the list shows; *stage* is a stage, OPEN_STAGES (not won or lost) or None (all)."""

    owner_id: str | None = None
    stage: str | None = OPEN_STAGES
    close_month: date | None = None  # any day of the month
    tier: str | None = None


@dataclass(frozen=True)
class ListTotals:
    count: int
    total_cents_by_currency: tuple[tuple[str, int], ...]  # (currency, cents), by currency
    weighted_cents_by_currency: tuple[tuple[str, int], ...]


def _weighted() -> ColumnElement[int]:
    # floor per deal, as OpportunityCard.weighted_cents does
    return func.coalesce(Opportunity.amount_cents, 0) * func.coalesce(
        Opportunity.probability, 0) // 100


def _sort_column(key: SortKey) -> Any:  # a column or an expression
    stage_rank = case({stage.value: rank for rank, stage in enumerate(STAGE_ORDER)},
                      value=Opportunity.stage, else_=len(STAGE_ORDER))
    columns: dict[SortKey, Any] = {
        SortKey.CLOSE: Opportunity.expected_close, SortKey.NAME: Opportunity.name,
        SortKey.ACCOUNT: Account.name, SortKey.TIER: Account.tier, SortKey.STAGE: stage_rank,
        SortKey.AMOUNT: Opportunity.amount_cents, SortKey.PROBABILITY: Opportunity.probability,
        SortKey.WEIGHTED: _weighted(), SortKey.OWNER: User.display_name,
    }
    return columns[key]


def _query(filters: OpportunityFilter) -> Select:
    stage = None if filters.stage == OPEN_STAGES else filters.stage
    query = board_filter(filters.owner_id, stage, filters.close_month, filters.tier)
    if filters.stage == OPEN_STAGES:
        query = query.where(Opportunity.stage.not_in(CLOSED))
    return query


def opportunity_page(store: Store, filters: OpportunityFilter, limit: int, offset: int = 0,
                     sort: SortKey = SortKey.CLOSE,
                     descending: bool = False) -> list[OpportunityCard]:
    """One page of the filtered deals; undated or empty values sort last either way."""
    column = _sort_column(sort)
    order = column.desc() if descending else column.asc()
    query = _query(filters)
    if sort == SortKey.OWNER:
        query = query.join(User, User.id == Opportunity.owner_id, isouter=True)
    query = query.order_by(column.is_(None), order, Opportunity.name, Opportunity.id)
    pending = store.pending_ids("opportunity")
    with store.read() as session:
        return [OpportunityCard(o.id, o.name, o.account_id, name or "", tier, o.stage,
                                o.amount_cents, o.currency, o.probability, o.expected_close,
                                o.owner_id, o.id in pending)
                for o, name, tier in session.execute(query.limit(limit).offset(offset))]


def list_totals(store: Store, filters: OpportunityFilter) -> ListTotals:
    """How many deals the filters leave, their total and weighted total per currency."""
    inner = _query(filters).subquery()
    query = (select(inner.c.currency, func.count(),
                    func.sum(inner.c.amount_cents),
                    func.sum(func.coalesce(inner.c.amount_cents, 0)
                             * func.coalesce(inner.c.probability, 0) // 100))
             .group_by(inner.c.currency).order_by(inner.c.currency))
    count, totals, weighted = 0, [], []
    with store.read() as session:
        for currency, number, total, weight in session.execute(query):
            count += int(number)
            if total is not None:
                totals.append((currency, int(total)))
                weighted.append((currency, int(weight or 0)))
    return ListTotals(count, tuple(totals), tuple(weighted))


def close_months(store: Store) -> list[date]:
    """The first day of every month in which some live deal is expected to close."""
    query = (select(func.substr(Opportunity.expected_close, 1, 7)).distinct()
             .where(Opportunity.deleted.is_(False), Opportunity.expected_close.is_not(None)))
    with store.read() as session:
        return sorted(date.fromisoformat(f"{month}-01") for month in session.scalars(query)
                      if month)
