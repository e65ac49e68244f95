"""Edit latency through the real sync engine: one field A -> server -> B, and 1,000 offline edits."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from bench.resources import BenchError, Deadline
from bench.stats import median
from bench.timed_api import TimedSyncApi
from desktop.store import Store
from desktop.sync import SyncEngine, sign_in
from shared.models import Account, Visit

PASSWORD = "fieldcrm"


@dataclass(frozen=True)
class Replica:
    store: Store
    api: TimedSyncApi
    engine: SyncEngine

    def close(self) -> None:
        self.store.close()
        self.api.close()


def open_replica(server_url: str, username: str, data_dir: Path) -> Replica:
    """Sign in (online) and sync once; an existing replica in *data_dir* is reused."""
    store, api = sign_in(server_url, username, PASSWORD, data_dir=data_dir,
                         device_name=f"bench {username}", api_factory=TimedSyncApi)
    assert isinstance(api, TimedSyncApi)
    replica = Replica(store, api, SyncEngine(store, api))
    replica.engine.sync()
    return replica


@dataclass(frozen=True)
class RoundTrips:
    roundtrip_ms: list[float]
    push_ms: list[float]  # A's sync (push, then pull of its own echo)
    pull_ms: list[float]  # B's sync (pull)
    mismatches: int  # B did not see A's value: must be 0


def edit_roundtrips(a: Replica, b: Replica, iterations: int, deadline: Deadline) -> RoundTrips:
    """A edits one field of an account both can see, syncs; B syncs and must see the value."""
    with b.store.read() as session:
        account_id = session.scalars(select(Account.id).where(Account.deleted.is_(False))
                                     .order_by(Account.id).limit(1)).first()
    if account_id is None:
        raise BenchError("the second client has no account to receive the edit")
    trips, pushes, pulls, mismatches = [], [], [], 0
    for i in range(iterations):
        deadline.check("edit round trips")
        phone = f"+86 20 {8000 + i:04d} {time.time_ns() % 10_000:04d}"
        started = time.perf_counter()
        with a.store.write() as session:
            a.store.record(session, "account", account_id, {"phone": phone})
        a.engine.sync()
        pushed = time.perf_counter()
        b.engine.sync()
        done = time.perf_counter()
        with b.store.read() as session:
            seen = session.scalar(select(Account.phone).where(Account.id == account_id))
        mismatches += seen != phone
        trips.append((done - started) * 1000)
        pushes.append((pushed - started) * 1000)
        pulls.append((done - pushed) * 1000)
    return RoundTrips(trips, pushes, pulls, mismatches)


@dataclass(frozen=True)
class BulkPush:
    edits: int
    local_edits_s: float  # one Store.write + record per edit, as a user makes them
    push_s: float  # sync start until the engine begins pulling (all batches pushed and acked)
    sync_s: float  # the whole sync round, including pulling the edits' echoes back
    pushed: int


def push_offline_edits(a: Replica, count: int, deadline: Deadline) -> BulkPush:
    with a.store.read() as session:
        visit_ids = list(session.scalars(select(Visit.id).where(Visit.deleted.is_(False))
                                         .order_by(Visit.id).limit(count)))
    if len(visit_ids) < count:
        raise BenchError(f"only {len(visit_ids)} visits to edit, {count} needed")
    stamp = time.time_ns() % 1_000_000
    started = time.perf_counter()
    for n, visit_id in enumerate(visit_ids):
        if n % 100 == 0:
            deadline.check("offline edits")
        with a.store.write() as session:
            a.store.record(session, "visit", visit_id, {"location": f"bench {stamp} #{n}"})
    edited = time.perf_counter()
    a.api.calls.clear()
    report = a.engine.sync()
    synced = time.perf_counter()
    first_pull = a.api.calls.first_pull_start() or synced
    if a.store.status().pending:
        raise BenchError("edits were left in the outbox after the push")
    return BulkPush(count, edited - started, first_pull - edited, synced - edited,
                    report.pushed)


def summary(trips: RoundTrips) -> dict[str, float]:
    return {"edit_roundtrip_ms_p50": median(trips.roundtrip_ms),
            "edit_push_ms_p50": median(trips.push_ms),
            "edit_pull_ms_p50": median(trips.pull_ms),
            "edit_mismatches": trips.mismatches}
