"""Start a real ``fieldcrm-server`` process (or gunicorn workers) on a free port, for e2e tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 20.0
HOST = "127.0.0.1"


@dataclass
class LiveServer:
    url: str  # e.g. http://127.0.0.1:40123 (the API is under /api/v1)
    database_url: str
    process: subprocess.Popen[bytes]
    command: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)  # the process environment
    log_dir: Path | None = None

    def stop(self) -> None:
        """SIGTERM, then kill if it has not exited within a few seconds."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def wait_exit(self, timeout: float = 10.0) -> int:
        """The exit status of a server expected to exit by itself (e.g. a fault hook)."""
        return self.process.wait(timeout=timeout)

    def restart(self, env: dict[str, str] | None = None) -> None:
        """Stop (if running) and start again on the same port; *env* overrides variables,
        a value of "" removes one."""
        self.stop()
        if env:
            self.env = _merged(self.env, env)
        assert self.log_dir is not None
        self.process = _spawn(self.command, self.env, self.log_dir)
        _wait_for_health(self.url, self.process, self.log_dir)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _cli(database_url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "server.cli", "--database-url", database_url, *args]


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    return _merged(env, extra or {})


def _merged(env: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    merged = {**env, **extra}
    return {k: v for k, v in merged.items() if v != ""}


def _prepare(database_url: str, env: dict[str, str], accounts: int | None,
             *, init: bool = False) -> None:
    """Migrate (``init`` first when asked), and seed the demo data unless *accounts* is None."""
    commands = [_cli(database_url, "init")] if init or accounts is None else []
    if accounts is not None:
        commands.append(_cli(database_url, "seed-demo", "--accounts", str(accounts)))
    for command in commands:
        subprocess.run(command, check=True, cwd=REPO_ROOT, env=env, capture_output=True,
                       timeout=120)


def start_server(tmp_path: Path, *, accounts: int | None = 20, database_url: str | None = None,
                 env: dict[str, str] | None = None) -> LiveServer:
    """Seed the demo data set into *database_url* (default: a SQLite file in *tmp_path*;
    ``accounts=None``: only migrate), start ``fieldcrm-server run`` with *env* added to the
    environment and wait until /api/v1/health answers."""
    database_url = database_url or f"sqlite:///{tmp_path / 'server.sqlite'}"
    process_env = _env(env)
    _prepare(database_url, process_env, accounts)
    port = free_port()
    command = _cli(database_url, "run", "--host", HOST, "--port", str(port))
    return _start(command, database_url, process_env, tmp_path, f"http://{HOST}:{port}")


def start_gunicorn(tmp_path: Path, database_url: str, *, workers: int = 3,
                   accounts: int | None = 20, env: dict[str, str] | None = None) -> LiveServer:
    """The real server under ``gunicorn -w <workers> server.wsgi:app`` on a free port
    (database migrated, demo data seeded unless ``accounts=None``)."""
    process_env = _env({**(env or {}), "FIELDCRM_DATABASE_URL": database_url})
    _prepare(database_url, process_env, accounts, init=True)
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"{HOST}:{port}",
               "--graceful-timeout", "5", "--timeout", "60", "server.wsgi:app"]
    return _start(command, database_url, process_env, tmp_path, f"http://{HOST}:{port}")


def _start(command: list[str], database_url: str, env: dict[str, str], log_dir: Path,
           url: str) -> LiveServer:
    process = _spawn(command, env, log_dir)
    server = LiveServer(url, database_url, process, command, env, log_dir)
    try:
        _wait_for_health(url, process, log_dir)
    except BaseException:
        server.stop()
        raise
    return server


def _spawn(command: list[str], env: dict[str, str], log_dir: Path) -> subprocess.Popen[bytes]:
    with (log_dir / "server.out").open("ab") as out, (log_dir / "server.err").open("ab") as err:
        return subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=out, stderr=err)


def _wait_for_health(url: str, process: subprocess.Popen[bytes], log_dir: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    problem: OSError | None = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}): "
                               f"{(log_dir / 'server.err').read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=5) as reply:
                if reply.status == 200:
                    return
        except OSError as exc:
            problem = exc
        time.sleep(0.05)  # bounded polling until the server answers
    raise TimeoutError(f"{url} did not answer /api/v1/health: {problem}")
