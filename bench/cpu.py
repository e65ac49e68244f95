"""CPU seconds used by groups of processes on this machine, read from /proc (Linux).

The server phase runs the load generator, gunicorn and PostgreSQL on the same cores; the
CPU each group used during the timed rounds says what the throughput figure is made of.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

GROUPS: dict[str, Callable[[str], bool]] = {
    "gunicorn": lambda cmd: "gunicorn" in cmd and "server.wsgi" in cmd,
    "postgres": lambda cmd: cmd.startswith("postgres"),
    "load": lambda cmd: "bench.load_worker" in cmd,
}


def by_group() -> dict[str, float]:
    """Cumulative CPU seconds (user + system) of the live processes of each group."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    totals = dict.fromkeys(GROUPS, 0.0)
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        fields = stat[stat.rfind(")") + 2:].split()
        used = (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        for name, matches in GROUPS.items():
            if matches(cmd):
                totals[name] += used
    return totals


def used_since(before: dict[str, float]) -> dict[str, float]:
    """CPU seconds each group used since *before* (processes that ended are not counted)."""
    now = by_group()
    return {name: max(0.0, now[name] - before.get(name, 0.0)) for name in now}
