"""Child process: sign in and bootstrap one replica, nothing else (its peak RSS is the client's)."""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from bench.timed_api import TimedSyncApi
from desktop.store import Store
from desktop.sync import SyncEngine, sign_in
from shared.models.registry import ENTITIES


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _cpu_s() -> float:
    """CPU seconds of this process, all threads (user + system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def replica_rows(store: Store) -> int:
    with store.read() as session:
        return sum(int(session.scalar(select(func.count()).select_from(spec.table)) or 0)
                   for spec in ENTITIES.values())


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench.client_boot")
    parser.add_argument("server_url")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--user", default="chen.jing")
    parser.add_argument("--password", default="fieldcrm")
    args = parser.parse_args()
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    cpu_started = _cpu_s()
    store, api = sign_in(args.server_url, args.user, args.password, data_dir=args.data_dir,
                         device_name="bench bootstrap", api_factory=TimedSyncApi)
    store.wait_background()  # the sign-in's own work (its password check) ends in sign-in
    signed_in = time.perf_counter()
    cpu_signed_in = _cpu_s()
    report = SyncEngine(store, api).sync()
    synced = time.perf_counter()
    cpu_synced = _cpu_s()
    peak = peak_rss_mb()
    assert isinstance(api, TimedSyncApi)
    # Records = rows the rep now has (seeded tiers and cadence rules add log entries).
    rows = replica_rows(store)
    result = {"records": rows, "changes_pulled": report.pulled, "sync_s": synced - signed_in,
              "signin_s": signed_in - started, "peak_rss_mb": peak,
              "sync_cpu_s": cpu_synced - cpu_signed_in, "signin_cpu_s": cpu_signed_in - cpu_started,
              "rss_at_start_mb": rss_before, "pages": len(api.calls.pulls),
              "pull_http_s": api.calls.pull_total_s(), "replica_rows": rows,
              "replica_bytes": sum(p.stat().st_size for p in args.data_dir.rglob("*.sqlite*"))}
    store.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
