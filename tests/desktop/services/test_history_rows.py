"""A record's history reads as who changed what, when, on which device."""

from __future__ import annotations

from datetime import datetime

from desktop.services.accounts import save_account
from desktop.services.history import THIS_COMPUTER, history_rows, load_history
from desktop.store import Store
from tests.desktop.conftest import USER_ID


class Source:
    def __init__(self, entries: list[dict]) -> None:  # type: ignore[type-arg]
        self.entries = entries
        self.asked: list[tuple[str, str]] = []

    def history(self, entity: str, row_id: str) -> list[dict]:  # type: ignore[type-arg]
        self.asked.append((entity, row_id))
        return self.entries


def test_history_rows_name_the_person_device_and_both_values(
        crm: Store, account_id: str) -> None:
    save_account(crm, account_id, {"currency": "CNY"})
    entries = [
        {"pos": 7, "at": "2025-03-04T09:30:00", "user_id": USER_ID, "user": None,
         "device_id": crm.device_id,
         "changes": {"annual_revenue_cents": {"old": None, "new": 1_250_000_00},
                     "owner_id": {"old": None, "new": USER_ID}}},
        {"pos": 3, "at": "2025-03-01T08:00:00Z", "user_id": None, "user": None,
         "device_id": None, "changes": {"phone": {"old": "021 1", "new": "021 2"}}},
    ]
    source = Source(entries)
    revenue, owner, phone = load_history(crm, source, "account", account_id)
    assert source.asked == [("account", account_id)]
    assert (revenue.field_label, revenue.old_text, revenue.new_text) == (
        "Annual revenue", "(empty)", "¥1,250,000.00 CNY")
    assert revenue.who == "Li Wei" and revenue.device == THIS_COMPUTER
    assert revenue.at == datetime(2025, 3, 4, 9, 30)
    assert owner.new_text == "Li Wei"
    assert (phone.who, phone.device, phone.old_text) == ("the office", "server", "021 1")


def test_a_record_with_no_changes_has_no_rows(crm: Store, account_id: str) -> None:
    assert history_rows(crm, "account", account_id, []) == []
