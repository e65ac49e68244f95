"""The pipeline board: stage columns with totals, moving a deal, the filtered list."""

from __future__ import annotations

from datetime import date

from desktop.services.accounts import save_account
from desktop.services.opportunities import get_opportunity, save_opportunity
from desktop.services.pipeline import STAGE_ORDER, board, move_opportunity, opportunity_list
from desktop.services.timeline import TimelineKind, account_timeline
from desktop.store import Store
from shared.models.enums import OpportunityStage
from tests.desktop.conftest import TERRITORY_ID, USER_ID


def deal(crm: Store, account_id: str, name: str, **values: object) -> str:
    new_id, _ = save_opportunity(crm, None, account_id, {"name": name, **values})
    return new_id


def test_every_stage_in_order_with_count_total_and_weighted_total(
        crm: Store, account_id: str) -> None:
    deal(crm, account_id, "Film line", stage="proposal", amount_cents=1_000_000,
         probability=50, currency="CNY")
    deal(crm, account_id, "Labels", stage="proposal", amount_cents=200_000, probability=25,
         currency="USD")
    deal(crm, account_id, "Trays", stage="proposal", amount_cents=300_000, probability=50,
         currency="CNY")
    columns = board(crm)
    assert [c.stage for c in columns] == list(STAGE_ORDER)
    proposal = columns[STAGE_ORDER.index(OpportunityStage.PROPOSAL)]
    assert proposal.count == 3
    assert proposal.total_cents_by_currency == (("CNY", 1_300_000), ("USD", 200_000))
    assert proposal.weighted_cents_by_currency == (("CNY", 650_000), ("USD", 50_000))
    assert columns[0].count == 0 and columns[0].total_cents_by_currency == ()


def test_moving_a_deal_is_a_synced_change_and_shows_in_the_timeline(
        crm: Store, account_id: str) -> None:
    film = deal(crm, account_id, "Film line", stage="qualification", probability=25)
    custom = deal(crm, account_id, "Custom odds", stage="qualification", probability=40)
    before = len(crm.outbox())
    assert move_opportunity(crm, film, OpportunityStage.PROPOSAL).entities == {"opportunity"}
    assert len(crm.outbox()) == before + 1
    moved = get_opportunity(crm, film)
    assert moved is not None and (moved.stage, moved.probability) == ("proposal", 50)
    move_opportunity(crm, custom, "negotiation")
    kept = get_opportunity(crm, custom)
    assert kept is not None and kept.probability == 40  # chosen by hand: kept
    move_opportunity(crm, custom, "won")
    won = get_opportunity(crm, custom)
    assert won is not None and won.probability == 100
    assert not move_opportunity(crm, custom, "won")  # no change, nothing to sync
    stage_items = account_timeline(crm, account_id, {TimelineKind.STAGE_CHANGE})
    # The replica knows each deal's current stage and when it was set (see timeline.py).
    assert sorted((i.title, i.record_id) for i in stage_items) == sorted(
        [("Moved to proposal", film), ("Moved to won", custom)])


def test_the_list_filters_by_owner_stage_close_month_and_tier(
        crm: Store, account_id: str) -> None:
    other, _ = save_account(crm, None, {"name": "小客户", "tier": "C",
                                        "territory_id": TERRITORY_ID})
    deal(crm, account_id, "March A", expected_close=date(2025, 3, 20))
    deal(crm, account_id, "April A", expected_close=date(2025, 4, 2), stage="proposal")
    deal(crm, other, "March C", expected_close=date(2025, 3, 5))
    names = [c.name for c in opportunity_list(crm, close_month=date(2025, 3, 1))]
    assert names == ["March C", "March A"]
    assert [c.name for c in opportunity_list(crm, tier="A")] == ["March A", "April A"]
    assert [c.name for c in opportunity_list(crm, stage="proposal")] == ["April A"]
    assert len(opportunity_list(crm, owner_id=USER_ID)) == 3
    assert opportunity_list(crm, owner_id="someone-else") == []
    december = board(crm, close_month=date(2025, 12, 1))
    assert sum(c.count for c in december) == 0
