"""Typed wire encoding of field values (JSON-safe) driven by the model column types."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, Integer, String, Text

from shared.models.registry import EntitySpec

MAX_INT = 2**63 - 1


class FieldTypeError(ValueError):
    """A wire value that does not fit its field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # wire datetimes are UTC without an offset
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _column(spec: EntitySpec, name: str):  # type: ignore[no-untyped-def]
    return spec.table.columns[name]


def decode_value(spec: EntitySpec, name: str, value: Any) -> Any:
    """Turn a wire value into the Python value for *spec.name*; raise FieldTypeError."""
    col = _column(spec, name)
    if value is None:
        if not col.nullable and col.default is None:
            raise FieldTypeError(name, f"{name} cannot be empty")
        return None
    kind = col.type
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise FieldTypeError(name, f"{name} must be true or false")
        return value
    if isinstance(kind, (Integer, BigInteger)):
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_INT:
            raise FieldTypeError(name, f"{name} must be a whole number")
        return value
    if isinstance(kind, DateTime):
        if not isinstance(value, str):
            raise FieldTypeError(name, f"{name} must be a date and time")
        try:
            parsed = datetime.fromisoformat(value.removesuffix("Z"))
        except ValueError:
            raise FieldTypeError(name, f"{name} must be a date and time") from None
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC)
        return parsed.replace(tzinfo=None)
    if isinstance(kind, Date):
        if not isinstance(value, str):
            raise FieldTypeError(name, f"{name} must be a date")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise FieldTypeError(name, f"{name} must be a date (YYYY-MM-DD)") from None
    if isinstance(kind, (String, Text)):
        if not isinstance(value, str):
            raise FieldTypeError(name, f"{name} must be text")
        length = getattr(kind, "length", None)
        if length and len(value) > length:
            raise FieldTypeError(name, f"{name} is longer than {length} characters")
        return value
    if isinstance(kind, JSON):
        if not isinstance(value, (list, dict, str, int, float, bool)):
            raise FieldTypeError(name, f"{name} has an unsupported value")
        return value
    raise FieldTypeError(name, f"{name} has an unsupported type")  # pragma: no cover


def encode_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {k: encode_value(v) for k, v in values.items()}


def row_values(spec: EntitySpec, row: Any) -> dict[str, Any]:
    """All data field values of an ORM row or mapping, as Python values."""
    if isinstance(row, dict):
        return {name: row.get(name) for name in spec.fields}
    return {name: getattr(row, name) for name in spec.fields}
