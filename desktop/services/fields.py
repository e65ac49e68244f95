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
from shared.i18n import QT_TRANSLATE_NOOP
from shared.models import ENTITIES
from shared.sync.codec import FieldTypeError, decode_value

ENTITY_LABELS = {
    "account": QT_TRANSLATE_NOOP("Messages", "Account"),
    "contact": QT_TRANSLATE_NOOP("Messages", "Contact"),
    "visit": QT_TRANSLATE_NOOP("Messages", "Visit"),
    "opportunity": QT_TRANSLATE_NOOP("Messages", "Opportunity"),
    "task": QT_TRANSLATE_NOOP("Messages", "Task"),
    "conflict": QT_TRANSLATE_NOOP("Messages", "Conflict"),
    "user": QT_TRANSLATE_NOOP("Messages", "User"),
    "territory": QT_TRANSLATE_NOOP("Messages", "Territory"),
}
# The same in a sentence ("New account: …", "This visit no longer exists …").
ENTITY_WORDS = {
    "account": QT_TRANSLATE_NOOP("Messages", "account"),
    "contact": QT_TRANSLATE_NOOP("Messages", "contact"),
    "visit": QT_TRANSLATE_NOOP("Messages", "visit"),
    "opportunity": QT_TRANSLATE_NOOP("Messages", "opportunity"),
    "task": QT_TRANSLATE_NOOP("Messages", "task"),
    "conflict": QT_TRANSLATE_NOOP("Messages", "conflict"),
    "user": QT_TRANSLATE_NOOP("Messages", "user"),
    "territory": QT_TRANSLATE_NOOP("Messages", "territory"),
}

