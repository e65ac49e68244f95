"""Test helpers: a small cast of users, signed-in devices and snapshots of what is stored."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import TestResponse

from server.db import write_transaction
from server.services.users import create_territory, create_user
from server.state import current_state
from server.tables import change_log, devices
from shared.hlc import Timestamp
from shared.ids import new_id
from shared.models import ENTITIES
from shared.models.enums import Role
from shared.sync.protocol import SCHEMA_HEADER, SCHEMA_VERSION

PASSWORD = "secret-pw"
SCHEMA = {SCHEMA_HEADER: str(SCHEMA_VERSION)}


def now_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass
class Device:
    """A signed-in device speaking the protocol through the Flask test client."""

    client: FlaskClient
    token: str
    device_id: str
    user_id: str
    mid: int = 0
    ticks: int = 0

    def headers(self) -> dict[str, str]:
        return {**SCHEMA, "Authorization": f"Bearer {self.token}"}

    def hlc(self, wall_ms: int | None = None) -> str:
        """A clock reading of this device (strictly increasing unless *wall_ms* is given)."""
        self.ticks += 1
        return Timestamp(wall_ms if wall_ms is not None else now_ms(), self.ticks,
                         self.device_id).encode()

    def mutation(self, entity: str, row_id: str, fields: dict[str, Any] | None = None, *,
                 base: dict[str, str | None] | None = None, op: str = "upsert",
                 hlc: str | None = None) -> dict[str, Any]:
        self.mid += 1
        return {"mid": self.mid, "entity": entity, "id": row_id, "op": op,
                "fields": fields or {}, "base": base or {}, "hlc": hlc or self.hlc()}

    def push(self, *mutations: dict[str, Any]) -> TestResponse:
        return self.client.post("/api/v1/sync/push", json={"mutations": list(mutations)},
                                headers=self.headers())

    def pull(self, after: int = 0, limit: int | None = None) -> TestResponse:
        query = f"?after={after}" + (f"&limit={limit}" if limit else "")
        return self.client.get(f"/api/v1/sync/pull{query}", headers=self.headers())

    def rows(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Every visible row after a full pull: (entity, id) -> the newest change."""
        seen: dict[tuple[str, str], dict[str, Any]] = {}
        after = 0
        while True:
            page = self.pull(after).get_json()
            for change in page["changes"]:
                seen[(change["entity"], change["id"])] = change
            after = page["cursor"]
            if not page["has_more"]:
                return seen


@dataclass
class World:
    app: Flask
    client: FlaskClient
    east: str
    south: str
    users: dict[str, str] = field(default_factory=dict)  # username -> id

    def login(self, username: str, device_id: str | None = None) -> Device:
        device_id = device_id or new_id()
        reply = self.client.post("/api/v1/auth/login", headers=SCHEMA, json={
            "username": username, "password": PASSWORD, "device_id": device_id,
            "device_name": f"{username}'s laptop"})
        assert reply.status_code == 200, reply.get_json()
        body = reply.get_json()
        return Device(self.client, body["token"], device_id, body["user"]["id"])

    def account(self, device: Device, *, territory: str | None = None,
                **fields: Any) -> tuple[str, TestResponse]:
        """Create an account through *device*; returns (id, push reply)."""
        account_id = new_id()
        values = {"name": "安姆科包装(上海)有限公司", "territory_id": territory or self.east,
                  **fields}
        return account_id, device.push(device.mutation("account", account_id, values))


def make_world(app: Flask, client: FlaskClient) -> World:
    with app.app_context():
        state = current_state()
        with write_transaction(state.db.sessions()) as session:
            east = create_territory(session, state.clock, "华东 East China").id
            south = create_territory(session, state.clock, "华南 South China").id
            cast = [("li", Role.REP, ["华东 East China"]), ("zhang", Role.REP, ["华东 East China"]),
                    ("wang", Role.REP, ["华南 South China"]),
                    ("chen", Role.MANAGER, ["华东 East China", "华南 South China"])]
            users = {name: create_user(session, state.clock, state.passwords, username=name,
                                       password=PASSWORD, display_name=name.title(), role=role,
                                       territories=terrs).id
                     for name, role, terrs in cast}
    return World(app, client, east, south, users)


@dataclass(frozen=True)
class Snapshot:
    """Counts of everything a push could write."""

    log_entries: int
    rows: dict[str, int]
    last_mids: tuple[int, ...]


def snapshot(app: Flask) -> Snapshot:
    with app.app_context():
        with current_state().db.engine.connect() as conn:
            rows = {name: conn.scalar(select(func.count()).select_from(spec.table)) or 0
                    for name, spec in ENTITIES.items()}
            log = conn.scalar(select(func.count()).select_from(change_log)) or 0
            mids = tuple(conn.scalars(select(devices.c.last_mid).order_by(devices.c.id)))
    return Snapshot(log, rows, mids)


def stored(app: Flask, entity: str, row_id: str) -> dict[str, Any] | None:
    """The server's row as a mapping (None when absent)."""
    spec = ENTITIES[entity]
    with app.app_context():
        with current_state().db.engine.connect() as conn:
            row = conn.execute(select(spec.table).where(spec.table.c.id == row_id)).first()
    return dict(row._mapping) if row else None


def conflicts(app: Flask) -> list[dict[str, Any]]:
    spec = ENTITIES["conflict"]
    with app.app_context():
        with current_state().db.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(spec.table))]
