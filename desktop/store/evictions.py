"""Scope exit on the replica: drop rows the user may no longer see, after their edits left.

A row with pending outbox entries is only remembered in ``evictions``; it is removed
once those entries are acknowledged, superseded or discarded (``settle``). Rejected
entries do not hold a row back: they stay in the outbox for the user to read.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from desktop.store import raw_sql, search_index
from desktop.store.state import utcnow
from desktop.store.tables import evictions, outbox
from desktop.store.types import OutboxState
from shared.models.registry import ENTITIES

Key = tuple[str, str]
ACCOUNT_CHILDREN = ("contact", "visit", "opportunity", "task")
CHUNK = 500


def evict(session: Session, keys: Iterable[Key], spare: set[Key] | None = None) -> set[Key]:
    """Remove *keys* and the local children of evicted accounts; return what went now.

    *spare* are keys the same page brings back into scope (they are not touched).
    """
    spare = spare or set()
    targets = {key for key in keys if key[0] in ENTITIES} - spare
    targets |= _children(session, {row_id for entity, row_id in targets
                                    if entity == "account"}) - spare
    targets |= _conflicts_about(session, {row_id for _e, row_id in targets}) - spare
    held = _pending_keys(session, targets)
    for entity, row_id in held:
        session.execute(sqlite_insert(evictions).values(
            entity=entity, row_id=row_id, evicted_at=utcnow()).on_conflict_do_nothing())
    gone = targets - held
    _delete_rows(session, gone)
    return gone


def settle(session: Session) -> set[Key]:
    """Delete remembered evicted rows whose pending entries have all left the outbox."""
    remembered = {(e, r) for e, r in raw_sql.run(session,
                                                  "SELECT entity, row_id FROM evictions")}
    if not remembered:
        return set()
    ready = remembered - _pending_keys(session, remembered)
    _delete_rows(session, ready)
    forget(session, ready)
    return ready


def forget(session: Session, keys: Iterable[Key]) -> None:
    """These rows are (back) in scope: they are no longer waiting to be evicted."""
    for entity, row_id in keys:
        session.execute(delete(evictions).where(evictions.c.entity == entity,
                                                evictions.c.row_id == row_id))


def forget_if_any(session: Session, keys: list[Key]) -> None:
    """Cheap when nothing waits for eviction (the usual case, so bootstraps stay fast)."""
    if raw_sql.run(session, "SELECT 1 FROM evictions LIMIT 1").first() is None:
        return
    forget(session, keys)


def remembered_count(session: Session) -> int:
    return len(session.execute(select(evictions.c.row_id)).all())


def _children(session: Session, account_ids: set[str]) -> set[Key]:
    found: set[Key] = set()
    ids = sorted(account_ids)
    for entity in ACCOUNT_CHILDREN:
        table = ENTITIES[entity].table
        for start in range(0, len(ids), CHUNK):
            found |= {(entity, row_id) for row_id in session.scalars(
                select(table.c.id).where(table.c.account_id.in_(ids[start:start + CHUNK])))}
    return found


def _conflicts_about(session: Session, row_ids: set[str]) -> set[Key]:
    table = ENTITIES["conflict"].table
    ids = sorted(row_ids)
    found: set[Key] = set()
    for start in range(0, len(ids), CHUNK):
        found |= {("conflict", row_id) for row_id in session.scalars(
            select(table.c.id).where(table.c.row_id.in_(ids[start:start + CHUNK])))}
    return found


def _pending_keys(session: Session, keys: set[Key]) -> set[Key]:
    if not keys:
        return set()
    rows = session.execute(select(outbox.c.entity, outbox.c.row_id).distinct().where(
        outbox.c.state == OutboxState.PENDING.value))
    return {(e, r) for e, r in rows} & keys


def _delete_rows(session: Session, keys: set[Key]) -> None:
    by_entity: dict[str, list[str]] = {}
    for entity, row_id in keys:
        by_entity.setdefault(entity, []).append(row_id)
    for entity, ids in by_entity.items():
        table = ENTITIES[entity].table
        for start in range(0, len(ids), CHUNK):
            session.execute(delete(table).where(table.c.id.in_(ids[start:start + CHUNK])))
        search_index.remove(session, entity, ids)
