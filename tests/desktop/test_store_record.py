"""A rep's local edits: the row and its outbox entry are written together or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.store import Store, ValidationFailed
from desktop.store import recording as recording_module
from shared.hlc import Timestamp, parse
from shared.models import Account
from tests.desktop.conftest import TERRITORY_ID


def _account(store: Store, **values: object) -> str:
    with store.write() as session:
        return store.record(session, "account", None,
                            {"name": "上海华联 Shanghai Hualian", "territory_id": TERRITORY_ID,
                             **values})


def test_creating_an_account_writes_the_row_and_one_outbox_entry(store: Store) -> None:
    account_id = _account(store, phone="+86 21 5555 0100")

    with store.read() as session:
        account = session.get(Account, account_id)
        assert account is not None and account.currency == "CNY"
    [entry] = store.outbox()
    assert (entry.entity, entry.row_id, entry.op, entry.state) == (
        "account", account_id, "upsert", "pending")
    assert entry.fields["phone"] == "+86 21 5555 0100"
    assert entry.fields["status"] == "active"  # model defaults travel with a create
    assert set(account.clocks) == set(entry.fields)
    assert store.pending_ids("account") == {account_id}


def test_an_edit_sends_only_the_changed_field_with_the_clock_it_replaced(store: Store) -> None:
    account_id = _account(store)
    with store.read() as session:
        created_clock = session.get(Account, account_id).clocks["name"]
    with store.write() as session:
        store.record(session, "account", account_id, {"name": "Hualian Group", "city": None})

    entry = store.outbox()[-1]
    assert entry.fields == {"name": "Hualian Group"}
    with store.read() as session:
        outbox_base = session.execute(select(recording_module.outbox.c.base)
                                      .where(recording_module.outbox.c.mid == entry.mid)).scalar()
        assert outbox_base == {"name": created_clock}
        assert session.get(Account, account_id).clocks["name"] > created_clock


def test_saving_without_changes_queues_nothing(store: Store) -> None:
    account_id = _account(store, city="上海")
    with store.write() as session:
        store.record(session, "account", account_id, {"city": "上海"})
    assert len(store.outbox()) == 1


def test_a_failure_half_way_leaves_neither_row_nor_outbox_entry(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_append(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(recording_module, "_append", broken_append)
    with pytest.raises(OSError):
        _account(store)
    with store.read() as session:
        assert session.scalars(select(Account)).all() == []
    assert store.outbox() == []


def test_invalid_values_are_refused_with_plain_reasons_and_change_nothing(store: Store) -> None:
    with pytest.raises(ValidationFailed) as refused:
        _account(store, name="  ", phone="call me")
    assert {p.field for p in refused.value.problems} == {"name", "phone"}
    assert "Account name is required." in str(refused.value)
    with store.read() as session:
        assert session.scalars(select(Account)).all() == []
    assert store.outbox() == [] and store.status().pending == 0


def test_server_only_fields_and_records_are_refused(store: Store) -> None:
    with pytest.raises(ValidationFailed, match="on the server"):
        with store.write() as session:
            store.record(session, "user", None, {"username": "x", "display_name": "X"})
    with pytest.raises(ValidationFailed, match="has no field"):
        _account(store, colour="red")
    with pytest.raises(ValidationFailed, match="longer than"):
        _account(store, phone="1" * 41)
    assert store.outbox() == []


def test_deleting_leaves_a_tombstone_and_queues_a_delete(store: Store) -> None:
    account_id = _account(store)
    with store.write() as session:
        store.record_delete(session, "account", account_id)
    with store.read() as session:
        assert session.get(Account, account_id).deleted is True
    entry = store.outbox()[-1]
    assert (entry.op, entry.row_id) == ("delete", account_id)


def test_the_clock_never_goes_back_across_a_restart(replica_path: Path, store: Store) -> None:
    future = Timestamp(parse(store.clock.now()).wall_ms + 3_600_000, 7, "server").encode()
    store.clock.receive(future)
    _account(store)
    last_written = store.outbox()[-1]
    device = store.device_id
    store.close()

    reopened = Store.open(replica_path)
    try:
        assert reopened.device_id == device
        assert reopened.clock.now() > future
        with reopened.write() as session:
            reopened.record(session, "account", last_written.row_id, {"city": "杭州"})
        with reopened.read() as session:
            assert session.get(Account, last_written.row_id).clocks["city"] > future
    finally:
        reopened.close()


def test_status_counts_pending_changes(store: Store) -> None:
    _account(store)
    _account(store)
    status = store.status()
    assert (status.pending, status.rejected, status.bootstrapped) == (2, 0, False)


def test_a_nested_write_is_refused_instead_of_hanging(store: Store) -> None:
    with pytest.raises(RuntimeError, match="must not be nested"):
        with store.write(), store.write():
            pass
    _account(store)  # the store still takes writes afterwards
    assert store.status().pending == 1
