"""Logging a visit with its next step, and working through the follow-up tasks."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop.services.contacts import contacts_of, save_contact
from desktop.services.tasks import complete_task, my_tasks
from desktop.services.visits import VisitDraft, log_visit, visits_of
from desktop.store import Store, ValidationFailed
from shared.models.enums import VisitOutcome

NOW = datetime(2025, 3, 4, 9, 30)


def test_visit_with_next_step_creates_the_task_in_the_same_save(
        crm: Store, account_id: str) -> None:
    contact_id, _ = save_contact(crm, None, account_id, {"name": "王芳", "title": "采购经理"})
    changes = log_visit(crm, VisitDraft(
        account_id=account_id, purpose="Quarterly review", notes="Wants a quote",
        outcome=VisitOutcome.POSITIVE, actual_start=NOW, actual_end=NOW + timedelta(hours=1),
        contact_ids=(contact_id,), next_step_title="Send quote",
        next_step_due=date(2025, 3, 11)))
    assert changes.entities == {"visit", "task"}
    [visit] = visits_of(crm, account_id)
    assert visit.purpose == "Quarterly review" and visit.contact_ids == (contact_id,)
    assert visit.pending and visit.outcome == "positive"
    [task] = my_tasks(crm, today=date(2025, 3, 5))
    assert (task.title, task.due_date, task.account_name) == (
        "Send quote", date(2025, 3, 11), "上海精密机械有限公司")
    assert not task.overdue
    assert [c.name for c in contacts_of(crm, account_id)] == ["王芳"]


def test_invalid_next_step_stores_neither_visit_nor_task(crm: Store, account_id: str) -> None:
    before = len(crm.outbox())
    with pytest.raises(ValidationFailed) as failed:
        log_visit(crm, VisitDraft(account_id=account_id, actual_start=NOW,
                                  next_step_title="", next_step_due=date(2025, 3, 11)))
    assert failed.value.problems[0].message == "Task title is required."
    assert visits_of(crm, account_id) == [] and len(crm.outbox()) == before


def test_visit_without_account_is_refused(crm: Store) -> None:
    with pytest.raises(ValidationFailed) as failed:
        log_visit(crm, VisitDraft(account_id="", actual_start=NOW))
    assert [p.field for p in failed.value.problems] == ["account_id"]


def test_tasks_come_by_due_date_overdue_flagged_and_leave_when_done(
        crm: Store, account_id: str) -> None:
    for title, due in (("later", date(2025, 4, 1)), ("late", date(2025, 2, 1)),
                       ("someday", None)):
        log_visit(crm, VisitDraft(account_id=account_id, actual_start=NOW,
                                  next_step_title=title, next_step_due=due))
    tasks = my_tasks(crm, today=date(2025, 3, 5))
    assert [(t.title, t.overdue) for t in tasks] == [
        ("late", True), ("later", False), ("someday", False)]
    changes = complete_task(crm, tasks[0].id)
    assert changes.entities == {"task"}
    assert [t.title for t in my_tasks(crm, today=date(2025, 3, 5))] == ["later", "someday"]
    assert not complete_task(crm, tasks[0].id)  # done already: nothing more to sync
