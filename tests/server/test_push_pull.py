"""Pushing changes and pulling them back: create, update, delete, exactly once, paging."""

from __future__ import annotations

import gzip

import orjson

from shared.ids import new_id
from tests.server.helpers import World, snapshot, stored


def test_a_created_account_is_stored_and_pulled_as_a_full_row(world: World) -> None:
    li = world.login("li")
    account_id, reply = world.account(li, phone="+86 21 5555 0199", tier="A")
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["results"] == [{"mid": 1, "status": "applied"}]
    assert body["last_mid"] == 1 and body["server_hlc"]
    change = world.login("zhang").rows()[("account", account_id)]
    assert change["deleted"] is False
    assert change["fields"]["phone"] == "+86 21 5555 0199"
    assert change["fields"]["currency"] == "CNY"  # defaults are part of the full row
    assert set(change["fields"]) >= {"name", "territory_id", "notes", "credit_limit_cents"}
    assert change["clocks"]["phone"].endswith(li.device_id)


def test_an_update_changes_only_the_named_fields(world: World) -> None:
    li = world.login("li")
    account_id, _ = world.account(li, phone="+86 21 5555 0199", city="上海")
    clock = world.login("zhang").rows()[("account", account_id)]["clocks"]["phone"]
    reply = li.push(li.mutation("account", account_id, {"phone": "+86 21 6666 0100"},
                                base={"phone": clock}))
    assert reply.get_json()["results"][0]["status"] == "applied"
    row = stored(world.app, "account", account_id)
    assert row["phone"] == "+86 21 6666 0100" and row["city"] == "上海"


def test_a_delete_leaves_a_tombstone_that_is_pulled(world: World) -> None:
    li = world.login("li")
    account_id, _ = world.account(li)
    reply = li.push(li.mutation("account", account_id, op="delete"))
    assert reply.get_json()["results"][0]["status"] == "applied"
    assert stored(world.app, "account", account_id)["deleted"] is True
    change = world.login("zhang").rows()[("account", account_id)]
    assert change["deleted"] is True and "deleted" in change["clocks"]


def test_the_same_batch_twice_is_applied_once(world: World) -> None:
    li = world.login("li")
    batch = [li.mutation("account", new_id(), {"name": "Summit Packaging Co., Ltd.",
                                                "territory_id": world.east}) for _ in range(3)]
    first = li.push(*batch)
    assert [r["status"] for r in first.get_json()["results"]] == ["applied"] * 3
    before = snapshot(world.app)
    second = li.push(*batch)
    assert second.status_code == 200
    assert [r["status"] for r in second.get_json()["results"]] == ["duplicate"] * 3
    assert second.get_json()["last_mid"] == 3
    assert snapshot(world.app) == before


def test_a_batch_mixing_replays_and_new_mutations_applies_only_the_new(world: World) -> None:
    li = world.login("li")
    first = li.mutation("account", new_id(), {"name": "A", "territory_id": world.east})
    li.push(first)
    second = li.mutation("account", new_id(), {"name": "B", "territory_id": world.east})
    statuses = [r["status"] for r in li.push(first, second).get_json()["results"]]
    assert statuses == ["duplicate", "applied"]
    assert snapshot(world.app).rows["account"] == 2


def test_children_created_with_their_parent_in_one_batch(world: World) -> None:
    li = world.login("li")
    account_id, contact_id, visit_id = new_id(), new_id(), new_id()
    reply = li.push(
        li.mutation("account", account_id, {"name": "上海华谊精细化工有限公司",
                                            "territory_id": world.east}),
        li.mutation("contact", contact_id, {"account_id": account_id, "name": "王伟",
                                            "email": "wei.wang@huayi.com.cn"}),
        li.mutation("visit", visit_id, {"account_id": account_id, "status": "completed",
                                        "actual_start": "2025-03-04T09:30:00",
                                        "contact_ids": [contact_id], "notes": "Good talk"}))
    assert [r["status"] for r in reply.get_json()["results"]] == ["applied"] * 3
    rows = world.login("zhang").rows()
    assert rows[("visit", visit_id)]["fields"]["actual_start"] == "2025-03-04T09:30:00"
    assert rows[("visit", visit_id)]["fields"]["contact_ids"] == [contact_id]


def test_pull_pages_follow_the_cursor_to_the_head(world: World) -> None:
    li = world.login("li")
    li.push(*[li.mutation("account", new_id(), {"name": f"Account {i}",
                                                "territory_id": world.east})
              for i in range(5)])
    zhang = world.login("zhang")
    first = zhang.pull(0, limit=3).get_json()
    assert len(first["changes"]) == 3 and first["has_more"] is True
    assert first["cursor"] == first["changes"][-1]["pos"]
    positions = [c["pos"] for c in first["changes"]]
    assert positions == sorted(positions)
    rest = zhang.pull(first["cursor"], limit=1000).get_json()
    assert rest["has_more"] is False
    assert rest["cursor"] == rest["head"] == first["head"]
    assert all(c["pos"] > first["cursor"] for c in rest["changes"])
    names = {c["fields"].get("name") for c in first["changes"] + rest["changes"]}
    assert {f"Account {i}" for i in range(5)} <= names
    empty = zhang.pull(rest["cursor"]).get_json()
    assert empty["changes"] == [] and empty["cursor"] == empty["head"]


def test_cursor_skips_to_the_head_past_entries_the_user_cannot_see(world: World) -> None:
    wang = world.login("wang")
    start = wang.pull().get_json()["cursor"]
    li = world.login("li")
    world.account(li)
    page = wang.pull(start).get_json()
    assert page["changes"] == []
    assert page["cursor"] == page["head"] > start


def test_bad_pull_parameters_are_refused(world: World) -> None:
    li = world.login("li")
    for query in ("?after=-1", "?after=x", "?limit=0", "?limit=999999"):
        reply = world.client.get(f"/api/v1/sync/pull{query}", headers=li.headers())
        assert reply.status_code == 400
        assert reply.get_json()["error"]["code"] == "bad_request"


def test_pull_pages_are_gzipped_for_clients_that_accept_it(world: World) -> None:
    li = world.login("li")
    li.push(*[li.mutation("account", new_id(), {"name": f"Account {i}",
                                                "territory_id": world.east})
              for i in range(10)])
    reply = world.client.get("/api/v1/sync/pull",
                             headers={**li.headers(), "Accept-Encoding": "gzip"})
    assert reply.headers["Content-Encoding"] == "gzip"
    body = orjson.loads(gzip.decompress(reply.get_data()))
    assert len(body["changes"]) >= 10


def test_a_gzipped_push_body_is_accepted(world: World) -> None:
    li = world.login("li")
    payload = {"mutations": [li.mutation("account", new_id(), {"name": "Gz",
                                                               "territory_id": world.east})]}
    reply = world.client.post("/api/v1/sync/push", data=gzip.compress(orjson.dumps(payload)),
                              headers={**li.headers(), "Content-Encoding": "gzip",
                                       "Content-Type": "application/json"})
    assert reply.get_json()["results"][0]["status"] == "applied"
