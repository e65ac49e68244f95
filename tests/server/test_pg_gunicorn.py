"""PostgreSQL, gunicorn with 3 workers, commits delayed at random: no puller misses a change."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from server.config import FAST_PASSWORD_COST
from server.db import create_db_engine, session_factory, write_transaction
from server.services.auth import Passwords
from server.services.scope import viewer_for, visible_changes
from server.services.users import create_user
from server.state import SERVER_NODE
from server.tables import change_log
from shared.hlc import Clock, Timestamp
from shared.ids import new_id
from shared.models.enums import Role
from shared.sync.protocol import SCHEMA_HEADER, SCHEMA_VERSION
from tests.server.conftest import PG_ENV
from tests.server.helpers import now_ms
from tests.support.live_server import LiveServer, start_gunicorn

pytestmark = [pytest.mark.postgres, pytest.mark.e2e]

EAST, SOUTH = "East", "South"
CAST = (("li", Role.REP, (EAST,)), ("zhang", Role.REP, (EAST,)), ("wang", Role.REP, (SOUTH,)),
        ("chen", Role.MANAGER, (EAST, SOUTH)))
PASSWORD = "secret-pw"
PUSHERS = (("li", EAST), ("li", EAST), ("zhang", EAST), ("wang", SOUTH), ("chen", SOUTH))
PULLERS = ("li", "wang", "chen")
PUSHES_PER_DEVICE = 8
PULL_LIMIT = 7
TIMEOUT_S = 30
Seen = tuple[int, str, str]  # (pos, entity, id)


@pytest.fixture
def fresh_postgres() -> Iterator[str]:
    """A new, empty PostgreSQL database for this test, dropped afterwards."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    name = f"fieldcrm_gunicorn_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class Device:
    """One signed-in device talking HTTP to the live server."""

    def __init__(self, server: LiveServer, username: str) -> None:
        self.url, self.http, self.device_id = server.url, requests.Session(), new_id()
        reply = self.http.post(f"{self.url}/api/v1/auth/login", timeout=TIMEOUT_S, json={
            "username": username, "password": PASSWORD, "device_id": self.device_id,
            "device_name": "gunicorn test"}, headers={SCHEMA_HEADER: str(SCHEMA_VERSION)})
        reply.raise_for_status()
        self.user_id = reply.json()["user"]["id"]
        self.http.headers.update({SCHEMA_HEADER: str(SCHEMA_VERSION),
                                  "Authorization": f"Bearer {reply.json()['token']}"})
        self.mid = 0

    def pull(self, after: int) -> dict[str, Any]:
        reply = self.http.get(f"{self.url}/api/v1/sync/pull",
                              params={"after": after, "limit": PULL_LIMIT}, timeout=TIMEOUT_S)
        reply.raise_for_status()
        return dict(reply.json())

    def push(self, mutations: list[dict[str, Any]]) -> None:
        reply = self.http.post(f"{self.url}/api/v1/sync/push", json={"mutations": mutations},
                               timeout=TIMEOUT_S)
        assert reply.status_code == 200, reply.text
        assert {r["status"] for r in reply.json()["results"]} == {"applied"}

    def mutation(self, entity: str, row_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        self.mid += 1
        return {"mid": self.mid, "entity": entity, "id": row_id, "op": "upsert",
                "fields": fields, "base": {}, "hlc": Timestamp(now_ms(), self.mid,
                                                               self.device_id).encode()}


def _add_cast(database_url: str) -> None:
    """The users, written in-process with cheap password hashes (sign-ins stay quick)."""
    engine = create_db_engine(database_url)
    clock, passwords = Clock(SERVER_NODE), Passwords(FAST_PASSWORD_COST)
    try:
        with write_transaction(session_factory(engine)()) as session:
            for name, role, territories in CAST:
                create_user(session, clock, passwords, username=name, password=PASSWORD,
                            display_name=name.title(), role=role, territories=territories)
    finally:
        engine.dispose()


def _territories(device: Device) -> dict[str, str]:
    page = device.pull(0)
    found: dict[str, str] = {}
    after = 0
    while True:
        found.update({c["fields"]["name"]: c["id"] for c in page["changes"]
                      if c["entity"] == "territory"})
        after = page["cursor"]
        if not page["has_more"]:
            return found
        page = device.pull(after)


def _pushes(device: Device, territory_id: str) -> None:
    for n in range(PUSHES_PER_DEVICE):
        account_id = new_id()
        device.push([device.mutation("account", account_id, {"name": f"Co {n}",
                                                             "territory_id": territory_id}),
                      device.mutation("contact", new_id(), {"account_id": account_id,
                                                            "name": f"联系人 {n}"})])


def _pulls(device: Device, done: threading.Event, seen: list[Seen]) -> None:
    """Pull with a private cursor until a full pass that began after the pushes ended."""
    cursor = 0
    while True:
        final = done.is_set()
        while True:
            page = device.pull(cursor)
            seen.extend((c["pos"], c["entity"], c["id"]) for c in page["changes"])
            cursor = page["cursor"]
            if not page["has_more"]:
                break
        if final:
            return


def _scoped_log(database_url: str, user_id: str) -> set[Seen]:
    engine = create_db_engine(database_url)
    try:
        with session_factory(engine)() as session:
            c = change_log.c
            rows = session.execute(select(c.pos, c.entity, c.row_id)
                                   .where(visible_changes(viewer_for(session, user_id))))
            return {(r.pos, r.entity, r.row_id) for r in rows}
    finally:
        engine.dispose()


def test_pullers_miss_nothing_while_three_workers_commit_out_of_order(
        tmp_path: Path, fresh_postgres: str) -> None:
    server = start_gunicorn(tmp_path, fresh_postgres, workers=3, accounts=None,
                            env={"FIELDCRM_FAULT_COMMIT_DELAY_MS": "0-120"})
    try:
        _add_cast(fresh_postgres)
        with ThreadPoolExecutor(max_workers=4) as pool:  # sign-ins hash passwords: overlap them
            pushers = list(pool.map(lambda name: Device(server, name), [n for n, _ in PUSHERS]))
            pullers = list(pool.map(lambda name: Device(server, name), PULLERS))
        territories = _territories(pullers[-1])
        done, failures = threading.Event(), []
        seen: list[list[Seen]] = [[] for _ in pullers]

        def guarded(work: Any, *args: Any) -> None:
            try:
                work(*args)
            except BaseException as exc:  # reported after join
                failures.append(exc)

        pull_threads = [threading.Thread(target=guarded, args=(_pulls, d, done, s))
                        for d, s in zip(pullers, seen, strict=True)]
        push_threads = [threading.Thread(target=guarded, args=(_pushes, d, territories[t]))
                        for d, (_, t) in zip(pushers, PUSHERS, strict=True)]
        for thread in pull_threads + push_threads:
            thread.start()
        for thread in push_threads:
            thread.join(TIMEOUT_S)
        done.set()
        for thread in pull_threads:
            thread.join(TIMEOUT_S)
        assert not failures, failures
        assert not any(t.is_alive() for t in pull_threads + push_threads)
    finally:
        server.stop()
    for device, received in zip(pullers, seen, strict=True):
        positions = [pos for pos, _, _ in received]
        assert positions == sorted(set(positions)), "a position was delivered twice"
        assert set(received) == _scoped_log(fresh_postgres, device.user_id)
    assert len(seen[-1]) >= len(PUSHERS) * PUSHES_PER_DEVICE * 2
