"""The cadence list SQLite picks is exactly the one the shared rule picks, on random data."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from desktop.services import cadence_sql
from desktop.store import Store
from shared.models import Account, Visit
from shared.models.enums import VisitStatus
from shared.rules.cadence import AccountVisits, last_visit_at, overdue_by_cadence
from tests.desktop.conftest import TERRITORY_ID

TODAY = date(2025, 3, 10)
NOW = datetime(2025, 3, 10, 8, 30)
# UTC already on the next day while it is still the 10th where the rep is (the Americas):
# a visit this UTC morning is dated after "today" and does not count yet.
NOW_AHEAD = datetime(2025, 3, 11, 2, 0)
TABLES = [None, {"A": 7, "B": 45, "C": 120}, {"A": 1, "B": 0, "X": 3}, {}]


def _moment(rng: random.Random) -> datetime | None:
    if rng.random() < 0.1:
        return None
    return NOW + timedelta(days=rng.randint(-200, 5), minutes=rng.randint(-900, 1200))


def _fill(store: Store, rng: random.Random, accounts: int) -> None:
    with store.write() as session:
        for n in range(accounts):
            account_id = f"0190a000-0000-7000-8000-{n:012d}"
            session.execute(insert(Account).values(
                id=account_id, name=f"Account {n}", territory_id=TERRITORY_ID,
                tier=rng.choice(["A", "B", "C", None, "X"]), created_at=_moment(rng),
                deleted=rng.random() < 0.05, clocks={}))
            for v in range(rng.randint(0, 4)):
                session.execute(insert(Visit).values(
                    id=f"0190b000-0000-7000-8000-{n:08d}{v:04d}", account_id=account_id,
                    status=rng.choice(list(VisitStatus)).value, actual_start=_moment(rng),
                    deleted=rng.random() < 0.1, clocks={}, contact_ids=[]))


def _by_the_rule(store: Store, table: dict[str, int] | None, now: datetime,
                 limit: int) -> list[tuple]:
    with store.read() as session:
        visits: dict[str, list[tuple[str, datetime | None]]] = {}
        for account_id, status, start in session.execute(
                select(Visit.account_id, Visit.status, Visit.actual_start)
                .where(Visit.deleted.is_(False))):
            visits.setdefault(account_id, []).append((status, start))
        facts = [AccountVisits(a.id, a.tier, last_visit_at(visits.get(a.id, []), now),
                               a.created_at)
                 for a in session.scalars(select(Account).where(Account.deleted.is_(False)))]
    return [(d.account_id, d.tier, d.last_visit_at, d.days_since, d.days_overdue)
            for d in overdue_by_cadence(facts, table, TODAY)[:limit]]


@pytest.mark.parametrize("seed", range(6))
def test_sqlite_lists_the_accounts_the_rule_lists_in_its_order(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    _fill(store, rng, accounts=150)
    for table in TABLES:
        for now in (NOW, NOW_AHEAD):
            for limit in (5, 1000):
                with store.read() as session:
                    picked = cadence_sql.due_accounts(session, table, TODAY, now, limit)
                expected = _by_the_rule(store, table, now, limit)
                assert picked == expected, (seed, table, now, limit)
    assert _by_the_rule(store, None, NOW, 1000)  # the data does hold accounts due
