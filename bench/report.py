"""The human table and the final JSON line (issue 5 keys first, details after)."""

from __future__ import annotations

import json
import math
from typing import Any

from bench.stats import ratio, rounded

# (key, label, unit, goal from issue 5)
ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("bootstrap_records", "bootstrap records", "", ""),
    ("bootstrap_s", "bootstrap time", "s", "20x faster than PouchDB"),
    ("bootstrap_records_per_s", "bootstrap rate", "rec/s", ""),
    ("bootstrap_wire_bytes", "bootstrap bytes on the wire", "B", ""),
    ("bootstrap_client_peak_rss_mb", "bootstrap client peak RSS", "MB", ""),
    ("raw_bound_s", "raw bound (sqlite3+JSON+gzip)", "s", ""),
    ("bootstrap_vs_raw", "bootstrap / raw bound", "x", "<= 1.5"),
    ("bootstrap_255k_records", "scaling run records", "", ""),
    ("bootstrap_255k_s", "scaling run bootstrap", "s", ""),
    ("bootstrap_255k_vs_80k", "scaling time ratio", "x", "<= 3.5"),
    ("edit_roundtrip_ms_p50", "edit A -> server -> B (p50)", "ms", "<= half of PouchDB"),
    ("push_1000_s", "push of 1,000 offline edits", "s", "10x faster than PouchDB"),
    ("server_reps", "simulated reps", "", ""),
    ("server_mutations_per_s", "server mutations/s", "/s", ">= 2,000"),
    ("server_push_p50_ms", "server push p50", "ms", ""),
    ("server_push_p99_ms", "server push p99", "ms", "< 250"),
    ("server_lost", "changes lost", "", "0"),
    ("server_cpu_s", "server CPU in rounds (gunicorn+PG)", "s", ""),
    ("server_load_cpu_s", "load generator CPU in rounds", "s", ""),
    ("desktop_cold_start_s", "desktop cold start", "s", "< 1.5"),
    ("search_ms_p50", "search (list_accounts) p50", "ms", "< 50"),
    ("desktop_peak_rss_mb", "desktop peak RSS", "MB", "< 250"),
    ("peer_bootstrap_s", "PouchDB bootstrap", "s", ""),
    ("bootstrap_vs_peer", "bootstrap FieldCRM/PouchDB", "x", "<= 0.05"),
    ("peer_edit_ms", "PouchDB edit push + pull", "ms", ""),
    ("edit_vs_peer", "edit FieldCRM/PouchDB", "x", "<= 0.5"),
    ("peer_push_1000_s", "PouchDB push of 1,000 edits", "s", ""),
    ("push_1000_vs_peer", "1,000 edits FieldCRM/PouchDB", "x", "<= 0.1"),
)


def derive(figures: dict[str, Any]) -> None:
    """The ratios that combine two phases."""
    if "bootstrap_s" in figures and "raw_bound_s" in figures:
        figures["bootstrap_vs_raw"] = ratio(figures["bootstrap_s"], figures["raw_bound_s"])
    if "bootstrap_s" in figures and "bootstrap_255k_s" in figures:
        figures["bootstrap_255k_vs_80k"] = ratio(figures["bootstrap_255k_s"],
                                                 figures["bootstrap_s"])
        # 1.0 = perfectly linear in records, whatever sizes --quick or the options chose.
        figures["bootstrap_255k_per_record_vs_80k"] = ratio(
            ratio(figures["bootstrap_255k_s"], figures.get("bootstrap_255k_records")),
            ratio(figures["bootstrap_s"], figures.get("bootstrap_records")))


def _shown(value: Any, unit: str) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    if isinstance(value, int) or (isinstance(value, float) and value >= 1000):
        return f"{value:,.0f} {unit}".strip()
    digits = 3 if abs(value) < 10 else 1
    return f"{value:.{digits}f} {unit}".strip()


def table(figures: dict[str, Any]) -> str:
    lines = [f"{'figure':<34} {'value':>18}  goal", "-" * 72]
    for key, label, unit, goal in ROWS:
        if key in figures:
            lines.append(f"{label:<34} {_shown(figures[key], unit):>18}  {goal}")
    for phase, message in figures.get("failures", {}).items():
        lines.append(f"{phase + ' FAILED':<34} {message}")
    return "\n".join(lines)


def json_line(figures: dict[str, Any]) -> str:
    main_keys = [key for key, *_ in ROWS if key in figures]
    ordered = {key: figures[key] for key in main_keys}
    ordered.update({k: v for k, v in figures.items() if k not in ordered})
    return json.dumps({k: _clean(v) for k, v in ordered.items()}, ensure_ascii=False)


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        return rounded(value, 4)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value
