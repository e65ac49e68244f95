"""Running bench child processes: bounded waits, JSON result lines, readiness lines."""

from __future__ import annotations

import json
import selectors
import subprocess
import time
from typing import Any

from bench.resources import BenchError, Resources


def run_json(resources: Resources, module: str, *args: str, timeout_s: float,
             env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``python -m module args``; its last stdout line is a JSON object, returned."""
    process = resources.python(module, *args, env=env) if env else resources.python(module, *args)
    try:
        out, _ = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        resources.stop(process)
        raise BenchError(f"{module} did not finish within {timeout_s:.0f} s") from None
    resources.stop(process)
    if process.returncode != 0:
        raise BenchError(f"{module} failed (exit {process.returncode}); see its messages above")
    return last_json(out, module)


def last_json(text: str, source: str) -> dict[str, Any]:
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            try:
                value = json.loads(line)
            except ValueError:
                break
            if isinstance(value, dict):
                return value
    raise BenchError(f"{source} printed no JSON result")


def read_line(process: subprocess.Popen[str], timeout_s: float, what: str,
              prefix: str = "") -> str:
    """The next stdout line starting with *prefix*, waiting at most *timeout_s*."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout_s
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=min(1.0, max(0.0, deadline - time.monotonic()))):
                if process.poll() is not None:
                    break
                continue
            line = process.stdout.readline()
            if not line:
                break
            if line.startswith(prefix):
                return line.rstrip("\n")
    code = process.poll()
    raise BenchError(f"{what}: the process ended (exit code {code})" if code is not None
                     else f"{what}: no answer within {timeout_s:.0f} s")
