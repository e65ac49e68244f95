"""`make demo`: a local sync server with demo data on 127.0.0.1 and the desktop app signed in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "build" / "demo"
DEMO_USER = "li.wei"
DEMO_PASSWORD = "fieldcrm"


def server_cmd(*args: str) -> list[str]:
    url = f"sqlite:///{DEMO_DIR / 'server.sqlite'}"
    return [sys.executable, "-m", "server.cli", "--database-url", url, *args]


def seed_once() -> None:
    marker = DEMO_DIR / ".seeded"
    if marker.exists():
        return
    subprocess.run(server_cmd("seed-demo"), check=True, cwd=ROOT)
    marker.touch()


def start_server() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(server_cmd("run", "--host", "127.0.0.1", "--port", "0"),
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:
        if "listening on" in line:
            return proc, line.rsplit(" ", 1)[-1].strip()
    raise SystemExit("demo: the sync server did not start; see the messages above")


def main() -> int:
    DEMO_DIR.mkdir(parents=True, exist_ok=True)
    seed_once()
    server, url = start_server()
    print(f"demo: sync server with demo data at {url} (user {DEMO_USER} / {DEMO_PASSWORD})")
    try:
        return subprocess.call(
            [sys.executable, "-m", "desktop", "--server", url, "--user", DEMO_USER,
             "--password", DEMO_PASSWORD, "--data-dir", str(DEMO_DIR / "desktop")], cwd=ROOT)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
