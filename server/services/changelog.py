"""The append-only change log: positions in commit order, full rows for pulls and history."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Date, DateTime, TextClause, text
from sqlalchemy.orm import Session

from server.driver_sql import DriverStatement, insert_json_rows
from server.services.auth import utcnow
from server.services.scope import Placement
from server.tables import change_log
from shared.models import ENTITIES, EntitySpec
from shared.sync.codec import encode_value, row_values

# pg_advisory_xact_lock keys (PostgreSQL). POSITIONS serialises change-log inserts until
# commit, so positions become visible in order: a puller that read head H never misses an
# entry committed later with a position <= H. WRITERS orders whole-store writers: an
# ordinary push holds it shared (its rows are locked row by row, see server.services.rows)
# and takes POSITIONS only for its inserts; everything else (tier recompute, reassignment,
# purge, pushes that move records or need the eviction log) holds it exclusively, so it
# sees no push half-done. Lock order is always WRITERS, rows, POSITIONS: no deadlock.
ADVISORY_LOCK_KEY = 0x4643524D  # "FCRM": positions
WRITERS_LOCK_KEY = 0x46435257  # "FCRW": whole-store writers


def _is_postgres(session: Session | Connection) -> bool:
    bind = session if isinstance(session, Connection) else session.get_bind()
    return bind.dialect.name == "postgresql"


def lock_positions(session: Session | Connection) -> None:
    """Be the only writer until commit (PostgreSQL): no push runs, positions stay in order.

    SQLite has a single writer already. The locks are transaction-scoped and re-entrant.
    """
    if _is_postgres(session):
        _lock(session, _LOCK, WRITERS_LOCK_KEY)
        _lock(session, _LOCK, ADVISORY_LOCK_KEY)


def share_writers(session: Session | Connection) -> None:
    """Write alongside other ordinary pushes until commit (none of the exclusive writers)."""
    if _is_postgres(session):
        _lock(session, _LOCK_SHARED, WRITERS_LOCK_KEY)


_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
_LOCK_SHARED = text("SELECT pg_advisory_xact_lock_shared(:key)")
_ON_DRIVER = {_LOCK: DriverStatement(_LOCK), _LOCK_SHARED: DriverStatement(_LOCK_SHARED)}


def _lock(session: Session | Connection, statement: TextClause, key: int) -> None:
    """Take an advisory lock (on the driver for a push's session: every push takes one)."""
    if isinstance(session, Session):
        _ON_DRIVER[statement].execute(session, {"key": key})
    else:
        session.execute(statement, {"key": key})


def entry_for(spec: EntitySpec, row: Any, where: Placement, *, hlc: str,
              old: Mapping[str, Any] | None = None, user_id: str | None = None,
              device_id: str | None = None, created_at: datetime | None = None) -> dict[str, Any]:
    """A change-log entry holding the full row (wire-encoded) after a change.

    *created_at*: when it was logged (default: now; a push gives all its entries one time).
    """
    mapping = type(row) is dict or isinstance(row, Mapping)
    deleted = row["deleted"] if mapping else row.deleted
    clocks = row["clocks"] if mapping else row.clocks
    row_id = row["id"] if mapping else row.id
    return {
        "entity": spec.name, "row_id": row_id, "territory_id": where.territory_id,
        "owner_id": where.owner_id, "deleted": bool(deleted),
        "data": _wire_fields(spec, row), "clocks": dict(clocks or {}),
        "old": dict(old) if old else None, "user_id": user_id, "device_id": device_id,
        "hlc": hlc, "created_at": created_at or utcnow(), "evicted": False, "moved_to": None,
    }


def _wire_fields(spec: EntitySpec, row: Any) -> dict[str, Any]:
    """``encode_fields(row_values(spec, row))``, converting only the date and time fields
    (every other value is its own wire form)."""
    values: dict[str, Any] | None = None
    if type(row) is dict:  # a push's row: every column, read in one C call
        fields, getter = _field_getter(spec.name)
        try:
            values = dict(zip(fields, getter(row), strict=True))
        except KeyError:
            values = None
    if values is None:
        values = row_values(spec, row)
    for name in _temporal_fields(spec.name):
        value = values[name]
        if value is not None:
            # A naive datetime (as stored) is the common case: its ISO form to the second.
            values[name] = value.isoformat()[:19] if type(value) is datetime \
                and value.tzinfo is None else encode_value(value)
    return values


@cache
def _field_getter(entity: str) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]:
    fields = ENTITIES[entity].fields
    return fields, itemgetter(*fields) if len(fields) > 1 else (lambda row: (row[fields[0]],))


@cache
def _temporal_fields(entity: str) -> tuple[str, ...]:
    spec = ENTITIES[entity]
    return tuple(name for name in spec.fields
                 if isinstance(spec.table.columns[name].type, Date | DateTime))


def eviction_for(entity: str, row_id: str, *, left: str, moved_to: str | None, hlc: str,
                 user_id: str | None = None, device_id: str | None = None) -> dict[str, Any]:
    """An entry telling viewers of territory *left* who cannot see *moved_to* to drop a row."""
    return {
        "entity": entity, "row_id": row_id, "territory_id": left, "owner_id": None,
        "deleted": False, "data": {}, "clocks": {}, "old": None, "user_id": user_id,
        "device_id": device_id, "hlc": hlc, "created_at": utcnow(), "evicted": True,
        "moved_to": moved_to,
    }


def append(session: Session | Connection, entries: Iterable[dict[str, Any]], *,
           shared: bool = False, held: bool = False) -> None:
    """Write entries (one executemany), holding the position lock until commit.

    *shared*: the caller holds the writers lock shared (an ordinary push) and takes only
    the position lock, as late as possible. *held*: the caller already took it.
    """
    batch = list(entries)
    if not batch:
        return
    if held:
        pass
    elif not shared:
        lock_positions(session)
    elif _is_postgres(session):
        _lock(session, _LOCK, ADVISORY_LOCK_KEY)
    if not isinstance(session, Session):
        session.execute(change_log.insert(), batch)
    elif len(batch) > 1 and _is_postgres(session):  # one statement, positions in order
        _INSERT_MANY.execute(session, batch)
    else:
        _INSERT.executemany(session, batch)


# Every column but the position, on the driver (a push's entries): an executemany, or on
# PostgreSQL one INSERT … SELECT of the entries given as JSON.
_COLUMNS = tuple(c.name for c in change_log.columns if c.name != "pos")
_INSERT = DriverStatement(change_log.insert(), column_keys=list(_COLUMNS), many=True)
_INSERT_MANY = insert_json_rows(change_log, _COLUMNS)


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
