"""Account tiers by Pareto over won revenue of the last 12 months.

Accounts are ranked by won revenue (highest first). An account is A while the revenue
of the accounts ranked above it is under 80 % of the total (so the A accounts together
make at least 80 %), B while under 95 %, otherwise C. Accounts with equal revenue get
the same tier — the higher one — and accounts with no (or negative) revenue are C.

Amounts in several currencies are ranked in CNY cents using ``APPROX_CNY_PER_UNIT``: a
fixed table of approximate rates, good enough to rank customers, never shown as money.
An amount in a currency missing from the table is left out of the ranking.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction

from shared.models.enums import OpportunityStage, Tier

# CNY per unit of each currency (approximate, 2025; amounts everywhere are in 1/100 units).
APPROX_CNY_PER_UNIT: dict[str, float] = {
    "CNY": 1.0, "USD": 7.2, "EUR": 7.8, "HKD": 0.92, "JPY": 0.048, "GBP": 9.1, "SGD": 5.3,
    "KRW": 0.0052, "TWD": 0.22, "AUD": 4.7, "CAD": 5.2, "CHF": 8.1,
}

# (account_id, stage, amount_cents, currency, expected_close)
OpportunityFacts = tuple[str, str, int | None, str | None, date | None]


def pareto_tiers(revenue: Mapping[str, int], a_share: float = 0.80,
                 b_share: float = 0.95) -> dict[str, Tier]:
    """The tier of every account in *revenue* (account id -> won revenue, one currency)."""
    a_cut, b_cut = Fraction(str(a_share)), Fraction(str(b_share))
    if not 0 < a_cut <= b_cut <= 1:
        raise ValueError("shares must satisfy 0 < a_share <= b_share <= 1")
    tiers = {account_id: Tier.C for account_id in revenue}
    earning = sorted(((amount, account_id) for account_id, amount in revenue.items()
                      if amount > 0), key=lambda pair: (-pair[0], pair[1]))
    total = sum(amount for amount, _ in earning)
    above = 0  # revenue of the accounts ranked strictly above the current amount
    group_amount, group_tier = None, Tier.C
    for amount, account_id in earning:
        if amount != group_amount:  # a new amount: its tier follows from what ranks above
            group_amount = amount
            share = Fraction(above, total)
            group_tier = Tier.A if share < a_cut else Tier.B if share < b_cut else Tier.C
        tiers[account_id] = group_tier
        above += amount
    return tiers


def twelve_months_before(today: date) -> date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def won_revenue_last_12_months(opportunities: Iterable[OpportunityFacts], today: date,
                               to_cny: Mapping[str, float] | None = None) -> dict[str, int]:
    """Won revenue per account in CNY cents, from deals closing in the last 12 months.

    Counts opportunities in stage ``won`` whose ``expected_close`` is from the same day
    a year ago to *today*, both included. *to_cny* (default ``APPROX_CNY_PER_UNIT``)
    converts other currencies; amounts in currencies it lacks are left out. Accounts
    with no such deal are absent from the result (rank them with revenue 0).
    """
    rates = APPROX_CNY_PER_UNIT if to_cny is None else to_cny
    start = twelve_months_before(today)
    totals: dict[str, float] = defaultdict(float)
    for account_id, stage, amount, currency, close in opportunities:
        if stage != OpportunityStage.WON or not amount or close is None:
            continue
        rate = rates.get(currency or "")
        if rate is None or not start <= close <= today:
            continue
        totals[account_id] += amount * rate
    return {account_id: round(total) for account_id, total in totals.items()}
