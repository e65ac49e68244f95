"""Refused changes stay in the outbox with their reason until fixed or discarded."""

from __future__ import annotations

import pytest

from desktop.services.accounts import get_account, save_account
from desktop.services.outbox import discard_change, fix_rejected, outbox_items
from desktop.store import OutboxState, Store
from desktop.sync import SyncEngine
from tests.desktop.fakes import FakeApi, FakeServer

REASON = "Only the key-account team may change this website."


@pytest.fixture
def server() -> FakeServer:
    return FakeServer(refuse=lambda m: REASON if m["fields"].get("website") == "www.bad.cn" else None)


@pytest.fixture
def refused(crm: Store, account_id: str, server: FakeServer) -> int:
    """The account is on the server; then an edit of phone and website is refused."""
    api = FakeApi(server)
    SyncEngine(crm, api).sync()
    save_account(crm, account_id, {"phone": "021 5555 0101", "website": "www.bad.cn"})
    SyncEngine(crm, api).sync()
    [entry] = crm.outbox()
    assert entry.state == OutboxState.REJECTED
    return entry.mid


def test_the_outbox_lists_pending_and_refused_changes_in_order_with_reasons(
        crm: Store, account_id: str, refused: int) -> None:
    save_account(crm, account_id, {"city": "苏州"})
    first, second = outbox_items(crm)
    assert first.mid == refused and first.rejected and first.reason is not None
    assert REASON in first.reason
    assert first.record_name == "上海精密机械有限公司" and first.entity_label == "Account"
    assert first.summary == "Phone: 021 5555 0101; Website: www.bad.cn"
    assert second.state == OutboxState.PENDING and second.summary == "City: 苏州"


def test_a_new_record_is_summarised_as_new(crm: Store, account_id: str) -> None:
    [item] = outbox_items(crm)
    assert item.summary.startswith("New account: Name: 上海精密机械有限公司")


def test_discard_drops_the_change_and_brings_back_the_server_values(
        crm: Store, account_id: str, refused: int) -> None:
    changes = discard_change(crm, refused)
    assert "account" in changes.entities and outbox_items(crm) == []
    account = get_account(crm, account_id)
    assert account is not None and account.phone is None and account.website is None


def test_pending_changes_cannot_be_discarded(crm: Store, account_id: str) -> None:
    [item] = outbox_items(crm)
    with pytest.raises(LookupError):
        discard_change(crm, item.mid)
    assert len(outbox_items(crm)) == 1


def test_fix_replaces_the_refused_change_with_one_carrying_every_field(
        crm: Store, account_id: str, refused: int, server: FakeServer) -> None:
    fix_rejected(crm, refused, {"website": "www.jingmi.cn", "phone": "021 5555 0101"})
    [entry] = crm.outbox()
    assert entry.mid != refused and entry.state == OutboxState.PENDING
    assert entry.fields == {"phone": "021 5555 0101", "website": "www.jingmi.cn"}
    SyncEngine(crm, FakeApi(server)).sync()
    assert crm.outbox() == []
    row = server.rows[("account", account_id)]["fields"]
    assert (row["phone"], row["website"]) == ("021 5555 0101", "www.jingmi.cn")


def test_fix_of_a_refused_create_makes_the_record_again(crm: Store, server: FakeServer) -> None:
    new_id, _ = save_account(crm, None, {"name": "Suzhou Optics", "website": "www.bad.cn"})
    SyncEngine(crm, FakeApi(server)).sync()
    [refused] = [e for e in crm.outbox() if e.state == OutboxState.REJECTED]
    fix_rejected(crm, refused.mid, {"website": "www.optics.cn"})
    [entry] = [e for e in crm.outbox() if e.row_id == new_id]
    assert entry.fields["name"] == "Suzhou Optics" and entry.fields["website"] == "www.optics.cn"
    assert get_account(crm, new_id).website == "www.optics.cn"  # type: ignore[union-attr]
