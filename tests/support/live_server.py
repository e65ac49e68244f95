"""Start a real ``fieldcrm-server`` process on a free port with demo data, for end-to-end tests."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 20.0
LISTENING = re.compile(r"fieldcrm-server: listening on (http://\S+)")


@dataclass
class LiveServer:
    url: str  # e.g. http://127.0.0.1:40123 (the API is under /api/v1)
    database_url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        """SIGTERM, then kill if it has not exited within a few seconds."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


def _cli(database_url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "server.cli", "--database-url", database_url, *args]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    return env


def start_server(tmp_path: Path, *, accounts: int = 20,
                 database_url: str | None = None) -> LiveServer:
    """Seed the demo data set into *database_url* (default: a SQLite file in *tmp_path*),
    start the server with ``run --port 0`` and wait until /api/v1/health answers."""
    database_url = database_url or f"sqlite:///{tmp_path / 'server.sqlite'}"
    subprocess.run(_cli(database_url, "seed-demo", "--accounts", str(accounts)), check=True,
                   cwd=REPO_ROOT, env=_env(), capture_output=True, timeout=120)
    out_path, err_path = tmp_path / "server.out", tmp_path / "server.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen(_cli(database_url, "run", "--port", "0"), cwd=REPO_ROOT,
                                   env=_env(), stdout=out, stderr=err)
    server = LiveServer("", database_url, process)
    try:
        server.url = _wait_for_listening(process, out_path, err_path)
        _wait_for_health(server.url)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_for_listening(process: subprocess.Popen[bytes], out_path: Path,
                        err_path: Path) -> str:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        match = LISTENING.search(out_path.read_text(errors="replace"))
        if match:
            return match.group(1)
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}): "
                               f"{err_path.read_text(errors='replace')[-2000:]}")
        time.sleep(0.05)  # bounded polling for the listening line
    raise TimeoutError(f"server did not start: {err_path.read_text(errors='replace')[-2000:]}")


def _wait_for_health(url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    problem: OSError | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/v1/health", timeout=5) as reply:
                if reply.status == 200:
                    return
        except OSError as exc:
            problem = exc
        time.sleep(0.05)  # bounded polling until the server answers
    raise TimeoutError(f"{url} did not answer /api/v1/health: {problem}")
