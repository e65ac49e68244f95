"""Outbox queries: what is waiting to be pushed, acknowledgements, rejections, badges."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from desktop.store import raw_sql
from desktop.store.tables import outbox
from desktop.store.types import OutboxEntryRow, OutboxState
from shared.models.json_columns import loads
from shared.sync.protocol import Op

UNSENT = (OutboxState.PENDING.value, OutboxState.REJECTED.value)
CHUNK = 500  # ids per IN (...) clause, well below SQLite's variable limit


def entry_row(row: Row[Any]) -> OutboxEntryRow:
    return OutboxEntryRow(
        mid=row.mid, entity=row.entity, row_id=row.row_id, op=row.op, fields=dict(row.fields),
        state=row.state, error_code=row.error_code, error_message=row.error_message,
        created_at=row.created_at)


class PendingEntry(NamedTuple):
    mid: int
    entity: str
    row_id: str
    op: str
    fields: dict[str, Any]
    base: dict[str, Any]
    hlc: str


def pending_batch(session: Session, limit: int) -> list[PendingEntry]:
    """The oldest pending entries (rejected ones are never pushed again)."""
    rows = _run(session, "SELECT mid, entity, row_id, op, fields, base, hlc FROM outbox "
                         "WHERE state = ? ORDER BY mid LIMIT ?",
                (OutboxState.PENDING.value, limit))
    return [PendingEntry(mid, entity, row_id, op, loads(fields), loads(base), hlc)
            for mid, entity, row_id, op, fields, base, hlc in rows]


def as_mutation(row: PendingEntry) -> dict[str, Any]:
    """The wire shape of one outbox entry (docs/architecture.md, push)."""
    return {"mid": row.mid, "entity": row.entity, "id": row.row_id, "op": row.op,
            "fields": dict(row.fields), "base": dict(row.base), "hlc": row.hlc}


def count_by_state(session: Session) -> dict[str, int]:
    rows = _run(session, "SELECT state, count(*) FROM outbox GROUP BY state", ())
    return {state: count for state, count in rows}


def acknowledge(session: Session, mids: Iterable[int]) -> None:
    mids = list(mids)
    for start in range(0, len(mids), CHUNK):
        chunk = tuple(mids[start:start + CHUNK])
        _run(session, f"DELETE FROM outbox WHERE mid IN ({', '.join('?' * len(chunk))})", chunk)


def reject(session: Session, mid: int, code: str, message: str) -> None:
    session.execute(update(outbox).where(outbox.c.mid == mid).values(
        state=OutboxState.REJECTED.value, error_code=code, error_message=message))


def unsent_rows(session: Session, entity: str) -> set[str]:
    return set(session.scalars(select(outbox.c.row_id).distinct().where(
        outbox.c.entity == entity, outbox.c.state.in_(UNSENT))))


def has_unsent(session: Session) -> bool:
    """Any pending or rejected entry (driver-level SQL: asked on every pulled page)."""
    return _exists(session, "SELECT 1 FROM outbox WHERE state IN (?, ?) LIMIT 1", UNSENT)


def has_pending(session: Session) -> bool:
    """Anything left to push (rejected entries are never pushed again)."""
    return _exists(session, "SELECT 1 FROM outbox WHERE state = ? LIMIT 1",
                   (OutboxState.PENDING.value,))


def _exists(session: Session, sql: str, params: tuple[Any, ...]) -> bool:
    return _run(session, sql, params).first() is not None


def _run(session: Session, sql: str, params: tuple[Any, ...]) -> raw_sql.Rows:
    # Raw SQL for what every sync round and pulled page asks: building a Core statement
    # cost more than running it. JSON columns are decoded here (loads).
    return raw_sql.run(session, sql, params)


def protected_fields(session: Session, keys: list[tuple[str, str]]) -> dict[tuple[str, str],
                                                                           set[str]]:
    """For (entity, row id) keys: the fields local unsent entries still hold."""
    found: dict[tuple[str, str], set[str]] = {}
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start:start + CHUNK]
        pairs = ", ".join("(?, ?)" for _ in chunk)
        rows = _run(session, "SELECT entity, row_id, op, fields FROM outbox "
                             f"WHERE state IN (?, ?) AND (entity, row_id) IN (VALUES {pairs})",
                    (*UNSENT, *(part for key in chunk for part in key)))
        for entity, row_id, op, fields in rows:
            names = found.setdefault((entity, row_id), set())
            names.update(loads(fields))
            if op == Op.DELETE:
                names.add("deleted")
    return found
