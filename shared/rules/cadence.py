"""Visit cadence: which accounts are due or overdue for a visit, given their tier.

The cadence table maps a tier to "visit at least every N days". It is replicated as
``cadence_rule`` rows (managers edit it); ``DEFAULT_CADENCE_DAYS`` applies until any rule
has synced. An account is *due* on the day its cadence has fully elapsed since its last
visit (``days_overdue == 0``) and overdue after that.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from shared.models.enums import VisitStatus

DEFAULT_CADENCE_DAYS: dict[str, int] = {"A": 14, "B": 30, "C": 90}

# Visit statuses that mean the rep was there (a planned or cancelled visit is no visit).
VISITED = frozenset({VisitStatus.COMPLETED, VisitStatus.IN_PROGRESS})


@dataclass(frozen=True)
class AccountVisits:
    account_id: str
    tier: str | None
    last_visit_at: datetime | None  # start of the latest visit that took place
    created_at: datetime | None


@dataclass(frozen=True)
class CadenceDue:
    account_id: str
    tier: str
    last_visit_at: datetime | None
    days_since: int | None  # None: never visited
    days_overdue: int  # 0: due today; never visited: days past created_at + cadence (>= 0)


def cadence_days(tier: str | None, table: Mapping[str, int] | None) -> int | None:
    """Days between visits for *tier*; None when the tier has no cadence.

    A None *table* means "no rules synced yet": the defaults apply. A given table is
    taken as it is, so a tier whose rule was deleted has no cadence.
    """
    if not tier:
        return None
    days = (DEFAULT_CADENCE_DAYS if table is None else table).get(tier)
    return days if isinstance(days, int) and days > 0 else None


def cadence_table(rules: Iterable[tuple[str, int]]) -> dict[str, int] | None:
    """The table from live (tier, days) rules; None when there are none (use the defaults).

    Should two rules for one tier ever exist (created offline at once), the shorter
    cadence wins, whatever the order they are read in.
    """
    table: dict[str, int] = {}
    for tier, days in rules:
        table[tier] = min(days, table.get(tier, days))
    return table or None


def last_visit_at(visits: Iterable[tuple[str, datetime | None]],
                  now: datetime) -> datetime | None:
    """The latest ``actual_start`` of (status, actual_start) visits that took place by *now*.

    Planned visits, future ones and cancelled ones do not count as visits.
    """
    taken = [start for status, start in visits
             if status in VISITED and start is not None and start <= now]
    return max(taken, default=None)


def overdue_by_cadence(accounts: Iterable[AccountVisits], table: Mapping[str, int] | None,
                       today: date) -> list[CadenceDue]:
    """Accounts due or overdue for a visit, most overdue first.

    Never-visited accounts are always listed (counted from ``created_at``; first of all
    when that is unknown). A last visit dated after *today* is not a visit. Accounts
    without a tier, or whose tier has no cadence, are left out.
    """
    due: list[tuple[tuple[int, int, str], CadenceDue]] = []
    for account in accounts:
        days = cadence_days(account.tier, table)
        if days is None or account.tier is None:
            continue
        item = _due(account, account.tier, days, today)
        if item is not None:
            unknown_start = item.days_since is None and account.created_at is None
            due.append(((0 if unknown_start else 1, -item.days_overdue, item.account_id), item))
    due.sort(key=lambda pair: pair[0])
    return [item for _, item in due]


def _due(account: AccountVisits, tier: str, days: int, today: date) -> CadenceDue | None:
    last = account.last_visit_at
    if last is not None and last.date() > today:
        last = None
    if last is None:
        created = account.created_at.date() if account.created_at is not None else today
        overdue = max(0, (today - created).days - days)
        return CadenceDue(account.account_id, tier, None, None, overdue)
    since = (today - last.date()).days
    if since < days:
        return None
    return CadenceDue(account.account_id, tier, last, since, since - days)
