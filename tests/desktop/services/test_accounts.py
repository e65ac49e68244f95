"""A rep finds, opens and edits the accounts of the territory."""

from __future__ import annotations

import pytest

from desktop.services.accounts import count_accounts, get_account, list_accounts, save_account
from desktop.store import Store, ValidationFailed
from tests.desktop.conftest import TERRITORY_ID, USER_ID


def _add(store: Store, name: str, **values: object) -> str:
    return save_account(store, None, {"name": name, **values})[0]


def test_search_finds_chinese_and_english_substrings_in_name_city_or_phone(crm: Store) -> None:
    _add(crm, "上海精密机械有限公司", city="上海", phone="+86 21 5555 0100")
    _add(crm, "Hangzhou Tea Traders", city="杭州", tier="B")
    _add(crm, "Ningbo Port Logistics", city="宁波", phone="+86 574 8888 0001")

    assert [a.name for a in list_accounts(crm, "精密")] == ["上海精密机械有限公司"]
    assert [a.name for a in list_accounts(crm, "tea")] == ["Hangzhou Tea Traders"]
    assert [a.name for a in list_accounts(crm, "杭州")] == ["Hangzhou Tea Traders"]
    assert [a.name for a in list_accounts(crm, "8888")] == ["Ningbo Port Logistics"]
    assert [a.name for a in list_accounts(crm, tier="B")] == ["Hangzhou Tea Traders"]
    assert count_accounts(crm) == 3 and count_accounts(crm, "%") == 0


def test_list_pages_by_name(crm: Store) -> None:
    for i in range(25):
        _add(crm, f"Account {i:02d}")
    first = list_accounts(crm, limit=10)
    second = list_accounts(crm, limit=10, offset=10)
    assert [a.name for a in first][:2] == ["Account 00", "Account 01"]
    assert second[0].name == "Account 10"
    assert len(list_accounts(crm, limit=10, offset=20)) == 5


def test_new_account_lands_in_my_territory_owned_by_me_and_pending(crm: Store) -> None:
    account_id, changes = save_account(crm, None, {"name": "Suzhou Optics"})
    account = get_account(crm, account_id)
    assert account is not None
    assert (account.territory_id, account.owner_id) == (TERRITORY_ID, USER_ID)
    assert account.owner_name == "Li Wei" and account.pending
    assert changes.entities == {"account"} and account_id in changes.ids
    assert list_accounts(crm)[0].pending


def test_edit_queues_only_the_changed_field(crm: Store, account_id: str) -> None:
    before = len(crm.outbox())
    _, changes = save_account(crm, account_id, {"name": "上海精密机械有限公司", "phone": "021 5555 0101"})
    assert changes.entities == {"account"}
    entry = crm.outbox()[-1]
    assert len(crm.outbox()) == before + 1 and set(entry.fields) == {"phone"}


def test_saving_unchanged_values_changes_nothing(crm: Store, account_id: str) -> None:
    before = len(crm.outbox())
    _, changes = save_account(crm, account_id, {"name": "上海精密机械有限公司", "city": "上海"})
    assert not changes and len(crm.outbox()) == before


def test_invalid_edit_is_refused_with_plain_words_and_nothing_changes(
        crm: Store, account_id: str) -> None:
    before = len(crm.outbox())
    with pytest.raises(ValidationFailed) as failed:
        save_account(crm, account_id, {"name": "  ", "phone": "call me"})
    assert {p.field for p in failed.value.problems} == {"name", "phone"}
    assert "Account name is required." in [p.message for p in failed.value.problems]
    account = get_account(crm, account_id)
    assert account is not None and account.name == "上海精密机械有限公司"
    assert len(crm.outbox()) == before
