"""Tombstone purge after the retention window, and the log position it has purged through."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, func, select, true, update
from sqlalchemy.orm import Session

from server.errors import UserError
from server.services import changelog
from server.tables import change_log, server_state
from shared import hlc as hlcs
from shared.models import APPLY_ORDER, ENTITIES, Conflict, EntitySpec

PURGED_THROUGH = "purged_through"
DAY_MS = 24 * 60 * 60 * 1000
CHUNK = 500  # ids per IN (...) (SQLite's bound-parameter limit)


@dataclass(frozen=True)
class PurgeReport:
    rows: dict[str, int]  # entity -> records removed (conflicts about them included)
    log_entries: int
    purged_through: int  # pulls from below this position must re-bootstrap

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def purged_through(session: Session | Connection) -> int:
    """The highest change-log position removed by a purge (0 when nothing was purged)."""
    value = session.scalar(select(server_state.c.value)
                           .where(server_state.c.key == PURGED_THROUGH))
    return int(value or 0)


def purge_tombstones(session: Session, retention_days: int,
                     now_ms: Callable[[], int] | None = None) -> PurgeReport:
    """Remove records deleted more than *retention_days* ago, and their change-log entries.

    Children go first; a record that still has any child row (live, or deleted within
    the window) stays. Conflicts about removed records go with them.
    """
    if retention_days < 0:
        raise UserError("the retention window cannot be negative")
    changelog.lock_positions(session)  # no push may revive a row while it is removed
    wall = now_ms() if now_ms else time.time_ns() // 1_000_000
    cutoff = wall - retention_days * DAY_MS
    removed: dict[str, list[str]] = {}
    for name in reversed(APPLY_ORDER):  # children before parents
        spec = ENTITIES[name]
        if spec.client_deletes:
            removed[name] = _purge_entity(session, spec, cutoff)
    removed["conflict"] = _purge_conflicts(session, removed)
    log_entries, highest = _purge_log(session, removed)
    through = max(purged_through(session), highest)
    _store_purged_through(session, through)
    return PurgeReport({k: len(v) for k, v in removed.items() if v}, log_entries, through)


def _purge_entity(session: Session, spec: EntitySpec, cutoff: int) -> list[str]:
    """Delete this entity's old tombstones that nothing references any more."""
    table = spec.table
    expired = [row.id for row in session.execute(
        select(table.c.id, table.c.clocks).where(table.c.deleted == true()))
        if _deleted_before(row.clocks, cutoff)]
    removed: list[str] = []
    while expired:  # repeat for self-references (an account's parent account)
        kept = _referenced(session, spec.name, expired)
        gone = [row_id for row_id in expired if row_id not in kept]
        if not gone:
            break
        for chunk in _chunks(gone):
            session.execute(delete(table).where(table.c.id.in_(chunk)))
        removed += gone
        expired = [row_id for row_id in expired if row_id in kept]
    return removed


def _deleted_before(clocks: Any, cutoff: int) -> bool:
    deleted = (clocks or {}).get("deleted")
    return isinstance(deleted, str) and hlcs.is_valid(deleted) \
        and hlcs.wall_ms_of(deleted) < cutoff


def _referenced(session: Session, entity: str, ids: list[str]) -> set[str]:
    """Which of *ids* (rows of *entity*) some remaining row still points at."""
    found: set[str] = set()
    for child in ENTITIES.values():
        for column, parent in child.parents.items():
            if parent != entity:
                continue
            col = child.table.c[column]
            for chunk in _chunks(ids):
                found.update(session.scalars(select(col).where(col.in_(chunk)).distinct()))
    return found


def _purge_conflicts(session: Session, removed: dict[str, list[str]]) -> list[str]:
    ids: list[str] = []
    for entity, row_ids in removed.items():
        for chunk in _chunks(row_ids):
            ids += session.scalars(select(Conflict.id).where(Conflict.entity == entity,
                                                             Conflict.row_id.in_(chunk)))
    for chunk in _chunks(ids):
        session.execute(delete(Conflict).where(Conflict.id.in_(chunk)))
    return ids


def _purge_log(session: Session, removed: dict[str, list[str]]) -> tuple[int, int]:
    """Delete every entry of the removed rows; (entries removed, highest position)."""
    c = change_log.c
    count, highest = 0, 0
    for entity, row_ids in removed.items():
        for chunk in _chunks(row_ids):
            match = and_(c.entity == entity, c.row_id.in_(chunk))
            top = session.scalar(select(func.max(c.pos)).where(match))
            if top is None:
                continue
            highest = max(highest, int(top))
            count += int(session.scalar(select(func.count()).where(match)) or 0)
            session.execute(delete(change_log).where(match))
    return count, highest


def _store_purged_through(session: Session, position: int) -> None:
    exists = session.scalar(select(func.count()).select_from(server_state)
                            .where(server_state.c.key == PURGED_THROUGH))
    if exists:
        session.execute(update(server_state).where(server_state.c.key == PURGED_THROUGH)
                        .values(value=position))
    elif position:
        session.execute(server_state.insert().values(key=PURGED_THROUGH, value=position))


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


