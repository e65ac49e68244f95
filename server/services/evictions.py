"""Scope exits: re-logging records that changed territory, eviction entries, late-push grace."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import and_, or_, select, true
from sqlalchemy.orm import Session

from server.services import changelog
from server.services.conflicts import Author
from server.services.scope import Viewer, placement
from server.tables import change_log
from shared.models import ENTITIES, Conflict, EntitySpec, Scope, spec_for
from shared.sync.codec import row_values

CHUNK = 500  # ids per IN (...) (SQLite's bound-parameter limit)


def move_records(session: Session, spec: EntitySpec, row: Any, *, left: str | None,
                 moved_to: str | None, hlc: str, author: Author) -> list[dict[str, Any]]:
    """Entries for a row whose territory changed from *left* to *moved_to*.

    The caller logs the row itself. An account takes its records along (re-logged under
    the new territory); conflicts about the moved rows follow them; and, when the row
    really left a territory for another, each moved row gets an eviction entry under the
    old one so viewers who lose sight of it drop it.
    """
    moved: list[tuple[EntitySpec, Any]] = [(spec, row)]
    entries: list[dict[str, Any]] = []
    if spec.name == "account":
        for child_spec, child in _children(session, row.id):
            moved.append((child_spec, child))
            entries.append(_entry(session, child_spec, child, hlc, author))
    conflict_spec = spec_for("conflict")
    for conflict in _conflicts_about(session, moved, left):
        clocks = dict(conflict.clocks or {})
        conflict.territory_id, clocks["territory_id"] = moved_to, hlc
        conflict.clocks = clocks
        moved.append((conflict_spec, conflict))
        entries.append(_entry(session, conflict_spec, conflict, hlc, author,
                              old={"territory_id": left}))
    if left is not None and moved_to is not None and left != moved_to:
        entries += [changelog.eviction_for(s.name, r.id, left=left, moved_to=moved_to, hlc=hlc,
                                           user_id=author.user_id, device_id=author.device_id)
                    for s, r in moved]
    return entries


def _entry(session: Session, spec: EntitySpec, row: Any, hlc: str, author: Author,
           old: dict[str, Any] | None = None) -> dict[str, Any]:
    where = placement(session, spec, row_values(spec, row))
    return changelog.entry_for(spec, row, where, hlc=hlc, old=old, user_id=author.user_id,
                               device_id=author.device_id)


def _children(session: Session, account_id: str) -> Iterable[tuple[EntitySpec, Any]]:
    for spec in ENTITIES.values():
        if spec.scope is not Scope.ACCOUNT:
            continue
        model: Any = spec.model
        for child in session.scalars(select(model).where(model.account_id == account_id)
                                     .order_by(model.id)):
            yield spec, child


def _conflicts_about(session: Session, moved: Sequence[tuple[EntitySpec, Any]],
                     territory_id: str | None) -> list[Conflict]:
    """Conflicts placed in *territory_id* about any of the *moved* rows."""
    if territory_id is None:
        return []
    keys = {(spec.name, row.id) for spec, row in moved}
    ids = sorted({row_id for _, row_id in keys})
    found: list[Conflict] = []
    for start in range(0, len(ids), CHUNK):
        found += session.scalars(select(Conflict).where(
            Conflict.territory_id == territory_id,
            Conflict.row_id.in_(ids[start:start + CHUNK])).order_by(Conflict.id))
    return [c for c in found if (c.entity, c.row_id) in keys]


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
