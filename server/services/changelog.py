"""The append-only change log: positions in commit order, full rows for pulls and history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Connection, func, select, text
from sqlalchemy.orm import Session

from server.services.auth import utcnow
from server.services.scope import Placement
from server.tables import change_log
from shared.models import ENTITIES, EntitySpec
from shared.sync.codec import encode_fields, encode_value, row_values

# pg_advisory_xact_lock key serialising change-log writers ("FCRM").
ADVISORY_LOCK_KEY = 0x4643524D


def lock_positions(session: Session | Connection) -> None:
    """Serialise writers until commit (PostgreSQL), so positions become visible in order.

    SQLite has a single writer already. The lock is transaction-scoped and re-entrant.
    """
    bind = session if isinstance(session, Connection) else session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})


def entry_for(spec: EntitySpec, row: Any, where: Placement, *, hlc: str,
              old: Mapping[str, Any] | None = None, user_id: str | None = None,
              device_id: str | None = None) -> dict[str, Any]:
    """A change-log entry holding the full row (wire-encoded) after a change."""
    deleted = row["deleted"] if isinstance(row, Mapping) else row.deleted
    clocks = row["clocks"] if isinstance(row, Mapping) else row.clocks
    row_id = row["id"] if isinstance(row, Mapping) else row.id
    return {
        "entity": spec.name, "row_id": row_id, "territory_id": where.territory_id,
        "owner_id": where.owner_id, "deleted": bool(deleted),
        "data": encode_fields(row_values(spec, row)), "clocks": dict(clocks or {}),
        "old": dict(old) if old else None, "user_id": user_id, "device_id": device_id,
        "hlc": hlc, "created_at": utcnow(), "evicted": False, "moved_to": None,
    }


def eviction_for(entity: str, row_id: str, *, left: str, moved_to: str | None, hlc: str,
                 user_id: str | None = None, device_id: str | None = None) -> dict[str, Any]:
    """An entry telling viewers of territory *left* who cannot see *moved_to* to drop a row."""
    return {
        "entity": entity, "row_id": row_id, "territory_id": left, "owner_id": None,
        "deleted": False, "data": {}, "clocks": {}, "old": None, "user_id": user_id,
        "device_id": device_id, "hlc": hlc, "created_at": utcnow(), "evicted": True,
        "moved_to": moved_to,
    }


def append(session: Session | Connection, entries: Iterable[dict[str, Any]]) -> None:
    """Write entries (one executemany), holding the position lock until commit."""
    batch = list(entries)
    if not batch:
        return
    lock_positions(session)
    session.execute(change_log.insert(), batch)


def head(session: Session) -> int:
    """The newest position (0 for an empty log)."""
    return int(session.scalar(select(func.coalesce(func.max(change_log.c.pos), 0))) or 0)


def full_fields(entity: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """An entry's row with every field of today's schema.

    Entries written before a field existed (e.g. ``accounts.tier_manual``) lack it; the
    migration gave stored rows the column default, so the entry gets it too.
    """
    defaults = _wire_defaults(entity)
    missing = defaults.keys() - data.keys()
    return {**data, **{name: defaults[name] for name in missing}} if missing else dict(data)


@cache
def _wire_defaults(entity: str) -> dict[str, Any]:
    spec = ENTITIES.get(entity)
    if spec is None:
        return {}
    return {name: encode_value(value) for name, value in spec.default_values().items()}
