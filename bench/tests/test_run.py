"""A tiny real run: server process, sync engine, JSON line last, nothing left behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.config import PROJECT_ROOT
from bench.resources import child_env
from shared.rules.cadence import DEFAULT_CADENCE_DAYS


def test_small_run_prints_the_json_line_last_and_cleans_up(tmp_path: Path) -> None:
    work = tmp_path / "work"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--only", "bootstrap,edit,push,raw", "--accounts", "20",
         "--iters", "2", "--edits", "20", "--work-dir", str(work), "--timeout", "120"],
        cwd=PROJECT_ROOT, env=child_env(), capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    # 16 records per account in the peer's shape, the demo cast, the default cadence rules.
    assert figures["bootstrap_records"] == 20 * 16 + 15 + len(DEFAULT_CADENCE_DAYS)
    assert figures["bootstrap_replica_rows"] == figures["bootstrap_records"]
    assert figures["edit_mismatches"] == 0
    assert figures["push_1000_pushed"] == 20
    assert figures["bootstrap_wire_bytes"] > 0 and figures["bootstrap_vs_raw"] > 0
    assert "bootstrap time" in done.stdout
    assert list(work.iterdir()) == []  # temp dirs removed, server processes stopped
