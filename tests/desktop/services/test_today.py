"""The Today screen: visits today and this week, tasks due, accounts due by cadence."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop.services.times import from_local
from desktop.services.today import today as today_view
from desktop.services.visit_plans import cancel_visit, end_visit, plan_visit
from desktop.services.visits import VisitDraft, log_visit
from desktop.store import Store
from shared.models import CadenceRule
from tests.desktop.conftest import TERRITORY_ID

TODAY = date(2025, 3, 10)


def local(day: date, hour: int) -> datetime:
    stored = from_local(datetime(day.year, day.month, day.day, hour))
    assert stored is not None
    return stored


NOW = local(TODAY, 8)


def account(crm: Store, name: str, tier: str | None, created: date) -> str:
    with crm.write() as session:  # created_at as a pull would bring it
        return crm.record(session, "account", None, {
            "name": name, "tier": tier, "territory_id": TERRITORY_ID,
            "created_at": local(created, 12)})


def test_visits_of_today_and_the_week_without_cancelled_ones(
        crm: Store, account_id: str) -> None:
    morning, _ = plan_visit(crm, account_id, local(TODAY, 9), None, purpose="follow_up")
    thursday, _ = plan_visit(crm, account_id, local(TODAY + timedelta(days=3), 14), None)
    dropped, _ = plan_visit(crm, account_id, local(TODAY + timedelta(days=1), 10), None)
    plan_visit(crm, account_id, local(TODAY + timedelta(days=9), 10), None)  # too far
    cancel_visit(crm, dropped)
    view = today_view(crm, TODAY, NOW)
    assert [v.id for v in view.planned_today] == [morning]
    assert view.planned_today[0].account_name == "上海精密机械有限公司"
    assert [v.id for v in view.planned_this_week] == [thursday]


def test_overdue_and_due_today_tasks(crm: Store, account_id: str) -> None:
    for title, due in (("late", TODAY - timedelta(days=2)), ("now", TODAY),
                       ("later", TODAY + timedelta(days=1))):
        log_visit(crm, VisitDraft(account_id=account_id, actual_start=NOW - timedelta(days=1),
                                  next_step_title=title, next_step_due=due))
    view = today_view(crm, TODAY, NOW)
    assert [t.title for t in view.overdue_tasks] == ["late"]
    assert [t.title for t in view.due_today_tasks] == ["now"]


def test_cadence_uses_the_defaults_and_the_last_completed_visit(crm: Store) -> None:
    old = TODAY - timedelta(days=200)
    visited_a = account(crm, "A recently visited", "A", old)
    overdue_a = account(crm, "A visited 20 days ago", "A", old)
    never_b = account(crm, "B never visited", "B", old)
    new_c = account(crm, "C new customer", "C", TODAY - timedelta(days=10))
    account(crm, "no tier", None, old)
    log_visit(crm, VisitDraft(account_id=visited_a, actual_start=NOW - timedelta(days=3)))
    log_visit(crm, VisitDraft(account_id=overdue_a, actual_start=NOW - timedelta(days=20)))
    planned, _ = plan_visit(crm, overdue_a, NOW - timedelta(days=1), None)  # never happened
    view = today_view(crm, TODAY, NOW)
    assert view.cadence_table == {"A": 14, "B": 30, "C": 90}
    lines = {line.account.id: line.due for line in view.cadence_due}
    assert set(lines) == {overdue_a, never_b, new_c}  # never visited: always listed
    assert (lines[overdue_a].days_since, lines[overdue_a].days_overdue) == (20, 6)
    assert lines[never_b].days_since is None and lines[never_b].days_overdue == 170
    assert lines[new_c].days_overdue == 0
    assert [line.account.id for line in view.cadence_due] == [never_b, overdue_a, new_c]
    end_visit(crm, planned, NOW)  # visiting today takes it off the list
    assert overdue_a not in {line.account.id for line in today_view(crm, TODAY, NOW).cadence_due}


def test_a_synced_cadence_table_replaces_the_defaults(crm: Store) -> None:
    visited = account(crm, "A visited 20 days ago", "A", TODAY - timedelta(days=200))
    log_visit(crm, VisitDraft(account_id=visited, actual_start=NOW - timedelta(days=20)))
    with crm.write() as session:  # as a pull would bring the manager's table
        session.add(CadenceRule(id="0190a000-0000-7000-8000-00000000ca01", tier="A", days=30,
                                clocks={}, deleted=False))
    view = today_view(crm, TODAY, NOW)
    assert view.cadence_table == {"A": 30}
    assert view.cadence_due == ()
