"""The visit cadence table (tier -> visit every N days): read it, and let managers change it.

The table is replicated as ``cadence_rule`` rows, one live rule per tier; only users whose
role the registry lists as writers (managers, admins) may change it. A save writes through
the store like every other edit, so the new table is queued in the outbox, reaches every
device with the next sync and is what Today's "customers due" uses at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services.records import changes
from desktop.store import NO_CHANGES, Changes, Store, ValidationFailed
from shared.i18n import QT_TRANSLATE_NOOP, Message
from shared.models import CadenceRule, spec_for
from shared.models.enums import Tier
from shared.rules.cadence import DEFAULT_CADENCE_DAYS, cadence_table
from shared.rules.validation import MAX_CADENCE_DAYS, Problem

TIERS: tuple[str, ...] = tuple(t.value for t in Tier)
ONLY_MANAGERS = QT_TRANSLATE_NOOP("Messages", "Only managers can change the visit cadence.")
NOT_WHOLE = QT_TRANSLATE_NOOP("Messages", "Enter a whole number of days.")
OUT_OF_RANGE = QT_TRANSLATE_NOOP("Messages", "A visit cadence must be from 1 to {max} days.")
UNKNOWN_TIER = QT_TRANSLATE_NOOP("Messages", "There is no tier {tier}.")


@dataclass(frozen=True)
class CadenceTable:
    """The table as Today uses it, for every tier (``None``: that tier has no cadence)."""

    days: dict[str, int | None]
    from_defaults: bool  # no rule has reached this computer yet: the built-in defaults
    pending: bool  # a change of the table has not been sent yet


def cadence_rules(store: Store) -> CadenceTable:
    """The cadence table Today uses now (the defaults while no rule has synced)."""
    with store.read() as session:
        table = cadence_table((tier, days) for tier, days in session.execute(
            select(CadenceRule.tier, CadenceRule.days).where(CadenceRule.deleted.is_(False))))
    source = DEFAULT_CADENCE_DAYS if table is None else table
    return CadenceTable({tier: source.get(tier) for tier in TIERS}, table is None,
                        bool(store.pending_ids("cadence_rule")))


def can_edit_cadence(store: Store) -> bool:
    """Whether the signed-in user's role may change the table (managers and admins)."""
    info = store.session_info()
    return info is not None and spec_for("cadence_rule").may_write(info.role)


def cadence_problems(table: Mapping[str, object]) -> list[Problem]:
    """What is wrong with the edited ``{tier: days}``; each problem's field is its tier."""
    problems: list[Problem] = []
    for tier, value in table.items():
        days = _whole(value)
        if tier not in TIERS:
            problems.append(Problem(str(tier), "invalid_choice",
                                    Message.of(UNKNOWN_TIER, tier=tier)))
        elif days is None:
            problems.append(Problem(tier, "invalid_type", NOT_WHOLE))
        elif not 1 <= days <= MAX_CADENCE_DAYS:
            problems.append(Problem(tier, "out_of_range",
                                    Message.of(OUT_OF_RANGE, max=MAX_CADENCE_DAYS)))
    return problems


def save_cadence(store: Store, table: Mapping[str, object]) -> Changes:
    """Set the days of the tiers in *table*; raises ValidationFailed (nothing written).

    Tiers left out keep their cadence. While the defaults apply (no rule synced yet) every
    tier gets a rule, so saving one tier does not drop the others' cadence. Should two
    rules for a tier exist (made offline at once), the save keeps one and deletes the rest.
    """
    if not can_edit_cadence(store):
        raise ValidationFailed([Problem("", "forbidden", ONLY_MANAGERS)])
    problems = cadence_problems(table)
    if problems:
        raise ValidationFailed(problems)
    wanted = {tier: _whole(days) or 0 for tier, days in table.items()}
    written: list[str] = []
    with store.write() as session:
        rules = _live_rules(session)
        if not rules:
            wanted = {**DEFAULT_CADENCE_DAYS, **wanted}
        for tier, days in wanted.items():
            written += _set_tier(store, session, rules.get(tier, []), tier, days)
    return changes("cadence_rule", written) if written else NO_CHANGES


def _set_tier(store: Store, session: Session, rules: list[CadenceRule], tier: str,
              days: int) -> list[str]:
    """Make *tier*'s one live rule say *days*; the ids of the rules written."""
    if not rules:
        return [store.record(session, "cadence_rule", None, {"tier": tier, "days": days})]
    keep, *extra = rules
    written = []
    if keep.days != days:
        written.append(store.record(session, "cadence_rule", keep.id, {"days": days}))
    for rule in extra:
        store.record_delete(session, "cadence_rule", rule.id)
        written.append(rule.id)
    return written


def _live_rules(session: Session) -> dict[str, list[CadenceRule]]:
    """Live rules by tier, oldest id first (ids are time-ordered)."""
    found: dict[str, list[CadenceRule]] = {}
    query = select(CadenceRule).where(CadenceRule.deleted.is_(False)).order_by(CadenceRule.id)
    for rule in session.scalars(query):
        found.setdefault(rule.tier, []).append(rule)
    return found


def _whole(value: object) -> int | None:
    """*value* as a whole number of days (an int, or text such as " 21 "), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None
