"""Scope exits: re-logging records that changed territory, eviction entries, late-push grace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, or_, select, true
from sqlalchemy.orm import Session

from server.services import changelog
from server.services.conflicts import Author
from server.services.rows import Row, RowStore
from server.services.scope import Viewer, placement
from server.tables import change_log
from shared.models import ENTITIES, EntitySpec, Scope, spec_for

CHUNK = 500  # ids per IN (...) (SQLite's bound-parameter limit)


def move_records(store: RowStore, spec: EntitySpec, row: Row, *, left: str | None,
                 moved_to: str | None, hlc: str, author: Author) -> list[dict[str, Any]]:
    """Entries for a row whose territory changed from *left* to *moved_to*.

    The caller logs the row itself. An account takes its records along (re-logged under
    the new territory); conflicts about the moved rows follow them; and, when the row
    really left a territory for another, each moved row gets an eviction entry under the
    old one so viewers who lose sight of it drop it. Rows come from, and changes go to,
    *store* (which must hold the store-wide writer lock).
    """
    moved: list[tuple[EntitySpec, Row]] = [(spec, row)]
    entries: list[dict[str, Any]] = []
    if spec.name == "account":
        for child_spec, child in _children(store, row["id"]):
            moved.append((child_spec, child))
            entries.append(_entry(store, child_spec, child, hlc, author))
    conflict_spec = spec_for("conflict")
    for conflict in _conflicts_about(store, moved, left):
        clocks = dict(conflict["clocks"] or {})
        conflict["territory_id"], clocks["territory_id"] = moved_to, hlc
        conflict["clocks"] = clocks
        store.changed("conflict", conflict, ["territory_id", "clocks"])
        moved.append((conflict_spec, conflict))
        entries.append(_entry(store, conflict_spec, conflict, hlc, author,
                              old={"territory_id": left}))
    if left is not None and moved_to is not None and left != moved_to:
        entries += [changelog.eviction_for(s.name, r["id"], left=left, moved_to=moved_to,
                                           hlc=hlc, user_id=author.user_id,
                                           device_id=author.device_id)
                    for s, r in moved]
    return entries


def _entry(store: RowStore, spec: EntitySpec, row: Row, hlc: str, author: Author,
           old: dict[str, Any] | None = None) -> dict[str, Any]:
    where = placement(store.session, spec, row, store.lookup)
    return changelog.entry_for(spec, row, where, hlc=hlc, old=old, user_id=author.user_id,
                               device_id=author.device_id)


def _children(store: RowStore, account_id: str) -> Iterable[tuple[EntitySpec, Row]]:
    for spec in ENTITIES.values():
        if spec.scope is not Scope.ACCOUNT:
            continue
        for child in store.select_where(spec, spec.table.c.account_id == account_id):
            yield spec, child


def _conflicts_about(store: RowStore, moved: Sequence[tuple[EntitySpec, Row]],
                     territory_id: str | None) -> list[Row]:
    """Conflicts placed in *territory_id* about any of the *moved* rows."""
    if territory_id is None:
        return []
    keys = {(spec.name, row["id"]) for spec, row in moved}
    ids = sorted({row_id for _, row_id in keys})
    table = spec_for("conflict").table
    found: list[Row] = []
    for start in range(0, len(ids), CHUNK):
        found += store.select_where(spec_for("conflict"), and_(
            table.c.territory_id == territory_id, table.c.row_id.in_(ids[start:start + CHUNK])))
    found.sort(key=lambda c: c["id"])
    return [c for c in found if (c["entity"], c["row_id"]) in keys]


def pending_eviction(session: Session, viewer: Viewer, after_pos: int,
                     keys: Sequence[tuple[str, str]]) -> str | None:
    """The viewer's territory one of *keys* (entity, id) left after position *after_pos*.

    Set when the device had not yet pulled that eviction when it wrote, so its write is
    still accepted; None otherwise.
    """
    if not viewer.territory_ids or not keys:
        return None
    c = change_log.c
    return session.scalar(
        select(c.territory_id)
        .where(c.evicted == true(), c.pos > after_pos,
               c.territory_id.in_(sorted(viewer.territory_ids)),
               or_(*(and_(c.entity == entity, c.row_id == row_id) for entity, row_id in keys)))
        .order_by(c.pos.desc()).limit(1))
