"""The pipeline, and conflicts shown with the record's name and who lost."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services.conflicts import count_open_conflicts, open_conflicts
from desktop.services.opportunities import (
    count_opportunities,
    list_opportunities,
    opportunities_of,
    save_opportunity,
)
from desktop.services.users import user_names
from desktop.store import Store, ValidationFailed
from shared.models import Conflict
from tests.desktop.conftest import SERVER_CLOCK, TERRITORY_ID, USER_ID


def test_opportunities_filter_by_stage_and_show_their_account(
        crm: Store, account_id: str) -> None:
    save_opportunity(crm, None, account_id, {"name": "CNC line", "stage": "proposal",
                                             "amount_cents": 50_000_000,
                                             "expected_close": date(2025, 6, 30)})
    save_opportunity(crm, None, account_id, {"name": "Spare parts"})
    assert count_opportunities(crm) == 2
    [proposal] = list_opportunities(crm, stage="proposal")
    assert proposal.account_name == "上海精密机械有限公司" and proposal.currency == "CNY"
    assert proposal.amount_cents == 50_000_000 and proposal.pending
    assert [o.name for o in opportunities_of(crm, account_id)] == ["CNC line", "Spare parts"]


def test_probability_out_of_range_is_refused(crm: Store, account_id: str) -> None:
    with pytest.raises(ValidationFailed) as failed:
        save_opportunity(crm, None, account_id, {"name": "Big deal", "probability": 140})
    assert failed.value.problems[0].field == "probability"
    assert list_opportunities(crm) == []


def test_open_conflicts_name_the_record_and_the_loser(crm: Store, account_id: str) -> None:
    with crm.write() as session:
        session.add(Conflict(
            id="0190a000-0000-7000-8000-00000000c001", entity="account", row_id=account_id,
            field_name="phone", policy="lww", winning_value="021 1111", losing_value="021 2222",
            winning_hlc=SERVER_CLOCK, losing_hlc=SERVER_CLOCK, loser_user_id=USER_ID,
            territory_id=TERRITORY_ID, status="open", clocks={}, deleted=False))
    [conflict] = open_conflicts(crm)
    assert conflict.record_name == "上海精密机械有限公司"
    assert (conflict.winning_value, conflict.losing_value) == ("021 1111", "021 2222")
    assert conflict.loser_name == "Li Wei" and count_open_conflicts(crm) == 1
    assert user_names(crm)[USER_ID] == "Li Wei"
