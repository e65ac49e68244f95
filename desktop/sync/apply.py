"""Apply a pulled page to the replica: bulk upserts sparing fields with local edits, evictions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.store import bulk, evictions, search_index, server_copy
from desktop.store import outbox as outbox_queries
from shared.models.registry import APPLY_ORDER, ENTITIES, EntitySpec
from shared.sync.codec import FieldTypeError, decode_value

Key = tuple[str, str]


@dataclass(frozen=True)
class PreparedPage:
    """A pulled page made ready to apply: the last change per row, and each row already
    in the form SQLite stores (work that needs no database)."""

    latest: dict[Key, dict[str, Any]]  # changes that are not evictions, in log order
    evicted: frozenset[Key]
    stored: dict[Key, tuple[Any, ...]]  # the stored row of every change that is no delete


def prepare(changes: Iterable[dict[str, Any]]) -> PreparedPage:
    """The page's last change per row, and each row decoded into its stored form."""
    latest: dict[Key, dict[str, Any]] = {}
    for change in changes:
        if change.get("entity") in ENTITIES:  # entities of a newer server are skipped
            key = (change["entity"], str(change["id"]))
            latest.pop(key, None)  # re-insert so the dict keeps the order of last change
            latest[key] = change
    evicted = frozenset(key for key, change in latest.items() if is_eviction(change))
    for key in evicted:
        del latest[key]
    stored = {key: bulk.writer(key[0]).from_wire(key[1], change.get("fields") or {},
                                                 change.get("clocks") or {}, False)
              for key, change in latest.items() if not row_deleted(change)}
    return PreparedPage(latest, evicted, stored)


def apply_changes(session: Session, changes: Iterable[dict[str, Any]] | PreparedPage, *,
                  index: bool = True) -> dict[str, set[str]]:
    """Upsert each change's full row, drop deleted and evicted rows; return ids touched.

    A deleted row is removed from the replica unless it still has unsent local edits
    (then it stays, as a tombstone, until the server has merged them). With *index*
    false the search index is left behind (a bootstrap rebuilds it once at the end).
    """
    page = changes if isinstance(changes, PreparedPage) else prepare(changes)
    latest, evicted = page.latest, page.evicted
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
    rows: dict[str, list[tuple[Any, ...]]] = {}
    upserted: dict[str, list[str]] = {}
    gone: dict[str, list[str]] = {}
    for key, change in latest.items():
        entity, row_id = key
        if key in protected:
            spec = ENTITIES[entity]
            row = _keep_local(session, spec, server_row(spec, change), protected[key])
            server_copy.remember(session, entity, row_id, present=True,
                                 deleted=row_deleted(change), fields=dict(change["fields"]),
                                 clocks=dict(change.get("clocks") or {}))
            rows.setdefault(entity, []).append(bulk.writer(entity).from_values(row))
        elif row_deleted(change):
            # The replica keeps no tombstones: the server holds them (and purges them).
            gone.setdefault(entity, []).append(row_id)
            continue
        else:
            rows.setdefault(entity, []).append(page.stored[key])
        upserted.setdefault(entity, []).append(row_id)
    for entity in APPLY_ORDER:
        if entity in rows:
            bulk.writer(entity).upsert(session, rows[entity])
    for entity, ids in gone.items():
        table = ENTITIES[entity].table
        session.execute(delete(table).where(table.c.id.in_(ids)))
        if index:
            search_index.remove(session, entity, ids)
        touched.setdefault(entity, set()).update(ids)
    if index:
        search_index.refresh_many(session, upserted)
    for entity, batch in upserted.items():
        touched.setdefault(entity, set()).update(batch)
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
