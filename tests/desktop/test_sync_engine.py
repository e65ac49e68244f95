"""Sync rounds against an in-memory server: push, pull, cursor, rejections, offline."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.store import Store
from desktop.store.tables import sync_state
from desktop.sync import NetworkError, Progress, SyncEngine
from desktop.sync import engine as engine_module
from shared.models import Account
from tests.desktop.conftest import TERRITORY_ID
from tests.desktop.fakes import FakeApi, FakeServer

ACCOUNT_ID = "0190a000-0000-7000-8000-0000000000a1"
OLD = "001700000000000-00000-server"
NEW = "001700000009999-00000-server"


def _engine(store: Store, server: FakeServer, **options: object) -> SyncEngine:
    options.setdefault("sleep", lambda _s: None)
    return SyncEngine(store, FakeApi(server), **options)  # type: ignore[arg-type]


def _server_account(server: FakeServer, clock: str = OLD, **fields: object) -> None:
    values = {"name": "Hualian", "territory_id": TERRITORY_ID, "currency": "CNY",
              "status": "active", "phone": "+86 21 5555 0100", "city": "上海", **fields}
    server.publish("account", ACCOUNT_ID, values, dict.fromkeys(values, clock))


def _account(store: Store) -> Account:
    with store.read() as session:
        account = session.get(Account, ACCOUNT_ID)
        assert account is not None
        return account


def test_a_bootstrap_pulls_every_page_and_stores_the_cursor(store: Store) -> None:
    server = FakeServer()
    for n in range(5):
        server.publish("account", f"0190a000-0000-7000-8000-00000000010{n}",
                       {"name": f"客户 {n}", "territory_id": TERRITORY_ID, "currency": "CNY",
                        "status": "active"}, {"name": OLD})
    seen: list[Progress] = []
    report = _engine(store, server, pull_limit=2).sync(progress=seen.append)

    assert report.pulled == 5 and server.pulls == [0, 2, 4]
    assert report.changes.entities == {"account"} and report.changes.origin == "sync"
    assert [p.phase for p in seen] == ["bootstrap"] * 3 and seen[-1].done == 5
    status = store.status()
    assert (status.cursor, status.bootstrapped, status.last_error) == (5, True, None)
    assert status.last_sync_at is not None
    _engine(store, server).sync()
    assert server.pulls[-1] == 5  # the next round resumes from the stored cursor


def test_a_page_and_its_cursor_commit_together(store: Store,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeServer()
    _server_account(server)

    def broken_update_state(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(engine_module, "update_state", broken_update_state)
    with pytest.raises(OSError):
        _engine(store, server).sync()
    with store.read() as session:
        assert session.get(Account, ACCOUNT_ID) is None
        assert session.execute(select(sync_state.c.cursor)).scalar() == 0


def test_a_pull_spares_fields_with_unsent_local_edits(store: Store) -> None:
    server = FakeServer()
    _server_account(server)
    engine = _engine(store, server)
    engine.sync()
    with store.write() as session:
        store.record(session, "account", ACCOUNT_ID, {"phone": "+86 21 6666 0000"})
    local_clock = _account(store).clocks["phone"]
    server.offline = True
    with pytest.raises(NetworkError):
        engine.sync()
    server.offline = False
    _server_account(server, NEW, phone="+86 10 1111 2222", city="杭州")
    # pull only: the local phone edit is still on its way
    engine._pull_all(engine_module._Tally(), lambda _p: None, lambda: False)

    account = _account(store)
    assert account.city == "杭州" and account.clocks["city"] == NEW
    assert account.phone == "+86 21 6666 0000" and account.clocks["phone"] == local_clock


def test_pushed_changes_leave_the_outbox_and_the_round_converges(store: Store) -> None:
    server = FakeServer()
    engine = _engine(store, server)
    with store.write() as session:
        new_id = store.record(session, "account", None,
                              {"name": "Hangzhou Tea", "territory_id": TERRITORY_ID})
    report = engine.sync()

    assert report.pushed == 1 and store.outbox() == [] and store.status().pending == 0
    assert server.rows[("account", new_id)]["fields"]["name"] == "Hangzhou Tea"
    assert server.pushes[0][0]["mid"] == 1 and server.pushes[0][0]["op"] == "upsert"


def test_a_rejected_change_is_shown_and_does_not_block_the_others(store: Store) -> None:
    server = FakeServer(refuse=lambda m: "Credit limit needs a manager."
                        if m["fields"].get("name") == "bad" else None)
    engine = _engine(store, server)
    with store.write() as session:
        bad = store.record(session, "account", None, {"name": "bad", "territory_id": TERRITORY_ID})
        good = store.record(session, "account", None, {"name": "ok", "territory_id": TERRITORY_ID})
    report = engine.sync()

    assert (report.pushed, report.rejected) == (1, 1)
    [entry] = store.outbox()
    assert (entry.row_id, entry.state, entry.error_message) == (
        bad, "rejected", "Credit limit needs a manager.")
    assert ("account", good) in server.rows and store.pending_ids("account") == {bad}
    assert (store.status().pending, store.status().rejected) == (0, 1)

    store.discard(entry.mid)  # the server never had it: the local draft goes away
    with store.read() as session:
        assert session.get(Account, bad) is None
    assert store.outbox() == []


def test_discarding_a_rejected_edit_restores_the_server_value(store: Store) -> None:
    server = FakeServer(refuse=lambda m: "No." if m["fields"].get("city") == "X" else None)
    _server_account(server)
    engine = _engine(store, server)
    engine.sync()
    with store.write() as session:
        store.record(session, "account", ACCOUNT_ID, {"city": "X"})
    engine.sync()
    _server_account(server, NEW, city="苏州")
    engine.sync()
    assert _account(store).city == "X"  # still held by the rejected entry

    store.discard(store.outbox()[0].mid)
    account = _account(store)
    assert account.city == "苏州" and account.clocks["city"] == NEW


def test_offline_sync_retries_a_few_times_then_reports_plainly(store: Store) -> None:
    server = FakeServer(offline=True)
    waits: list[float] = []
    engine = _engine(store, server, retries=3, sleep=waits.append)
    with store.write() as session:
        store.record(session, "account", None, {"name": "A", "territory_id": TERRITORY_ID})

    with pytest.raises(NetworkError):
        engine.sync()
    assert waits == [0.5, 1.0, 2.0]
    status = store.status()
    assert status.pending == 1 and "offline" in (status.last_error or "")


def test_the_clock_moves_past_the_servers(store: Store) -> None:
    server = FakeServer(server_hlc="009999999999999-00042-server")
    _engine(store, server).sync()
    assert store.clock.now() > "009999999999999-00042-server"


class _PagingApi(FakeApi):
    """Answers a push that asks for it with the page after it, as the real server does;
    *during_push* runs while the request is on its way (the user editing meanwhile)."""

    def __init__(self, server: FakeServer, during_push: object = None) -> None:
        super().__init__(server)
        self.during_push = during_push

    def push(self, mutations: list[dict[str, object]],
             pull: tuple[int, int] | None = None) -> dict[str, object]:
        if callable(self.during_push):
            self.during_push()
        reply: dict[str, object] = self.server.push(mutations)
        if pull is not None:
            reply["pull"] = self.server.pull(*pull)
        return reply


def test_a_push_is_acknowledged_with_the_page_it_brought_or_not_at_all(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    server = FakeServer()
    _server_account(server)
    engine = SyncEngine(store, _PagingApi(server), sleep=lambda _s: None)
    engine.sync()
    with store.write() as session:
        store.record(session, "account", ACCOUNT_ID, {"phone": "+86 21 6666 0000"})
    server.publish("account", "0190a000-0000-7000-8000-0000000000a2",
                   {"name": "Sinopec", "territory_id": TERRITORY_ID}, {"name": NEW})
    real_apply = engine_module.apply_changes

    def broken_apply(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(engine_module, "apply_changes", broken_apply)
    with pytest.raises(OSError):
        engine.sync()
    assert store.status().pending == 1 and store.status().cursor == 1  # both rolled back
    assert server.rows[("account", ACCOUNT_ID)]["fields"]["phone"] == "+86 21 6666 0000"

    monkeypatch.setattr(engine_module, "apply_changes", real_apply)
    pulls = len(server.pulls)
    report = engine.sync()  # pushed again: the server knows the mid and applies nothing twice
    assert [m["mid"] for m in server.pushes[-1]] == [m["mid"] for m in server.pushes[-2]]
    assert len(server.log) == 3 and report.pushed == 1 and store.outbox() == []
    status = store.status()
    assert (status.pending, status.cursor, status.last_error) == (0, 3, None)
    assert len(server.pulls) == pulls + 1  # the push's page, then one pull that found nothing
    assert _account(store).phone == "+86 21 6666 0000"


def test_edits_made_while_a_push_travels_are_pushed_in_the_same_round(store: Store) -> None:
    server = FakeServer()
    _server_account(server)
    made: list[str] = []

    def edit_meanwhile() -> None:
        if not made:
            with store.write() as session:
                made.append(store.record(session, "account", None, {
                    "name": "Made meanwhile", "territory_id": TERRITORY_ID}))

    engine = SyncEngine(store, _PagingApi(server, edit_meanwhile), sleep=lambda _s: None)
    engine.sync()
    with store.write() as session:
        store.record(session, "account", ACCOUNT_ID, {"phone": "+86 21 6666 0000"})
    report = engine.sync()
    assert report.pushed == 2 and store.outbox() == [] and store.status().pending == 0
    assert ("account", made[0]) in server.rows and len(server.pushes) == 2
