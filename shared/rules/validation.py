"""Validation of a record's values, with plain messages a rep can act on.

``validate(entity, values)`` takes the full state a record would have after a save
(Python values, as the models hold them) and returns the problems found; an empty
list means the record may be stored. The desktop runs it before writing the replica,
the server again before accepting a push.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from shared.i18n import QT_TRANSLATE_NOOP, Message
from shared.models.enums import (
    CURRENCIES,
    AccountStatus,
    ConflictStatus,
    OpportunityStage,
    Role,
    TaskPriority,
    TaskStatus,
    Tier,
    VisitOutcome,
    VisitStatus,
)

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[0-9 ()\-./]{5,40}$")
WEBSITE_RE = re.compile(r"^(https?://)?[\w\-]+(\.[\w\-]+)+(/\S*)?$", re.UNICODE)
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


Values = Mapping[str, Any]
Rule = Callable[[Values], list[Problem]]


def _text(values: Values, name: str) -> str:
    value = values.get(name)
    return value.strip() if isinstance(value, str) else ""


def _required(values: Values, name: str, label: str) -> list[Problem]:
    if not _text(values, name):
        return [Problem(name, "required",
                        Message.of(QT_TRANSLATE_NOOP("Messages", "{field} is required."),
                                   field=label))]
    return []


def _one_of(values: Values, name: str, label: str, allowed: type[enum.Enum],
            optional: bool = False) -> list[Problem]:
    value = values.get(name)
    if value is None and optional:
        return []
    choices = _choices(allowed)
    if value not in choices:
        return [Problem(name, "invalid_choice", Message.of(
            QT_TRANSLATE_NOOP("Messages", "{field} must be one of: {choices}."),
            field=label, choices=", ".join(choices)))]
    return []


@cache
def _choices(allowed: type[enum.Enum]) -> tuple[str, ...]:
    """The values of a choice enum as text, in declaration order (built once: every push
    validates every row it changes)."""
    return tuple(str(member) for member in allowed)


def _pattern(values: Values, name: str, label: str, pattern: re.Pattern[str],
             example: str) -> list[Problem]:
    value = _text(values, name)
    if value and not pattern.match(value):
        return [Problem(name, "invalid_format", Message.of(
            QT_TRANSLATE_NOOP("Messages", "{field} does not look right (e.g. {example})."),
            field=label, example=example))]
    return []


def _amount(values: Values, name: str, label: str) -> list[Problem]:
    value = values.get(name)
    if value is not None and (not isinstance(value, int) or value < 0):
        return [Problem(name, "negative", Message.of(
            QT_TRANSLATE_NOOP("Messages", "{field} cannot be negative."), field=label))]
    return []


def _currency(values: Values) -> list[Problem]:
    if values.get("currency") not in CURRENCIES:
        return [Problem("currency", "invalid_choice", Message.of(
            QT_TRANSLATE_NOOP("Messages", "Currency must be one of: {currencies}."),
            currencies=", ".join(CURRENCIES)))]
    return []


def _contact_points(values: Values) -> list[Problem]:
    return (_pattern(values, "email", QT_TRANSLATE_NOOP("Messages", "Email"), EMAIL_RE,
                     "name@example.com")
            + _pattern(values, "phone", QT_TRANSLATE_NOOP("Messages", "Phone"), PHONE_RE,
                       "+86 21 5555 0100")
            + _pattern(values, "mobile", QT_TRANSLATE_NOOP("Messages", "Mobile"), PHONE_RE,
                       "+86 139 0000 0000"))


def _not_before(values: Values, start: str, end: str, message: str) -> list[Problem]:
    a, b = values.get(start), values.get(end)
    if isinstance(a, (date, datetime)) and isinstance(b, type(a)) and b < a:
        return [Problem(end, "before_start", message)]
    return []


def account_rules(values: Values) -> list[Problem]:
    problems = _required(values, "name", QT_TRANSLATE_NOOP("Messages", "Account name"))
    problems += _required(values, "territory_id", QT_TRANSLATE_NOOP("Messages", "Territory"))
    problems += _one_of(values, "tier", QT_TRANSLATE_NOOP("Messages", "Tier"), Tier,
                        optional=True)
    problems += _one_of(values, "status", QT_TRANSLATE_NOOP("Messages", "Status"),
                        AccountStatus)
    problems += _pattern(values, "phone", QT_TRANSLATE_NOOP("Messages", "Phone"), PHONE_RE,
                         "+86 21 5555 0100")
    problems += _pattern(values, "website", QT_TRANSLATE_NOOP("Messages", "Website"),
                         WEBSITE_RE, "www.example.com")
    problems += _pattern(values, "country", QT_TRANSLATE_NOOP("Messages", "Country code"),
                         COUNTRY_RE, "CN")
    problems += _amount(values, "annual_revenue_cents",
                        QT_TRANSLATE_NOOP("Messages", "Annual revenue"))
    problems += _amount(values, "credit_limit_cents",
                        QT_TRANSLATE_NOOP("Messages", "Credit limit"))
    problems += _currency(values)
    if values.get("parent_id") is not None and values.get("parent_id") == values.get("id"):
        problems.append(Problem("parent_id", "self_parent", QT_TRANSLATE_NOOP(
            "Messages", "An account cannot be its own parent.")))
    return problems


def contact_rules(values: Values) -> list[Problem]:
    return (_required(values, "name", QT_TRANSLATE_NOOP("Messages", "Contact name"))
            + _required(values, "account_id", QT_TRANSLATE_NOOP("Messages", "Account"))
            + _contact_points(values))


def visit_rules(values: Values) -> list[Problem]:
    problems = _required(values, "account_id", QT_TRANSLATE_NOOP("Messages", "Account"))
    problems += _one_of(values, "status", QT_TRANSLATE_NOOP("Messages", "Visit status"),
                        VisitStatus)
    problems += _one_of(values, "outcome", QT_TRANSLATE_NOOP("Messages", "Outcome"),
                        VisitOutcome, optional=True)
    status = values.get("status")
    if status == VisitStatus.PLANNED and values.get("planned_start") is None:
        problems.append(Problem("planned_start", "required", QT_TRANSLATE_NOOP(
            "Messages", "A planned visit needs a date and time.")))
    if status == VisitStatus.COMPLETED and values.get("actual_start") is None:
        problems.append(Problem("actual_start", "required", QT_TRANSLATE_NOOP(
            "Messages", "A completed visit needs the time it took place.")))
    problems += _not_before(values, "planned_start", "planned_end", QT_TRANSLATE_NOOP(
        "Messages", "The planned end is before the planned start."))
    problems += _not_before(values, "actual_start", "actual_end", QT_TRANSLATE_NOOP(
        "Messages", "The visit ends before it starts."))
    ids = values.get("contact_ids")
    if ids is not None and (not isinstance(ids, list)
                            or not all(isinstance(i, str) for i in ids)):
        problems.append(Problem("contact_ids", "invalid_value", QT_TRANSLATE_NOOP(
            "Messages", "Contacts present must be a list of contacts.")))
    return problems


def opportunity_rules(values: Values) -> list[Problem]:
    problems = _required(values, "name", QT_TRANSLATE_NOOP("Messages", "Opportunity name"))
    problems += _required(values, "account_id", QT_TRANSLATE_NOOP("Messages", "Account"))
    problems += _one_of(values, "stage", QT_TRANSLATE_NOOP("Messages", "Stage"),
                        OpportunityStage)
    problems += _amount(values, "amount_cents", QT_TRANSLATE_NOOP("Messages", "Amount"))
    problems += _currency(values)
    probability = values.get("probability")
    if probability is not None and not (isinstance(probability, int) and 0 <= probability <= 100):
        problems.append(Problem("probability", "out_of_range", QT_TRANSLATE_NOOP(
            "Messages", "Probability must be between 0 and 100 %.")))
    return problems


def task_rules(values: Values) -> list[Problem]:
    problems = _required(values, "title", QT_TRANSLATE_NOOP("Messages", "Task title"))
    problems += _one_of(values, "status", QT_TRANSLATE_NOOP("Messages", "Task status"),
                        TaskStatus)
    problems += _one_of(values, "priority", QT_TRANSLATE_NOOP("Messages", "Priority"),
                        TaskPriority)
    if values.get("account_id") is None and values.get("owner_id") is None:
        problems.append(Problem("owner_id", "required", QT_TRANSLATE_NOOP(
            "Messages", "A task without an account needs someone assigned.")))
    return problems


def conflict_rules(values: Values) -> list[Problem]:
    return _one_of(values, "status", QT_TRANSLATE_NOOP("Messages", "Conflict status"),
                   ConflictStatus)


def user_rules(values: Values) -> list[Problem]:
    return (_required(values, "username", QT_TRANSLATE_NOOP("Messages", "User name"))
            + _required(values, "display_name", QT_TRANSLATE_NOOP("Messages", "Display name"))
            + _one_of(values, "role", QT_TRANSLATE_NOOP("Messages", "Role"), Role)
            + _pattern(values, "email", QT_TRANSLATE_NOOP("Messages", "Email"), EMAIL_RE,
                       "name@example.com"))


def territory_rules(values: Values) -> list[Problem]:
    return _required(values, "name", QT_TRANSLATE_NOOP("Messages", "Territory name"))


MAX_CADENCE_DAYS = 365


def cadence_rule_rules(values: Values) -> list[Problem]:
    problems = _one_of(values, "tier", QT_TRANSLATE_NOOP("Messages", "Tier"), Tier)
    days = values.get("days")
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_CADENCE_DAYS:
        problems.append(Problem("days", "out_of_range", Message.of(
            QT_TRANSLATE_NOOP("Messages", "A visit cadence must be from 1 to {max_days} days."),
            max_days=MAX_CADENCE_DAYS)))
    return problems


RULES: dict[str, Rule] = {
    "account": account_rules,
    "contact": contact_rules,
    "visit": visit_rules,
    "opportunity": opportunity_rules,
    "task": task_rules,
    "conflict": conflict_rules,
    "user": user_rules,
    "territory": territory_rules,
    "cadence_rule": cadence_rule_rules,
}


# The fields each entity's rules read (and the id). A change to none of them leaves a
# record exactly as valid as it was: the server checks a merged row again only when one
# changed (most edits are of notes, locations, purposes…).
RULE_FIELDS: dict[str, frozenset[str]] = {
    "account": frozenset({"name", "territory_id", "tier", "status", "phone", "website",
                          "country", "annual_revenue_cents", "credit_limit_cents",
                          "currency", "parent_id"}),
    "contact": frozenset({"name", "account_id", "email", "phone", "mobile"}),
    "visit": frozenset({"account_id", "status", "outcome", "planned_start", "planned_end",
                        "actual_start", "actual_end", "contact_ids"}),
    "opportunity": frozenset({"name", "account_id", "stage", "amount_cents", "currency",
                              "probability"}),
    "task": frozenset({"title", "status", "priority", "account_id", "owner_id"}),
    "conflict": frozenset({"status"}),
    "user": frozenset({"username", "display_name", "role", "email"}),
    "territory": frozenset({"name"}),
    "cadence_rule": frozenset({"tier", "days"}),
}


def validate(entity: str, values: Values) -> list[Problem]:
    """Problems with a record of *entity* holding *values*; [] when it may be saved."""
    return RULES[entity](values)
