"""Child process: a share of the simulated reps, each a real replica and sync engine.

Commands on stdin, one JSON answer line each on stdout: ``prepare`` (record this round's
offline edits, untimed), ``sync`` (every rep syncs, several at once), ``verify`` (what the
server must now hold), ``quit``.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bench.timed_api import TimedSyncApi
from desktop.store import Store
from desktop.sync import SyncEngine, sign_in, user_message
from shared.models import Territory

PASSWORD = "fieldcrm"
# Store.open runs Alembic, whose module-level context is not thread-safe: one at a time.
OPEN_LOCK = threading.Lock()


@dataclass
class Rep:
    username: str
    territory: str
    store: Store | None = None
    api: TimedSyncApi | None = None
    engine: SyncEngine | None = None
    user_id: str = ""
    account_id: str = ""
    visits: list[str] = field(default_factory=list)
    phone: str = ""


def set_up(rep: Rep, server_url: str, data_dir: Path) -> None:
    """Sign in, bootstrap, create the rep's own account and push it."""
    with OPEN_LOCK:
        store, api = sign_in(server_url, rep.username, PASSWORD,
                             data_dir=data_dir / rep.username,
                             device_name=f"bench {rep.username}", api_factory=TimedSyncApi)
    assert isinstance(api, TimedSyncApi)
    rep.store, rep.api, rep.engine = store, api, SyncEngine(store, api, retries=5)
    rep.engine.sync()
    info = store.session_info()
    assert info is not None
    rep.user_id = info.user_id
    with store.write() as session:
        territory_id = session.scalar(select(Territory.id).where(Territory.name == rep.territory))
        rep.phone = "+86 21 5555 0100"
        rep.account_id = store.record(session, "account", None, {
            "name": f"Bench account of {rep.username}", "territory_id": territory_id,
            "owner_id": rep.user_id, "status": "active", "phone": rep.phone,
            "country": "CN", "currency": "CNY"})
    rep.engine.sync()


def prepare(rep: Rep, round_no: int, mutations: int) -> None:
    """One account edit and (mutations - 1) new visits, recorded offline."""
    assert rep.store is not None
    start = datetime(2025, 6, 1, 9) + timedelta(days=round_no)
    with rep.store.write() as session:
        rep.phone = f"+86 21 {5000 + round_no:04d} {len(rep.visits) % 10_000:04d}"
        rep.store.record(session, "account", rep.account_id, {"phone": rep.phone})
        for n in range(mutations - 1):
            rep.visits.append(rep.store.record(session, "visit", None, {
                "account_id": rep.account_id, "owner_id": rep.user_id, "status": "planned",
                "planned_start": start, "planned_end": start + timedelta(hours=1),
                "purpose": f"bench round {round_no} visit {n}", "contact_ids": []}))


def sync(rep: Rep) -> dict[str, Any]:
    assert rep.engine is not None and rep.api is not None
    rep.api.calls.clear()
    try:
        report = rep.engine.sync()
    except Exception as exc:  # noqa: BLE001 - counted and shown, the run goes on
        return {"pushed": 0, "pulled": 0, "push_ms": [], "error": user_message(exc)}
    return {"pushed": report.pushed, "pulled": report.pulled, "rejected": report.rejected,
            "push_ms": [s * 1000 for s in rep.api.calls.push_seconds()], "error": None}


def expected(reps: list[Rep]) -> dict[str, Any]:
    pending = rejected = 0
    for rep in reps:
        assert rep.store is not None
        status = rep.store.status()
        pending, rejected = pending + status.pending, rejected + status.rejected
    return {"visits": [v for rep in reps for v in rep.visits],
            "phones": {rep.account_id: rep.phone for rep in reps},
            "pending": pending, "rejected": rejected}


def answer(payload: dict[str, Any]) -> None:
    print(json.dumps(payload), flush=True)


def serve(reps: list[Rep], pool: ThreadPoolExecutor, mutations: int) -> None:
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "prepare":
            for rep in reps:
                prepare(rep, int(arg), mutations)
            answer({"event": "prepared"})
        elif command == "sync":
            started = time.perf_counter()
            results = list(pool.map(sync, reps))
            answer({"event": "synced", "s": time.perf_counter() - started,
                    "pushed": sum(r["pushed"] for r in results),
                    "pulled": sum(r["pulled"] for r in results),
                    "push_ms": [ms for r in results for ms in r["push_ms"]],
                    "errors": [r["error"] for r in results if r["error"]]})
        elif command == "verify":
            answer({"event": "expected", **expected(reps)})
        elif command == "quit":
            return


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench.load_worker")
    parser.add_argument("server_url")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--reps", required=True, help="user:territory,user:territory,...")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--mutations", type=int, default=10)
    args = parser.parse_args()
    reps = [Rep(*item.split(":", 1)) for item in args.reps.split(",")]
    started = time.perf_counter()
    with ThreadPoolExecutor(args.threads) as pool:
        list(pool.map(lambda rep: set_up(rep, args.server_url, args.data_dir), reps))
        answer({"event": "ready", "setup_s": time.perf_counter() - started})
        try:
            serve(reps, pool, args.mutations)
        finally:
            for rep in reps:
                if rep.store is not None:
                    rep.store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
