"""Exactly once over a real server process: lost request, lost response, duplicated
request, retry after a timeout, and the server killed between commit and reply."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from desktop.sync import NetworkError
from tests.e2e.replicas import live_accounts
from tests.support.live_server import LiveServer, start_server
from tests.sync.harness import Client, Fault, connect, diverged, log_entries

pytestmark = pytest.mark.e2e


def _work(client: Client) -> None:
    """Three offline writes: a create, an edit and a delete."""
    first, second = (a.id for a in live_accounts(client.store)[:2])
    with client.store.write() as session:
        client.store.record(session, "contact", None, {"account_id": first, "name": "王小明"})
        client.store.record(session, "account", second, {"city": "苏州"})
        client.store.record(session, "task", None, {"account_id": first, "title": "Call"})
    with client.store.write() as session:
        [task] = [e for e in client.store.outbox() if e.entity == "task"]
        client.store.record_delete(session, "task", task.row_id)


def _assert_once(client: Client, database_url: str, mutations: list[tuple[str, str, str]],
                 data_dir: Path) -> None:
    engine = create_engine(database_url)
    try:
        logged = log_entries(engine, client.store.device_id)
    finally:
        engine.dispose()
    assert client.store.outbox() == []  # no lost mutation
    assert [logged.get(m, 0) for m in mutations] == [1] * len(mutations)  # none twice
    assert sum(logged.values()) == len(mutations)
    assert diverged(client, data_dir, url=client.api.base_url) == []


def _outbox_keys(client: Client) -> list[tuple[str, str, str]]:
    from sqlalchemy import select

    from desktop.store.tables import outbox
    with client.store.read() as session:
        return [(r.entity, r.row_id, r.hlc) for r in session.execute(
            select(outbox).order_by(outbox.c.mid))]


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server for the fault cases; each case uses its own device, so counts are its own."""
    server = start_server(tmp_path_factory.mktemp("exactly-once"), accounts=4)
    yield server
    server.stop()


@pytest.mark.parametrize("fault", [Fault.LOST_REQUEST, Fault.LOST_RESPONSE, Fault.DUPLICATE,
                                   Fault.TIMEOUT])
def test_a_push_fault_neither_loses_nor_repeats_a_change(fault: str, tmp_path: Path,
                                                         shared_server: LiveServer) -> None:
    url = shared_server.database_url
    client = connect("li.wei", tmp_path / "li", url=shared_server.url)
    try:
        client.engine.sync()
        _work(client)
        mutations = _outbox_keys(client)
        client.api.fault = fault

        client.engine.sync()  # the engine retries after the fault

        _assert_once(client, url, mutations, tmp_path / "fresh")
    finally:
        client.close()


def test_a_server_killed_between_commit_and_reply_applies_the_push_once(
        tmp_path: Path) -> None:
    server = start_server(tmp_path, accounts=4, env={"FIELDCRM_FAULT_EXIT_AFTER_COMMIT": "1"})
    url = server.database_url
    client = connect("li.wei", tmp_path / "li", url=server.url, retries=0)
    try:
        client.engine.sync()  # a pull only: nothing is pushed yet
        _work(client)
        mutations = _outbox_keys(client)

        with pytest.raises(NetworkError):
            client.engine.sync()
        assert server.wait_exit() == 70  # committed, then gone before replying
        assert len(client.store.outbox()) == len(mutations)  # the client cannot know yet

        server.restart(env={"FIELDCRM_FAULT_EXIT_AFTER_COMMIT": ""})  # same database, port
        client.engine.sync()

        assert set(client.api.ledger.statuses.values()) == {"duplicate"}
        _assert_once(client, url, mutations, tmp_path / "fresh")
    finally:
        client.close()
        server.stop()
