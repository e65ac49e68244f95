"""A record's field history from the change log: who, when, which device, old and new value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from server.errors import ApiError
from server.services.changelog import full_fields
from server.services.scope import Viewer, can_see, placement
from server.tables import change_log
from shared.models import ENTITIES, User
from shared.sync.codec import encode_value, row_values
from shared.sync.protocol import ErrorCode


def record_history(session: Session, viewer: Viewer, entity: str,
                   row_id: str) -> list[dict[str, Any]]:
    """Every change of one visible record, newest first (404 when unknown or out of scope)."""
    spec = ENTITIES.get(entity)
    row: Any = session.get(spec.model, row_id) if spec is not None else None
    if spec is None or row is None or \
            not can_see(viewer, placement(session, spec, row_values(spec, row))):
        raise ApiError(404, ErrorCode.NOT_FOUND, f"no {entity} {row_id}")
    c = change_log.c
    rows = session.execute(
        select(c.pos, c.created_at, c.user_id, c.device_id, c.deleted, c.data, c.old,
               User.display_name)
        .outerjoin(User, User.id == c.user_id)
        .where(c.entity == entity, c.row_id == row_id, c.evicted == false())
        .order_by(c.pos)).all()
    entries: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for r in rows:
        current = {**full_fields(entity, r.data), "deleted": bool(r.deleted)}
        changes = _changes(previous, current, r.old or {})
        previous = current
        if changes:  # a record re-logged unchanged (e.g. its account moved) shows nothing
            entries.append({"pos": r.pos, "at": encode_value(r.created_at),
                            "user_id": r.user_id, "user": r.display_name,
                            "device_id": r.device_id, "changes": changes})
    entries.reverse()
    return entries


def _changes(previous: Mapping[str, Any] | None, current: Mapping[str, Any],
             old: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Fields whose value differs from the previous entry (all set fields on creation)."""
    if previous is None:
        return {name: {"old": None, "new": value} for name, value in current.items()
                if value is not None and not (name == "deleted" and value is False)}
    return {name: {"old": old.get(name, previous.get(name)), "new": value}
            for name, value in current.items()
            if value != previous.get(name) or (name in old and old[name] != value)}
