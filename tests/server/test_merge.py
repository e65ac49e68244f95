"""Concurrent edits: field-level merge, conflict records, policies, clamped clocks, tombstones."""

from __future__ import annotations

from shared import hlc as hlcs
from shared.ids import new_id
from tests.server.helpers import Device, World, conflicts, now_ms, stored


def _shared_account(world: World, **fields: object) -> tuple[str, Device, Device, dict]:
    """An East account both li and zhang have pulled; returns its clocks too."""
    li, zhang = world.login("li"), world.login("zhang")
    account_id, _ = world.account(li, **fields)
    clocks = zhang.rows()[("account", account_id)]["clocks"]
    return account_id, li, zhang, clocks


def test_edits_of_different_fields_both_stand(world: World) -> None:
    account_id, li, zhang, clocks = _shared_account(world, phone="+86 21 5555 0100",
                                                    city="上海")
    li.push(li.mutation("account", account_id, {"phone": "+86 21 5555 0199"},
                        base={"phone": clocks["phone"]}))
    reply = zhang.push(zhang.mutation("account", account_id, {"city": "苏州"},
                                      base={"city": clocks["city"]}))
    assert reply.get_json()["results"][0]["status"] == "applied"
    row = stored(world.app, "account", account_id)
    assert (row["phone"], row["city"]) == ("+86 21 5555 0199", "苏州")
    assert conflicts(world.app) == []


def test_same_field_race_keeps_the_loser_in_a_conflict(world: World) -> None:
    account_id, li, zhang, clocks = _shared_account(world, phone="+86 21 5555 0100")
    t = now_ms()
    later = zhang.mutation("account", account_id, {"phone": "+86 21 7777 0002"},
                           base={"phone": clocks["phone"]}, hlc=zhang.hlc(t + 2000))
    earlier = li.mutation("account", account_id, {"phone": "+86 21 6666 0001"},
                          base={"phone": clocks["phone"]}, hlc=li.hlc(t + 1000))
    assert zhang.push(later).get_json()["results"][0]["status"] == "applied"
    reply = li.push(earlier)  # arrives last but was written first: it loses
    assert reply.get_json()["results"][0]["status"] == "conflict"
    assert stored(world.app, "account", account_id)["phone"] == "+86 21 7777 0002"
    [conflict] = conflicts(world.app)
    assert conflict["field_name"] == "phone" and conflict["status"] == "open"
    assert conflict["losing_value"] == "+86 21 6666 0001"
    assert conflict["winning_value"] == "+86 21 7777 0002"
    assert conflict["winner_user_id"] == world.users["zhang"]
    assert conflict["loser_user_id"] == world.users["li"]
    assert conflict["loser_device_id"] == li.device_id
    assert conflict["territory_id"] == world.east
    pulled = world.login("chen").rows()[("conflict", conflict["id"])]
    assert pulled["fields"]["losing_value"] == "+86 21 6666 0001"


def test_a_later_write_arriving_last_wins_and_the_stored_value_is_kept(world: World) -> None:
    account_id, li, zhang, clocks = _shared_account(world, phone="+86 21 5555 0100")
    t = now_ms()
    li.push(li.mutation("account", account_id, {"phone": "+86 21 6666 0001"},
                        base={"phone": clocks["phone"]}, hlc=li.hlc(t + 1000)))
    reply = zhang.push(zhang.mutation("account", account_id, {"phone": "+86 21 7777 0002"},
                                      base={"phone": clocks["phone"]}, hlc=zhang.hlc(t + 2000)))
    assert reply.get_json()["results"][0]["status"] == "conflict"
    assert stored(world.app, "account", account_id)["phone"] == "+86 21 7777 0002"
    [conflict] = conflicts(world.app)
    assert conflict["losing_value"] == "+86 21 6666 0001"
    assert conflict["winner_user_id"] == world.users["zhang"]
    assert conflict["loser_user_id"] == world.users["li"]


def test_concurrent_notes_are_appended_not_overwritten(world: World) -> None:
    account_id, li, zhang, clocks = _shared_account(world, notes="Met the buyer.")
    li.push(li.mutation("account", account_id, {"notes": "Met the buyer.\nWants a quote."},
                        base={"notes": clocks["notes"]}))
    zhang.push(zhang.mutation("account", account_id, {"notes": "Met the buyer.\n下周再访。"},
                              base={"notes": clocks["notes"]}))
    notes = stored(world.app, "account", account_id)["notes"]
    assert "Wants a quote." in notes and "下周再访。" in notes
    assert notes.startswith("Met the buyer.")


def test_credit_limit_is_server_authoritative(world: World) -> None:
    account_id, li, zhang, clocks = _shared_account(world, credit_limit_cents=100_000_00)
    li.push(li.mutation("account", account_id, {"credit_limit_cents": 200_000_00},
                        base={"credit_limit_cents": clocks["credit_limit_cents"]}))
    reply = zhang.push(zhang.mutation("account", account_id, {"credit_limit_cents": 999_000_00},
                                      base={"credit_limit_cents": clocks["credit_limit_cents"]}))
    assert reply.get_json()["results"][0]["status"] == "conflict"
    assert stored(world.app, "account", account_id)["credit_limit_cents"] == 200_000_00
    [conflict] = conflicts(world.app)
    assert conflict["policy"] == "server_wins" and conflict["losing_value"] == 999_000_00


