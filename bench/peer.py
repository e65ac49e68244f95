"""The PouchDB peer (../shared/peer-bench/pouchdb), copied into build/ and run at our size."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from bench.children import last_json
from bench.config import PROJECT_ROOT, BenchConfig
from bench.resources import BenchError, Resources
from bench.stats import ratio

PEER_SOURCE = Path("/work/shared/peer-bench/pouchdb")
PEER_COPY = PROJECT_ROOT / "build" / "peer-bench"
NPM_TIMEOUT_S = 300.0


def prepare(source: Path = PEER_SOURCE, target: Path = PEER_COPY) -> Path:
    """Copy the read-only peer (without node_modules/ and data/) and ``npm ci`` there."""
    if not (source / "bench.js").is_file():
        raise BenchError(f"the PouchDB peer benchmark is not at {source}")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("node_modules", "data"))
    for path in [target, *target.rglob("*")]:
        path.chmod(path.stat().st_mode | 0o200)  # the source is read-only; the copy must not be
    try:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=target, check=True,
                       timeout=NPM_TIMEOUT_S, stdout=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as exc:
        raise BenchError(f"npm ci failed in {target}: {exc}") from exc
    return target


def run(resources: Resources, config: BenchConfig, directory: Path) -> dict[str, Any]:
    """One peer run at the same accounts and shape; its result line, parsed."""
    shape = config.shape
    args = ["node", "bench.js", "--accounts", str(config.accounts), "--seed", str(config.seed),
            "--contacts", str(shape.contacts), "--visits", str(shape.visits),
            "--opps", str(shape.opportunities), "--iters", str(max(1, config.edit_iters)),
            "--edits", str(max(1, config.bulk_edits)),
            "--timeout", str(int(config.phase_timeout_s))]
    process = resources.spawn(args, cwd=directory, env=None)
    try:
        out, _ = process.communicate(timeout=config.phase_timeout_s + 30)
    except subprocess.TimeoutExpired:
        raise BenchError("the PouchDB benchmark did not finish in time") from None
    finally:
        resources.stop(process)
    if process.returncode != 0:
        raise BenchError(f"the PouchDB benchmark failed (exit {process.returncode})")
    return last_json(out, "bench.js")


def figures(peer: dict[str, Any], ours: dict[str, Any]) -> dict[str, Any]:
    """peer_* keys and the FieldCRM/PouchDB ratios (below 1 means FieldCRM is faster)."""
    bootstrap_s = peer["initial_pull"]["ms"] / 1000
    edit_ms = (peer["edit1_push"]["push_ms"]["median"]
               + peer["server_edit1_pull"]["pull_ms"]["median"])
    push_s = peer["bulk_edit_push"]["push_ms"] / 1000
    return {"peer_records": peer["expected_docs"], "peer_bootstrap_s": bootstrap_s,
            "peer_bootstrap_wire_bytes": peer["initial_pull"]["traffic"]["wire_out"]
            + peer["initial_pull"]["traffic"]["wire_in"],
            "peer_bootstrap_client_peak_rss_mb": peer["initial_pull"]["client_peak_rss_mb"],
            "peer_edit_ms": edit_ms, "peer_push_1000_s": push_s,
            "bootstrap_vs_peer": ratio(ours.get("bootstrap_s"), bootstrap_s),
            "edit_vs_peer": ratio(ours.get("edit_roundtrip_ms_p50"), edit_ms),
            "push_1000_vs_peer": ratio(ours.get("push_1000_s"), push_s)}
