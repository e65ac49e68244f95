"""Conflicts: the values that lost a same-field race, shown with a readable record name."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from desktop.services.records import names_by_id
from desktop.store import Store
from shared.models import Conflict, User, spec_for
from shared.models.enums import ConflictStatus

# The attribute that names a record of each entity in a list.
TITLE_ATTR = {"account": "name", "contact": "name", "opportunity": "name", "task": "title",
              "visit": "purpose", "user": "display_name", "territory": "name"}


@dataclass(frozen=True)
class ConflictRow:
    id: str
    entity: str
    row_id: str
    record_name: str
    field_name: str
    winning_value: str
    losing_value: str
    loser_name: str
    created_at: datetime | None


def value_text(value: object) -> str:
    """A stored JSON value as a person reads it."""
    if value is None:
        return "(empty)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _record_names(session, conflicts: list[Conflict]) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    names: dict[tuple[str, str], str] = {}
    for entity in {c.entity for c in conflicts}:
        if entity not in TITLE_ATTR:
            continue
        ids = [c.row_id for c in conflicts if c.entity == entity]
        found = names_by_id(session, spec_for(entity).model, ids, TITLE_ATTR[entity])
        names.update({(entity, i): n or "" for i, n in found.items()})
    return names


def open_conflicts(store: Store) -> list[ConflictRow]:
    """Open conflicts, newest first."""
    query = (select(Conflict).where(Conflict.deleted.is_(False),
                                    Conflict.status == ConflictStatus.OPEN.value)
             .order_by(Conflict.created_at.desc()))
    with store.read() as session:
        found = list(session.scalars(query))
        names = _record_names(session, found)
        users = names_by_id(session, User, [c.loser_user_id or "" for c in found],
                            "display_name")
        return [
            ConflictRow(c.id, c.entity, c.row_id,
                        names.get((c.entity, c.row_id)) or f"{c.entity} {c.row_id[:8]}",
                        c.field_name, value_text(c.winning_value), value_text(c.losing_value),
                        users.get(c.loser_user_id or "", ""), c.created_at)
            for c in found
        ]


def count_open_conflicts(store: Store) -> int:
    with store.read() as session:
        query = select(func.count()).select_from(Conflict).where(
            Conflict.deleted.is_(False), Conflict.status == ConflictStatus.OPEN.value)
        return int(session.scalar(query) or 0)
