"""A rep resolves conflicts: keep mine, keep theirs or merge; each is a synced change."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services.accounts import get_account, save_account
from desktop.services.conflicts import (
    ConflictResolution,
    default_merge,
    open_conflicts,
    resolve_conflict,
)
from desktop.services.opportunities import save_opportunity
from desktop.store import Store, ValidationFailed
from desktop.store.outbox import acknowledge
from shared.models import Conflict, User
from tests.desktop.conftest import SERVER_CLOCK, TERRITORY_ID, USER_ID

OTHER_ID = "0190a000-0000-7000-8000-000000000003"
THEIR_CLOCK = "001741082400000-00000-0190a000-0000-7000-8000-00000000dev2"


def _conflict(store: Store, entity: str, row_id: str, name: str, kept: object,
              lost: object, cid: str = "0190a000-0000-7000-8000-00000000c001") -> str:
    """A race the server decided: *kept* is on the record (by a colleague), mine *lost*."""
    with store.write() as session:
        if session.get(User, OTHER_ID) is None:
            session.add(User(id=OTHER_ID, username="zhang.min", display_name="Zhang Min",
                             role="rep", active=True, clocks={}, deleted=False))
        session.add(Conflict(
            id=cid, entity=entity, row_id=row_id, field_name=name, policy="lww",
            winning_value=kept, losing_value=lost, winning_hlc=THEIR_CLOCK,
            losing_hlc=SERVER_CLOCK, winner_user_id=OTHER_ID, loser_user_id=USER_ID,
            territory_id=TERRITORY_ID, status="open", clocks={"status": SERVER_CLOCK},
            deleted=False))
    return cid


@pytest.fixture
def synced(crm: Store, account_id: str) -> str:
    """The account as the server has it (phone kept by Zhang Min), nothing pending."""
    save_account(crm, account_id, {"phone": "021 1111", "notes": "Prefers email."})
    with crm.write() as session:
        acknowledge(session, [e.mid for e in crm.outbox()])
    return _conflict(crm, "account", account_id, "phone", "021 1111", "021 2222")


def test_the_inbox_says_whose_value_is_whose_and_when(crm: Store, synced: str) -> None:
    [row] = open_conflicts(crm)
    assert (row.field_label, row.mine.text, row.theirs.text) == ("Phone", "021 2222", "021 1111")
    assert row.mine.user_name == "Li Wei" and row.theirs.user_name == "Zhang Min"
    assert row.theirs.at is not None and row.theirs.at.year == 2025
    assert row.mine is row.overridden and not row.mergeable  # phone numbers are not prose


def test_keep_mine_writes_my_value_and_resolves_in_one_synced_change(
        crm: Store, account_id: str, synced: str) -> None:
    changes = resolve_conflict(crm, synced, ConflictResolution.KEEP_MINE)
    assert {"conflict", "account"} <= changes.entities
    assert get_account(crm, account_id).phone == "021 2222"  # type: ignore[union-attr]
    assert open_conflicts(crm) == []
    entries = {e.entity: e for e in crm.outbox()}
    assert entries["account"].fields == {"phone": "021 2222"}
    assert entries["conflict"].fields == {"status": "resolved", "resolution": "keep_mine",
                                          "resolved_by": USER_ID}


def test_keep_theirs_leaves_the_record_and_only_resolves(
        crm: Store, account_id: str, synced: str) -> None:
    resolve_conflict(crm, synced, "keep_theirs")
    assert get_account(crm, account_id).phone == "021 1111"  # type: ignore[union-attr]
    [entry] = crm.outbox()
    assert entry.entity == "conflict" and entry.fields["resolution"] == "keep_theirs"


def test_merge_both_stores_the_edited_text(crm: Store, account_id: str, synced: str) -> None:
    resolve_conflict(crm, synced, "keep_theirs")
    cid = _conflict(crm, "account", account_id, "notes", "Prefers email.", "Call after 3pm.",
                    "0190a000-0000-7000-8000-00000000c002")
    [row] = open_conflicts(crm)
    assert default_merge(row) == "Prefers email.\nCall after 3pm."
    resolve_conflict(crm, cid, ConflictResolution.MERGED, "Prefers email; call after 3pm.")
    assert get_account(crm, account_id).notes == "Prefers email; call after 3pm."  # type: ignore[union-attr]
    assert crm.outbox()[-1].fields["resolution"] == "merged"


def test_choices_cannot_be_merged_and_nothing_changes(
        crm: Store, account_id: str, synced: str) -> None:
    resolve_conflict(crm, synced, "keep_theirs")
    before = len(crm.outbox())
    cid = _conflict(crm, "account", account_id, "tier", "A", "B",
                    "0190a000-0000-7000-8000-00000000c003")
    with pytest.raises(ValidationFailed):
        resolve_conflict(crm, cid, ConflictResolution.MERGED, "A and B")
    assert len(crm.outbox()) == before and len(open_conflicts(crm)) == 1


def test_a_resolved_conflict_cannot_be_resolved_again(crm: Store, synced: str) -> None:
    resolve_conflict(crm, synced, "keep_mine")
    with pytest.raises(LookupError):
        resolve_conflict(crm, synced, "keep_theirs")


def test_amounts_show_their_currency_and_dates_their_format(
        crm: Store, account_id: str) -> None:
    deal_id, _ = save_opportunity(crm, None, account_id, {"name": "CNC", "currency": "USD"})
    _conflict(crm, "opportunity", deal_id, "amount_cents", 12_500_000, 9_900_000)
    _conflict(crm, "opportunity", deal_id, "expected_close", "2025-06-30", "2025-07-15",
              "0190a000-0000-7000-8000-00000000c004")
    texts = {r.field_label: (r.mine.text, r.theirs.text) for r in open_conflicts(crm)}
    assert texts["Amount"] == ("$99,000.00 USD", "$125,000.00 USD")
    assert texts["Expected close"] == ("2025-07-15", "2025-06-30")
    [row] = [r for r in open_conflicts(crm) if r.field_name == "expected_close"]
    assert row.mine.value == date(2025, 7, 15) and not row.mergeable
