"""Pushes side by side (PostgreSQL): ordinary ones share the store, moves and tiers go alone.

An ordinary push locks only its own rows and serialises only its change-log insert; one
that must see or change more (a record changing territory, a won deal re-tiering every
account) is redone as the only writer. Either way every push lands, no update is lost,
and a puller reading the log page by page gets every entry exactly once, in order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from server.api.v1 import sync as sync_api
from server.app import create_app
from server.config import FAST_PASSWORD_COST, FaultConfig, ServerConfig
from server.state import current_state
from shared.ids import new_id
from tests.server.helpers import Device, World, make_world, stored

pytestmark = pytest.mark.postgres

FIELDS = ("phone", "city", "street", "website", "industry", "postal_code")
VALUES = ("+86 21 5555 0101", "上海", "张江路 1号", "www.summit.cn", "Chemicals", "200120")
RECENT = (datetime.now(UTC).date() - timedelta(days=30)).isoformat()


@pytest.fixture
def postgres_app(app: Flask, database_url: str) -> Flask:
    if not database_url.startswith("postgresql"):
        pytest.skip("side-by-side pushes happen on PostgreSQL only (SQLite has one writer)")
    return app


@pytest.fixture
def modes(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The `exclusive` flag of every push attempt the API makes."""
    seen: list[bool] = []
    real = sync_api.push_service

    def spy(*args: Any, exclusive: bool = False, **kwargs: Any) -> Any:
        seen.append(exclusive)
        return real(*args, exclusive=exclusive, **kwargs)

    monkeypatch.setattr(sync_api, "push_service", spy)
    return seen


def _all_at_once(jobs: list[Callable[[], Any]]) -> list[Any]:
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(lambda job: job(), jobs))


def _log(world: World) -> list[tuple[int, str, str]]:
    """(pos, entity, id) of every entry, read page by page as a manager's device does."""
    chen, seen, after = world.login("chen"), [], 0
    while True:
        page = chen.pull(after, limit=5).get_json()
        seen += [(c["pos"], c["entity"], c["id"]) for c in page["changes"]]
        after = page["cursor"]
        if not page["has_more"]:
            return seen


def test_edits_visits_a_move_and_a_won_deal_at_once_all_land(
        postgres_app: Flask, world: World, modes: list[bool]) -> None:
    li = world.login("li")
    account_id, _ = world.account(li)
    clocks = world.login("chen").rows()[("account", account_id)]["clocks"]
    other_id, _ = world.account(li, name="搬走的客户")
    other_clocks = world.login("chen").rows()[("account", other_id)]["clocks"]
    devices = [world.login(name) for name in ("li", "zhang", "chen") for _ in range(2)]
    visit_ids: list[str] = []
    del modes[:]

    def edit(index: int) -> Callable[[], int]:
        device, name = devices[index], FIELDS[index]

        def run() -> int:
            visit_id = new_id()
            visit_ids.append(visit_id)
            return device.push(
                device.mutation("account", account_id, {name: VALUES[index]},
                                base={name: clocks.get(name)}),
                device.mutation("visit", visit_id, {"account_id": account_id,
                                                    "purpose": f"拜访 {index}",
                                                    "planned_start": "2026-03-02T09:00:00"}),
            ).status_code
        return run

    chen = world.login("chen")

    def move() -> int:
        return chen.push(chen.mutation("account", other_id, {"territory_id": world.south},
                                       base={"territory_id": other_clocks["territory_id"]})
                         ).status_code

    zhang = world.login("zhang")

    def win() -> int:
            return zhang.push(zhang.mutation("opportunity", new_id(), {
            "account_id": account_id, "name": "Film line", "stage": "won",
            "amount_cents": 990_000, "currency": "CNY", "expected_close": RECENT})).status_code

    codes = _all_at_once([edit(i) for i in range(len(devices))] + [move, win])
    assert codes == [200] * (len(devices) + 2)
    row = stored(world.app, "account", account_id)
    assert row is not None and [row[name] for name in FIELDS] == list(VALUES)
    assert row["tier"] == "A"  # the won deal re-tiered the accounts
    moved = stored(world.app, "account", other_id)
    assert moved is not None and moved["territory_id"] == world.south
    assert all(stored(world.app, "visit", v) is not None for v in visit_ids)
    assert False in modes and True in modes  # the move and the deal were redone alone
    log = _log(world)
    positions = [pos for pos, _, _ in log]
    assert positions == sorted(set(positions))
    assert {("visit", v) for v in visit_ids} <= {(e, i) for _, e, i in log}


