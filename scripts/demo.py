"""`make demo`: a local sync server with demo data on 127.0.0.1 and the desktop app signed in."""

from __future__ import annotations

import os
import shutil
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


def ensure_window_libraries() -> bool:
    """Install Qt's X11 libraries when missing (as root with apt), or say what is needed."""
    sys.path.insert(0, str(ROOT))
    from desktop.display import missing_libraries_message, missing_x11_packages

    packages = missing_x11_packages()
    if not packages:
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"demo: installing the libraries Qt needs to show a window: {' '.join(packages)}")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        done = subprocess.run(["apt-get", "install", "-y", "-qq", *packages], env=env)
        if done.returncode == 0:
            return True
    print(missing_libraries_message(packages), file=sys.stderr)
    return False


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
    if not ensure_window_libraries():
        return 1
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
