"""Clock skew: a clock a day ahead is clamped to the tolerance; one a day behind still syncs."""

from __future__ import annotations

import pytest

from shared import hlc as hlcs
from shared.sync.protocol import MAX_CLOCK_SKEW_MS
from tests.server.helpers import World, conflicts, now_ms, stored

DAY_MS = 24 * 60 * 60 * 1000
MINUTE_MS = 60 * 1000


def test_a_clock_a_day_ahead_cannot_win_a_race_beyond_the_tolerance(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    li, zhang = world.login("li"), world.login("zhang")
    account_id, _ = world.account(li, phone="+86 21 5555 0100")
    seen = zhang.rows()[("account", account_id)]["clocks"]["phone"]
    pushed_at = now_ms()
    zhang.push(zhang.mutation("account", account_id, {"phone": "+86 21 5555 0999"},
                              base={"phone": seen}, hlc=zhang.hlc(pushed_at + DAY_MS)))
    stored_clock = stored(world.app, "account", account_id)["clocks"]["phone"]
    assert hlcs.wall_ms_of(stored_clock) <= now_ms() + MAX_CLOCK_SKEW_MS

    # Ten minutes later (server time), li edits from the same base: a real race.
    monkeypatch.setattr("server.state.wall_ms", lambda: now_ms() + 10 * MINUTE_MS)
    reply = li.push(li.mutation("account", account_id, {"phone": "+86 21 5555 0200"},
                                base={"phone": seen}, hlc=li.hlc(now_ms() + 10 * MINUTE_MS)))
    assert reply.get_json()["results"][0]["status"] == "conflict"
    assert stored(world.app, "account", account_id)["phone"] == "+86 21 5555 0200"
    [conflict] = conflicts(world.app)
    assert conflict["losing_value"] == "+86 21 5555 0999"
    assert conflict["loser_user_id"] == world.users["zhang"]


def test_a_clock_within_the_tolerance_is_taken_as_is(world: World) -> None:
    li = world.login("li")
    account_id, _ = world.account(li)
    ahead = li.hlc(now_ms() + MAX_CLOCK_SKEW_MS // 2)
    li.push(li.mutation("account", account_id, {"city": "上海"}, hlc=ahead))
    assert stored(world.app, "account", account_id)["clocks"]["city"] == ahead


def test_a_clock_a_day_behind_still_applies_edits_made_after_seeing_the_value(
        world: World) -> None:
    li, zhang = world.login("li"), world.login("zhang")
    account_id, _ = world.account(li, phone="+86 21 5555 0100")
    seen = zhang.rows()[("account", account_id)]["clocks"]["phone"]
    behind = zhang.hlc(now_ms() - DAY_MS)
    reply = zhang.push(zhang.mutation("account", account_id, {"phone": "+86 21 5555 0300"},
                                      base={"phone": seen}, hlc=behind))
    assert reply.get_json()["results"][0]["status"] == "applied"
    assert stored(world.app, "account", account_id)["phone"] == "+86 21 5555 0300"
    assert conflicts(world.app) == []
    assert reply.get_json()["server_hlc"] > behind
    pulled = zhang.pull().get_json()["server_hlc"]
    assert hlcs.wall_ms_of(pulled) > hlcs.wall_ms_of(behind) + DAY_MS // 2
