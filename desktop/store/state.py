"""The replica's single-row tables: sync state (cursor, clock, identity) and local session."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.orm import Session

from desktop.store.tables import local_session, sync_state
from desktop.store.types import LocalSessionRow
from shared.ids import new_id

STATE_ID = 1
SESSION_ID = 1


def utcnow() -> datetime:
    """Naive UTC, the way every DateTime column of the replica stores time."""
    return datetime.now(UTC).replace(tzinfo=None)


def ensure_state(session: Session) -> Row[Any]:
    """The sync state row, created with a fresh device id on a new replica."""
    row = read_state(session)
    if row is None:
        session.execute(insert(sync_state).values(
            id=STATE_ID, device_id=new_id(), cursor=0, bootstrapped=False, head=0))
        row = read_state(session)
    assert row is not None
    return row


def read_state(session: Session) -> Row[Any] | None:
    return session.execute(select(sync_state).where(sync_state.c.id == STATE_ID)).first()


def update_state(session: Session, **values: Any) -> None:
    session.execute(update(sync_state).where(sync_state.c.id == STATE_ID).values(**values))


def save_session(session: Session, *, server_url: str, user: dict[str, Any], device_id: str,
                 token: str, password_verifier: str) -> None:
    """Replace the local session after an online sign-in."""
    session.execute(delete(local_session))
    session.execute(insert(local_session).values(
        id=SESSION_ID, server_url=server_url, user_id=user["id"], username=user["username"],
        display_name=user.get("display_name") or user["username"], role=user.get("role", "rep"),
        device_id=device_id, token=token, password_verifier=password_verifier,
        signed_in_at=utcnow()))


def read_session(session: Session) -> Row[Any] | None:
    return session.execute(
        select(local_session).where(local_session.c.id == SESSION_ID)).first()


def session_row(row: Row[Any]) -> LocalSessionRow:
    return LocalSessionRow(
        server_url=row.server_url, user_id=row.user_id, username=row.username,
        display_name=row.display_name, role=row.role, device_id=row.device_id)
