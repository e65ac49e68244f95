"""Benchmark sizes and switches: the full preset, the --quick preset, and the phase names."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_URL_TEMPLATE = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
MANAGER, REP_A, REP_B = "chen.jing", "li.wei", "wang.fang"
DEMO_PASSWORD = "fieldcrm"


class Phase(enum.StrEnum):
    BOOTSTRAP = "bootstrap"  # 80k bootstrap, wire bytes, client RSS
    RAW = "raw"  # the plain sqlite3 + JSON + gzip bound
    EDIT = "edit"  # single edit round trip A -> server -> B
    PUSH = "push"  # 1,000 offline edits pushed
    SCALE = "scale"  # the 255k bootstrap
    SERVER = "server"  # 500 reps against PostgreSQL + gunicorn
    DESKTOP = "desktop"  # cold start, search, RSS with 100k accounts


@dataclass(frozen=True)
class Shape:
    """Rows per account, as in the PouchDB peer (lib/dataset.js); no account tasks there."""

    contacts: int = 4
    visits: int = 10
    opportunities: int = 1

    @property
    def per_account(self) -> int:
        return 1 + self.contacts + self.visits + self.opportunities


@dataclass(frozen=True)
class BenchConfig:
    accounts: int = 5000  # 5,000 x 16 = 80,000 records
    shape: Shape = Shape()
    scale_accounts: int = 5000  # 5,000 x 51 = 255,000 records (peer's --visits 45 variant)
    scale_shape: Shape = Shape(visits=45)
    edit_iters: int = 20
    bulk_edits: int = 1000
    reps: int = 500
    reps_per_territory: int = 5
    rounds: int = 3
    mutations_per_round: int = 10  # per rep: 1 account edit + 9 new visits
    gunicorn_workers: int = 3
    # 32 syncs at once. A real rep has a process of their own: the reps of one load worker
    # share its interpreter lock, and with 8 a push's time included waiting for the others'
    # page applies (p99 440-720 ms against 315-340 ms with 16 x 2, same server).
    load_procs: int = 16
    load_threads: int = 2
    desktop_accounts: int = 100_000
    search_iters: int = 20
    desktop_starts: int = 3  # cold starts; the median is reported
    seed: int = 42
    phases: frozenset[Phase] = frozenset(Phase)
    peer: bool = False
    timeout_s: float = 3600.0  # hard stop for the whole run
    phase_timeout_s: float = 900.0  # any one wait (a child process, a sync) gives up after this
    work_dir: Path | None = None  # temp dirs go here (default: the system temp dir)


QUICK = dict(accounts=500, scale_accounts=300, edit_iters=5, bulk_edits=1000, reps=30,
             rounds=2, mutations_per_round=5, load_procs=2, load_threads=4,
             desktop_accounts=5_000, search_iters=10, desktop_starts=1, timeout_s=600.0,
             phase_timeout_s=300.0)


def quick(config: BenchConfig) -> BenchConfig:
    """The ~1 minute preset: every phase, at a tenth of the size."""
    return replace(config, **QUICK)  # type: ignore[arg-type]
