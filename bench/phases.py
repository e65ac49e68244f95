"""The measured phases, each returning its figures for the report (keys as in issue 5)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.children import run_json
from bench.config import MANAGER, REP_B, BenchConfig, Shape
from bench.edits import edit_roundtrips, open_replica, push_offline_edits, summary
from bench.relay import RelayProcess
from bench.resources import Deadline, Resources
from bench.servers import seed_sqlite, start_cli_server
from bench.stats import median


@dataclass(frozen=True)
class BootServer:
    """The seeded 80k server and the bootstrapped manager replica, reused by the edit phases."""

    url: str
    manager_dir: Path


def _bootstrap(resources: Resources, config: BenchConfig, accounts: int, shape: Shape,
               name: str) -> tuple[dict[str, Any], BootServer]:
    directory = resources.temp_dir(name)
    seeded = seed_sqlite(resources, directory, accounts, shape, config.seed,
                         config.phase_timeout_s)
    url = start_cli_server(resources, seeded.url)
    # Every client of this server goes through the relay: a replica belongs to one server URL.
    relay = RelayProcess(resources, int(urlsplit(url).port or 0))
    client_dir = directory / "client"
    started = time.perf_counter()
    result = run_json(resources, "bench.client_boot", relay.url, str(client_dir),
                      "--user", MANAGER, timeout_s=config.phase_timeout_s)
    result["process_s"] = time.perf_counter() - started
    result["seeded_records"], result["seed_s"] = seeded.records, seeded.seed_s
    result["wire"] = relay.counts()
    return result, BootServer(relay.url, client_dir)


def bootstrap(resources: Resources, config: BenchConfig) -> tuple[dict[str, Any], BootServer]:
    result, server = _bootstrap(resources, config, config.accounts, config.shape, "boot")
    figures = {"bootstrap_records": result["records"], "bootstrap_s": result["sync_s"],
               "bootstrap_records_per_s": result["records"] / result["sync_s"],
               "bootstrap_wire_bytes": result["wire"].total,
               "bootstrap_wire_bytes_down": result["wire"].to_client,
               "bootstrap_client_peak_rss_mb": result["peak_rss_mb"],
               # CPU seconds of the client process (all threads): steadier than the wall
               # time when other work loads the machine.
               "bootstrap_client_cpu_s": result["sync_cpu_s"],
               "bootstrap_pages": result["pages"], "bootstrap_pull_http_s": result["pull_http_s"],
               "bootstrap_signin_s": result["signin_s"],
               "bootstrap_replica_rows": result["replica_rows"],
               "bootstrap_replica_mb": result["replica_bytes"] / 1e6,
               "seed_records": result["seeded_records"], "seed_s": result["seed_s"]}
    return figures, server


def scale(resources: Resources, config: BenchConfig) -> dict[str, Any]:
    result, _ = _bootstrap(resources, config, config.scale_accounts, config.scale_shape, "scale")
    return {"bootstrap_255k_records": result["records"], "bootstrap_255k_s": result["sync_s"],
            "bootstrap_255k_wire_bytes": result["wire"].total,
            "bootstrap_255k_client_peak_rss_mb": result["peak_rss_mb"]}


def raw_bound(resources: Resources, config: BenchConfig) -> dict[str, Any]:
    shape = config.shape
    result = run_json(resources, "bench.raw_bound", str(resources.temp_dir("raw")),
                      "--accounts", str(config.accounts), "--contacts", str(shape.contacts),
                      "--visits", str(shape.visits), "--opportunities",
                      str(shape.opportunities), "--seed", str(config.seed),
                      timeout_s=config.phase_timeout_s)
    return {"raw_bound_s": result["raw_s"], "raw_records": result["records"],
            "raw_wire_bytes": result["raw_wire_bytes"]}


def edits(resources: Resources, config: BenchConfig, server: BootServer,
          deadline: Deadline) -> dict[str, Any]:
    """Client A = the bootstrapped manager replica; client B = a rep of the other territory."""
    a = open_replica(server.url, MANAGER, server.manager_dir)
    resources.on_release("client A", a.close)
    figures: dict[str, Any] = {}
    if config.edit_iters:
        b = open_replica(server.url, REP_B, resources.temp_dir("client-b"))
        resources.on_release("client B", b.close)
        trips = edit_roundtrips(a, b, config.edit_iters, deadline)
        figures.update(summary(trips))
    if config.bulk_edits:
        bulk = push_offline_edits(a, config.bulk_edits, deadline)
        figures.update({"push_1000_s": bulk.push_s, "push_1000_edits": bulk.edits,
                        "push_1000_sync_s": bulk.sync_s,
                        "push_1000_local_edits_s": bulk.local_edits_s,
                        "push_1000_pushed": bulk.pushed})
    return figures


def desktop(resources: Resources, config: BenchConfig) -> dict[str, Any]:
    """A replica of N accounts (bootstrapped over HTTP), then cold starts of the app."""
    result, server = _bootstrap(resources, config, config.desktop_accounts,
                                Shape(contacts=0, visits=0, opportunities=0), "desktop")
    runs = []
    for _ in range(max(1, config.desktop_starts)):
        t0 = time.time()
        runs.append(run_json(resources, "bench.desktop_start", server.url,
                             str(server.manager_dir), "--t0", repr(t0), "--search-iters",
                             str(config.search_iters), timeout_s=config.phase_timeout_s))
    last = runs[-1]
    return {"desktop_accounts": last["accounts_total"],
            "desktop_cold_start_s": median([r["cold_start_s"] for r in runs]),
            "desktop_cold_start_max_s": max(r["cold_start_s"] for r in runs),
            "desktop_imports_s": median([r["imports_s"] for r in runs]),
            "desktop_signin_s": median([r["signin_s"] for r in runs]),
            "desktop_window_s": median([r["window_s"] for r in runs]),
            "search_ms_p50": last["search_ms_p50"], "search_ms_p90": last["search_ms_p90"],
            "search_ui_ms_p50": last["search_ui_ms_p50"],
            "search_ui_ms_max": last["search_ui_ms_max"],
            "scroll_step_ms_max": last["scroll_step_ms_max"],
            "desktop_peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
            "desktop_bootstrap_s": result["sync_s"]}