def test_two_devices_creating_the_same_record_at_once_both_land(
        postgres_app: Flask, world: World) -> None:
    li, zhang = world.login("li"), world.login("zhang")
    account_id = new_id()

    def create(device: Device, phone: str) -> Callable[[], Any]:
        return lambda: device.push(device.mutation("account", account_id, {
            "name": "同时建的客户", "territory_id": world.east, "phone": phone}))

    replies = _all_at_once([create(li, "+86 21 5555 0001"), create(zhang, "+86 21 5555 0002")])
    assert [r.status_code for r in replies] == [200, 200]
    statuses = sorted(r.get_json()["results"][0]["status"] for r in replies)
    assert statuses == ["applied", "conflict"]  # the later one merged into the first
    assert stored(world.app, "account", account_id) is not None


def test_a_push_that_only_edits_its_own_rows_is_not_redone(
        postgres_app: Flask, world: World, modes: list[bool]) -> None:
    li = world.login("li")
    account_id, reply = world.account(li)
    assert reply.status_code == 200
    reply = li.push(li.mutation("account", account_id, {"city": "苏州"}))
    assert reply.status_code == 200
    assert modes == [False, False]


@pytest.fixture
def slow_commits(database_url: str) -> Iterator[World]:
    """A server whose pushes hold their transaction open 400 ms before committing."""
    if not database_url.startswith("postgresql"):
        pytest.skip("side-by-side pushes happen on PostgreSQL only (SQLite has one writer)")
    app = create_app(ServerConfig(database_url, password_cost=FAST_PASSWORD_COST,
                                  faults=FaultConfig(commit_delay_ms=(400, 400))))
    yield make_world(app, app.test_client())
    with app.app_context():
        current_state().db.engine.dispose()


def test_a_push_waits_for_one_holding_its_row_and_merges_into_its_result(
        slow_commits: World) -> None:
    """B reads the account while A's edit of it is still uncommitted: B must see A's
    result (row locks), or B's write would put back the clocks (and the change-log row)
    from before A."""
    world = slow_commits
    li, zhang = world.login("li"), world.login("zhang")
    account_id, _ = world.account(li, phone="+86 21 5555 0100", city="上海")
    clocks = world.login("chen").rows()[("account", account_id)]["clocks"]
    a_started = threading.Event()

    def edit_a() -> int:
        a_started.set()
        return li.push(li.mutation("account", account_id, {"phone": "+86 21 5555 0199"},
                                   base={"phone": clocks["phone"]})).status_code

    def edit_b() -> int:
        a_started.wait()
        threading.Event().wait(0.1)  # A has written and now sits before its commit
        return zhang.push(zhang.mutation("account", account_id, {"city": "苏州"},
                                         base={"city": clocks["city"]})).status_code

    assert _all_at_once([edit_a, edit_b]) == [200, 200]
    row = stored(world.app, "account", account_id)
    assert row is not None and (row["phone"], row["city"]) == ("+86 21 5555 0199", "苏州")
    assert row["clocks"]["phone"] != clocks["phone"] and row["clocks"]["city"] != clocks["city"]
    latest = world.login("chen").rows()[("account", account_id)]
    assert (latest["fields"]["phone"], latest["fields"]["city"]) == ("+86 21 5555 0199", "苏州")
