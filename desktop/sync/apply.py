"""Apply a pulled page to the replica: bulk upserts sparing fields with local edits, evictions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from desktop.store import evictions, search_index, server_copy
from desktop.store import outbox as outbox_queries
from shared.models.registry import APPLY_ORDER, ENTITIES, EntitySpec
from shared.sync.codec import FieldTypeError, decode_value

Key = tuple[str, str]


def apply_changes(session: Session, changes: Iterable[dict[str, Any]], *,
                  index: bool = True) -> dict[str, set[str]]:
    """Upsert each change's full row, drop deleted and evicted rows; return ids touched.

    A deleted row is removed from the replica unless it still has unsent local edits
    (then it stays, as a tombstone, until the server has merged them). With *index*
    false the search index is left behind (a bootstrap rebuilds it once at the end).
    """
    latest: dict[Key, dict[str, Any]] = {}
    for change in changes:
        if change.get("entity") in ENTITIES:  # entities of a newer server are skipped
            key = (change["entity"], str(change["id"]))
            latest.pop(key, None)  # re-insert so the dict keeps the order of last change
            latest[key] = change
    evicted = {key for key, change in latest.items() if is_eviction(change)}
    for key in evicted:
        del latest[key]
    touched: dict[str, set[str]] = {}
    if evicted:
        for entity, row_id in evictions.evict(session, evicted, spare=set(latest)) | evicted:
            touched.setdefault(entity, set()).add(row_id)
    if not latest:
        return touched
    evictions.forget_if_any(session, list(latest))
    protected: dict[Key, set[str]] = {}
    if outbox_queries.has_unsent(session):
        protected = outbox_queries.protected_fields(session, list(latest))
    rows: dict[str, list[dict[str, Any]]] = {}
    gone: dict[str, list[str]] = {}
    for key, change in latest.items():
        spec = ENTITIES[key[0]]
        if row_deleted(change) and key not in protected:
            # The replica keeps no tombstones: the server holds them (and purges them).
            gone.setdefault(spec.name, []).append(key[1])
            continue
        row = server_row(spec, change)
        if key in protected:
            row = _keep_local(session, spec, row, protected[key])
            server_copy.remember(session, spec.name, key[1], present=True,
                                 deleted=row_deleted(change), fields=dict(change["fields"]),
                                 clocks=dict(change.get("clocks") or {}))
        rows.setdefault(spec.name, []).append(row)
    for entity in APPLY_ORDER:
        if entity in rows:
            _bulk_upsert(session, ENTITIES[entity].table, rows[entity])
    for entity, ids in gone.items():
        table = ENTITIES[entity].table
        session.execute(delete(table).where(table.c.id.in_(ids)))
        if index:
            search_index.remove(session, entity, ids)
        touched.setdefault(entity, set()).update(ids)
    for entity, batch in rows.items():
        if index:
            search_index.refresh(session, entity, [r["id"] for r in batch])
        touched.setdefault(entity, set()).update(r["id"] for r in batch)
    return touched


def is_eviction(change: dict[str, Any]) -> bool:
    """The row left this user's scope (a missing key means a normal change)."""
    return bool(change.get("evicted", False))


def row_deleted(change: dict[str, Any]) -> bool:
    return bool(change.get("deleted", False))


def server_row(spec: EntitySpec, change: dict[str, Any]) -> dict[str, Any]:
    """The replica row for a pulled change (every column, so executemany shapes agree)."""
    fields = change.get("fields") or {}
    row: dict[str, Any] = {"id": str(change["id"]), "deleted": row_deleted(change),
                           "clocks": dict(change.get("clocks") or {})}
    for name in spec.fields:
        row[name] = _decoded(spec, name, fields.get(name))
    return row


def _decoded(spec: EntitySpec, name: str, value: Any) -> Any:
    try:
        return decode_value(spec, name, value)
    except FieldTypeError:
        # A value this client cannot read must not block every later page.
        return spec.default_of(name)


def _keep_local(session: Session, spec: EntitySpec, row: dict[str, Any],
                names: set[str]) -> dict[str, Any]:
    """The server row, but with the local value and clock of each field still unsent."""
    table = spec.table
    local = session.execute(select(table).where(table.c.id == row["id"])).mappings().first()
    if local is None:
        return row
    clocks = dict(row["clocks"])
    local_clocks = local["clocks"] or {}
    for name in names:
        if name not in table.columns or name == "id":
            continue
        row[name] = local[name]
        if name in local_clocks:
            clocks[name] = local_clocks[name]
        else:
            clocks.pop(name, None)
    row["clocks"] = clocks
    return row


def _bulk_upsert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    stmt = sqlite_insert(table)
    columns = {c.name: stmt.excluded[c.name] for c in table.columns if c.name != "id"}
    session.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=columns), rows)
