"""A record's history: each field change with who, when, which device, old and new value."""

from __future__ import annotations

from datetime import datetime

from werkzeug.test import TestResponse

from shared.ids import new_id
from tests.server.helpers import SCHEMA, Device, World


def history(device: Device, entity: str, row_id: str) -> TestResponse:
    return device.client.get(f"/api/v1/history/{entity}/{row_id}", headers=device.headers())


def test_history_lists_each_change_newest_first_with_author_and_values(world: World) -> None:
    li, zhang = world.login("li"), world.login("zhang")
    account_id, _ = world.account(li, phone="+86 21 5555 0100")
    clock = zhang.rows()[("account", account_id)]["clocks"]["phone"]
    zhang.push(zhang.mutation("account", account_id, {"phone": "+86 21 5555 0200"},
                              base={"phone": clock}))
    reply = history(li, "account", account_id)
    assert reply.status_code == 200
    entries = reply.get_json()["entries"]
    assert [e["user"] for e in entries] == ["Zhang", "Li"]
    latest, created = entries
    assert latest["pos"] > created["pos"]
    assert latest["changes"] == {"phone": {"old": "+86 21 5555 0100", "new": "+86 21 5555 0200"}}
    assert latest["user_id"] == world.users["zhang"] and latest["device_id"] == zhang.device_id
    assert created["changes"]["phone"] == {"old": None, "new": "+86 21 5555 0100"}
    assert created["changes"]["territory_id"] == {"old": None, "new": world.east}
    assert "deleted" not in created["changes"]
    assert datetime.fromisoformat(latest["at"]) >= datetime.fromisoformat(created["at"])


def test_a_delete_shows_as_a_change_of_deleted(world: World) -> None:
    li = world.login("li")
    account_id, _ = world.account(li)
    li.push(li.mutation("account", account_id, op="delete"))
    latest = history(li, "account", account_id).get_json()["entries"][0]
    assert latest["changes"] == {"deleted": {"old": False, "new": True}}


def test_history_leaves_out_moves_that_changed_nothing_and_evictions(world: World) -> None:
    li, chen = world.login("li"), world.login("chen")
    account_id, _ = world.account(li)
    contact_id = new_id()
    li.push(li.mutation("contact", contact_id, {"account_id": account_id, "name": "王磊"}))
    seen = chen.rows()[("account", account_id)]["clocks"]["territory_id"]
    chen.push(chen.mutation("account", account_id, {"territory_id": world.south},
                            base={"territory_id": seen}))
    assert len(history(chen, "contact", contact_id).get_json()["entries"]) == 1
    moves = history(chen, "account", account_id).get_json()["entries"]
    assert moves[0]["changes"] == {"territory_id": {"old": world.east, "new": world.south}}
    assert len(moves) == 2


def test_unknown_or_invisible_records_are_not_found(world: World) -> None:
    li, wang = world.login("li"), world.login("wang")
    account_id, _ = world.account(li)
    for device, entity, row_id in ((li, "account", new_id()), (li, "colour", account_id),
                                   (wang, "account", account_id)):
        reply = history(device, entity, row_id)
        assert reply.status_code == 404
        assert reply.get_json()["error"]["code"] == "not_found"


def test_history_needs_a_token_and_a_schema_header(world: World) -> None:
    li = world.login("li")
    account_id, _ = world.account(li)
    url = f"/api/v1/history/account/{account_id}"
    assert world.client.get(url, headers=SCHEMA).status_code == 401
    no_schema = {"Authorization": f"Bearer {li.token}"}
    assert world.client.get(url, headers=no_schema).status_code == 426
