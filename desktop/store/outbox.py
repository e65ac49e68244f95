"""Outbox queries: what is waiting to be pushed, acknowledgements, rejections, badges."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, delete, func, select, tuple_, update
from sqlalchemy.orm import Session

from desktop.store.tables import outbox
from desktop.store.types import OutboxEntryRow, OutboxState
from shared.sync.protocol import Op

UNSENT = (OutboxState.PENDING.value, OutboxState.REJECTED.value)
CHUNK = 500  # ids per IN (...) clause, well below SQLite's variable limit


def entry_row(row: Row[Any]) -> OutboxEntryRow:
    return OutboxEntryRow(
        mid=row.mid, entity=row.entity, row_id=row.row_id, op=row.op, fields=dict(row.fields),
        state=row.state, error_code=row.error_code, error_message=row.error_message,
        created_at=row.created_at)


def pending_batch(session: Session, limit: int) -> list[Row[Any]]:
    """The oldest pending entries (rejected ones are never pushed again)."""
    return list(session.execute(
        select(outbox).where(outbox.c.state == OutboxState.PENDING.value)
        .order_by(outbox.c.mid).limit(limit)))


def as_mutation(row: Row[Any]) -> dict[str, Any]:
    """The wire shape of one outbox entry (docs/architecture.md, push)."""
    return {"mid": row.mid, "entity": row.entity, "id": row.row_id, "op": row.op,
            "fields": dict(row.fields), "base": dict(row.base), "hlc": row.hlc}


def count_by_state(session: Session) -> dict[str, int]:
    rows = session.execute(select(outbox.c.state, func.count()).group_by(outbox.c.state))
    return {state: count for state, count in rows}


def acknowledge(session: Session, mids: Iterable[int]) -> None:
    mids = list(mids)
    for start in range(0, len(mids), CHUNK):
        session.execute(delete(outbox).where(outbox.c.mid.in_(mids[start:start + CHUNK])))


def reject(session: Session, mid: int, code: str, message: str) -> None:
    session.execute(update(outbox).where(outbox.c.mid == mid).values(
        state=OutboxState.REJECTED.value, error_code=code, error_message=message))


def unsent_rows(session: Session, entity: str) -> set[str]:
    return set(session.scalars(select(outbox.c.row_id).distinct().where(
        outbox.c.entity == entity, outbox.c.state.in_(UNSENT))))


def has_unsent(session: Session) -> bool:
    return session.scalar(select(outbox.c.mid).where(outbox.c.state.in_(UNSENT)).limit(1)) \
        is not None


def protected_fields(session: Session, keys: list[tuple[str, str]]) -> dict[tuple[str, str],
                                                                           set[str]]:
    """For (entity, row id) keys: the fields local unsent entries still hold."""
    found: dict[tuple[str, str], set[str]] = {}
    for start in range(0, len(keys), CHUNK):
        rows = session.execute(
            select(outbox.c.entity, outbox.c.row_id, outbox.c.op, outbox.c.fields)
            .where(outbox.c.state.in_(UNSENT),
                   tuple_(outbox.c.entity, outbox.c.row_id).in_(keys[start:start + CHUNK])))
        for entity, row_id, op, fields in rows:
            names = found.setdefault((entity, row_id), set())
            names.update(fields)
            if op == Op.DELETE:
                names.add("deleted")
    return found
