"""Validation rules give plain messages and run the same for desktop and server."""

from datetime import date, datetime

import pytest

from shared.rules.validation import validate


def fields_with_problems(entity, values):
    return {p.field for p in validate(entity, values)}


def good_account(**over):
    values = {"name": "安姆科包装(上海)有限公司", "territory_id": "t1", "status": "active",
              "currency": "CNY", "tier": "A", "phone": "+86 21 5555 0100",
              "website": "www.amcor.com", "country": "CN", "annual_revenue_cents": 10_000}
    values.update(over)
    return values


def test_a_complete_account_is_valid():
    assert validate("account", good_account()) == []


@pytest.mark.parametrize("field,value", [
    ("name", "  "), ("tier", "D"), ("status", "gone"), ("phone", "call me"),
    ("website", "not a site"), ("country", "China"), ("annual_revenue_cents", -1),
    ("currency", "XXX"),
])
def test_account_problems_name_the_field(field, value):
    assert field in fields_with_problems("account", good_account(**{field: value}))


def test_messages_are_plain_sentences():
    (problem,) = validate("account", good_account(name=""))
    assert problem.message == "Account name is required."


def test_contact_email_format():
    values = {"name": "王伟", "account_id": "a1", "email": "wang@"}
    assert fields_with_problems("contact", values) == {"email"}


def test_visit_end_before_start_is_refused():
    values = {"account_id": "a", "status": "completed",
              "actual_start": datetime(2026, 12, 1, 10), "actual_end": datetime(2026, 12, 1, 9)}
    assert fields_with_problems("visit", values) == {"actual_end"}


def test_planned_visit_needs_a_time():
    assert fields_with_problems("visit", {"account_id": "a", "status": "planned"}) == {
        "planned_start"}


@pytest.mark.parametrize("probability", [-1, 101, 150])
def test_probability_is_a_percentage(probability):
    values = {"name": "Line 3 retrofit", "account_id": "a", "stage": "proposal",
              "currency": "CNY", "probability": probability}
    assert "probability" in fields_with_problems("opportunity", values)


def test_task_without_account_needs_an_assignee():
    values = {"title": "Call back", "status": "open", "priority": "normal",
              "due_date": date(2026, 12, 2)}
    assert fields_with_problems("task", values) == {"owner_id"}
    assert validate("task", {**values, "owner_id": "u1"}) == []
