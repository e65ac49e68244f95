"""CPU seconds used by groups of processes on this machine, read from /proc (Linux).

The server phase runs the load generator, gunicorn and PostgreSQL on the same cores; the
CPU each group used during the timed rounds says what the throughput figure is made of.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

Groups = dict[str, Callable[[str], bool]]  # name -> does this command line belong to it


def run_groups(server_url: str, database: str) -> Groups:
    """The groups of one run only: its gunicorn (by its address), PostgreSQL's own
    processes and the backends of its database, and its load workers (by the server
    address they are given); other work on the machine is left out."""
    address = server_url.removeprefix("http://")
    return {
        "gunicorn": lambda cmd: "gunicorn" in cmd and address in cmd,
        "postgres": lambda cmd: cmd.startswith("postgres") and (
            f" {database} " in cmd or not _is_backend(cmd)),
        "load": lambda cmd: "bench.load_worker" in cmd and server_url in cmd,
    }


def _is_backend(cmd: str) -> bool:
    """A PostgreSQL process serving a client ("postgres: user database host(port) …")."""
    return "(" in cmd and ")" in cmd


def by_group(groups: Groups) -> dict[str, float]:
    """Cumulative CPU seconds (user + system) of the live processes of each group."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    totals = dict.fromkeys(groups, 0.0)
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
        for name, matches in groups.items():
            if matches(cmd):
                totals[name] += used
    return totals


def used_since(before: dict[str, float], groups: Groups) -> dict[str, float]:
    """CPU seconds each group used since *before* (processes that ended are not counted)."""
    now = by_group(groups)
    return {name: max(0.0, now[name] - before.get(name, 0.0)) for name in now}
