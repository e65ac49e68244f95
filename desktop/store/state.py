"""The replica's single-row tables: sync state (cursor, clock, identity) and local session."""

from __future__ import annotations

from collections import namedtuple
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Row, delete, insert, select
from sqlalchemy.orm import Session

from desktop.store import raw_sql
from desktop.store.bulk import Storer, reading, storage
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


def read_state(session: Session) -> Any | None:
    """The sync state row (attributes as the table's columns), or None on a new file.

    Driver-level SQL with the columns' own result processors: every sync round reads it.
    """
    row = raw_sql.run(session, _READ_SQL).first()
    if row is None:
        return None
    return SyncStateRow(*(read(value) for read, value in zip(_READERS, row, strict=True)))


_COLUMNS = tuple(column.name for column in sync_state.columns)
_READ_SQL = f"SELECT {', '.join(_COLUMNS)} FROM sync_state WHERE id = {STATE_ID}"
_READERS = tuple(reading(column) for column in sync_state.columns)
SyncStateRow = namedtuple("SyncStateRow", _COLUMNS)  # type: ignore[misc]


def update_state(session: Session, **values: Any) -> None:
    """Set columns of the sync state row (driver-level SQL: it runs with every page/edit)."""
    names = tuple(values)
    raw_sql.run(session, _update_sql(names),
                tuple(_stores(name)(values[name]) for name in names))


@cache
def _update_sql(names: tuple[str, ...]) -> str:
    for name in names:
        if name not in sync_state.c or name == "id":
            raise ValueError(f"sync_state has no column {name!r}")
    assignments = ", ".join(f"{name} = ?" for name in names)
    return f"UPDATE sync_state SET {assignments} WHERE id = {STATE_ID}"


@cache
def _stores(name: str) -> Storer:
    return storage(sync_state.c[name])


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
