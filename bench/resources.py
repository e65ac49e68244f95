"""Everything a run creates (temp dirs, child processes, PG databases), released at the end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

from bench.config import PROJECT_ROOT

STOP_GRACE_S = 10.0
LOG_DIR = PROJECT_ROOT / "build" / "bench-logs"


class BenchError(Exception):
    """A phase could not be measured; the message says why in plain words."""


class Deadline:
    """A point in time every bounded wait checks against."""

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def left(self, cap: float | None = None) -> float:
        remaining = max(0.0, self.at - time.monotonic())
        return min(remaining, cap) if cap is not None else remaining

    def check(self, what: str) -> None:
        if time.monotonic() > self.at:
            raise BenchError(f"timed out: {what}")


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a child Python: the project importable, Qt offscreen."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra or {})
    return env


class Resources:
    """A context manager: on exit, kills child processes, drops databases, removes temp dirs."""

    def __init__(self, base_dir: Path | None = None) -> None:
        self.base_dir = base_dir
        self._processes: list[subprocess.Popen[str]] = []
        self._dirs: list[Path] = []
        self._finalizers: list[tuple[str, Callable[[], None]]] = []
        self._log_dir: Path | None = None

    def __enter__(self) -> Resources:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()

    def temp_dir(self, prefix: str) -> Path:
        if self.base_dir is not None:
            self.base_dir.mkdir(parents=True, exist_ok=True)
        path = Path(tempfile.mkdtemp(prefix=f"fieldcrm-bench-{prefix}-", dir=self.base_dir))
        self._dirs.append(path)
        return path

    def spawn(self, args: Sequence[str], *, env: dict[str, str] | None = None,
              stdin: int | None = subprocess.DEVNULL, stderr: int | IO[str] | None = None,
              cwd: Path | None = None) -> subprocess.Popen[str]:
        """Start a child (its own process group, so its children die with it)."""
        process = subprocess.Popen(list(args), stdin=stdin, stdout=subprocess.PIPE,
                                   stderr=stderr, text=True, env=env or child_env(),
                                   cwd=cwd or PROJECT_ROOT, start_new_session=True)
        self._processes.append(process)
        return process

    def python(self, module: str, *args: str, **kwargs: object) -> subprocess.Popen[str]:
        return self.spawn([sys.executable, "-m", module, *args], **kwargs)  # type: ignore[arg-type]

    def log_file(self, name: str) -> IO[str]:
        """A file for a chatty child's stderr (server request logs), closed at release."""
        if self._log_dir is None:  # kept after the run (git-ignored build/), for post-mortems
            self._log_dir = LOG_DIR
            shutil.rmtree(LOG_DIR, ignore_errors=True)
            LOG_DIR.mkdir(parents=True)
        handle = open(self._log_dir / f"{name}.log", "w", encoding="utf-8")  # noqa: SIM115
        self.on_release(f"log {name}", handle.close)
        return handle

    def on_release(self, what: str, finalizer: Callable[[], None]) -> None:
        self._finalizers.append((what, finalizer))

    def stop(self, process: subprocess.Popen[str]) -> None:
        """SIGTERM the child's group, then SIGKILL after a grace period."""
        if process.poll() is None:
            _signal_group(process, 15)
            try:
                process.wait(STOP_GRACE_S)
            except subprocess.TimeoutExpired:
                _signal_group(process, 9)
                process.wait(STOP_GRACE_S)
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()
        if process in self._processes:
            self._processes.remove(process)

    def release(self) -> None:
        for process in list(reversed(self._processes)):
            try:
                self.stop(process)
            except (OSError, subprocess.SubprocessError) as exc:
                print(f"bench: could not stop process {process.pid}: {exc}", file=sys.stderr)
        for what, finalizer in reversed(self._finalizers):
            try:
                finalizer()
            except Exception as exc:  # noqa: BLE001 - report, and go on cleaning up
                print(f"bench: cleanup of {what} failed: {exc}", file=sys.stderr)
        self._finalizers.clear()
        for path in self._dirs:
            shutil.rmtree(path, ignore_errors=True)
        self._dirs.clear()


def _signal_group(process: subprocess.Popen[str], signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass
