"""Scope exit: a moved account is evicted from reps who lose it; their late edits still land."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from server.db import write_transaction
from server.services.accounts import reassign_account
from server.state import current_state
from server.tables import devices
from shared.ids import new_id
from tests.server.helpers import Device, World, stored


def changes(device: Device, after: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Every change after *after* (all pages) and the final cursor."""
    seen: list[dict[str, Any]] = []
    while True:
        page = device.pull(after).get_json()
        seen += page["changes"]
        after = page["cursor"]
        if not page["has_more"]:
            return seen, after


def evicted(found: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(c["entity"], c["id"]) for c in found if c["evicted"]}


def east_account(world: World, li: Device) -> tuple[str, str, str]:
    """An East account with a contact and a visit (created by li)."""
    account_id, contact_id, visit_id = new_id(), new_id(), new_id()
    reply = li.push(
        li.mutation("account", account_id, {"name": "East Co", "territory_id": world.east}),
        li.mutation("contact", contact_id, {"account_id": account_id, "name": "张伟"}),
        li.mutation("visit", visit_id, {"account_id": account_id, "purpose": "季度回顾",
                                            "planned_start": "2026-03-02T09:00:00"}))
    assert reply.status_code == 200, reply.get_json()
    return account_id, contact_id, visit_id


def move_to_south(world: World, account_id: str) -> None:
    chen = world.login("chen")
    seen = chen.rows()[("account", account_id)]["clocks"]["territory_id"]
    reply = chen.push(chen.mutation("account", account_id, {"territory_id": world.south},
                                    base={"territory_id": seen}))
    assert reply.status_code == 200, reply.get_json()


def test_reps_who_lose_an_account_receive_evictions_for_it_and_its_records(
        world: World) -> None:
    li = world.login("li")
    account_id, contact_id, visit_id = east_account(world, li)
    _, cursor = changes(li)
    move_to_south(world, account_id)
    found, _ = changes(world.login("zhang"), cursor)
    assert evicted(found) == {("account", account_id), ("contact", contact_id),
                              ("visit", visit_id)}
    eviction = next(c for c in found if c["evicted"] and c["id"] == account_id)
    assert eviction["deleted"] is False and eviction["fields"] == {} \
        and eviction["clocks"] == {} and isinstance(eviction["pos"], int)
    assert not any(c["entity"] == "account" and not c["evicted"] for c in found)


def test_the_new_territory_and_managers_get_rows_not_evictions(world: World) -> None:
    li = world.login("li")
    account_id, contact_id, _ = east_account(world, li)
    move_to_south(world, account_id)
    for name in ("wang", "chen"):
        found, _ = changes(world.login(name))
        assert not evicted(found), name
        assert ("contact", contact_id) in {(c["entity"], c["id"]) for c in found}
        assert all(c["evicted"] is False for c in found)


def test_conflicts_about_a_moved_account_follow_it(world: World) -> None:
    li, zhang = world.login("li"), world.login("zhang")
    account_id, _, _ = east_account(world, li)
    for device, phone in ((li, "+86 21 5555 0001"), (zhang, "+86 21 5555 0002")):
        device.push(device.mutation("account", account_id, {"phone": phone},
                                    base={"phone": None}))
    conflict_ids = [key[1] for key in world.login("chen").rows() if key[0] == "conflict"]
    assert conflict_ids
    _, cursor = changes(li)
    move_to_south(world, account_id)
    found, _ = changes(li, cursor)
    assert {("conflict", cid) for cid in conflict_ids} <= evicted(found)
    wang_rows = world.login("wang").rows()
    assert all(("conflict", cid) in wang_rows for cid in conflict_ids)


def test_the_reassign_service_evicts_like_a_manager_push(world: World) -> None:
    li = world.login("li")
    account_id, contact_id, _ = east_account(world, li)
    _, cursor = changes(li)
    with world.app.app_context():
        state = current_state()
        with write_transaction(state.db.sessions()) as session:
            result = reassign_account(session, state.clock, account_id, world.south,
                                      world.users["chen"])
    assert result.old_territory_id == world.east and result.records_moved == 3
    found, _ = changes(li, cursor)
    assert {("account", account_id), ("contact", contact_id)} <= evicted(found)
    wang_rows = world.login("wang").rows()
    assert wang_rows[("account", account_id)]["fields"]["territory_id"] == world.south


def test_a_pending_edit_from_a_rep_who_has_not_pulled_the_eviction_lands(
        world: World) -> None:
    li = world.login("li")
    account_id, contact_id, _ = east_account(world, li)
    rows = li.rows()
    move_to_south(world, account_id)
    seen = rows[("contact", contact_id)]["clocks"].get("phone")
    reply = li.push(li.mutation("contact", contact_id, {"phone": "+86 139 0000 0001"},
                                base={"phone": seen}))
    assert reply.status_code == 200, reply.get_json()
    assert reply.get_json()["results"][0]["status"] == "applied"
    wang_contact = world.login("wang").rows()[("contact", contact_id)]
    assert wang_contact["fields"]["phone"] == "+86 139 0000 0001"
    assert wang_contact["clocks"]["phone"].endswith(li.device_id)  # attributed to li


def test_a_record_created_offline_under_a_moved_account_lands_and_is_evicted_again(
        world: World) -> None:
    li = world.login("li")
    account_id, _, _ = east_account(world, li)
    _, cursor = changes(li)
    move_to_south(world, account_id)
    task_id = new_id()
    reply = li.push(li.mutation("task", task_id, {"account_id": account_id,
                                                  "title": "寄送样品"}))
    assert reply.status_code == 200, reply.get_json()
    assert stored(world.app, "task", task_id)["title"] == "寄送样品"
    found, _ = changes(li, cursor)
    assert ("task", task_id) in evicted(found)
    assert ("task", task_id) in world.login("wang").rows()


def test_once_the_eviction_is_pulled_edits_to_the_row_are_out_of_scope(world: World) -> None:
    li = world.login("li")
    account_id, contact_id, _ = east_account(world, li)
    move_to_south(world, account_id)
    _, cursor = changes(li)
    li.pull(cursor)  # the device now reports it has applied the eviction
    reply = li.push(li.mutation("contact", contact_id, {"phone": "+86 139 0000 0002"}))
    assert reply.status_code == 403
    assert reply.get_json()["error"]["code"] == "out_of_scope"
    assert stored(world.app, "contact", contact_id)["phone"] is None


def test_grace_never_lets_a_rep_move_a_row_it_lost(world: World) -> None:
    li = world.login("li")
    account_id, contact_id, _ = east_account(world, li)
    other_id, _ = world.account(li, name="Still East")
    move_to_south(world, account_id)
    reply = li.push(li.mutation("contact", contact_id, {"account_id": other_id}))
    assert reply.status_code == 403
    assert stored(world.app, "contact", contact_id)["account_id"] == account_id


def test_every_pull_records_what_the_device_has_applied(world: World) -> None:
    li = world.login("li")
    li.pull(0)
    head = li.pull(0).get_json()["head"]
    li.pull(head)
    with world.app.app_context():
        with current_state().db.engine.connect() as conn:
            position = conn.scalar(select(devices.c.last_pulled_pos)
                                   .where(devices.c.id == li.device_id))
    assert position == head
