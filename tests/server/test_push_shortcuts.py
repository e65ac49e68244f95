"""A push skips work that cannot change its outcome: the rules when no field they read
changed, the second placement when no field that places the row changed. The same varied
pushes (conflicts, deletes and restores, moves, bad values, unknown fields, scope errors)
must give the same replies and store the same rows and log entries as without them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from server.app import create_app
from server.config import FAST_PASSWORD_COST, ServerConfig
from server.services import push as push_module
from server.services.scope import placement, placement_fields
from server.state import current_state
from server.tables import change_log
from shared.hlc import Timestamp
from shared.models import ENTITIES
from tests.server.helpers import Device, World, make_world, now_ms, stored

IDS = {name: f"0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a{n:02d}" for n, name in enumerate(
    ["east_co", "south_co", "visit", "visit2", "contact", "task"])}
UNSEEN = "001700000000000-00000-someone-else"  # a base no stored clock has


class _Overlaps(frozenset[str]):
    """A field set that every mutation touches: the shortcuts never apply."""

    def isdisjoint(self, other: Any) -> bool:
        return False


@pytest.fixture
def general_path(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(push_module, "RULE_FIELDS",
                        {name: _Overlaps() for name in ENTITIES})
    monkeypatch.setattr(push_module, "placement_fields", lambda entity: _Overlaps())
    yield


class _Scenario:
    def __init__(self, world: World) -> None:
        self.world = world
        self.li, self.wang, self.chen = (world.login(name) for name in ("li", "wang", "chen"))
        self.wall = now_ms()
        self.replies: list[Any] = []

    def push(self, device: Device, entity: str, key: str, fields: dict[str, Any] | None = None,
             **options: Any) -> None:
        self.wall += 5  # every clock later than the one before, whoever pushes
        hlc = Timestamp(self.wall, 0, device.device_id).encode()
        reply = device.push(device.mutation(entity, IDS[key], fields, hlc=hlc, **options))
        body = reply.get_json()
        self.replies.append((reply.status_code, body.get("results"), body.get("error")))

    def clocks(self, entity: str, key: str) -> dict[str, str]:
        row = stored(self.world.app, entity, IDS[key])
        assert row is not None
        return dict(row["clocks"])


def _run(world: World) -> _Scenario:
    s = _Scenario(world)
    east, south = world.east, world.south
    s.push(s.li, "account", "east_co", {"name": "East Co", "territory_id": east,
                                        "phone": "+86 21 5555 0100"})
    s.push(s.wang, "account", "south_co", {"name": "South Co", "territory_id": south})
    s.push(s.li, "visit", "visit", {"account_id": IDS["east_co"], "status": "planned",
                                    "planned_start": "2026-03-04T09:30:00"})
    s.push(s.li, "visit", "visit2", {"account_id": IDS["east_co"], "status": "planned"})  # 422
    s.push(s.li, "visit", "visit", {"location": "上海", "notes": "行 1"})  # no rule reads them
    s.push(s.li, "visit", "visit", {"status": "completed"})  # needs actual_start: 422
    s.push(s.li, "visit", "visit", {"planned_end": "2026-03-04T08:00:00"})  # before start
    s.push(s.li, "visit", "visit", {"notes": "li again"}, base={"notes": UNSEEN})  # a race
    s.push(s.li, "visit", "visit", {"purpose": "季度回顾", "notes": "seen"},
           base=s.clocks("visit", "visit"))  # the usual edit: its author saw the values
    s.push(s.li, "visit", "visit", {"colour": "red"})  # unknown field
    s.push(s.li, "visit", "visit", {"location": 42})  # not text
    s.push(s.li, "contact", "contact", {"account_id": IDS["east_co"], "name": "张伟"})
    s.push(s.li, "contact", "contact", {"email": "not an email"})
    s.push(s.li, "contact", "contact", {"title": "采购经理"})
    s.push(s.li, "account", "east_co", {"phone": "call me"})
    s.push(s.li, "account", "east_co", {"notes": "Key account"})
    s.push(s.li, "account", "east_co", {"territory_id": south})  # out of li's scope: 403
    s.push(s.wang, "visit", "visit", {"location": "广州"})  # wang cannot see it
    s.push(s.li, "visit", "visit", {"account_id": IDS["south_co"]})  # moved out of scope
    s.push(s.chen, "visit", "visit", {"account_id": IDS["south_co"]})  # moved by a manager
    s.push(s.wang, "visit", "visit", {"location": "广州"})  # now in wang's territory
    s.push(s.wang, "visit", "visit", {"location": "深圳"}, base=s.clocks("visit", "visit"))
    s.push(s.li, "visit", "visit", {"purpose": "late edit"})  # li has not pulled the move
    s.push(s.wang, "visit", "visit", op="delete")
    s.push(s.wang, "visit", "visit", {"notes": "restored"})  # an edit restores a tombstone
    s.push(s.chen, "account", "east_co", {"territory_id": south})  # the account moves
    s.push(s.li, "contact", "contact", {"title": "经理"})  # li's late edit, under grace
    s.push(s.li, "task", "task", {"title": "Call back", "account_id": IDS["east_co"]})
    s.push(s.wang, "task", "task", {"title": "Call back", "owner_id": world.users["wang"]})
    s.push(s.wang, "task", "task", {"priority": "urgent-ish"})
    s.push(s.wang, "task", "task", {"notes": "asap"})
    s.push(s.wang, "task", "task", op="delete")
    s.push(s.wang, "task", "task", op="delete")  # a tombstone deleted again
    return s


def _named(names: dict[str, str], value: Any) -> Any:
    """*value* with the generated ids (territories, users, devices) replaced by names."""
    if isinstance(value, dict):
        return {k: _named(names, v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_named(names, v) for v in value]
    return names.get(value, value) if isinstance(value, str) else value


def _outcome(world: World, scenario: _Scenario) -> dict[str, Any]:
    names = {world.east: "east", world.south: "south",
             **{user_id: name for name, user_id in world.users.items()},
             **{device.device_id: f"{name}'s device" for name, device in
                (("li", scenario.li), ("wang", scenario.wang), ("chen", scenario.chen))}}
    with world.app.app_context():
        with current_state().db.engine.connect() as conn:
            rows = {name: sorted(repr(sorted(_named(names, {
                k: v for k, v in r.items() if k not in ("clocks", "id", "created_at")
                and not k.endswith("_hlc")}).items()))
                for r in conn.execute(select(spec.table)).mappings())
                for name, spec in ENTITIES.items() if name not in ("user", "territory")}
            log = [dict(r) for r in conn.execute(
                select(change_log.c.entity, change_log.c.deleted, change_log.c.evicted,
                       change_log.c.territory_id, change_log.c.owner_id, change_log.c.moved_to,
                       change_log.c.data, change_log.c.old, change_log.c.row_id,
                       change_log.c.user_id, change_log.c.device_id)
                .where(change_log.c.entity.not_in(["user", "territory", "cadence_rule"]))
                .order_by(change_log.c.pos)).mappings()]
    for entry in log:
        if entry["entity"] == "conflict":
            # the conflict's own id is new each run (an eviction of one holds no data)
            entry["row_id"] = entry["data"].get("row_id")
            entry["data"] = {k: v for k, v in entry["data"].items()
                             if k not in ("id", "created_at") and not k.endswith("_hlc")}
    return _named(names, {"replies": scenario.replies, "rows": rows, "log": log})


def _world(template: Path, path: Path) -> World:
    shutil.copy(template, path)
    app = create_app(ServerConfig(f"sqlite:///{path}", password_cost=FAST_PASSWORD_COST))
    client: FlaskClient = app.test_client()
    return make_world(app, client)


def _dispose(world: World) -> None:
    with world.app.app_context():
        current_state().db.engine.dispose()


@pytest.fixture
def shortcut_world(sqlite_template: Path, tmp_path: Path) -> Iterator[World]:
    world = _world(sqlite_template, tmp_path / "shortcuts.sqlite")
    yield world
    _dispose(world)


def test_the_shortcuts_give_what_the_general_path_gives(
        shortcut_world: World, sqlite_template: Path, tmp_path: Path,
        request: pytest.FixtureRequest) -> None:
    quick = _outcome(shortcut_world, _run(shortcut_world))
    request.getfixturevalue("general_path")
    general_world = _world(sqlite_template, tmp_path / "general.sqlite")
    try:
        general = _outcome(general_world, _run(general_world))
    finally:
        _dispose(general_world)
    assert quick["replies"] == general["replies"]
    assert quick["rows"] == general["rows"]
    assert quick["log"] == general["log"]
    statuses = {r[0] for r in quick["replies"]}
    assert {200, 400, 403, 422} <= statuses  # the scenario reaches every kind of outcome
    results = [r["status"] for reply in quick["replies"] if reply[1] for r in reply[1]]
    assert "conflict" in results



OTHER_ROWS: dict[tuple[str, str], dict[str, Any]] = {("account", "a1"): {"territory_id": "t1"}, ("account", "a2"): {"territory_id": "t2"},
              ("visit", "r1"): {"account_id": "a1", "owner_id": "u1"},
              ("task", "r1"): {"account_id": None, "owner_id": "u2"}}
VALUES = st.sampled_from([None, "a1", "a2", "t1", "t2", "u1", "u2", "r1", "visit", "task"])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(ENTITIES)), st.data())
def test_a_row_stays_placed_while_no_field_that_places_it_changes(entity: str,
                                                                  data: st.DataObject) -> None:
    spec = ENTITIES[entity]
    values = {name: data.draw(VALUES) for name in spec.fields}
    changed = {**values, **{name: data.draw(VALUES) for name in spec.fields
                            if name not in placement_fields(entity)}}

    def lookup(other: str, row_id: str) -> dict[str, Any] | None:
        return OTHER_ROWS.get((other, row_id))
    session: Any = None  # (the lookup reads the other rows)
    assert placement(session, spec, changed, lookup) == placement(session, spec, values, lookup)
