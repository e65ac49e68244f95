"""A visit's life: plan, start, end with the next step, cancel, reschedule."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop.services.contacts import save_contact
from desktop.services.tasks import my_tasks
from desktop.services.visit_plans import (
    OUTCOMES,
    PURPOSES,
    cancel_visit,
    end_visit,
    plan_visit,
    reschedule_visit,
    start_visit,
    template_label,
)
from desktop.services.visits import get_visit
from desktop.store import Store, ValidationFailed
from shared.models.enums import VisitOutcome

MONDAY_9 = datetime(2025, 3, 10, 1, 0)  # 09:00 in Shanghai, stored as UTC


def test_plan_start_and_end_a_visit_with_its_next_step_in_one_save(
        crm: Store, account_id: str) -> None:
    contact_id, _ = save_contact(crm, None, account_id, {"name": "王芳"})
    visit_id, _ = plan_visit(crm, account_id, MONDAY_9, MONDAY_9 + timedelta(hours=1),
                             [contact_id], "quarterly_review")
    planned = get_visit(crm, visit_id)
    assert planned is not None and planned.status == "planned"
    assert planned.contact_ids == (contact_id,) and planned.purpose == "quarterly_review"

    start_visit(crm, visit_id, MONDAY_9 + timedelta(minutes=10))
    started = get_visit(crm, visit_id)
    assert started is not None and started.status == "in_progress"
    assert started.actual_start == MONDAY_9 + timedelta(minutes=10)

    outbox_before = len(crm.outbox())
    changes = end_visit(crm, visit_id, MONDAY_9 + timedelta(hours=1), VisitOutcome.POSITIVE,
                        "Wants a quote for film line 2", "Send quote", date(2025, 3, 12))
    assert changes.entities == {"visit", "task"}
    assert len(crm.outbox()) == outbox_before + 2
    ended = get_visit(crm, visit_id)
    assert ended is not None and (ended.status, ended.outcome) == ("completed", "positive")
    assert ended.actual_end == MONDAY_9 + timedelta(hours=1)
    [task] = my_tasks(crm, today=date(2025, 3, 10))
    assert (task.title, task.due_date) == ("Send quote", date(2025, 3, 12))


def test_ending_a_visit_that_never_started_stamps_both_times(
        crm: Store, account_id: str) -> None:
    visit_id, _ = plan_visit(crm, account_id, MONDAY_9, None)
    end_visit(crm, visit_id, MONDAY_9, VisitOutcome.NO_SHOW)
    visit = get_visit(crm, visit_id)
    assert visit is not None and visit.actual_start == visit.actual_end == MONDAY_9


def test_an_invalid_next_step_leaves_the_visit_open(crm: Store, account_id: str) -> None:
    visit_id, _ = plan_visit(crm, account_id, MONDAY_9, None)
    with pytest.raises(ValidationFailed):
        end_visit(crm, visit_id, MONDAY_9, None, "", "", date(2025, 3, 12))  # due, no title
    visit = get_visit(crm, visit_id)
    assert visit is not None and visit.status == "planned"


def test_cancel_and_reschedule(crm: Store, account_id: str) -> None:
    visit_id, _ = plan_visit(crm, account_id, MONDAY_9, None)
    cancel_visit(crm, visit_id)
    assert (v := get_visit(crm, visit_id)) is not None and v.status == "cancelled"
    with pytest.raises(ValidationFailed, match="planned visit can be started"):
        start_visit(crm, visit_id, MONDAY_9)
    later = MONDAY_9 + timedelta(days=2)
    reschedule_visit(crm, visit_id, later, later + timedelta(hours=2))
    visit = get_visit(crm, visit_id)
    assert visit is not None and (visit.status, visit.planned_start) == ("planned", later)
    with pytest.raises(ValidationFailed, match="planned end is before"):
        reschedule_visit(crm, visit_id, later, later - timedelta(hours=1))


def test_a_completed_visit_cannot_be_cancelled_or_moved(crm: Store, account_id: str) -> None:
    visit_id, _ = plan_visit(crm, account_id, MONDAY_9, None)
    end_visit(crm, visit_id, MONDAY_9)
    with pytest.raises(ValidationFailed):
        cancel_visit(crm, visit_id)
    with pytest.raises(ValidationFailed):
        reschedule_visit(crm, visit_id, MONDAY_9, None)


def test_templates_have_stable_keys_and_english_labels() -> None:
    assert {t.key for t in OUTCOMES} == {o.value for o in VisitOutcome}
    assert len({t.key for t in PURPOSES}) == len(PURPOSES)
    assert template_label("follow_up") == "Follow-up"
    assert template_label("看样品") == "看样品"  # free text stays as typed
