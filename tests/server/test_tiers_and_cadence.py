"""Tiers recomputed by the server after won deals change; the cadence table only managers edit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from server.cli import main
from server.db import create_db_engine, write_transaction
from server.services.cadence_rules import ensure_default_cadence
from server.services.tiering import recompute_tiers
from server.state import current_state
from server.tables import change_log
from shared.ids import new_id
from shared.models import CadenceRule
from tests.server.helpers import World, snapshot, stored

TODAY = datetime.now(UTC).date()
RECENT = (TODAY - timedelta(days=30)).isoformat()


def _deal(world: World, device: Any, account_id: str, amount: int, stage: str = "won",
          close: str = RECENT) -> tuple[str, Any]:
    deal_id = new_id()
    reply = device.push(device.mutation("opportunity", deal_id, {
        "account_id": account_id, "name": "Film line", "stage": stage, "amount_cents": amount,
        "currency": "CNY", "expected_close": close}))
    assert reply.status_code == 200, reply.get_json()
    return deal_id, reply


def _accounts(world: World, device: Any, n: int) -> list[str]:
    ids = []
    for i in range(n):
        account_id, reply = world.account(device, name=f"客户 {i}")
        assert reply.status_code == 200, reply.get_json()
        ids.append(account_id)
    return ids


def _tier(app: Flask, account_id: str) -> str | None:
    row = stored(app, "account", account_id)
    assert row is not None
    return row["tier"]


def _rules(app: Flask) -> list[tuple[str, int]]:
    with app.app_context(), current_state().db.engine.connect() as conn:
        rows = conn.execute(select(CadenceRule.tier, CadenceRule.days)
                            .where(CadenceRule.deleted.is_(False)).order_by(CadenceRule.tier))
        return [(r.tier, r.days) for r in rows]


def test_a_won_deal_retiers_every_account_and_reps_pull_the_tiers(app: Flask,
                                                                   world: World) -> None:
    li = world.login("li")
    big, mid, none = _accounts(world, li, 3)
    _deal(world, li, big, 900_000_00)
    assert [_tier(app, a) for a in (big, mid, none)] == ["A", "C", "C"]
    _deal(world, li, mid, 100_000_00)  # 90 % + 10 %: mid starts at 90 %, so B
    assert [_tier(app, a) for a in (big, mid, none)] == ["A", "B", "C"]
    zhang = world.login("zhang")
    pulled = zhang.rows()[("account", mid)]
    assert pulled["fields"]["tier"] == "B" and pulled["clocks"]["tier"].endswith("-server")
    assert pulled["fields"]["tier_manual"] is False


def test_deals_not_won_or_closed_long_ago_leave_tiers_alone(app: Flask, world: World) -> None:
    li = world.login("li")
    (account,) = _accounts(world, li, 1)
    _deal(world, li, account, 500_00, stage="negotiation")
    old = (TODAY - timedelta(days=400)).isoformat()
    _deal(world, li, account, 500_00, close=old)
    assert _tier(app, account) == "C"  # a won deal changed: recomputed, but too old to count
    before = snapshot(app).log_entries
    _deal(world, li, account, 700_00, stage="proposal")
    assert snapshot(app).log_entries == before + 1  # just the deal: no recompute


def test_losing_a_won_deal_moves_the_tier_back(app: Flask, world: World) -> None:
    li = world.login("li")
    a, b = _accounts(world, li, 2)
    _deal(world, li, a, 50_00)
    deal_b, _ = _deal(world, li, b, 5_000_00)
    assert (_tier(app, a), _tier(app, b)) == ("C", "A")
    li.push(li.mutation("opportunity", deal_b, {"stage": "lost"}))
    assert (_tier(app, a), _tier(app, b)) == ("A", "C")


def test_a_hand_set_tier_is_kept_until_it_is_handed_back(app: Flask, world: World) -> None:
    li = world.login("li")
    big, small = _accounts(world, li, 2)
    reply = li.push(li.mutation("account", small, {"tier": "A", "tier_manual": True}))
    assert reply.status_code == 200
    _deal(world, li, big, 1_000_00)
    assert (_tier(app, big), _tier(app, small)) == ("A", "A")
    li.push(li.mutation("account", small, {"tier_manual": False}))
    assert _tier(app, small) == "C"


def test_recompute_counts_changes_and_is_stable(app: Flask, world: World) -> None:
    li = world.login("li")
    accounts = _accounts(world, li, 4)
    with app.app_context():
        state = current_state()
        with write_transaction(state.db.sessions()) as session:
            assert recompute_tiers(session, state.clock, TODAY) == 4  # None -> C
        with write_transaction(state.db.sessions()) as session:
            assert recompute_tiers(session, state.clock, TODAY) == 0
    assert {_tier(app, a) for a in accounts} == {"C"}


def test_the_default_cadence_is_created_once(app: Flask, world: World) -> None:
    with app.app_context():
        state = current_state()
        for expected in (3, 0):
            with write_transaction(state.db.sessions()) as session:
                assert ensure_default_cadence(session, state.clock) == expected
    assert _rules(app) == [("A", 14), ("B", 30), ("C", 90)]
    rep = world.login("wang")
    pulled = [c for c in rep.rows().values() if c["entity"] == "cadence_rule"]
    assert sorted((c["fields"]["tier"], c["fields"]["days"]) for c in pulled) == \
        [("A", 14), ("B", 30), ("C", 90)]


def test_only_managers_change_the_cadence(app: Flask, world: World) -> None:
    rule_id = new_id()
    li = world.login("li")
    before = snapshot(app)
    reply = li.push(li.mutation("cadence_rule", rule_id, {"tier": "A", "days": 7}))
    assert reply.status_code == 403
    error = reply.get_json()["error"]
    assert error["code"] == "forbidden" and "manager" in error["message"]
    assert snapshot(app) == before
    chen = world.login("chen")
    assert chen.push(chen.mutation("cadence_rule", rule_id, {"tier": "A", "days": 7})
                     ).status_code == 200
    assert li.push(li.mutation("cadence_rule", rule_id, {"days": 1})).status_code == 403
    assert li.push(li.mutation("cadence_rule", rule_id, op="delete")).status_code == 403
    assert _rules(app) == [("A", 7)]
    assert [c["fields"]["days"] for c in li.rows().values()
            if c["entity"] == "cadence_rule"] == [7]


def test_cadence_rules_are_validated(app: Flask, world: World) -> None:
    chen = world.login("chen")
    for fields, field in (({"tier": "A", "days": 0}, "days"), ({"tier": "A", "days": 366}, "days"),
                          ({"tier": "D", "days": 10}, "tier")):
        reply = chen.push(chen.mutation("cadence_rule", new_id(), fields))
        assert reply.status_code == 422
        assert reply.get_json()["error"]["field"] == field
    assert chen.push(chen.mutation("cadence_rule", new_id(), {"tier": "A", "days": 10})
                     ).status_code == 200
    second = chen.push(chen.mutation("cadence_rule", new_id(), {"tier": "A", "days": 5}))
    assert second.status_code == 422
    assert "already has a visit cadence" in second.get_json()["error"]["message"]
    assert _rules(app) == [("A", 10)]


def test_entries_logged_before_a_field_existed_pull_with_its_default(app: Flask,
                                                                     world: World) -> None:
    li = world.login("li")
    account_id, _ = world.account(li)
    with app.app_context(), current_state().db.engine.begin() as conn:
        entry = conn.execute(select(change_log).where(change_log.c.row_id == account_id)).one()
        data = {k: v for k, v in entry.data.items() if k != "tier_manual"}
        conn.execute(change_log.update().where(change_log.c.pos == entry.pos)
                     .values(data=data))
    assert li.rows()[("account", account_id)]["fields"]["tier_manual"] is False
    history = li.client.get(f"/api/v1/history/account/{account_id}",
                            headers=li.headers()).get_json()["entries"]
    assert history[-1]["changes"]["tier_manual"] == {"old": None, "new": False}


def test_init_creates_the_default_cadence_once_and_recompute_tiers_runs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    assert main(["--database-url", url, "init"]) == 0
    assert "A every 14 days, B every 30 days, C every 90 days" in capsys.readouterr().out
    assert main(["--database-url", url, "init"]) == 0
    assert "cadence" not in capsys.readouterr().out
    assert main(["--database-url", url, "seed-demo", "--accounts", "6"]) == 0
    capsys.readouterr()
    assert main(["--database-url", url, "recompute-tiers"]) == 0
    assert "0 accounts changed tier" in capsys.readouterr().out  # the seed already did it
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.scalar(select(func.count()).select_from(CadenceRule)) == 3
    finally:
        engine.dispose()
