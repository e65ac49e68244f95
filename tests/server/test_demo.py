"""The demo data set: deterministic, valid, the cast of four, and seeded once."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from sqlalchemy import Engine, func, select

from server.config import FAST_PASSWORD_COST
from server.demo import DEMO_USERS, DemoAlreadySeeded, generate, seed_demo
from server.services.auth import Passwords
from server.services.tiering import recompute_tiers
from server.tables import change_log
from shared.hlc import Clock
from shared.models import Account
from shared.rules.validation import validate
from tests.server.helpers import SCHEMA

TODAY = date(2025, 6, 2)


def test_the_same_seed_gives_the_same_rows() -> None:
    assert list(generate(seed=7, accounts=5, today=TODAY)) == \
        list(generate(seed=7, accounts=5, today=TODAY))
    assert list(generate(seed=7, accounts=5, today=TODAY)) != \
        list(generate(seed=8, accounts=5, today=TODAY))


def test_every_generated_row_is_valid() -> None:
    for entity, values in generate(accounts=60, today=TODAY):
        assert validate(entity, values) == [], (entity, values)


def test_the_demo_mixes_languages_stages_and_due_dates() -> None:
    rows = list(generate(accounts=60, today=TODAY))
    kinds = Counter(entity for entity, _ in rows)
    assert kinds["account"] == 60 and kinds["contact"] == 240 and kinds["visit"] == 600
    names = [v["name"] for e, v in rows if e == "account"]
    assert "安姆科包装(上海)有限公司" in names and "上海华谊精细化工有限公司" in names
    assert any(n.isascii() for n in names) and len(set(names)) == len(names)
    visits = [v for e, v in rows if e == "visit"]
    assert {v["status"] for v in visits} == {"completed", "planned"}
    assert any(v["planned_start"].date() >= TODAY for v in visits if v["status"] == "planned")
    stages = {v["stage"] for e, v in rows if e == "opportunity"}
    assert len(stages) >= 4
    tasks = [v for e, v in rows if e == "task"]
    assert any(t["status"] == "open" and t["due_date"] < TODAY for t in tasks)
    assert any(t["account_id"] is None for t in tasks)


def test_seeding_writes_rows_and_change_log_and_refuses_twice(engine: Engine) -> None:
    passwords = Passwords(FAST_PASSWORD_COST)
    counts = seed_demo(engine, accounts=10, passwords=passwords)
    assert counts["account"] == 10 and counts["user"] == len(DEMO_USERS)
    assert counts["cadence_rule"] == 3
    with engine.connect() as conn:
        others = conn.scalar(select(func.count()).select_from(change_log)
                             .where(change_log.c.entity != "account"))
        logged = conn.scalar(select(func.count()).select_from(change_log)
                             .where(change_log.c.entity == "account"))
    assert others == sum(counts.values()) - counts["account"]
    # the seeded tiers are a guess: the Pareto recompute logged each one it changed
    assert 10 <= logged <= 20
    with engine.begin() as conn:
        assert recompute_tiers(conn, Clock("server"), datetime.now(UTC).date()) == 0
    with pytest.raises(DemoAlreadySeeded):
        seed_demo(engine, accounts=10, passwords=passwords)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Account)) == 10


def test_demo_users_sign_in_and_reps_see_only_their_territory(app: Flask,
                                                              engine: Engine) -> None:
    seed_demo(engine, accounts=30, passwords=Passwords(FAST_PASSWORD_COST))
    client = app.test_client()
    seen = {}
    for username in ("wang.fang", "chen.jing"):
        login = client.post("/api/v1/auth/login", headers=SCHEMA, json={
            "username": username, "password": "fieldcrm",
            "device_id": "0193a000-0000-7000-8000-00000000000" + str(len(seen)),
            "device_name": "laptop"}).get_json()
        page = client.get("/api/v1/sync/pull?limit=10000", headers={
            **SCHEMA, "Authorization": f"Bearer {login['token']}"}).get_json()
        seen[username] = {c["id"] for c in page["changes"] if c["entity"] == "account"}
    assert seen["wang.fang"] and seen["wang.fang"] < seen["chen.jing"]
    assert len(seen["chen.jing"]) == 30
