"""Scope: reps receive and may change only their territories' rows; managers see everything."""

from __future__ import annotations

from shared.ids import new_id
from tests.server.helpers import World, snapshot, stored


def _east_records(world: World) -> tuple[str, str]:
    li = world.login("li")
    account_id, contact_id = new_id(), new_id()
    li.push(li.mutation("account", account_id, {"name": "East Co", "territory_id": world.east}),
            li.mutation("contact", contact_id, {"account_id": account_id, "name": "张伟"}))
    return account_id, contact_id


def test_a_south_rep_does_not_receive_east_rows(world: World) -> None:
    account_id, contact_id = _east_records(world)
    wang = world.login("wang")
    rows = wang.rows()
    assert ("account", account_id) not in rows and ("contact", contact_id) not in rows
    assert {("territory", world.east), ("user", world.users["li"])} <= set(rows)


def test_a_manager_receives_every_territory(world: World) -> None:
    account_id, contact_id = _east_records(world)
    wang = world.login("wang")
    south_id, _ = world.account(wang, territory=world.south, name="South Co")
    rows = world.login("chen").rows()
    assert {("account", account_id), ("contact", contact_id), ("account", south_id)} <= set(rows)


def test_pushing_an_east_row_as_a_south_rep_is_refused_and_nothing_is_stored(
        world: World) -> None:
    account_id, contact_id = _east_records(world)
    wang = world.login("wang")
    before = snapshot(world.app)
    attempts = [
        wang.mutation("account", new_id(), {"name": "Mine now", "territory_id": world.east}),
        wang.mutation("account", account_id, {"phone": "+86 20 5555 0100"}),
        wang.mutation("contact", new_id(), {"account_id": account_id, "name": "李娜"}),
        wang.mutation("contact", contact_id, op="delete"),
    ]
    for attempt in attempts:
        reply = wang.push(attempt)
        assert reply.status_code == 403, attempt
        error = reply.get_json()["error"]
        assert error["code"] == "out_of_scope" and error["mid"] == attempt["mid"]
    assert snapshot(world.app) == before


def test_a_rep_cannot_move_an_account_out_of_their_territory(world: World) -> None:
    li = world.login("li")
    account_id, _ = world.account(li)
    reply = li.push(li.mutation("account", account_id, {"territory_id": world.south}))
    assert reply.get_json()["error"]["code"] == "out_of_scope"
    assert stored(world.app, "account", account_id)["territory_id"] == world.east


def test_a_reassigned_account_reaches_the_new_territory_with_its_records(world: World) -> None:
    account_id, contact_id = _east_records(world)
    chen = world.login("chen")
    seen = chen.rows()[("account", account_id)]["clocks"]["territory_id"]
    reply = chen.push(chen.mutation("account", account_id, {"territory_id": world.south},
                                    base={"territory_id": seen}))
    assert reply.get_json()["results"][0]["status"] == "applied"
    rows = world.login("wang").rows()
    assert ("account", account_id) in rows and ("contact", contact_id) in rows


def test_an_account_less_task_is_seen_only_by_its_owner(world: World) -> None:
    li = world.login("li")
    task_id = new_id()
    li.push(li.mutation("task", task_id, {"title": "提交周报", "owner_id": world.users["li"]}))
    assert ("task", task_id) in li.rows()
    assert ("task", task_id) not in world.login("zhang").rows()
    assert ("task", task_id) in world.login("chen").rows()
