"""Trip readiness: is what a rep needs for each planned visit on this laptop, and fresh?

Red: the visit cannot be prepared (the account is not in the replica). Amber: it can,
but something may be missing or old (no contacts, no earlier visits, not refreshed
recently or never). Green: everything is there. The replica cannot tell a short visit
history from a missing one, so only "no earlier visits at all" is flagged.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.i18n import QT_TRANSLATE_NOOP, Message

DEFAULT_STALE_AFTER = timedelta(hours=24)


class ReadinessLevel(enum.StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {ReadinessLevel.GREEN: 0, ReadinessLevel.AMBER: 1, ReadinessLevel.RED: 2}


@dataclass(frozen=True)
class TripFacts:
    """What the replica holds for one planned visit."""

    visit_id: str
    account_id: str
    account_present: bool
    contacts: int
    open_opportunities: int
    visits_known: int  # earlier visits of the account on this laptop (up to the wanted few)
    last_visits_wanted: int = 5
    open_tasks: int = 0
    refreshed_at: datetime | None = None  # the replica's last successful sync; None: never


@dataclass(frozen=True)
class Readiness:
    level: ReadinessLevel
    reasons: tuple[str, ...]  # plain sentences; empty when green


@dataclass(frozen=True)
class VisitReadiness:
    visit_id: str
    account_id: str
    readiness: Readiness


@dataclass(frozen=True)
class TripReadiness:
    level: ReadinessLevel  # the worst of the visits (green for no visits)
    visits: tuple[VisitReadiness, ...]


def assess(facts: TripFacts, now: datetime,
           stale_after: timedelta = DEFAULT_STALE_AFTER) -> Readiness:
    """How ready this laptop is for one visit, with the reasons when not green."""
    if not facts.account_present:
        return Readiness(ReadinessLevel.RED,
                         (QT_TRANSLATE_NOOP("Messages", "The account is not on this laptop"),))
    reasons: list[str] = []
    freshness = _freshness(facts.refreshed_at, now, stale_after)
    if freshness:
        reasons.append(freshness)
    if facts.contacts <= 0:
        reasons.append(QT_TRANSLATE_NOOP("Messages", "No contacts on this laptop"))
    if facts.visits_known <= 0 and facts.last_visits_wanted > 0:
        reasons.append(QT_TRANSLATE_NOOP("Messages", "No earlier visits on this laptop"))
    level = ReadinessLevel.AMBER if reasons else ReadinessLevel.GREEN
    return Readiness(level, tuple(reasons))


def trip_readiness(facts: Iterable[TripFacts], now: datetime,
                   stale_after: timedelta = DEFAULT_STALE_AFTER) -> TripReadiness:
    """Each visit's readiness and the worst level among them."""
    visits = tuple(VisitReadiness(f.visit_id, f.account_id, assess(f, now, stale_after))
                   for f in facts)
    level = max((v.readiness.level for v in visits), key=lambda lv: lv.rank,
                default=ReadinessLevel.GREEN)
    return TripReadiness(level, visits)


def _freshness(refreshed_at: datetime | None, now: datetime, stale_after: timedelta) -> str:
    if refreshed_at is None:
        return QT_TRANSLATE_NOOP("Messages", "Never refreshed from the server")
    age = now - refreshed_at
    if age <= stale_after:
        return ""
    return Message.of(QT_TRANSLATE_NOOP("Messages", "Last refreshed {ago}"), ago=_ago(age))


def _ago(age: timedelta) -> Message:
    hours = int(age.total_seconds() // 3600)
    if hours < 1:
        minutes = int(age.total_seconds() // 60)
        return Message.of(QT_TRANSLATE_NOOP("Messages", "{minutes} minute ago") if minutes == 1
                          else QT_TRANSLATE_NOOP("Messages", "{minutes} minutes ago"),
                          minutes=minutes)
    if hours < 48:
        return Message.of(QT_TRANSLATE_NOOP("Messages", "{hours} hour ago") if hours == 1
                          else QT_TRANSLATE_NOOP("Messages", "{hours} hours ago"), hours=hours)
    return Message.of(QT_TRANSLATE_NOOP("Messages", "{days} days ago"), days=age.days)