def test_a_clock_a_day_ahead_is_clamped_and_cannot_win_every_race(world: World) -> None:
    li = world.login("li")
    day_ahead = now_ms() + 24 * 3600 * 1000
    account_id = new_id()
    li.push(li.mutation("account", account_id, {"name": "Skewed", "territory_id": world.east},
                        hlc=li.hlc(day_ahead)))
    stored_clock = stored(world.app, "account", account_id)["clocks"]["name"]
    assert hlcs.wall_ms_of(stored_clock) < day_ahead - 23 * 3600 * 1000
    reply = world.login("chen").pull().get_json()
    assert hlcs.wall_ms_of(reply["server_hlc"]) < day_ahead - 23 * 3600 * 1000


def test_an_edit_of_a_deleted_row_restores_it_with_a_conflict(world: World) -> None:
    account_id, li, zhang, clocks = _shared_account(world, phone="+86 21 5555 0100")
    li.push(li.mutation("account", account_id, op="delete"))
    reply = zhang.push(zhang.mutation("account", account_id, {"phone": "+86 21 5555 0111"},
                                      base={"phone": clocks["phone"]}))
    assert reply.get_json()["results"][0]["status"] == "conflict"
    row = stored(world.app, "account", account_id)
    assert row["deleted"] is False and row["phone"] == "+86 21 5555 0111"
    [conflict] = conflicts(world.app)
    assert conflict["field_name"] == "deleted" and conflict["losing_value"] is True
    assert conflict["loser_user_id"] == world.users["li"]


def test_a_delete_concurrent_with_an_edit_keeps_the_record(world: World) -> None:
    account_id, li, zhang, clocks = _shared_account(world, phone="+86 21 5555 0100")
    li.push(li.mutation("account", account_id, {"phone": "+86 21 5555 0122"},
                        base={"phone": clocks["phone"]}))
    reply = zhang.push(zhang.mutation("account", account_id, op="delete",
                                      base={"phone": clocks["phone"]}))
    assert reply.get_json()["results"][0]["status"] == "conflict"
    assert stored(world.app, "account", account_id)["deleted"] is False


def test_a_visit_logged_under_a_deleted_account_revives_it(world: World) -> None:
    account_id, li, zhang, _ = _shared_account(world)
    li.push(li.mutation("account", account_id, op="delete"))
    visit_id = new_id()
    reply = zhang.push(zhang.mutation("visit", visit_id, {
        "account_id": account_id, "status": "completed", "actual_start": "2025-05-06T10:00:00"}))
    assert reply.status_code == 200
    assert stored(world.app, "account", account_id)["deleted"] is False
    assert stored(world.app, "visit", visit_id) is not None
    rows = world.login("chen").rows()
    assert rows[("account", account_id)]["deleted"] is False


def test_replaying_the_same_write_changes_nothing(world: World) -> None:
    account_id, li, _, clocks = _shared_account(world, phone="+86 21 5555 0100")
    hlc = li.hlc()
    first = li.mutation("account", account_id, {"phone": "+86 21 5555 0133"},
                        base={"phone": clocks["phone"]}, hlc=hlc)
    li.push(first)
    again = li.mutation("account", account_id, {"phone": "+86 21 5555 0133"},
                        base={"phone": clocks["phone"]}, hlc=hlc)
    assert li.push(again).get_json()["results"][0]["status"] == "applied"
    assert conflicts(world.app) == []


def test_a_conflict_can_be_resolved_from_a_device(world: World) -> None:
    account_id, li, zhang, clocks = _shared_account(world, phone="+86 21 5555 0100")
    li.push(li.mutation("account", account_id, {"phone": "+86 21 5555 0144"},
                        base={"phone": clocks["phone"]}))
    zhang.push(zhang.mutation("account", account_id, {"phone": "+86 21 5555 0155"},
                              base={"phone": clocks["phone"]}))
    [conflict] = conflicts(world.app)
    seen = li.rows()[("conflict", conflict["id"])]["clocks"]
    reply = li.push(li.mutation("conflict", conflict["id"],
                                {"status": "resolved", "resolution": "kept",
                                 "resolved_by": world.users["li"]},
                                base={"status": seen["status"], "resolution": seen["resolution"],
                                      "resolved_by": seen["resolved_by"]}))
    assert reply.get_json()["results"][0]["status"] == "applied"
    assert conflicts(world.app)[0]["status"] == "resolved"
    changing_value = li.push(li.mutation("conflict", conflict["id"], {"losing_value": "x"}))
    assert changing_value.get_json()["error"]["code"] == "read_only_field"
