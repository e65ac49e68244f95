"""A push that asks for the page after its cursor gets it in the same reply."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from server.state import current_state
from server.tables import devices
from shared.ids import new_id
from tests.server.helpers import Device, World, snapshot
from tests.server.test_purge import deleted_account_with_contact, purge


def _push(device: Device, pull: Any, *mutations: dict[str, Any]) -> Any:
    return device.client.post("/api/v1/sync/push", headers=device.headers(),
                              json={"mutations": list(mutations), "pull": pull})


def _last_pulled(world: World, device: Device) -> int:
    with world.app.app_context(), current_state().db.engine.connect() as conn:
        return int(conn.scalar(select(devices.c.last_pulled_pos)
                               .where(devices.c.id == device.device_id)) or 0)


def test_the_reply_carries_the_page_with_the_pushed_change_and_others(world: World) -> None:
    li, zhang = world.login("li"), world.login("zhang")
    cursor = li.pull().get_json()["cursor"]
    theirs, _ = world.account(zhang, phone="+86 21 5555 0100")
    mine = new_id()
    reply = _push(li, {"after": cursor, "limit": 100},
                  li.mutation("account", mine, {"name": "Summit Packaging Co., Ltd.",
                                                "territory_id": world.east}))
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["results"] == [{"mid": 1, "status": "applied"}]
    page = body["pull"]
    ids = [change["id"] for change in page["changes"]]
    assert ids == [theirs, mine]  # a colleague's change and this push's own, in log order
    assert page["has_more"] is False and page["cursor"] == page["head"]
    assert page["changes"][1]["fields"]["name"] == "Summit Packaging Co., Ltd."
    # The same page as an ordinary pull would give; the device is recorded at its cursor.
    assert li.pull(cursor, 100).get_json()["changes"] == page["changes"]
    assert _last_pulled(world, li) == cursor


def test_the_page_is_scoped_and_limited_like_a_pull(world: World) -> None:
    chen, wang = world.login("chen"), world.login("wang")
    cursor = wang.pull().get_json()["cursor"]
    for _ in range(3):
        world.account(chen)  # East China: not Wang's
    south = [world.account(chen, territory=world.south)[0] for _ in range(3)]
    page = _push(wang, {"after": cursor, "limit": 2}).get_json()["pull"]
    assert [change["id"] for change in page["changes"]] == south[:2]
    assert page["has_more"] is True


def test_a_bad_pull_request_is_refused_and_changes_nothing(world: World) -> None:
    li = world.login("li")
    before = snapshot(world.app)
    for pull in ({"after": -1}, {"after": "0"}, {"after": 0, "limit": 0},
                 {"after": 0, "limit": 10**6}, [0], "latest"):
        reply = _push(li, pull, li.mutation("account", new_id(), {
            "name": "Summit Packaging Co., Ltd.", "territory_id": world.east}))
        assert reply.status_code == 400, pull
        assert reply.get_json()["error"]["code"] == "bad_request"
        assert "pull" in reply.get_json()["error"]["message"]
    assert snapshot(world.app) == before


def test_a_cursor_too_old_still_lands_the_push_and_leaves_the_page_to_a_pull(
        world: World) -> None:
    zhang = world.login("zhang")
    early = zhang.pull().get_json()["cursor"]
    deleted_account_with_contact(world)
    purge(world.app)
    account_id = new_id()
    reply = _push(zhang, {"after": early, "limit": 100}, zhang.mutation(
        "account", account_id, {"name": "Summit Packaging Co., Ltd.",
                                "territory_id": world.east}))
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["results"] == [{"mid": 1, "status": "applied"}] and "pull" not in body
    assert zhang.pull(early).status_code == 410  # the client's own pull learns to resync
    assert ("account", account_id) in zhang.rows()
