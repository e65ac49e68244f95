"""Issue 3 client behaviours against an in-memory server: evictions, re-bootstrap, update
required, supersede, the sync report and its error log."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from desktop.store import Store
from desktop.store.migrate import head_revision
from desktop.store.tables import evictions
from desktop.sync import ClientTooOld, ResyncRequired, SyncEngine, SyncError
from desktop.sync.engine import _Tally
from desktop.sync.report import sync_report
from shared.models import Account, Contact, Visit
from tests.desktop.conftest import TERRITORY_ID
from tests.desktop.fakes import FakeApi, FakeServer

ACCOUNT_ID = "0190a000-0000-7000-8000-0000000000a1"
CONTACT_ID = "0190a000-0000-7000-8000-0000000000c1"
OLD = "001700000000000-00000-server"


class ScriptedServer(FakeServer):
    """A FakeServer that can refuse a pull with an error once, or evict rows."""

    pull_error: Exception | None = None
    push_error: Exception | None = None
    gone: frozenset[str] = frozenset()  # rows now outside this user's scope

    def evict(self, entity: str, row_id: str) -> None:
        self.gone = self.gone | {row_id}
        self.log.append({"pos": len(self.log) + 1, "entity": entity, "id": row_id,
                         "evicted": True, "deleted": False, "fields": {}, "clocks": {}})

    def publish(self, entity: str, row_id: str, fields: dict[str, Any],
                clocks: dict[str, str], deleted: bool = False) -> None:
        super().publish(entity, row_id, fields, clocks, deleted)
        if row_id in self.gone:  # logged under the new territory: this user never sees it
            self.log[-1] = {**self.log[-1], "entity": "not-for-this-user"}

    def pull(self, after: int, limit: int) -> dict[str, Any]:
        if self.pull_error is not None:
            error, self.pull_error = self.pull_error, None
            raise error
        return super().pull(after, limit)

    def push(self, mutations: list[dict[str, Any]],
             pull: tuple[int, int] | None = None) -> dict[str, Any]:
        if self.push_error is not None:
            raise self.push_error
        return super().push(mutations, pull)


def _engine(store: Store, server: FakeServer) -> SyncEngine:
    return SyncEngine(store, FakeApi(server), sleep=lambda _s: None)  # type: ignore[arg-type]


def _seed(server: FakeServer) -> None:
    server.publish("account", ACCOUNT_ID, {"name": "Hualian", "territory_id": TERRITORY_ID,
                                           "currency": "CNY", "status": "active"},
                   {"name": OLD})
    server.publish("contact", CONTACT_ID, {"account_id": ACCOUNT_ID, "name": "Wang", "is_primary": False},
                   {"name": OLD})


def _get(store: Store, model: type, row_id: str) -> Any:
    with store.read() as session:
        return session.get(model, row_id)


def test_an_evicted_account_leaves_the_replica_with_its_children(store: Store) -> None:
    server = ScriptedServer()
    _seed(server)
    engine = _engine(store, server)
    engine.sync()
    with store.write() as session:  # a visit created offline, pushed before the eviction
        visit = store.record(session, "visit", None, {"account_id": ACCOUNT_ID, "status": "cancelled"})
    engine.sync()
    server.evict("account", ACCOUNT_ID)

    report = engine.sync()

    assert _get(store, Account, ACCOUNT_ID) is None
    assert _get(store, Contact, CONTACT_ID) is None and _get(store, Visit, visit) is None
    assert ACCOUNT_ID in report.changes.ids


def test_an_evicted_row_with_pending_edits_stays_until_they_are_acknowledged(
        store: Store) -> None:
    server = ScriptedServer()
    _seed(server)
    engine = _engine(store, server)
    engine.sync()
    with store.write() as session:
        store.record(session, "account", ACCOUNT_ID, {"city": "苏州"})
    server.evict("account", ACCOUNT_ID)
    engine._pull_all(_Tally(), lambda _p: None, lambda: False)  # a pull before the push
    assert _get(store, Account, ACCOUNT_ID).city == "苏州"  # still on its way
    assert _get(store, Contact, CONTACT_ID) is None

    engine.sync()

    assert server.rows[("account", ACCOUNT_ID)]["fields"]["city"] == "苏州"
    assert _get(store, Account, ACCOUNT_ID) is None and store.outbox() == []
    with store.read() as session:
        assert session.execute(select(evictions)).all() == []


def test_a_rejected_edit_does_not_keep_an_evicted_row_but_stays_readable(
        store: Store) -> None:
    server = ScriptedServer(refuse=lambda m: "Not your territory any more."
                            if m["fields"].get("city") else None)
    _seed(server)
    engine = _engine(store, server)
    engine.sync()
    with store.write() as session:
        store.record(session, "account", ACCOUNT_ID, {"city": "苏州"})
    server.evict("account", ACCOUNT_ID)

    engine.sync()

    assert _get(store, Account, ACCOUNT_ID) is None
    [entry] = store.outbox()
    assert entry.state == "rejected" and entry.error_message == "Not your territory any more."
    store.discard(entry.mid)
    assert store.outbox() == [] and _get(store, Account, ACCOUNT_ID) is None


def test_resync_required_rebootstraps_and_keeps_the_outbox(store: Store) -> None:
    server = ScriptedServer()
    _seed(server)
    purged = "0190a000-0000-7000-8000-0000000000a9"
    server.publish("account", purged, {"name": "Gone", "territory_id": TERRITORY_ID,
                                       "currency": "CNY", "status": "active"}, {"name": OLD},
                   deleted=True)
    engine = _engine(store, server)
    engine.sync()
    server.log = [c for c in server.log if c["id"] != purged]  # the tombstone was purged
    with store.write() as session:
        store.record(session, "contact", CONTACT_ID, {"title": "Buyer"})
        stray = store.record(session, "account", None, {"name": "Mine",
                                                        "territory_id": TERRITORY_ID})
    server.offline = True
    with pytest.raises(SyncError):
        engine.sync()
    server.offline = False
    server.push_error = None
    server.pull_error = ResyncRequired("gone")

    engine.sync()

    assert server.pulls[-1] == 0 and _get(store, Account, purged) is None
    status = store.status()
    assert status.bootstrapped and status.cursor == len(server.log) and status.pending == 0
    assert server.rows[("contact", CONTACT_ID)]["fields"]["title"] == "Buyer"
    assert _get(store, Account, stray) is not None and _get(store, Contact, CONTACT_ID).title \
        == "Buyer"
    assert "download your territory again" in sync_report(store, None)


def test_a_too_old_app_is_told_to_update_and_keeps_its_outbox(store: Store) -> None:
    server = ScriptedServer()
    server.push_error = ClientTooOld("too old")
    engine = _engine(store, server)
    with store.write() as session:
        store.record(session, "account", None, {"name": "A", "territory_id": TERRITORY_ID})

    with pytest.raises(ClientTooOld):
        engine.sync()
    status = store.status()
    assert status.update_required and status.pending == 1
    assert "too old" in (status.last_error or "")

    server.push_error = None
    engine.sync()
    assert not store.status().update_required and store.status().pending == 0


def test_supersede_drops_a_rejected_entry_for_the_corrected_write(store: Store) -> None:
    server = ScriptedServer(refuse=lambda m: "City must be real."
                            if m["fields"].get("city") == "X" else None)
    _seed(server)
    engine = _engine(store, server)
    engine.sync()
    with store.write() as session:
        store.record(session, "account", ACCOUNT_ID, {"city": "X"})
    engine.sync()
    [refused] = store.outbox()

    with store.write() as session:
        assert store.supersede(session, refused.mid)
        store.record(session, "account", ACCOUNT_ID, {"city": "苏州"})
    engine.sync()

    assert store.outbox() == [] and _get(store, Account, ACCOUNT_ID).city == "苏州"
    assert server.rows[("account", ACCOUNT_ID)]["fields"]["city"] == "苏州"
    with store.write() as session:
        assert not store.supersede(session, 999)  # not a rejected entry: nothing happens


def test_the_sync_report_names_versions_rejections_and_recent_errors(store: Store) -> None:
    server = ScriptedServer(refuse=lambda m: "Name is too short." if m["fields"].get("name")
                            == "x" else None)
    engine = _engine(store, server)
    with store.write() as session:
        store.record(session, "account", None, {"name": "x", "territory_id": TERRITORY_ID})
    engine.sync()
    server.offline = True
    for _ in range(25):
        with pytest.raises(SyncError):
            engine.sync()

    text = sync_report(store, "http://crm.test:8080")

    assert "Server: http://crm.test:8080" in text and f"Device id: {store.device_id}" in text
    assert "Sync schema version: 1" in text and f"Replica schema revision: {head_revision()}" in text
    assert "Rejected changes: 1" in text and "Name is too short." in text
    assert "Recent sync errors (20):" in text and "Cannot reach the FieldCRM server" in text
    assert "tok-" not in text and "Traceback" not in text
