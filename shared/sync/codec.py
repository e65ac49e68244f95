"""Typed wire encoding of field values (JSON-safe) driven by the model column types."""

from __future__ import annotations

from collections.abc import Callable
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


Decoder = Callable[[Any], Any]


def _bool(name: str) -> Decoder:
    def decode(value: Any) -> Any:
        if not isinstance(value, bool):
            raise FieldTypeError(name, f"{name} must be true or false")
        return value
    return decode


def _int(name: str) -> Decoder:
    def decode(value: Any) -> Any:
        if type(value) is not int or abs(value) > MAX_INT:  # bool is not a whole number here
            raise FieldTypeError(name, f"{name} must be a whole number")
        return value
    return decode


def _datetime(name: str) -> Decoder:
    def decode(value: Any) -> Any:
        if not isinstance(value, str):
            raise FieldTypeError(name, f"{name} must be a date and time")
        try:
            parsed = datetime.fromisoformat(value.removesuffix("Z"))
        except ValueError:
            raise FieldTypeError(name, f"{name} must be a date and time") from None
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC)
        return parsed.replace(tzinfo=None)
    return decode


def _date(name: str) -> Decoder:
    def decode(value: Any) -> Any:
        if not isinstance(value, str):
            raise FieldTypeError(name, f"{name} must be a date")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise FieldTypeError(name, f"{name} must be a date (YYYY-MM-DD)") from None
    return decode


def _text(name: str, length: int | None) -> Decoder:
    def decode(value: Any) -> Any:
        if not isinstance(value, str):
            raise FieldTypeError(name, f"{name} must be text")
        if length and len(value) > length:
            raise FieldTypeError(name, f"{name} is longer than {length} characters")
        if "\x00" in value:  # PostgreSQL cannot store it (SQLite would, and differ)
            raise FieldTypeError(name, f"{name} holds a NUL character, which cannot be stored")
        return value
    return decode


def _json(name: str) -> Decoder:
    def decode(value: Any) -> Any:
        if not isinstance(value, (list, dict, str, int, float, bool)):
            raise FieldTypeError(name, f"{name} has an unsupported value")
        return value
    return decode


def _decoder(column: Any) -> Decoder:
    """The decoder of one column, chosen once from its SQL type (None handled around it)."""
    name, kind = column.key, column.type
    if isinstance(kind, Boolean):
        typed = _bool(name)
    elif isinstance(kind, (Integer, BigInteger)):
        typed = _int(name)
    elif isinstance(kind, DateTime):
        typed = _datetime(name)
    elif isinstance(kind, Date):
        typed = _date(name)
    elif isinstance(kind, (String, Text)):
        typed = _text(name, getattr(kind, "length", None))
    elif isinstance(kind, JSON):
        typed = _json(name)
    else:  # pragma: no cover - every replicated column type is listed above
        raise TypeError(f"no wire decoder for {name} ({kind})")
    required = not column.nullable and column.default is None

    def decode(value: Any) -> Any:
        if value is None:
            if required:
                raise FieldTypeError(name, f"{name} cannot be empty")
            return None
        return typed(value)
    return decode


# id(spec) -> (spec, decoders); holding the spec keeps its id from being reused.
_DECODERS: dict[int, tuple[EntitySpec, dict[str, Decoder]]] = {}


def decoders(spec: EntitySpec) -> dict[str, Decoder]:
    """Field name -> decoder for every data field of *spec* (built once per entity)."""
    cached = _DECODERS.get(id(spec))
    if cached is None:
        cached = spec, {name: _decoder(spec.table.columns[name]) for name in spec.fields}
        _DECODERS[id(spec)] = cached
    return cached[1]


def decode_value(spec: EntitySpec, name: str, value: Any) -> Any:
    """Turn a wire value into the Python value for *spec.name*; raise FieldTypeError."""
    return decoders(spec)[name](value)


def encode_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {k: encode_value(v) for k, v in values.items()}


def row_values(spec: EntitySpec, row: Any) -> dict[str, Any]:
    """All data field values of an ORM row or mapping, as Python values."""
    if isinstance(row, dict):
        return {name: row.get(name) for name in spec.fields}
    return {name: getattr(row, name) for name in spec.fields}
