"""Trip readiness: before the train, is everything for the coming visits on this laptop?"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete

from desktop.services.contacts import save_contact
from desktop.services.readiness import trip_readiness
from desktop.services.times import from_local
from desktop.services.visit_plans import plan_visit
from desktop.services.visits import VisitDraft, log_visit
from desktop.store import Store
from desktop.store.state import update_state
from shared.models import Account
from shared.rules.readiness import ReadinessLevel

NOW = from_local(datetime(2025, 3, 10, 8, 0))
assert NOW is not None


def synced(crm: Store, at: datetime) -> None:
    with crm.write() as session:
        update_state(session, last_sync_at=at)


def test_nothing_planned_is_green(crm: Store) -> None:
    report = trip_readiness(crm, NOW)
    assert report.level == ReadinessLevel.GREEN and report.lines == ()


def test_a_prepared_account_refreshed_this_morning_is_green(
        crm: Store, account_id: str) -> None:
    save_contact(crm, None, account_id, {"name": "王芳"})
    log_visit(crm, VisitDraft(account_id=account_id, actual_start=NOW - timedelta(days=30)))
    visit_id, _ = plan_visit(crm, account_id, NOW + timedelta(days=1), None)
    synced(crm, NOW - timedelta(hours=1))
    report = trip_readiness(crm, NOW)
    [line] = report.lines
    assert line.visit.id == visit_id and report.level == ReadinessLevel.GREEN
    assert line.facts.contacts == 1 and line.facts.visits_known == 1
    assert report.refreshed_at == NOW - timedelta(hours=1)


def test_no_contacts_and_a_stale_replica_are_amber_with_reasons(
        crm: Store, account_id: str) -> None:
    plan_visit(crm, account_id, NOW + timedelta(days=2), None)
    synced(crm, NOW - timedelta(days=3))
    report = trip_readiness(crm, NOW)
    assert report.level == ReadinessLevel.AMBER
    [line] = report.lines
    assert "No contacts on this laptop" in line.readiness.reasons
    assert "Last refreshed 3 days ago" in line.readiness.reasons


def test_a_visit_whose_account_is_missing_is_red_and_later_visits_are_left_out(
        crm: Store, account_id: str) -> None:
    plan_visit(crm, account_id, NOW + timedelta(hours=3), None)
    plan_visit(crm, account_id, NOW + timedelta(days=6), None)  # beyond the 3 days
    with crm.write() as session:  # as if the account never reached this laptop
        session.execute(delete(Account).where(Account.id == account_id))
    report = trip_readiness(crm, NOW, days=3)
    assert report.level == ReadinessLevel.RED
    [line] = report.lines
    assert line.readiness.reasons == ("The account is not on this laptop",)
