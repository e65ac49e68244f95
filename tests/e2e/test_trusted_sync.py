"""Deletes, scope changes, rejections, the version window and tombstone purge, each over
a real server process."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, insert, select

from desktop.store.state import utcnow
from desktop.store.tables import outbox
from desktop.sync import ClientTooOld, SyncApi
from desktop.sync.report import sync_report
from server.demo import SOUTH
from server.tables import change_log
from shared.models import ENTITIES, Account, Conflict, Contact, Visit
from tests.e2e.replicas import live_accounts
from tests.e2e.servers import cli
from tests.support.live_server import LiveServer, start_server
from tests.sync.harness import Client, connect, diverged

pytestmark = pytest.mark.e2e
CHILDREN = ("contact", "visit", "opportunity", "task")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    live = start_server(tmp_path, accounts=6)
    yield live
    live.stop()


@pytest.fixture
def team(server: LiveServer, tmp_path: Path) -> Iterator[dict[str, Client]]:
    clients = {name: connect(name, tmp_path / name, url=server.url)
               for name in ("li.wei", "zhang.min", "wang.fang")}
    for client in clients.values():
        client.engine.sync()
    yield clients
    for client in clients.values():
        client.close()


def _get(client: Client, model: type, row_id: str) -> Any:
    with client.store.read() as session:
        return session.get(model, row_id)


def _no_divergence(team: dict[str, Client], tmp_path: Path, url: str) -> None:
    for name, client in team.items():
        assert diverged(client, tmp_path / f"fresh-{name}", url=url) == [], name


def test_an_edit_concurrent_with_a_delete_restores_the_record_with_a_conflict(
        team: dict[str, Client], server: LiveServer, tmp_path: Path) -> None:
    li, zhang = team["li.wei"], team["zhang.min"]
    target = live_accounts(li.store)[0].id
    with zhang.store.write() as session:
        zhang.store.record_delete(session, "account", target)
    with li.store.write() as session:
        li.store.record(session, "account", target, {"city": "苏州"})
    zhang.engine.sync()
    li.engine.sync()
    zhang.engine.sync()

    for client in (li, zhang):
        account = _get(client, Account, target)
        assert not account.deleted and account.city == "苏州"
        with client.store.read() as session:
            fields = set(session.scalars(select(Conflict.field_name).where(
                Conflict.row_id == target)))
        assert "deleted" in fields
    _no_divergence(team, tmp_path, server.url)


def test_children_created_offline_under_a_deleted_account_survive_with_it(
        team: dict[str, Client], server: LiveServer, tmp_path: Path) -> None:
    li, zhang = team["li.wei"], team["zhang.min"]
    target = live_accounts(li.store)[1].id
    with zhang.store.write() as session:
        zhang.store.record_delete(session, "account", target)
    zhang.engine.sync()
    with li.store.write() as session:  # li has not heard of the delete yet
        contact = li.store.record(session, "contact", None, {"account_id": target,
                                                             "name": "王小明"})
        visit = li.store.record(session, "visit", None, {
            "account_id": target, "planned_start": datetime(2026, 3, 2, 10)})
    li.engine.sync()
    zhang.engine.sync()

    for client in (li, zhang):
        assert not _get(client, Account, target).deleted
        assert _get(client, Contact, contact).account_id == target
        assert _get(client, Visit, visit).account_id == target
    _no_divergence(team, tmp_path, server.url)


def test_reassigned_account_takes_offline_edits_along_and_leaves_no_ghost(
        team: dict[str, Client], server: LiveServer, tmp_path: Path) -> None:
    li, zhang, wang = team["li.wei"], team["zhang.min"], team["wang.fang"]
    target = live_accounts(li.store)[0].id
    with li.store.write() as session:  # offline, unaware of what the office is doing
        li.store.record(session, "account", target, {"phone": "+86 21 5555 0177"})
        visit = li.store.record(session, "visit", None, {
            "account_id": target, "planned_start": datetime(2026, 3, 3, 9)})
    moved = cli(server.database_url, "reassign-account", target, "--territory", SOUTH,
                "--by", "chen.jing")
    assert moved.returncode == 0, moved.stderr

    for client in (li, zhang, wang, li):
        client.engine.sync()

    assert li.store.outbox() == []  # nothing li wrote is lost
    assert _get(wang, Account, target).phone == "+86 21 5555 0177"
    assert _get(wang, Visit, visit) is not None
    engine = create_engine(server.database_url)
    try:
        with engine.connect() as conn:
            authors = set(conn.scalars(select(change_log.c.user_id).where(
                change_log.c.row_id.in_([target, visit]),
                change_log.c.device_id == li.store.device_id)))
    finally:
        engine.dispose()
    assert authors == {li.user_id}
    history = wang.api.history("account", target)
    assert any("phone" in e["changes"] and e["user_id"] == li.user_id for e in history)
    for client in (li, zhang):  # gone with every child, on every east device
        assert _get(client, Account, target) is None
        with client.store.read() as session:
            for entity in CHILDREN:
                table = ENTITIES[entity].table
                assert session.execute(select(table.c.id).where(
                    table.c.account_id == target)).first() is None, entity
    _no_divergence(team, tmp_path, server.url)


def test_a_rejected_change_waits_with_its_reason_and_can_be_fixed_or_discarded(
        team: dict[str, Client], server: LiveServer, tmp_path: Path) -> None:
    li, zhang = team["li.wei"], team["zhang.min"]
    first, second = (a.id for a in live_accounts(li.store)[:2])
    with li.store.write() as session:
        for row_id in (first, second):  # an old client that skipped validation
            session.execute(insert(outbox).values(
                entity="account", row_id=row_id, op="upsert", fields={"status": "bogus"},
                base={}, hlc=li.store.clock.now(), state="pending", created_at=utcnow()))
        li.store.record(session, "account", first, {"website": "www.behind.example.cn"})

    report = li.engine.sync()

    refused = li.store.outbox()
    assert report.rejected == 2 and [e.state for e in refused] == ["rejected"] * 2
    assert all(e.error_message and "Traceback" not in e.error_message for e in refused)
    zhang.engine.sync()
    assert _get(zhang, Account, first).website == "www.behind.example.cn"  # not blocked
    with li.store.write() as session:  # fix the first: supersede + corrected write
        assert li.store.supersede(session, refused[0].mid)
        li.store.record(session, "account", first, {"status": "inactive"})
    li.store.discard(refused[1].mid)  # discard the second
    li.engine.sync()
    zhang.engine.sync()

    assert li.store.outbox() == [] and _get(zhang, Account, first).status == "inactive"
    assert _get(li, Account, second).status != "bogus"
    _no_divergence(team, tmp_path, server.url)


def test_tombstones_are_purged_and_a_long_offline_laptop_rebootstraps_keeping_edits(
        team: dict[str, Client], server: LiveServer, tmp_path: Path) -> None:
    li, zhang = team["li.wei"], team["zhang.min"]
    account = live_accounts(li.store)[2].id
    with zhang.store.read() as session:
        doomed = session.scalars(select(Contact.id).where(Contact.account_id == account)).first()
    assert doomed is not None
    with zhang.store.write() as session:
        zhang.store.record_delete(session, "contact", doomed)
    zhang.engine.sync()
    with li.store.write() as session:  # li is away, with an unsynced edit
        li.store.record(session, "account", account, {"city": "无锡"})

    purged = cli(server.database_url, "purge-tombstones", "--retention-days", "0")
    assert purged.returncode == 0, purged.stderr
    li.engine.sync()

    assert li.store.outbox() == [] and _get(li, Contact, doomed) is None
    zhang.engine.sync()
    assert _get(zhang, Account, account).city == "无锡"
    assert _get(zhang, Contact, doomed) is None  # the tombstone itself is gone
    assert "download your territory again" in sync_report(li.store, None)  # re-bootstrapped
    _no_divergence(team, tmp_path, server.url)


def test_the_version_window_lets_old_clients_sync_and_asks_too_old_ones_to_update(
        tmp_path: Path) -> None:
    server = start_server(tmp_path, accounts=3, env={"FIELDCRM_SCHEMA_VERSION": "2",
                                                     "FIELDCRM_MIN_SCHEMA_VERSION": "1"})
    old = connect("li.wei", tmp_path / "li", url=server.url,
                  factory=lambda url: SyncApi(url, schema_version=1))
    try:
        old.engine.sync()  # within [1, 2]: keeps syncing
        target = live_accounts(old.store)[0].id
        with old.store.write() as session:
            old.store.record(session, "account", target, {"city": "南京"})
        server.restart(env={"FIELDCRM_MIN_SCHEMA_VERSION": "2"})

        with pytest.raises(ClientTooOld):
            old.engine.sync()

        status = old.store.status()
        assert status.update_required and status.pending == 1
        assert "update" in (status.last_error or "").lower()
        assert [e.fields for e in old.store.outbox()] == [{"city": "南京"}]
    finally:
        old.close()
        server.stop()
