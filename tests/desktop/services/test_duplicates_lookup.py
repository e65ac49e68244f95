"""Before creating an account or contact, the likely duplicates already on this laptop."""

from __future__ import annotations

import pytest

from desktop.services.accounts import save_account
from desktop.services.contacts import save_contact
from desktop.services.duplicates import likely_duplicates, name_probes
from desktop.store import Store
from tests.desktop.conftest import TERRITORY_ID


def new_account(crm: Store, name: str, **values: object) -> str:
    new_id, _ = save_account(crm, None, {"name": name, "territory_id": TERRITORY_ID, **values})
    return new_id


def test_a_similar_chinese_company_name_is_offered(crm: Store) -> None:
    amcor = new_account(crm, "安姆科包装(上海)有限公司")
    new_account(crm, "华东精密机械")
    [line] = likely_duplicates(crm, "account", {"name": "安姆科包装有限公司"})
    assert line.record.id == amcor and line.record.name == "安姆科包装(上海)有限公司"
    assert line.match.score == 1.0


def test_an_english_name_with_another_legal_suffix_is_offered(crm: Store) -> None:
    amcor = new_account(crm, "Amcor Packaging (Shanghai) Co., Ltd.")
    [line] = likely_duplicates(crm, "account", {"name": "AMCOR PACKAGING LIMITED"})
    assert line.record.id == amcor


def test_the_same_phone_written_differently_is_a_duplicate(crm: Store) -> None:
    hualian = new_account(crm, "华联超市", phone="+86 21 5555 0199")
    [line] = likely_duplicates(crm, "account", {"name": "完全不同", "phone": "021-5555-0199"})
    assert line.record.id == hualian and line.match.reasons == ("Same phone number",)
    assert likely_duplicates(crm, "account", {"name": "完全不同", "phone": "021-5555-0198"}) == []


def test_contacts_match_by_email_anywhere_and_by_name_at_the_same_account(
        crm: Store, account_id: str) -> None:
    other = new_account(crm, "别的公司")
    wang, _ = save_contact(crm, None, account_id, {"name": "王芳",
                                                   "email": "Wang.Fang@amcor.example"})
    save_contact(crm, None, other, {"name": "王芳"})
    by_name = likely_duplicates(crm, "contact", {"name": "王 芳", "account_id": account_id})
    assert [line.record.id for line in by_name] == [wang]
    by_email = likely_duplicates(crm, "contact", {"name": "Fang", "account_id": other,
                                                  "email": "wang.fang@AMCOR.example"})
    assert [line.record.id for line in by_email] == [wang]
    assert by_email[0].record.account_id == account_id


def test_only_accounts_and_contacts_are_checked(crm: Store) -> None:
    with pytest.raises(ValueError):
        likely_duplicates(crm, "visit", {"name": "x"})  # type: ignore[arg-type]
    assert name_probes("") == []
