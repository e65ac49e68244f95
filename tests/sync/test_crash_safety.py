"""SIGKILL a desktop process 100 times during local writes, pushes and bootstraps: the
replica stays intact, no outbox entry is lost and a bootstrap resumes where it stopped."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from desktop.store import Store
from desktop.sync import SyncApi, SyncEngine
from shared.models import Contact
from tests.e2e.replicas import live_accounts
from tests.support.live_server import start_server
from tests.sync.crash_driver import drive
from tests.sync.harness import connect

pytestmark = pytest.mark.e2e
KILLS = 100


def _run_once(path: Path, url: str, token: str, account: str, seed: int,
              delay: float) -> list[str]:
    """Fork a driver, let it work for *delay* seconds, SIGKILL it; return what it said."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the desktop process
        os.close(read_end)
        try:
            drive(path, url, token, account, seed, write_end)
        finally:
            os._exit(1)
    os.close(write_end)
    signal_at = time.monotonic() + delay
    chunks: list[bytes] = []
    os.set_blocking(read_end, False)
    while time.monotonic() < signal_at:  # bounded: the delay is the deadline
        try:
            data = os.read(read_end, 65536)
            if data:
                chunks.append(data)
        except BlockingIOError:
            time.sleep(0.005)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.set_blocking(read_end, True)
    while data := os.read(read_end, 65536):
        chunks.append(data)
    os.close(read_end)
    text = b"".join(chunks).decode()
    return [line for line in text.split("\n")[:-1]]  # a torn last line is not a fact


def _resumes(lines: list[str]) -> list[tuple[int, int | None]]:
    """(stored cursor a bootstrap started from, `after` of its first pull, if any); a
    snapshot download is the scope from position 0."""
    found: list[tuple[int, int | None]] = []
    for line in lines:
        word, _, value = line.partition(" ")
        if word == "resume":
            found.append((int(value), None))
        elif word in ("pull", "snapshot") and found and found[-1][1] is None:
            found[-1] = (found[-1][0], int(value) if word == "pull" else 0)
    return found


def test_a_hundred_kills_lose_nothing_and_bootstrap_resumes(tmp_path: Path) -> None:
    server = start_server(tmp_path, accounts=12)
    try:
        client = connect("li.wei", tmp_path / "li", url=server.url)
        client.engine.sync()
        account = live_accounts(client.store)[0].id
        path, token = client.store.path, client.store.session_secrets()[0]
        client.close()
        assert token
        rng = random.Random(20261201)
        committed: list[str] = []
        resumes: list[tuple[int, int | None]] = []
        snapshots = 0
        for kill in range(KILLS):
            lines = _run_once(path, server.url, token, account, kill, rng.uniform(0.1, 0.35))
            committed += [line.split()[1] for line in lines if line.startswith("committed")]
            resumes += _resumes(lines)
            snapshots += lines.count("snapshot")

        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        store = Store.open(path)
        try:
            pending = {e.row_id for e in store.outbox()}
            engine = create_engine(server.database_url)
            with engine.connect() as conn:
                on_server = set(conn.scalars(select(Contact.id)))
            missing = [c for c in committed if c not in pending and c not in on_server]
            assert committed and missing == []  # every committed write is queued or acknowledged
            assert all(after == cursor for cursor, after in resumes if after is not None)
            assert any(cursor > 0 for cursor, _after in resumes)  # resumed, not from 0
            assert snapshots > 0  # and first syncs from a snapshot were killed too
            SyncEngine(store, SyncApi(server.url, token=token)).sync()
            with engine.connect() as conn:
                on_server = set(conn.scalars(select(Contact.id)))
            engine.dispose()
            assert set(committed) <= on_server and store.outbox() == []
        finally:
            store.close()
    finally:
        server.stop()
