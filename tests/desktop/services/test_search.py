"""Ctrl+K search: any substring of any record, Chinese included, always up to date."""

from __future__ import annotations

from datetime import datetime

from desktop.services.accounts import save_account
from desktop.services.contacts import save_contact
from desktop.services.opportunities import save_opportunity
from desktop.services.search import SearchResults, search
from desktop.services.visits import VisitDraft, log_visit
from desktop.store import Store
from desktop.sync import SyncEngine
from tests.desktop.conftest import TERRITORY_ID
from tests.desktop.fakes import FakeApi, FakeServer

AMCOR_ID = "0190a000-0000-7000-8000-0000000000a1"
CLOCK = "001700000000000-00000-server"


def titles(results: SearchResults, kind: str) -> list[str]:
    return [hit.title for group in results.groups if group.kind == kind for hit in group.hits]


def sync_from(crm: Store, server: FakeServer) -> None:
    SyncEngine(crm, FakeApi(server), sleep=lambda _s: None).sync()  # type: ignore[arg-type]


def publish_amcor(server: FakeServer, **fields: object) -> None:
    values = {"name": "安姆科包装(上海)有限公司", "territory_id": TERRITORY_ID,
              "currency": "CNY", "status": "active", "tier_manual": False, **fields}
    server.publish("account", AMCOR_ID, values, dict.fromkeys(values, CLOCK))


def test_chinese_substrings_of_three_two_and_one_characters_find_the_company(
        crm: Store) -> None:
    save_account(crm, None, {"name": "安姆科包装(上海)有限公司", "city": "上海",
                             "territory_id": TERRITORY_ID})
    save_account(crm, None, {"name": "华东精密机械", "territory_id": TERRITORY_ID})
    for query in ("包装", "安姆", "科", "安姆科包装(上海)"):
        assert titles(search(crm, query), "account") == ["安姆科包装(上海)有限公司"], query
    assert search(crm, "不存在的公司").empty


def test_english_substrings_match_in_any_case_across_kinds(crm: Store, account_id: str) -> None:
    save_contact(crm, None, account_id, {"name": "Fang Wang", "email": "fang.wang@amcor.example",
                                         "title": "Purchasing Manager"})
    save_opportunity(crm, None, account_id, {"name": "Amcor film line 2026"})
    log_visit(crm, VisitDraft(account_id=account_id, purpose="Quarterly review",
                              notes="Discussed the AMCOR tender", actual_start=datetime(2025, 3, 4)))
    results = search(crm, "amcor")
    assert [g.kind for g in results.groups] == ["contact", "opportunity", "visit"]
    assert titles(results, "contact") == ["Fang Wang"]
    assert titles(results, "visit") == ["Quarterly review"]
    [visit_hit] = results.groups[2].hits
    assert visit_hit.account_id == account_id
    assert titles(search(crm, "PURCHASING"), "contact") == ["Fang Wang"]


def test_a_local_edit_is_searchable_at_once_and_the_old_text_is_gone(
        crm: Store, account_id: str) -> None:
    save_account(crm, account_id, {"name": "希悦尔包装", "phone": "+86 21 6666 0123"})
    assert titles(search(crm, "希悦尔"), "account") == ["希悦尔包装"]
    assert titles(search(crm, "6666 0123"), "account") == ["希悦尔包装"]
    assert search(crm, "精密机械").empty


def test_a_pulled_change_is_searchable_as_soon_as_the_page_is_applied(crm: Store) -> None:
    server = FakeServer()
    publish_amcor(server)
    sync_from(crm, server)
    assert titles(search(crm, "包装"), "account") == ["安姆科包装(上海)有限公司"]
    publish_amcor(server, name="Amcor Flexibles 安姆科软包装")
    sync_from(crm, server)
    assert titles(search(crm, "flexibles"), "account") == ["Amcor Flexibles 安姆科软包装"]
    assert search(crm, "(上海)").empty


def test_deleted_and_evicted_records_disappear_from_results(crm: Store) -> None:
    server = FakeServer()
    publish_amcor(server)
    sync_from(crm, server)
    contact_id, _ = save_contact(crm, None, AMCOR_ID, {"name": "王芳"})
    assert titles(search(crm, "王芳"), "contact") == ["王芳"]
    with crm.write() as session:
        crm.record_delete(session, "contact", contact_id)
    assert search(crm, "王芳").empty
    server.log.append({"pos": len(server.log) + 1, "entity": "account", "id": AMCOR_ID,
                       "evicted": True, "deleted": False, "fields": {}, "clocks": {}})
    sync_from(crm, server)
    assert search(crm, "安姆科").empty and search(crm, "包装").empty


def test_wildcards_typed_by_the_user_are_plain_characters(crm: Store) -> None:
    save_account(crm, None, {"name": "100% Cotton Co", "territory_id": TERRITORY_ID})
    save_account(crm, None, {"name": "1000 Cotton Co", "territory_id": TERRITORY_ID})
    assert titles(search(crm, "0%"), "account") == ["100% Cotton Co"]
    assert titles(search(crm, "0% c"), "account") == ["100% Cotton Co"]


def test_results_are_capped_per_kind_with_name_matches_first(crm: Store) -> None:
    for n in range(12):
        save_account(crm, None, {"name": f"上海{n:02d}号仓库", "territory_id": TERRITORY_ID})
    save_account(crm, None, {"name": "仓库管理公司", "city": "上海", "territory_id": TERRITORY_ID})
    [group] = search(crm, "上海", limit_per_kind=5).groups
    assert len(group.hits) == 5
    assert all(hit.title.startswith("上海") for hit in group.hits)
