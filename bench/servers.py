"""The real server processes: a seeded SQLite server (the CLI) and gunicorn on PostgreSQL."""

from __future__ import annotations

import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from bench.children import read_line, run_json
from bench.config import Shape
from bench.resources import BenchError, Resources, child_env

LISTENING = "fieldcrm-server: listening on "


@dataclass(frozen=True)
class Seeded:
    url: str  # database URL
    records: int
    seed_s: float


def seed_sqlite(resources: Resources, directory: Path, accounts: int, shape: Shape, seed: int,
                timeout_s: float) -> Seeded:
    url = f"sqlite:///{directory / 'server.sqlite'}"
    result = seed_database(resources, url, accounts, shape, seed, timeout_s)
    return Seeded(url, int(result["records"]), float(result["seed_s"]))


def seed_database(resources: Resources, url: str, accounts: int, shape: Shape, seed: int,
                  timeout_s: float) -> dict[str, Any]:
    return run_json(resources, "bench.seed", url, "--accounts", str(accounts),
                    "--contacts", str(shape.contacts), "--visits", str(shape.visits),
                    "--opportunities", str(shape.opportunities), "--seed", str(seed),
                    timeout_s=timeout_s)


def start_cli_server(resources: Resources, database_url: str, timeout_s: float = 60.0) -> str:
    """``python -m server.cli --database-url URL run --port 0``; returns the base URL."""
    process = resources.python("server.cli", "--database-url", database_url, "run",
                               "--host", "127.0.0.1", "--port", "0",
                               stderr=resources.log_file("server"))
    line = read_line(process, timeout_s, "server start", prefix=LISTENING)
    return line.removeprefix(LISTENING).strip()


def start_gunicorn(resources: Resources, database_url: str, workers: int,
                   timeout_s: float = 60.0) -> str:
    port = free_port()
    env = child_env({"FIELDCRM_DATABASE_URL": database_url})
    resources.spawn([sys.executable, "-m", "gunicorn", "-w", str(workers), "-b",
                     f"127.0.0.1:{port}", "--backlog", "2048", "--timeout", "120",
                     "--log-level", "warning", "server.wsgi:app"], env=env,
                    stderr=resources.log_file("gunicorn"))
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, timeout_s)
    return url


def wait_healthy(url: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)  # bounded polling for a server that is starting up
    raise BenchError(f"the server at {url} did not answer within {timeout_s:.0f} s")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
