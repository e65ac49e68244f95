"""Fields as people read them: human labels, and stored or wire values as readable text."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, String, Text

from desktop.services.money import format_amount
from desktop.services.times import local_text
from shared.models import ENTITIES
from shared.sync.codec import FieldTypeError, decode_value

ENTITY_LABELS = {"account": "Account", "contact": "Contact", "visit": "Visit",
                 "opportunity": "Opportunity", "task": "Task", "conflict": "Conflict",
                 "user": "User", "territory": "Territory"}

# Labels that are not simply the field name with its first letter capitalised.
LABELS = {
    "annual_revenue_cents": "Annual revenue", "credit_limit_cents": "Credit limit",
    "amount_cents": "Amount", "postal_code": "Postal code", "country": "Country",
    "owner_id": "Owner", "territory_id": "Territory", "account_id": "Account",
    "parent_id": "Parent account", "visit_id": "Visit", "opportunity_id": "Opportunity",
    "contact_ids": "Contacts present", "is_primary": "Primary contact",
    "planned_start": "Planned start", "planned_end": "Planned end",
    "actual_start": "Start", "actual_end": "End", "expected_close": "Expected close",
    "due_date": "Due date", "completed_at": "Completed", "created_at": "Created",
    "display_name": "Name", "field_name": "Field", "title": "Title", "deleted": "Deleted",
    "resolved_by": "Resolved by",
}
# Choice fields hold a code from a closed vocabulary, shown capitalised; never merged.
CHOICES = frozenset({"tier", "status", "stage", "outcome", "priority", "currency", "role",
                     "country", "policy", "resolution"})
# The amount field of each entity and the field that names its currency.
CURRENCY_OF = {"annual_revenue_cents": "currency", "credit_limit_cents": "currency",
               "amount_cents": "currency"}
EMPTY = "(empty)"
NOT_PROSE = frozenset({"website", "email", "username"})
PROSE_LENGTH = 200  # String columns this long hold prose; shorter ones hold codes and numbers


class FieldKind(enum.Enum):
    TEXT = "text"  # free text a person typed: may be merged
    CHOICE = "choice"
    AMOUNT = "amount"
    DATE = "date"
    DATETIME = "datetime"
    BOOL = "bool"
    NUMBER = "number"
    REFERENCE = "reference"  # the id of another record, shown by its name
    LIST = "list"


def field_label(entity: str, name: str) -> str:
    """``("account", "annual_revenue_cents")`` -> ``"Annual revenue"``."""
    if name in LABELS:
        return LABELS[name]
    return name.replace("_", " ").capitalize()


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity.capitalize())


def field_kind(entity: str, name: str) -> FieldKind:
    spec = ENTITIES.get(entity)
    if name == "deleted" or spec is None or name not in spec.fields:
        return FieldKind.BOOL if name == "deleted" else FieldKind.TEXT
    if name in CURRENCY_OF:
        return FieldKind.AMOUNT
    if name.endswith("_id"):
        return FieldKind.REFERENCE
    if name in CHOICES:
        return FieldKind.CHOICE
    kind = spec.table.columns[name].type
    if isinstance(kind, Boolean):
        return FieldKind.BOOL
    if isinstance(kind, DateTime):
        return FieldKind.DATETIME
    if isinstance(kind, Date):
        return FieldKind.DATE
    if isinstance(kind, (String, Text)):
        return FieldKind.TEXT
    if name.endswith("_ids"):
        return FieldKind.LIST
    return FieldKind.NUMBER


def is_free_text(entity: str, name: str) -> bool:
    """True for prose a person typed (notes, names, purposes), where "merge both" makes
    sense; phone numbers, e-mail addresses and other short codes are never merged."""
    if field_kind(entity, name) is not FieldKind.TEXT or name in NOT_PROSE:
        return False
    column = ENTITIES[entity].table.columns[name]
    length = getattr(column.type, "length", None)
    return length is None or length >= PROSE_LENGTH


def decoded(entity: str, name: str, wire: Any) -> Any:
    """A wire-encoded value as the replica stores it (the wire value when undecodable)."""
    spec = ENTITIES.get(entity)
    if spec is None or name not in spec.fields:
        return wire
    try:
        return decode_value(spec, name, wire)
    except FieldTypeError:
        return wire


def iso_date(value: date) -> str:
    return value.isoformat()


@dataclass(frozen=True)
class ValueFormatter:
    """Turns field values into text; the UI passes its locale's date formats."""

    date_text: Callable[[date], str] = iso_date
    datetime_text: Callable[[datetime], str] = local_text
    names: Mapping[str, str] | None = None  # record id -> readable name, for references

    def text(self, entity: str, name: str, value: Any, currency: str | None = None) -> str:
        """*value* as the replica stores it (see ``decoded``) as a person reads it."""
        if value is None or value == "" or value == []:
            return EMPTY
        kind = field_kind(entity, name)
        if kind is FieldKind.AMOUNT and isinstance(value, int):
            return format_amount(value, currency)
        if kind is FieldKind.BOOL:
            return "Yes" if value else "No"
        if kind is FieldKind.DATETIME and isinstance(value, datetime):
            return self.datetime_text(value)
        if kind is FieldKind.DATE and isinstance(value, date):
            return self.date_text(value)
        if kind is FieldKind.CHOICE and isinstance(value, str):
            return value if name in ("currency", "country", "tier") else \
                value.replace("_", " ").capitalize()
        names = self.names or {}
        if kind is FieldKind.REFERENCE and isinstance(value, str):
            return names.get(value) or value[:8]
        if isinstance(value, list):
            return ", ".join(names.get(str(v)) or str(v)[:8] for v in value) or EMPTY
        return str(value)
