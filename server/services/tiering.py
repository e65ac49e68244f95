"""Company-wide tier recompute: Pareto over won revenue, written through the change log.

Every account that is neither deleted nor tiered by hand (``tier_manual``) gets the tier
its won revenue of the last 12 months earns (``shared.rules.tiering``); only accounts
whose tier changes are written, as a server write (the server's HLC on ``tier``, a
change-log entry with the old tier), so every device converges on the same tiers.
Hand-tiered accounts still count in the ranking; only their tier is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, false, select, update
from sqlalchemy.orm import Session

from server.services import changelog
from server.services.scope import Placement
from shared.hlc import Clock
from shared.models import spec_for
from shared.models.enums import OpportunityStage
from shared.rules.tiering import pareto_tiers, twelve_months_before, won_revenue_last_12_months

CHUNK = 500  # ids per IN (...) (SQLite's bound-parameter limit)
# Fields whose change can move revenue between accounts (with "deleted").
OPPORTUNITY_TRIGGERS = frozenset({"stage", "amount_cents", "currency", "expected_close",
                                  "account_id", "deleted"})
ACCOUNT_TRIGGERS = frozenset({"tier_manual", "deleted"})


def affects_tiers(entity: str, old: Mapping[str, Any], row: Mapping[str, Any]) -> bool:
    """Whether a stored change (*old*: the changed fields' previous values) may move tiers.

    Only won deals count, so an edit of an open deal that neither was nor is won cannot.
    """
    if entity == "opportunity":
        won = OpportunityStage.WON
        return bool(OPPORTUNITY_TRIGGERS & old.keys()) and (row["stage"] == won
                                                            or old.get("stage") == won)
    return entity == "account" and bool(ACCOUNT_TRIGGERS & old.keys())


def recompute_tiers(session: Session | Connection, clock: Clock, today: date) -> int:
    """Write the Pareto tier on every automatic account whose tier differs; how many changed."""
    changelog.lock_positions(session)  # merges read stored clocks: one writer at a time
    accounts, o = spec_for("account").table, spec_for("opportunity").table.c
    deals = session.execute(select(o.account_id, o.stage, o.amount_cents, o.currency,
                                   o.expected_close)
                            .where(o.stage == str(OpportunityStage.WON), o.deleted == false(),
                                   o.expected_close >= twelve_months_before(today),
                                   o.expected_close <= today))
    revenue = won_revenue_last_12_months((tuple(row) for row in deals), today)  # type: ignore[misc]
    live = session.execute(select(accounts.c.id, accounts.c.tier, accounts.c.tier_manual)
                           .where(accounts.c.deleted == false())).all()
    tiers = pareto_tiers({row.id: revenue.get(row.id, 0) for row in live})
    changed = {row.id: str(tiers[row.id]) for row in live
               if not row.tier_manual and row.tier != tiers[row.id]}
    if changed:
        _write(session, clock.now(), changed)
    return len(changed)


def _write(session: Session | Connection, hlc: str, tiers: dict[str, str]) -> None:
    spec = spec_for("account")
    table = spec.table
    updates: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for chunk in _chunks(sorted(tiers)):
        for stored in session.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            row = {**stored, "tier": tiers[stored["id"]],
                   "clocks": {**(stored["clocks"] or {}), "tier": hlc}}
            updates.append({"b_id": row["id"], "b_tier": row["tier"], "b_clocks": row["clocks"]})
            where = Placement(row["territory_id"], row["owner_id"])
            entries.append(changelog.entry_for(spec, row, where, hlc=hlc,
                                               old={"tier": stored["tier"]}))
    session.execute(update(table).where(table.c.id == bindparam("b_id"))
                    .values(tier=bindparam("b_tier"), clocks=bindparam("b_clocks")), updates)
    changelog.append(session, entries)


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]
