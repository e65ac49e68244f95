"""Messages of the rules: English strings that keep their template and values for the UI."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import datetime, timedelta

from shared.i18n import QT_TRANSLATE_NOOP, Message, exception_message, joined
from shared.rules.duplicates import find_duplicates
from shared.rules.readiness import TripFacts, assess
from shared.rules.validation import validate

NOW = datetime(2025, 3, 10, 9, 0)


def test_a_message_is_its_english_text_and_keeps_template_and_values() -> None:
    message = Message.of(QT_TRANSLATE_NOOP("Messages", "Similar name ({percent} %)"), percent=87)
    assert message == "Similar name (87 %)" and isinstance(message, str)
    assert (message.template, message.values) == ("Similar name ({percent} %)", {"percent": 87})
    assert json.dumps({"reason": message}) == '{"reason": "Similar name (87 %)"}'
    assert f"{message}!" == "Similar name (87 %)!"
    assert Message.of("Never refreshed") == "Never refreshed"


def test_a_message_survives_pickle_and_copy_with_its_nested_values() -> None:
    ago = Message.of("{days} days ago", days=3)
    message = Message.of("Last refreshed {ago}", ago=ago)
    assert message == "Last refreshed 3 days ago"
    for twin in (pickle.loads(pickle.dumps(message)), copy.copy(message), copy.deepcopy(message)):
        assert type(twin) is Message and twin == message
        assert twin.template == "Last refreshed {ago}"
        inner = twin.values["ago"]
        assert type(inner) is Message and (inner.template, inner.values) == (
            "{days} days ago", {"days": 3})


def test_an_exception_carries_its_message_across_a_pickle() -> None:
    error = LookupError(Message.of("This {record} no longer exists on this computer.",
                                   record="task"))
    back = pickle.loads(pickle.dumps(error))
    carried = exception_message(back)
    assert type(carried) is Message and carried.values == {"record": "task"}
    assert str(back) == "This task no longer exists on this computer."
    assert exception_message(ValueError("plain")) == "plain"
    assert exception_message(ValueError("two", "args")) == "('two', 'args')"


def test_joined_parts_stay_translatable_one_by_one() -> None:
    parts = [Message.of("{field} is required.", field="Name"), "Positive", "{not a field}"]
    text = joined(" · ", parts)
    assert text == "Name is required. · Positive · {not a field}"
    assert list(text.values.values()) == parts
    assert joined("{}", ["a", "b"]) == "a{}b"
    assert joined("; ", []) == ""


def test_readiness_reasons_carry_the_age_as_a_message() -> None:
    facts = TripFacts(visit_id="v", account_id="a", account_present=True, contacts=0,
                      open_opportunities=0, visits_known=0,
                      refreshed_at=NOW - timedelta(days=3, hours=2))
    fresh, *plain = assess(facts, NOW).reasons
    assert fresh == "Last refreshed 3 days ago" and fresh.template == "Last refreshed {ago}"
    assert fresh.values["ago"].template == "{days} days ago"
    assert plain == ["No contacts on this laptop", "No earlier visits on this laptop"]
    one_hour = assess(TripFacts("v", "a", True, 1, 0, 1, refreshed_at=NOW - timedelta(hours=1)),
                      NOW, stale_after=timedelta(minutes=30)).reasons
    assert one_hour == ("Last refreshed 1 hour ago",)
    assert one_hour[0].values["ago"].template == "{hours} hour ago"


def test_validation_problems_name_the_field_as_a_value() -> None:
    problems = {p.field: p.message for p in validate("account", {
        "name": " ", "territory_id": "t", "status": "active", "currency": "CNY",
        "website": "not a site", "credit_limit_cents": -1})}
    assert problems["name"] == "Account name is required."
    assert (problems["name"].template, problems["name"].values) == (
        "{field} is required.", {"field": "Account name"})
    assert problems["website"] == "Website does not look right (e.g. www.example.com)."
    assert problems["credit_limit_cents"].values == {"field": "Credit limit"}
    cadence = validate("cadence_rule", {"tier": "A", "days": 0})[0].message
    assert cadence == "A visit cadence must be from 1 to 365 days."
    assert cadence.values == {"max_days": 365}


def test_a_similar_name_reason_keeps_its_percentage() -> None:
    matches = find_duplicates("account", {"name": "上海精密机械有限公司"},
                              [{"id": "x", "name": "上海精密机械制造有限公司"}], threshold=0.5)
    reason = matches[0].reasons[0]
    assert reason.startswith("Similar name (") and reason.template == "Similar name ({percent} %)"
    assert reason == f"Similar name ({reason.values['percent']} %)"
