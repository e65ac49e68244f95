"""Server load: simulated reps (real replicas and sync engines) against gunicorn + PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import make_url

from bench.children import read_line
from bench.config import BenchConfig
from bench.cpu import by_group, run_groups, used_since
from bench.pg import create_database
from bench.resources import BenchError, Deadline, Resources
from bench.servers import start_gunicorn
from bench.stats import percentile
from server.config import FAST_PASSWORD_COST
from server.db import create_db_engine, session_factory, write_transaction
from server.services.auth import Passwords
from server.services.users import create_user
from server.state import SERVER_NODE
from shared.hlc import Clock
from shared.models import Account, Visit
from shared.models.enums import Role

PASSWORD = "fieldcrm"
CHECK_CHUNK = 1000


@dataclass(frozen=True)
class LoadResult:
    reps: int
    mutations: int
    seconds: float
    push_ms: list[float]
    lost: int
    errors: int
    setup_s: float
    cpu_s: dict[str, float]  # CPU seconds per process group during the timed rounds

    def figures(self) -> dict[str, Any]:
        server_cpu = self.cpu_s.get("gunicorn", 0.0) + self.cpu_s.get("postgres", 0.0)
        return {"server_reps": self.reps,
                "server_mutations_per_s": self.mutations / self.seconds if self.seconds else None,
                "server_push_p50_ms": percentile(self.push_ms, 50),
                "server_push_p99_ms": percentile(self.push_ms, 99),
                "server_lost": self.lost, "server_mutations": self.mutations,
                "server_sync_errors": self.errors, "server_load_s": self.seconds,
                "server_setup_s": self.setup_s,
                # Where the 2 cores went during the rounds: the server side (gunicorn +
                # PostgreSQL) and the load generator (the reps' real sync engines).
                "server_cpu_s": server_cpu, "server_load_cpu_s": self.cpu_s.get("load", 0.0),
                "server_gunicorn_cpu_s": self.cpu_s.get("gunicorn", 0.0),
                "server_postgres_cpu_s": self.cpu_s.get("postgres", 0.0),
                "server_mutations_per_server_cpu_s":
                    self.mutations / server_cpu if server_cpu else None}


def rep_names(config: BenchConfig) -> list[tuple[str, str]]:
    return [(f"bench.rep.{i:04d}", f"Bench territory {i // config.reps_per_territory:03d}")
            for i in range(config.reps)]


def create_reps(url: str, reps: list[tuple[str, str]]) -> None:
    engine = create_db_engine(url)
    try:
        passwords, clock = Passwords(FAST_PASSWORD_COST), Clock(SERVER_NODE)
        with write_transaction(session_factory(engine)()) as session:
            for username, territory in reps:
                create_user(session, clock, passwords, username=username, password=PASSWORD,
                            display_name=username, role=Role.REP, territories=[territory])
    finally:
        engine.dispose()


def migrate_with_cli(resources: Resources, url: str, timeout_s: float) -> None:
    process = resources.python("server.cli", "--database-url", url, "init")
    try:
        process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        raise BenchError("server.cli init did not finish") from None
    finally:
        resources.stop(process)
    if process.returncode != 0:
        raise BenchError(f"server.cli init failed (exit {process.returncode})")


class Workers:
    """The worker processes, spoken to one JSON line at a time."""

    def __init__(self, resources: Resources, processes: list[subprocess.Popen[str]],
                 timeout_s: float) -> None:
        self.resources, self.processes, self.timeout_s = resources, processes, timeout_s

    def send(self, command: str) -> None:
        for process in self.processes:
            assert process.stdin is not None
            process.stdin.write(command + "\n")
            process.stdin.flush()

    def collect(self, event: str) -> list[dict[str, Any]]:
        answers = []
        for process in self.processes:
            line = read_line(process, self.timeout_s, f"load worker ({event})", prefix="{")
            answer = json.loads(line)
            if answer.get("event") != event:
                raise BenchError(f"load worker answered {answer.get('event')!r}, not {event!r}")
            answers.append(answer)
        return answers


def start_workers(resources: Resources, config: BenchConfig, url: str, directory: Path,
                  reps: list[tuple[str, str]]) -> tuple[Workers, float]:
    started = time.perf_counter()
    shares = [reps[i::config.load_procs] for i in range(config.load_procs)]
    processes = [resources.python(
        "bench.load_worker", url, str(directory / f"worker{n}"),
        "--reps", ",".join(f"{u}:{t}" for u, t in share), "--threads",
        str(config.load_threads), "--mutations", str(config.mutations_per_round),
        stdin=subprocess.PIPE, stderr=resources.log_file(f"load-worker{n}"))
        for n, share in enumerate(shares) if share]
    workers = Workers(resources, processes, config.phase_timeout_s)
    workers.collect("ready")
    return workers, time.perf_counter() - started


def count_lost(url: str, expected: list[dict[str, Any]]) -> int:
    """Acknowledged-or-not, every change a rep made must be in the store after the last sync."""
    visits = [v for answer in expected for v in answer["visits"]]
    phones = {k: v for answer in expected for k, v in answer["phones"].items()}
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            found = 0
            for i in range(0, len(visits), CHECK_CHUNK):
                chunk = visits[i:i + CHECK_CHUNK]
                found += len(connection.execute(select(Visit.id).where(
                    Visit.id.in_(chunk), Visit.deleted.is_(False))).all())
            stored = dict(connection.execute(select(Account.id, Account.phone).where(
                Account.id.in_(list(phones)))).all())
    finally:
        engine.dispose()
    wrong_phones = sum(1 for k, v in phones.items() if stored.get(k) != v)
    pending = sum(int(a["pending"]) + int(a["rejected"]) for a in expected)
    return (len(visits) - found) + wrong_phones + pending


def run_load(resources: Resources, config: BenchConfig, deadline: Deadline) -> LoadResult:
    url = create_database(resources)
    migrate_with_cli(resources, url, config.phase_timeout_s)
    reps = rep_names(config)
    create_reps(url, reps)
    server = start_gunicorn(resources, url, config.gunicorn_workers)
    workers, setup_s = start_workers(resources, config, server,
                                     resources.temp_dir("load"), reps)
    seconds, pushed, latencies, errors = 0.0, 0, [], 0
    groups = run_groups(server, make_url(url).database or "")
    cpu = dict.fromkeys(groups, 0.0)
    for round_no in range(config.rounds):
        deadline.check("server load rounds")
        workers.send(f"prepare {round_no}")
        workers.collect("prepared")
        started, cpu_before = time.perf_counter(), by_group(groups)
        workers.send("sync")
        answers = workers.collect("synced")
        seconds += time.perf_counter() - started
        for name, used in used_since(cpu_before, groups).items():
            cpu[name] += used
        pushed += sum(a["pushed"] for a in answers)
        latencies += [ms for a in answers for ms in a["push_ms"]]
        errors += sum(len(a["errors"]) for a in answers)
    workers.send("sync")  # untimed: settle anything a failed round left in an outbox
    workers.collect("synced")
    workers.send("verify")
    lost = count_lost(url, workers.collect("expected"))
    workers.send("quit")
    return LoadResult(config.reps, pushed, seconds, latencies, lost, errors, setup_s, cpu)
