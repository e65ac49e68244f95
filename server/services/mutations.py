"""Structural checks of a push batch: order, entity, fields, writability, wire types."""

from __future__ import annotations

import re
from functools import cache
from typing import Any, NamedTuple

from server.errors import ApiError
from shared import hlc as hlcs
from shared.ids import is_valid_id
from shared.models import ENTITIES, EntitySpec
from shared.models.base import SYNC_COLUMNS
from shared.sync.codec import Decoder, FieldTypeError, decoders
from shared.sync.protocol import ErrorCode, Op

# What is_valid_id and hlc.is_valid accept, in the form every client sends: one regular
# expression instead of a UUID object or a Timestamp per value. Anything else still goes
# through the shared checks (so the same values are accepted and refused).
_CANONICAL_ID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}"
                           r"-[0-9a-fA-F]{12}")
_PLAIN_HLC = re.compile(r"[0-9]{15}-[0-9]{5}-.+", re.DOTALL)
_OPS = {str(op): op for op in Op}


def _is_id(value: object) -> bool:
    return (type(value) is str and _CANONICAL_ID.fullmatch(value) is not None) \
        or is_valid_id(value)


def is_clock(value: object) -> bool:
    """``hlc.is_valid``, quicker for the usual ASCII clock."""
    return (type(value) is str and _PLAIN_HLC.fullmatch(value) is not None) \
        or hlcs.is_valid(value)


class Mutation(NamedTuple):
    """One decoded client mutation (field values as Python values)."""

    mid: int
    spec: EntitySpec
    row_id: str
    op: Op
    fields: dict[str, Any]
    base: dict[str, str | None]
    hlc: str


def batch_of(body: Any, max_batch: int) -> list[dict[str, Any]]:
    """The raw mutation list, checked for shape, size and strictly increasing mids."""
    if not isinstance(body, dict) or not isinstance(body.get("mutations"), list):
        raise ApiError(400, ErrorCode.BAD_REQUEST, 'expected {"mutations": [...]}')
    raw: list[Any] = body["mutations"]
    if len(raw) > max_batch:
        raise ApiError(413, ErrorCode.BATCH_TOO_LARGE,
                       f"at most {max_batch} mutations per push (got {len(raw)})")
    previous = 0
    for item in raw:
        if not isinstance(item, dict):
            raise ApiError(400, ErrorCode.BAD_REQUEST, "each mutation must be an object")
        mid = item.get("mid")
        if isinstance(mid, bool) or not isinstance(mid, int) or mid <= 0:
            raise ApiError(400, ErrorCode.BAD_REQUEST, "mid must be a positive integer")
        if mid <= previous:
            raise ApiError(400, ErrorCode.OUT_OF_ORDER,
                           f"mutation ids must strictly increase ({mid} after {previous})",
                           mid=mid)
        previous = mid
    return raw


def parse_mutation(item: dict[str, Any]) -> Mutation:
    """Decode one mutation; the first problem raises a 400 ApiError naming its mid."""
    mid: int = item["mid"]
    spec = ENTITIES.get(item.get("entity"))  # type: ignore[arg-type]
    if spec is None:
        raise _refuse(mid, ErrorCode.UNKNOWN_ENTITY, f"unknown entity {item.get('entity')!r}")
    row_id = item.get("id")
    if not _is_id(row_id):
        raise _refuse(mid, ErrorCode.BAD_REQUEST, "id must be a UUID", "id")
    raw_op = item.get("op")
    op = _OPS.get(raw_op) if type(raw_op) is str else None
    if op is None:
        try:
            op = Op(str(raw_op))
        except ValueError:
            raise _refuse(mid, ErrorCode.BAD_REQUEST, "op must be 'upsert' or 'delete'",
                          "op") from None
    hlc = item.get("hlc")
    if not is_clock(hlc):
        raise _refuse(mid, ErrorCode.BAD_REQUEST, "hlc must be a hybrid logical clock", "hlc")
    fields = _fields(spec, item.get("fields"), mid)
    base = _base(item.get("base"), mid)
    return Mutation(mid, spec, str(row_id), op, fields, base, str(hlc))


def _refuse(mid: int, code: ErrorCode, message: str, field: str | None = None) -> ApiError:
    return ApiError(400, code, message, mid=mid, field=field)


def _fields(spec: EntitySpec, raw: Any, mid: int) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _refuse(mid, ErrorCode.BAD_REQUEST, "fields must be an object", "fields")
    decoded: dict[str, Any] = {}
    writable = _writable(spec.name)
    for name, value in raw.items():
        decode = writable.get(name)
        if decode is None:
            raise _not_writable(spec, name, mid)
        try:
            decoded[name] = decode(value)
        except FieldTypeError as exc:
            raise _refuse(mid, ErrorCode.INVALID_TYPE, exc.message, name) from None
    return decoded


def _not_writable(spec: EntitySpec, name: str, mid: int) -> ApiError:
    if name in SYNC_COLUMNS or name == "id":
        return _refuse(mid, ErrorCode.READ_ONLY_FIELD, f"{spec.name}.{name} is set by sync", name)
    if name not in spec.fields:
        return _refuse(mid, ErrorCode.UNKNOWN_FIELD, f"{spec.name} has no field {name!r}", name)
    return _refuse(mid, ErrorCode.READ_ONLY_FIELD,
                   f"{spec.name}.{name} cannot be changed from a device", name)


def _base(raw: Any, mid: int) -> dict[str, str | None]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _refuse(mid, ErrorCode.BAD_REQUEST, "base must be an object", "base")
    for name, value in raw.items():
        if value is not None and not is_clock(value):
            raise _refuse(mid, ErrorCode.BAD_REQUEST, f"base of {name} is not a clock", name)
    return raw


@cache
def _writable(entity: str) -> dict[str, Decoder]:
    """The decoder of every field devices may write (per entity, built once)."""
    spec = ENTITIES[entity]
    return {name: decoder for name, decoder in decoders(spec).items() if spec.writable(name)}
