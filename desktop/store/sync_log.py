"""The replica's record of recent sync errors (the last few, with their time) for IT."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from desktop.store.state import utcnow
from desktop.store.tables import sync_errors

SYNC_ERRORS_KEPT = 20


@dataclass(frozen=True)
class SyncErrorRow:
    at: datetime
    kind: str
    message: str


def log_error(session: Session, kind: str, message: str) -> None:
    """Append one error and keep only the newest SYNC_ERRORS_KEPT."""
    session.execute(insert(sync_errors).values(at=utcnow(), kind=kind, message=message))
    newest = session.scalar(select(func.max(sync_errors.c.id)))
    if newest is not None:
        session.execute(delete(sync_errors).where(sync_errors.c.id <= newest - SYNC_ERRORS_KEPT))


def recent_errors(session: Session, limit: int = SYNC_ERRORS_KEPT) -> list[SyncErrorRow]:
    """Newest first."""
    rows = session.execute(select(sync_errors).order_by(sync_errors.c.id.desc()).limit(limit))
    return [SyncErrorRow(row.at, row.kind, row.message) for row in rows]
