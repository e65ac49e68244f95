"""Local writes: validate, change the row, stamp field clocks and append one outbox entry."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from desktop.store import search_index, server_copy
from desktop.store.bulk import Insert
from desktop.store.state import update_state, utcnow
from desktop.store.tables import outbox
from desktop.store.types import OutboxState, ValidationFailed
from shared.hlc import Clock
from shared.ids import new_id
from shared.models.registry import ENTITIES, EntitySpec
from shared.rules.validation import Problem, validate
from shared.sync.codec import FieldTypeError, decode_value, encode_fields, encode_value, row_values
from shared.sync.protocol import Op


def record_row(session: Session, clock: Clock, entity: str, row_id: str | None,
               values: Mapping[str, Any]) -> str:
    """Create or update one row and queue its changed fields; see Store.record."""
    spec = _spec(entity)
    values = _normalised(spec, values)
    row: Any = session.get(spec.model, row_id) if row_id else None
    creating = row is None
    if creating and not spec.client_creates:
        raise _refused("id", "read_only", f"New {entity} records can only be made on the server.")
    row_id = row_id or new_id()
    before = _defaults(spec, values) if creating else row_values(spec, row)
    after = {**before, **values}
    problems = validate(entity, {**after, "id": row_id})
    if problems:
        raise ValidationFailed(problems)
    if creating:
        changed = {n: v for n, v in after.items() if v is not None}
    else:
        changed = {n: v for n, v in values.items() if v != before[n]}
        if not changed:
            return row_id
    old_clocks = {} if row is None else dict(row.clocks or {})
    server_copy.remember(session, entity, row_id, present=not creating,
                         deleted=bool(row is not None and row.deleted),
                         fields=encode_fields(before) if row is not None else {},
                         clocks=old_clocks, keep=True)
    hlc = clock.now()
    if row is None:
        row = spec.model(id=row_id, deleted=False, **after)
        session.add(row)
    for name in changed:
        setattr(row, name, after[name])
    row.clocks = {**old_clocks, **dict.fromkeys(changed, hlc)}
    session.flush()
    if creating or changed.keys() & set(search_index.INDEXED.get(entity, ())):
        search_index.refresh(session, entity, [row_id])
    base = {n: old_clocks[n] for n in changed if old_clocks.get(n)}
    _append(session, clock, entity, row_id, Op.UPSERT, encode_fields(changed), base, hlc)
    return row_id


def delete_row(session: Session, clock: Clock, entity: str, row_id: str) -> None:
    """Tombstone a row and queue the delete."""
    spec = _spec(entity)
    if not spec.client_deletes:
        raise _refused("deleted", "read_only", f"{entity.capitalize()} records cannot be deleted.")
    row: Any = session.get(spec.model, row_id)
    if row is None:
        raise _refused("id", "not_found", f"This {entity} no longer exists.")
    if row.deleted:
        return
    old_clocks = dict(row.clocks or {})
    server_copy.remember(session, entity, row_id, present=True, deleted=False,
                         fields=encode_fields(row_values(spec, row)), clocks=old_clocks,
                         keep=True)
    hlc = clock.now()
    row.deleted = True
    row.clocks = {**old_clocks, "deleted": hlc}
    session.flush()
    search_index.remove(session, entity, [row_id])
    base = {"deleted": old_clocks["deleted"]} if old_clocks.get("deleted") else {}
    _append(session, clock, entity, row_id, Op.DELETE, {}, base, hlc)


def _append(session: Session, clock: Clock, entity: str, row_id: str, op: Op,
            fields: dict[str, Any], base: dict[str, str], hlc: str) -> None:
    _OUTBOX.run(session, entity, row_id, op.value, fields, base, hlc,
                OutboxState.PENDING.value, utcnow())
    update_state(session, clock_last=clock.last())  # so the clock never goes back on restart


_OUTBOX = Insert(outbox, ("entity", "row_id", "op", "fields", "base", "hlc", "state",
                          "created_at"))


def _spec(entity: str) -> EntitySpec:
    if entity not in ENTITIES:
        raise _refused("entity", "unknown_entity", f"Unknown kind of record: {entity}.")
    return ENTITIES[entity]


def _normalised(spec: EntitySpec, values: Mapping[str, Any]) -> dict[str, Any]:
    """Check names, writability and types; return values as the replica stores them."""
    problems: list[Problem] = []
    result: dict[str, Any] = {}
    for name, value in values.items():
        if name not in spec.fields:
            problems.append(Problem(name, "unknown_field", f"{spec.name} has no field {name!r}."))
        elif not spec.writable(name):
            problems.append(Problem(name, "read_only", f"{name} can only be changed on the server."))
        else:
            if isinstance(value, datetime) and value.tzinfo is not None:
                value = value.astimezone(UTC).replace(tzinfo=None)
            try:
                result[name] = decode_value(spec, name, encode_value(value))
            except FieldTypeError as exc:
                problems.append(Problem(name, "invalid_type", exc.message))
    if problems:
        raise ValidationFailed(problems)
    return result


def _defaults(spec: EntitySpec, values: Mapping[str, Any]) -> dict[str, Any]:
    """A new row's values before the user's: model defaults, and when it was created."""
    result = spec.default_values()
    if "created_at" in result and "created_at" not in values and spec.writable("created_at"):
        result["created_at"] = utcnow().replace(microsecond=0)
    return result


def _refused(field: str, code: str, message: str) -> ValidationFailed:
    return ValidationFailed([Problem(field, code, message)])