# Every field a person may see changed (outbox, conflicts, history); the others (a
# conflict's clocks and ids) fall back to their name with the first letter capitalised.
LABELS = {
    "annual_revenue_cents": QT_TRANSLATE_NOOP("Messages", "Annual revenue"),
    "credit_limit_cents": QT_TRANSLATE_NOOP("Messages", "Credit limit"),
    "amount_cents": QT_TRANSLATE_NOOP("Messages", "Amount"),
    "postal_code": QT_TRANSLATE_NOOP("Messages", "Postal code"),
    "country": QT_TRANSLATE_NOOP("Messages", "Country"),
    "owner_id": QT_TRANSLATE_NOOP("Messages", "Owner"),
    "territory_id": QT_TRANSLATE_NOOP("Messages", "Territory"),
    "account_id": QT_TRANSLATE_NOOP("Messages", "Account"),
    "parent_id": QT_TRANSLATE_NOOP("Messages", "Parent account"),
    "visit_id": QT_TRANSLATE_NOOP("Messages", "Visit"),
    "opportunity_id": QT_TRANSLATE_NOOP("Messages", "Opportunity"),
    "contact_ids": QT_TRANSLATE_NOOP("Messages", "Contacts present"),
    "is_primary": QT_TRANSLATE_NOOP("Messages", "Primary contact"),
    "planned_start": QT_TRANSLATE_NOOP("Messages", "Planned start"),
    "planned_end": QT_TRANSLATE_NOOP("Messages", "Planned end"),
    "actual_start": QT_TRANSLATE_NOOP("Messages", "Start"),
    "actual_end": QT_TRANSLATE_NOOP("Messages", "End"),
    "expected_close": QT_TRANSLATE_NOOP("Messages", "Expected close"),
    "due_date": QT_TRANSLATE_NOOP("Messages", "Due date"),
    "completed_at": QT_TRANSLATE_NOOP("Messages", "Completed"),
    "created_at": QT_TRANSLATE_NOOP("Messages", "Created"),
    "display_name": QT_TRANSLATE_NOOP("Messages", "Name"),
    "field_name": QT_TRANSLATE_NOOP("Messages", "Field"),
    "title": QT_TRANSLATE_NOOP("Messages", "Title"),
    "deleted": QT_TRANSLATE_NOOP("Messages", "Deleted"),
    "resolved_by": QT_TRANSLATE_NOOP("Messages", "Resolved by"),
    "name": QT_TRANSLATE_NOOP("Messages", "Name"),
    "username": QT_TRANSLATE_NOOP("Messages", "Username"),
    "email": QT_TRANSLATE_NOOP("Messages", "Email"),
    "phone": QT_TRANSLATE_NOOP("Messages", "Phone"),
    "mobile": QT_TRANSLATE_NOOP("Messages", "Mobile"),
    "website": QT_TRANSLATE_NOOP("Messages", "Website"),
    "role": QT_TRANSLATE_NOOP("Messages", "Role"),
    "active": QT_TRANSLATE_NOOP("Messages", "Active"),
    "region": QT_TRANSLATE_NOOP("Messages", "Region"),
    "tier": QT_TRANSLATE_NOOP("Messages", "Tier"),
    "tier_manual": QT_TRANSLATE_NOOP("Messages", "Tier manual"),
    "days": QT_TRANSLATE_NOOP("Messages", "Days"),
    "industry": QT_TRANSLATE_NOOP("Messages", "Industry"),
    "street": QT_TRANSLATE_NOOP("Messages", "Street"),
    "city": QT_TRANSLATE_NOOP("Messages", "City"),
    "currency": QT_TRANSLATE_NOOP("Messages", "Currency"),
    "status": QT_TRANSLATE_NOOP("Messages", "Status"),
    "notes": QT_TRANSLATE_NOOP("Messages", "Notes"),
    "purpose": QT_TRANSLATE_NOOP("Messages", "Purpose"),
    "outcome": QT_TRANSLATE_NOOP("Messages", "Outcome"),
    "location": QT_TRANSLATE_NOOP("Messages", "Location"),
    "stage": QT_TRANSLATE_NOOP("Messages", "Stage"),
    "probability": QT_TRANSLATE_NOOP("Messages", "Probability"),
    "priority": QT_TRANSLATE_NOOP("Messages", "Priority"),
    "resolution": QT_TRANSLATE_NOOP("Messages", "Resolution"),
}
# The codes of the closed vocabularies (shared.models.enums) as people read them.
CHOICE_LABELS = {
    "prospect": QT_TRANSLATE_NOOP("Messages", "Prospect"),
    "active": QT_TRANSLATE_NOOP("Messages", "Active"),
    "inactive": QT_TRANSLATE_NOOP("Messages", "Inactive"),
    "planned": QT_TRANSLATE_NOOP("Messages", "Planned"),
    "in_progress": QT_TRANSLATE_NOOP("Messages", "In progress"),
    "completed": QT_TRANSLATE_NOOP("Messages", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("Messages", "Cancelled"),
    "positive": QT_TRANSLATE_NOOP("Messages", "Positive"),
    "neutral": QT_TRANSLATE_NOOP("Messages", "Neutral"),
    "negative": QT_TRANSLATE_NOOP("Messages", "Negative"),
    "no_show": QT_TRANSLATE_NOOP("Messages", "No show"),
    "prospecting": QT_TRANSLATE_NOOP("Messages", "Prospecting"),
    "qualification": QT_TRANSLATE_NOOP("Messages", "Qualification"),
    "proposal": QT_TRANSLATE_NOOP("Messages", "Proposal"),
    "negotiation": QT_TRANSLATE_NOOP("Messages", "Negotiation"),
    "won": QT_TRANSLATE_NOOP("Messages", "Won"),
    "lost": QT_TRANSLATE_NOOP("Messages", "Lost"),
    "open": QT_TRANSLATE_NOOP("Messages", "Open"),
    "done": QT_TRANSLATE_NOOP("Messages", "Done"),
    "low": QT_TRANSLATE_NOOP("Messages", "Low"),
    "normal": QT_TRANSLATE_NOOP("Messages", "Normal"),
    "high": QT_TRANSLATE_NOOP("Messages", "High"),
    "resolved": QT_TRANSLATE_NOOP("Messages", "Resolved"),
    "rep": QT_TRANSLATE_NOOP("Messages", "Rep"),
    "manager": QT_TRANSLATE_NOOP("Messages", "Manager"),
    "admin": QT_TRANSLATE_NOOP("Messages", "Admin"),
    "keep_mine": QT_TRANSLATE_NOOP("Messages", "Keep mine"),
    "keep_theirs": QT_TRANSLATE_NOOP("Messages", "Keep theirs"),
    "merged": QT_TRANSLATE_NOOP("Messages", "Merged"),
}
# Choice fields hold a code from a closed vocabulary, shown capitalised; never merged.
CHOICES = frozenset({"tier", "status", "stage", "outcome", "priority", "currency", "role",
                     "country", "policy", "resolution"})
# The amount field of each entity and the field that names its currency.
CURRENCY_OF = {"annual_revenue_cents": "currency", "credit_limit_cents": "currency",
               "amount_cents": "currency"}
EMPTY = QT_TRANSLATE_NOOP("Messages", "(empty)")
YES, NO = QT_TRANSLATE_NOOP("Messages", "Yes"), QT_TRANSLATE_NOOP("Messages", "No")
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
    """``"account"`` -> ``"Account"``."""
    return ENTITY_LABELS.get(entity, entity.capitalize())


def entity_word(entity: str) -> str:
    """``"account"`` -> ``"account"``, as it reads inside a sentence."""
    return ENTITY_WORDS.get(entity, entity_label(entity).lower())


def choice_label(value: str) -> str:
    """A code of a closed vocabulary as people read it: ``"in_progress"`` -> ``"In progress"``."""
    return CHOICE_LABELS.get(value, value.replace("_", " ").capitalize())


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
            return YES if value else NO
        if kind is FieldKind.DATETIME and isinstance(value, datetime):
            return self.datetime_text(value)
        if kind is FieldKind.DATE and isinstance(value, date):
            return self.date_text(value)
        if kind is FieldKind.CHOICE and isinstance(value, str):
            return value if name in ("currency", "country", "tier") else choice_label(value)
        names = self.names or {}
        if kind is FieldKind.REFERENCE and isinstance(value, str):
            return names.get(value) or value[:8]
        if isinstance(value, list):
            return ", ".join(names.get(str(v)) or str(v)[:8] for v in value) or EMPTY
        return str(value)
