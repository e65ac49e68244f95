"""The harness's own pieces: statistics, report line, raw bound, relay, peer ratios, options."""

from __future__ import annotations

import json
import math
import socket
import sqlite3
import threading
from pathlib import Path

import pytest

from bench import peer, raw_bound
from bench.cli import parse_args
from bench.config import Phase
from bench.relay import CountingRelay
from bench.report import derive, json_line, table
from bench.stats import median, percentile


def test_median_and_percentiles_follow_nearest_rank() -> None:
    values = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert median(values) == 3.0
    assert median([1.0, 2.0]) == 1.5
    assert percentile(values, 99) == 5.0
    assert percentile(values, 50) == 3.0
    assert math.isnan(median([]))


def test_json_line_puts_issue_keys_first_and_has_no_nan() -> None:
    figures = {"extra": 1, "bootstrap_s": 2.0, "raw_bound_s": 1.0, "bootstrap_records": 10,
               "server_push_p99_ms": float("nan")}
    derive(figures)
    line = json.loads(json_line(figures))
    assert list(line)[:2] == ["bootstrap_records", "bootstrap_s"]
    assert line["bootstrap_vs_raw"] == 2.0
    assert line["server_push_p99_ms"] is None
    assert "n/a" in table(figures)


def test_raw_bound_moves_every_generated_row(tmp_path: Path) -> None:
    server, client = tmp_path / "s.db", tmp_path / "c.db"
    total = raw_bound.fill_server(server, accounts=3, contacts=4, visits=10, opportunities=1,
                                  seed=42)
    seconds, wire = raw_bound.transfer(server, client, total, limit=7)
    with sqlite3.connect(client) as connection:
        rows = sum(connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                   for t in ("account", "contact", "visit", "opportunity", "task", "user",
                             "territory"))
    assert total == 3 * 16 + 15  # + the demo cast: 2 territories, 4 users, 9 own tasks
    assert rows == total and seconds > 0 and wire > 0


def test_relay_forwards_and_counts_both_directions() -> None:
    with socket.create_server(("127.0.0.1", 0)) as target:
        def echo() -> None:
            conn, _ = target.accept()
            with conn:
                conn.sendall(conn.recv(100) * 2)
        threading.Thread(target=echo, daemon=True).start()
        relay = CountingRelay(target.getsockname()[1])
        try:
            with socket.create_connection(("127.0.0.1", relay.port), timeout=5) as client:
                client.sendall(b"hello")
                received = b""
                while len(received) < 10:
                    received += client.recv(100)
            assert received == b"hellohello"
            counts = relay.counts()
            assert (counts.to_server, counts.to_client) == (5, 10)
        finally:
            relay.close()


def test_peer_ratios_from_its_result_line() -> None:
    line = {"expected_docs": 80000,
            "initial_pull": {"ms": 40000, "client_peak_rss_mb": 128,
                             "traffic": {"wire_out": 100, "wire_in": 20}},
            "edit1_push": {"push_ms": {"median": 12.0}},
            "server_edit1_pull": {"pull_ms": {"median": 16.0}},
            "bulk_edit_push": {"push_ms": 500.0}}
    result = peer.figures(line, {"bootstrap_s": 2.0, "edit_roundtrip_ms_p50": 14.0,
                                 "push_1000_s": 0.05})
    assert result["peer_edit_ms"] == 28.0
    assert result["bootstrap_vs_peer"] == pytest.approx(0.05)
    assert result["edit_vs_peer"] == pytest.approx(0.5)
    assert result["push_1000_vs_peer"] == pytest.approx(0.1)


def test_options_select_phases_and_sizes() -> None:
    config, out = parse_args(["--quick", "--only", "raw,bootstrap", "--accounts", "20"])
    assert config.phases == {Phase.RAW, Phase.BOOTSTRAP}
    assert config.accounts == 20 and out is None
    with pytest.raises(SystemExit):
        parse_args(["--only", "nonsense"])
    with pytest.raises(SystemExit):
        parse_args(["--reps", "-1"])
