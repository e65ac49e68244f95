"""Two reps of one territory edit offline, sync against the real server, and converge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from desktop.store.state import utcnow
from desktop.store.tables import outbox
from shared.models import Account, Conflict
from tests.e2e.replicas import Client, connect, differences, dump, live_accounts

pytestmark = pytest.mark.e2e


@pytest.fixture
def reps(live_server: Any, tmp_path: Path) -> Iterator[tuple[Client, Client]]:
    li = connect(live_server.url, "li.wei", tmp_path / "li")
    zhang = connect(live_server.url, "zhang.min", tmp_path / "zhang")
    li.engine.sync()
    zhang.engine.sync()
    yield li, zhang
    li.close()
    zhang.close()


def _edit(client: Client, account_id: str, **values: object) -> None:
    with client.store.write() as session:
        client.store.record(session, "account", account_id, values)


def _account(client: Client, account_id: str) -> Account:
    with client.store.read() as session:
        account = session.get(Account, account_id)
        assert account is not None
        return account


def _assert_matches_server(client: Client, url: str, data_dir: Path) -> None:
    """A fresh device of the same user, bootstrapped from 0, holds the server's view."""
    fresh = connect(url, client.username, data_dir)
    try:
        fresh.engine.sync()
        assert differences(dump(client.store), dump(fresh.store)) == []
    finally:
        fresh.close()


def test_offline_edits_of_two_reps_merge_field_by_field_and_converge(
        reps: tuple[Client, Client], live_server: Any, tmp_path: Path) -> None:
    li, zhang = reps
    shared_ids = [a.id for a in live_accounts(li.store)]
    assert shared_ids and shared_ids == [a.id for a in live_accounts(zhang.store)]
    first, second = shared_ids[0], shared_ids[1]

    # offline: different fields of one account, and the same field of another
    _edit(li, first, phone="+86 21 5555 0101")
    _edit(zhang, first, city="苏州")
    _edit(li, second, industry="Retail (Li)")
    _edit(zhang, second, industry="Logistics (Zhang)")  # later clock: wins under LWW
    with li.store.write() as session:
        created = li.store.record(session, "contact", None,
                                  {"account_id": first, "name": "王小明 Wang Xiaoming"})

    for client in (li, zhang, li, zhang):
        client.engine.sync()

    for client in (li, zhang):
        assert client.store.status().pending == 0
        assert _account(client, first).phone == "+86 21 5555 0101"
        assert _account(client, first).city == "苏州"
        assert _account(client, second).industry == "Logistics (Zhang)"
        with client.store.read() as session:
            conflicts = session.scalars(select(Conflict).where(
                Conflict.row_id == second, Conflict.field_name == "industry")).all()
            assert [(c.losing_value, c.winning_value) for c in conflicts] == [
                ("Retail (Li)", "Logistics (Zhang)")]
            assert session.execute(select(Account.id).where(Account.id == first)).scalar()
    assert created in {r for r in dump(zhang.store)["contact"]}
    assert dump(li.store)["account"] == dump(zhang.store)["account"]
    _assert_matches_server(li, live_server.url, tmp_path / "fresh-li")
    _assert_matches_server(zhang, live_server.url, tmp_path / "fresh-zhang")


def test_a_refused_change_is_shown_and_does_not_block_the_next_one(
        reps: tuple[Client, Client], live_server: Any, tmp_path: Path) -> None:
    li, zhang = reps
    target = live_accounts(li.store)[0].id
    with li.store.write() as session:  # an old or buggy client that skipped validation
        session.execute(insert(outbox).values(
            entity="account", row_id=target, op="upsert", fields={"status": "bogus"},
            base={}, hlc=li.store.clock.now(), state="pending",
            created_at=utcnow()))
    _edit(li, target, website="www.hualian.example.cn")

    report = li.engine.sync()

    assert (report.rejected, report.pushed) == (1, 1)
    [refused] = li.store.outbox()
    assert refused.state == "rejected" and refused.error_message
    assert "Traceback" not in refused.error_message and "status" in refused.error_message.lower()
    zhang.engine.sync()
    assert _account(zhang, target).website == "www.hualian.example.cn"
    assert _account(zhang, target).status != "bogus"

    li.store.discard(refused.mid)
    li.engine.sync()
    assert li.store.status().rejected == 0 and li.store.outbox() == []
    _assert_matches_server(li, live_server.url, tmp_path / "fresh-li")
