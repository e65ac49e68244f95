"""Customer 360: the header figures and the timeline, newest first, filterable."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop.services.accounts import save_account
from desktop.services.opportunities import save_opportunity
from desktop.services.timeline import TimelineKind, account_header, account_timeline
from desktop.services.visit_plans import plan_visit
from desktop.services.visits import VisitDraft, log_visit
from desktop.store import Store

NOW = datetime(2025, 3, 10, 8, 0)


def test_the_header_sums_open_pipeline_by_currency_and_counts_open_tasks(
        crm: Store, account_id: str) -> None:
    log_visit(crm, VisitDraft(account_id=account_id, actual_start=NOW - timedelta(days=12),
                              next_step_title="Send quote", next_step_due=date(2025, 3, 1)))
    plan_visit(crm, account_id, NOW + timedelta(days=2), None)
    for name, stage, cents, currency in (("Film", "proposal", 500_00, "CNY"),
                                         ("Trays", "prospecting", 250_00, "CNY"),
                                         ("Labels", "negotiation", 100_00, "USD"),
                                         ("Old win", "won", 999_00, "CNY")):
        save_opportunity(crm, None, account_id, {"name": name, "stage": stage,
                                                 "amount_cents": cents, "currency": currency})
    header = account_header(crm, account_id, NOW)
    assert header is not None
    assert (header.name, header.tier, header.owner_name) == ("上海精密机械有限公司", "A", "Li Wei")
    assert header.days_since_last_visit == 12
    assert header.next_planned_visit == NOW + timedelta(days=2)
    assert header.open_pipeline_cents == (("CNY", 750_00), ("USD", 100_00))
    assert header.open_tasks == 1


def test_a_never_visited_account_has_no_last_visit(crm: Store) -> None:
    new_id, _ = save_account(crm, None, {"name": "新客户"})
    header = account_header(crm, new_id, NOW)
    assert header is not None
    assert header.last_visit_at is None and header.days_since_last_visit is None
    assert account_header(crm, "no-such-account", NOW) is None


def test_the_timeline_mixes_kinds_newest_first_and_filters(
        crm: Store, account_id: str) -> None:
    log_visit(crm, VisitDraft(account_id=account_id, purpose="Intro",
                              actual_start=NOW - timedelta(days=30)))
    log_visit(crm, VisitDraft(account_id=account_id, purpose="Review",
                              actual_start=NOW - timedelta(days=2),
                              next_step_title="Call back", next_step_due=date(2025, 3, 9)))
    save_account(crm, account_id, {"notes": "Prefers WeChat"})
    items = account_timeline(crm, account_id)
    whens = [i.when for i in items]
    assert whens == sorted(whens, reverse=True)
    kinds = {i.kind for i in items}
    assert {TimelineKind.VISIT, TimelineKind.TASK, TimelineKind.NOTE} <= kinds
    visits = account_timeline(crm, account_id, {"visit"})
    assert [i.title for i in visits] == ["Review", "Intro"]
    assert account_timeline(crm, "no-such-account") == []
