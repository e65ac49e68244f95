"""Tombstone purge: old deleted records go with their log entries; stale cursors must resync."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from server.cli import main
from server.db import create_db_engine, session_factory, write_transaction
from server.services.purge import DAY_MS, PurgeReport, purge_tombstones
from server.services.users import create_territory
from server.state import current_state
from server.tables import change_log
from shared.hlc import Clock, Timestamp
from shared.ids import new_id
from shared.models import Account
from tests.server.helpers import World, stored

RESYNC = ("This laptop was offline longer than the server keeps deleted records; FieldCRM "
          "will download your territory again. Your unsynced changes are kept.")


def purge(app: Flask, retention_days: int = 30, days_later: int = 31) -> PurgeReport:
    """Purge as if *days_later* days had passed."""
    later = time.time_ns() // 1_000_000 + days_later * DAY_MS
    with app.app_context():
        with write_transaction(current_state().db.sessions()) as session:
            return purge_tombstones(session, retention_days, now_ms=lambda: later)


def log_entries(app: Flask, row_id: str) -> int:
    with app.app_context():
        with current_state().db.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(change_log)
                                   .where(change_log.c.row_id == row_id)) or 0)


def deleted_account_with_contact(world: World) -> tuple[str, str]:
    li = world.login("li")
    account_id, contact_id = new_id(), new_id()
    li.push(li.mutation("account", account_id, {"name": "Gone Co", "territory_id": world.east}),
            li.mutation("contact", contact_id, {"account_id": account_id, "name": "刘洋"}))
    li.push(li.mutation("contact", contact_id, op="delete"),
            li.mutation("account", account_id, op="delete"))
    return account_id, contact_id


def test_old_tombstones_and_their_log_entries_are_removed(world: World) -> None:
    account_id, contact_id = deleted_account_with_contact(world)
    report = purge(world.app)
    assert report.rows == {"account": 1, "contact": 1}
    assert stored(world.app, "account", account_id) is None
    assert stored(world.app, "contact", contact_id) is None
    assert log_entries(world.app, account_id) == log_entries(world.app, contact_id) == 0
    assert report.log_entries == 4 and report.purged_through > 0


def test_recent_tombstones_and_live_rows_stay(world: World) -> None:
    account_id, contact_id = deleted_account_with_contact(world)
    live_id, _ = world.account(world.login("li"), name="Live Co")
    report = purge(world.app, retention_days=30, days_later=29)
    assert report.rows == {} and report.purged_through == 0
    assert stored(world.app, "account", account_id)["deleted"] is True
    purge(world.app)
    assert stored(world.app, "account", live_id)["deleted"] is False


def test_a_deleted_account_with_a_live_contact_is_kept(world: World) -> None:
    li = world.login("li")
    account_id, contact_id = new_id(), new_id()
    li.push(li.mutation("account", account_id, {"name": "Parent Co", "territory_id": world.east}),
            li.mutation("contact", contact_id, {"account_id": account_id, "name": "陈晨"}))
    li.push(li.mutation("account", account_id, op="delete"))
    assert stored(world.app, "account", account_id)["deleted"] is True
    report = purge(world.app)
    assert report.rows == {}
    assert stored(world.app, "contact", contact_id)["deleted"] is False


def test_a_cursor_below_the_purge_must_resync_and_zero_always_works(world: World) -> None:
    zhang = world.login("zhang")
    early = zhang.pull().get_json()["cursor"]
    deleted_account_with_contact(world)
    report = purge(world.app)
    reply = zhang.pull(early)
    assert reply.status_code == 410
    assert reply.get_json()["error"] == {"code": "resync_required", "message": RESYNC}
    assert zhang.pull(0).status_code == 200
    assert zhang.pull(report.purged_through).status_code == 200


def _old_tombstone(url: str, days_ago: int) -> str:
    """An account deleted *days_ago* days ago, written straight into the store."""
    engine = create_db_engine(url)
    try:
        with write_transaction(session_factory(engine)()) as session:
            territory = create_territory(session, Clock("server"), f"T{days_ago}")
            deleted_at = Timestamp(time.time_ns() // 1_000_000 - days_ago * DAY_MS, 0, "server")
            account = Account(id=new_id(), name="Old Co", territory_id=territory.id,
                              deleted=True, clocks={"deleted": deleted_at.encode()})
            session.add(account)
            return account.id
    finally:
        engine.dispose()


def test_the_command_purges_with_the_configured_window(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    assert main(["--database-url", url, "init"]) == 0
    old_id, recent_id = _old_tombstone(url, 40), _old_tombstone(url, 10)
    capsys.readouterr()
    monkeypatch.setenv("FIELDCRM_TOMBSTONE_RETENTION_DAYS", "20")
    assert main(["--database-url", url, "purge-tombstones"]) == 0
    assert "purged 1 records deleted more than 20 days ago" in capsys.readouterr().out
    assert _accounts(url) == {recent_id}
    assert old_id not in _accounts(url)
    assert main(["--database-url", url, "purge-tombstones", "--retention-days", "5"]) == 0
    assert _accounts(url) == set()
    assert main(["--database-url", url, "purge-tombstones", "--retention-days", "-1"]) == 1
    err = capsys.readouterr().err
    assert "cannot be negative" in err and "Traceback" not in err


def _accounts(url: str) -> set[str]:
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            return set(conn.scalars(select(Account.id)))
    finally:
        engine.dispose()


def test_positions_removed_by_a_purge_are_never_handed_out_again(world: World) -> None:
    zhang = world.login("zhang")
    deleted_account_with_contact(world)  # its delete is the newest log entry
    seen_head = zhang.pull().get_json()["cursor"]
    report = purge(world.app)
    assert report.purged_through == seen_head
    li = world.login("li")
    account_id, _ = world.account(li, name="After The Purge Co")
    page = zhang.pull(seen_head).get_json()
    assert [c["id"] for c in page["changes"]] == [account_id]
    assert page["changes"][0]["pos"] > report.purged_through
