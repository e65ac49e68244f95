"""The pipeline: a board of stage columns with totals, moving a deal, the filtered list."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select

from desktop.services.records import changes, gone
from desktop.store import Changes, Store
from shared.models import Account, Opportunity
from shared.models.enums import OpportunityStage

STAGE_ORDER: tuple[OpportunityStage, ...] = tuple(OpportunityStage)
# The probability a deal gets on entering a stage, unless someone set their own.
DEFAULT_PROBABILITY: dict[OpportunityStage, int] = {
    OpportunityStage.PROSPECTING: 10, OpportunityStage.QUALIFICATION: 25,
    OpportunityStage.PROPOSAL: 50, OpportunityStage.NEGOTIATION: 75,
    OpportunityStage.WON: 100, OpportunityStage.LOST: 0,
}
FIXED_PROBABILITY = (OpportunityStage.WON, OpportunityStage.LOST)


@dataclass(frozen=True)
class OpportunityCard:
    id: str
    name: str
    account_id: str
    account_name: str
    account_tier: str | None
    stage: str
    amount_cents: int | None
    currency: str
    probability: int | None
    expected_close: date | None
    owner_id: str | None
    pending: bool = False

    @property
    def weighted_cents(self) -> int:
        return (self.amount_cents or 0) * (self.probability or 0) // 100


@dataclass(frozen=True)
class StageColumn:
    stage: OpportunityStage
    cards: tuple[OpportunityCard, ...]
    count: int
    total_cents_by_currency: tuple[tuple[str, int], ...]  # (currency, cents), by currency
    weighted_cents_by_currency: tuple[tuple[str, int], ...]


def board(store: Store, owner_id: str | None = None, close_month: date | None = None,
          tier: str | None = None) -> list[StageColumn]:
    """Every stage in order with its deals (soonest close first) and its totals."""
    cards = opportunity_list(store, owner_id=owner_id, close_month=close_month, tier=tier)
    by_stage: dict[str, list[OpportunityCard]] = defaultdict(list)
    for card in cards:
        by_stage[card.stage].append(card)
    return [_column(stage, by_stage.get(stage.value, [])) for stage in STAGE_ORDER]


def opportunity_list(store: Store, owner_id: str | None = None,
                     stage: OpportunityStage | str | None = None,
                     close_month: date | None = None, tier: str | None = None,
                     limit: int | None = None) -> list[OpportunityCard]:
    """Live deals filtered by owner, stage, month of expected close and account tier."""
    query = _filtered(owner_id, stage, close_month, tier).order_by(
        Opportunity.expected_close.is_(None), Opportunity.expected_close, Opportunity.name,
        Opportunity.id)
    if limit is not None:
        query = query.limit(limit)
    pending = store.pending_ids("opportunity")
    with store.read() as session:
        return [OpportunityCard(o.id, o.name, o.account_id, name or "", tier_, o.stage,
                                o.amount_cents, o.currency, o.probability, o.expected_close,
                                o.owner_id, o.id in pending)
                for o, name, tier_ in session.execute(query)]


def move_opportunity(store: Store, opportunity_id: str,
                     stage: OpportunityStage | str) -> Changes:
    """Move a deal to *stage* (one synced change); the probability follows the stage when
    it still was the old stage's default (won is always 100 %, lost 0 %)."""
    target = OpportunityStage(str(stage))
    with store.write() as session:
        deal = session.get(Opportunity, opportunity_id)
        if deal is None or deal.deleted:
            raise LookupError(gone("opportunity"))
        if deal.stage == target.value:
            return Changes(entities=frozenset())
        values: dict[str, object] = {"stage": target.value}
        probability = new_probability(deal.stage, deal.probability, target)
        if probability != deal.probability:
            values["probability"] = probability
        store.record(session, "opportunity", opportunity_id, values)
    return changes("opportunity", [opportunity_id])


def new_probability(old_stage: str, old: int | None, target: OpportunityStage) -> int | None:
    if target in FIXED_PROBABILITY:
        return DEFAULT_PROBABILITY[target]
    try:
        old_default = DEFAULT_PROBABILITY[OpportunityStage(old_stage)]
    except ValueError:
        old_default = None
    if old is None or old == old_default:
        return DEFAULT_PROBABILITY[target]
    return old  # someone chose this probability: keep it


def _filtered(owner_id: str | None, stage: OpportunityStage | str | None,
              close_month: date | None, tier: str | None) -> Select:
    query = (select(Opportunity, Account.name, Account.tier)
             .join(Account, Account.id == Opportunity.account_id, isouter=True)
             .where(Opportunity.deleted.is_(False)))
    if owner_id:
        query = query.where(Opportunity.owner_id == owner_id)
    if stage:
        query = query.where(Opportunity.stage == str(stage))
    if tier:
        query = query.where(Account.tier == str(tier))
    if close_month is not None:
        first = close_month.replace(day=1)
        following = (first.replace(year=first.year + 1, month=1) if first.month == 12
                     else first.replace(month=first.month + 1))
        query = query.where(Opportunity.expected_close >= first,
                            Opportunity.expected_close < following)
    return query


def _column(stage: OpportunityStage, cards: list[OpportunityCard]) -> StageColumn:
    totals: dict[str, int] = defaultdict(int)
    weighted: dict[str, int] = defaultdict(int)
    for card in cards:
        if card.amount_cents is not None:
            totals[card.currency] += card.amount_cents
            weighted[card.currency] += card.weighted_cents
    return StageColumn(stage, tuple(cards), len(cards), tuple(sorted(totals.items())),
                       tuple(sorted(weighted.items())))
