"""Helpers every use case shares: ORM row -> frozen row, change detection, Changes values."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services.fields import entity_word
from desktop.store import Changes, Store
from shared.i18n import QT_TRANSLATE_NOOP, Message
from shared.models import spec_for

RowT = TypeVar("RowT")


def to_row(cls: type[RowT], obj: Any, **extra: Any) -> RowT:
    """Copy the attributes *cls* declares from an ORM object into a frozen row."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    values = {n: extra[n] if n in extra else getattr(obj, n) for n in names}
    return cls(**values)


def current_values(session: Session, entity: str, row_id: str) -> dict[str, Any] | None:
    """The stored data fields of a live row, or None when it does not exist (or is deleted)."""
    spec = spec_for(entity)
    obj = session.get(spec.model, row_id)
    if obj is None or obj.deleted:  # type: ignore[attr-defined]
        return None
    return {name: getattr(obj, name) for name in spec.fields}


def changed_only(current: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The entries of *values* that differ from *current*: only real edits reach the outbox,
    so two people editing different fields of one record never conflict."""
    return {k: v for k, v in values.items() if current.get(k) != v}


def gone(entity: str) -> Message:
    """"This task no longer exists on this computer." — why an edit of *entity* failed."""
    return Message.of(
        QT_TRANSLATE_NOOP("Messages", "This {record} no longer exists on this computer."),
        record=entity_word(entity))


def changes(entity: str, ids: Iterable[str], *more: str) -> Changes:
    return Changes(entities=frozenset({entity, *more}), ids=frozenset(ids))


def record_save(store: Store, entity: str, row_id: str | None,
                values: Mapping[str, Any]) -> tuple[str, Changes]:
    """Create (row_id None) or update a row with the edited *values*; one transaction."""
    with store.write() as session:
        if row_id is not None:
            current = current_values(session, entity, row_id)
            if current is None:
                raise LookupError(gone(entity))
            edits = changed_only(current, values)
            if not edits:
                return row_id, Changes(entities=frozenset())
            values = edits
        new_id = store.record(session, entity, row_id, dict(values))
    return new_id, changes(entity, [new_id])


def names_by_id(session: Session, model: Any, ids: Iterable[str],
                attr: str = "name") -> dict[str, str]:
    """``{id: name}`` for the given ids of *model* (one query)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    column = getattr(model, attr)
    rows = session.execute(select(model.id, column).where(model.id.in_(wanted)))
    return {row_id: name for row_id, name in rows}
