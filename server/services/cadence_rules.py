"""The replicated visit cadence table on the server: default rules and one live rule per tier."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, false, func, select
from sqlalchemy.orm import Session

from server.errors import ApiError
from server.services import changelog
from server.services.scope import Placement
from shared.hlc import Clock
from shared.ids import new_id
from shared.models import CadenceRule, spec_for
from shared.rules.cadence import DEFAULT_CADENCE_DAYS
from shared.sync.protocol import ErrorCode

EVERYONE = Placement(None, None, everyone=True)


def ensure_default_cadence(session: Session | Connection, clock: Clock) -> int:
    """Create the default rules (A 14, B 30, C 90 days) when the table has never held any.

    A table whose rules were all deleted is left as the managers made it. Returns the
    number of rules created.
    """
    spec = spec_for("cadence_rule")
    table = spec.table
    changelog.lock_positions(session)
    if session.scalar(select(func.count()).select_from(table)):
        return 0
    hlc = clock.now()
    rows = [{"id": new_id(), "tier": tier, "days": days, "deleted": False,
             "clocks": {name: hlc for name in (*spec.fields, "deleted")}}
            for tier, days in DEFAULT_CADENCE_DAYS.items()]
    session.execute(table.insert(), rows)
    changelog.append(session, [changelog.entry_for(spec, row, EVERYONE, hlc=hlc)
                               for row in rows])
    return len(rows)


def check_one_rule_per_tier(session: Session, row: Mapping[str, Any], mid: int) -> None:
    """Refuse a live rule for a tier that already has another live rule (as stored)."""
    if row["deleted"]:
        return
    other = session.scalar(select(CadenceRule.id).where(
        CadenceRule.tier == row["tier"], CadenceRule.id != row["id"],
        CadenceRule.deleted == false()).limit(1))
    if other is not None:
        raise ApiError(422, ErrorCode.VALIDATION_FAILED,
                       f"Tier {row['tier']} already has a visit cadence; change that one instead.",
                       mid=mid, field="tier")
