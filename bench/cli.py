"""``python -m bench``: options, the run of the selected phases, table and JSON line."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import Any

from bench import load, peer, phases
from bench.config import BenchConfig, Phase, quick
from bench.report import derive, json_line, table
from bench.resources import BenchError, Deadline, Resources


class Interrupted(BaseException):
    """SIGTERM, SIGALRM (the --timeout) or Ctrl-C: stop and clean up (not caught per phase)."""


def _phases(text: str) -> frozenset[Phase]:
    try:
        return frozenset(Phase(name.strip()) for name in text.split(",") if name.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"phases are {', '.join(p.value for p in Phase)} (got {text!r})") from None


def parse_args(argv: Sequence[str] | None) -> tuple[BenchConfig, Path | None]:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--quick", action="store_true", help="small sizes, about a minute")
    p.add_argument("--only", type=_phases, help="comma list of phases: "
                   + ",".join(x.value for x in Phase))
    p.add_argument("--skip", type=_phases, default=frozenset(), help="phases to leave out")
    p.add_argument("--peer", action="store_true", help="also run the PouchDB peer (npm)")
    for flag, field, kind in (("--accounts", "accounts", int),
                              ("--scale-accounts", "scale_accounts", int),
                              ("--iters", "edit_iters", int), ("--edits", "bulk_edits", int),
                              ("--reps", "reps", int), ("--rounds", "rounds", int),
                              ("--mutations", "mutations_per_round", int),
                              ("--load-procs", "load_procs", int),
                              ("--load-threads", "load_threads", int),
                              ("--workers", "gunicorn_workers", int),
                              ("--desktop-accounts", "desktop_accounts", int),
                              ("--timeout", "timeout_s", float),
                              ("--work-dir", "work_dir", Path)):
        p.add_argument(flag, dest=field, type=kind, default=None)
    p.add_argument("--out", type=Path, help="also append the JSON line to this file")
    args = p.parse_args(list(argv) if argv is not None else None)
    config = quick(BenchConfig()) if args.quick else BenchConfig()
    sizes = {f: getattr(args, f) for f in ("accounts", "scale_accounts", "edit_iters",
                                          "bulk_edits", "reps", "rounds",
                                          "mutations_per_round", "load_procs", "load_threads",
                                          "gunicorn_workers", "desktop_accounts", "timeout_s",
                                          "work_dir") if getattr(args, f) is not None}
    if any(isinstance(v, int | float) and v < 0 for v in sizes.values()):
        p.error("sizes and counts cannot be negative")
    chosen = (args.only or frozenset(Phase)) - args.skip
    return replace(config, **sizes, phases=chosen, peer=args.peer), args.out


def _interrupt(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signal.Signals(signum).name)


def _step(name: str, figures: dict[str, Any], work: Callable[[], dict[str, Any]]) -> None:
    print(f"bench: {name} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        figures.update(work())
    except (BenchError, Exception) as exc:  # noqa: BLE001 - one failed phase, the rest go on
        figures.setdefault("failures", {})[name] = f"{type(exc).__name__}: {exc}"
        print(f"bench: {name} FAILED: {exc}", file=sys.stderr, flush=True)
    else:
        print(f"bench: {name} done in {time.perf_counter() - started:.1f} s",
              file=sys.stderr, flush=True)


def run(config: BenchConfig, resources: Resources, figures: dict[str, Any]) -> None:
    """Run the selected phases, filling *figures* as they finish."""
    deadline = Deadline(config.timeout_s)
    wanted = config.phases
    if Phase.RAW in wanted:
        _step("raw", figures, lambda: phases.raw_bound(resources, config))
    if wanted & {Phase.BOOTSTRAP, Phase.EDIT, Phase.PUSH}:
        boot: dict[str, Any] = {}
        _step("bootstrap", boot, lambda: _keep_server(boot, resources, config))
        server = boot.pop("_server", None)
        figures.update(boot)
        if server is not None and wanted & {Phase.EDIT, Phase.PUSH}:
            edit_config = replace(config, edit_iters=config.edit_iters * (Phase.EDIT in wanted),
                                  bulk_edits=config.bulk_edits * (Phase.PUSH in wanted))
            _step("edit+push", figures,
                  lambda: phases.edits(resources, edit_config, server, deadline))
    if Phase.SCALE in wanted:
        _step("scale", figures, lambda: phases.scale(resources, config))
    if Phase.SERVER in wanted:
        _step("server", figures, lambda: load.run_load(resources, config, deadline).figures())
    if Phase.DESKTOP in wanted:
        _step("desktop", figures, lambda: phases.desktop(resources, config))
    if config.peer:
        _step("peer", figures, lambda: _peer(resources, config, figures))


def _keep_server(boot: dict[str, Any], resources: Resources,
                 config: BenchConfig) -> dict[str, Any]:
    figures, server = phases.bootstrap(resources, config)
    boot["_server"] = server
    return figures


def _peer(resources: Resources, config: BenchConfig, ours: dict[str, Any]) -> dict[str, Any]:
    directory = peer.prepare()
    return peer.figures(peer.run(resources, config, directory), ours)


def main(argv: Sequence[str] | None = None) -> int:
    config, out = parse_args(argv)
    for signum in (signal.SIGTERM, signal.SIGALRM, signal.SIGINT):
        signal.signal(signum, _interrupt)
    signal.alarm(int(config.timeout_s) + 60)  # the last resort: cleanup still runs
    started = time.time()
    figures: dict[str, Any] = {}
    try:
        with Resources(config.work_dir) as resources:
            run(config, resources, figures)
    except Interrupted as exc:
        figures.setdefault("failures", {})["run"] = f"interrupted by {exc}"
    finally:
        signal.alarm(0)
    derive(figures)
    figures.update(_about(config, started))
    print(table(figures), flush=True)
    line = json_line(figures)
    if out is not None:
        with out.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
    print(line, flush=True)
    return 1 if figures.get("failures") else 0


def _about(config: BenchConfig, started: float) -> dict[str, Any]:
    return {"run_s": time.time() - started, "nproc": os.cpu_count(),
            "loadavg_end": list(os.getloadavg()), "accounts": config.accounts,
            "phases": sorted(p.value for p in config.phases), "started_at": time.strftime(
                "%Y-%m-%dT%H:%M:%S", time.localtime(started))}
