"""A scoped page of the change log after a cursor (cursor, has_more and head per the protocol)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Select,
    Text,
    TextClause,
    and_,
    bindparam,
    cast,
    false,
    func,
    or_,
    select,
    union,
)
from sqlalchemy.orm import Session

from server.errors import ApiError
from server.services import changelog
from server.services.purge import PURGED_THROUGH
from server.services.scope import Viewer
from server.tables import EVERYONE_ENTRIES, change_log, server_state
from shared.models import ENTITIES
from shared.sync.protocol import ErrorCode

RESYNC_MESSAGE = ("This laptop was offline longer than the server keeps deleted records; "
                  "FieldCRM will download your territory again. Your unsynced changes are kept.")


@dataclass(frozen=True)
class PullPage:
    # ChangeWire dicts; "fields" and "clocks" are orjson.Fragment (the stored JSON as is).
    changes: list[dict[str, Any]]
    cursor: int
    has_more: bool
    head: int


def pull(session: Session, viewer: Viewer, after: int, limit: int) -> PullPage:
    """Visible changes after *after*, oldest first, at most *limit*.

    The head is read first and the page never goes past it, so a cursor set to the head
    skips only entries this viewer may not see. A cursor older than purged tombstones
    gets 410 resync_required (it may have missed their deletes); 0 always works.
    """
    head, purged = session.execute(_HEAD_AND_PURGED).one()
    if 0 < after < purged:
        raise ApiError(410, ErrorCode.RESYNC_REQUIRED, RESYNC_MESSAGE)
    query = _page_query(viewer.sees_all, bool(viewer.territory_ids))
    rows = session.execute(query, {"after": after, "head": head, "page_size": limit + 1,
                                   "viewer_id": viewer.user_id,
                                   "viewer_territories": sorted(viewer.territory_ids)}).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = [{"pos": r.pos, "entity": r.entity, "id": r.row_id, "evicted": bool(r.evicted),
                "deleted": bool(r.deleted),
                "fields": _fields(r.entity, r.data, bool(r.evicted)),
                "clocks": orjson.Fragment(r.clocks)}
               for r in rows]
    cursor = rows[-1].pos if has_more else head
    return PullPage(changes, cursor, has_more, head)


# The newest position and the highest purged one, in one round trip.
_HEAD_AND_PURGED = select(
    func.coalesce(select(func.max(change_log.c.pos)).scalar_subquery(), 0),
    func.coalesce(select(server_state.c.value).where(server_state.c.key == PURGED_THROUGH)
                  .scalar_subquery(), 0))


@cache
def _page_query(sees_all: bool, has_territories: bool) -> Select[Any]:
    """The page statement for one kind of viewer (the values are bound at execution).

    The same rows as ``scope.visible_changes``, read through the indexes: a rep's page is
    the union of its territories' entries (territory_id, pos), its own unplaced ones
    (owner_id, pos) and everyone's (the partial index), instead of every entry after the
    cursor filtered one by one (500 reps pushing at once put thousands between two pulls).
    """
    c = change_log.c
    # The stored JSON text, undecoded: the page splices it into the reply as it is.
    columns = (c.pos, c.entity, c.row_id, c.deleted, c.evicted,
               cast(c.data, Text).label("data"), cast(c.clocks, Text).label("clocks"))
    size = bindparam("page_size", type_=Integer)
    in_range = and_(c.pos > bindparam("after"), c.pos <= bindparam("head"))
    if sees_all:
        return select(*columns).where(in_range, c.evicted == false()).order_by(c.pos).limit(size)

    def branch(*conditions: ColumnElement[bool] | TextClause) -> Select[Any]:
        first = select(c.pos).where(in_range, *conditions).order_by(c.pos).limit(size)
        return select(first.subquery().c.pos)

    branches = [branch(c.evicted == false(), EVERYONE_ENTRIES),
                branch(c.evicted == false(), c.territory_id.is_(None),
                       c.owner_id == bindparam("viewer_id"))]
    if has_territories:  # ordinary entries there, and evictions from there (see scope)
        mine: BindParameter[list[str]] = bindparam("viewer_territories", expanding=True)
        branches.append(branch(c.territory_id.in_(mine),
                               or_(c.evicted == false(), c.moved_to.is_(None),
                                   c.moved_to.not_in(mine))))
    positions = union(*branches).subquery()
    page = select(positions.c.pos).order_by(positions.c.pos).limit(size).subquery()
    return select(*columns).join(page, page.c.pos == c.pos).order_by(c.pos)


def _fields(entity: str, data: str, evicted: bool) -> orjson.Fragment:
    """The entry's row as stored, unless it predates a field (then decoded and filled in)."""
    if evicted or _has_every_field(entity, data):
        return orjson.Fragment(data)
    return orjson.Fragment(orjson.dumps(changelog.full_fields(entity, orjson.loads(data))))


def _has_every_field(entity: str, data: str) -> bool:
    # Exact without decoding when the object nests no other object: outside a string a
    # quote followed by a colon closes a key, and inside one every quote is escaped.
    if data.find("{", 1) != -1:
        return False
    return all(key in data for key in _key_marks(entity))


@cache
def _key_marks(entity: str) -> tuple[str, ...]:
    spec = ENTITIES.get(entity)
    return tuple(f'"{name}":' for name in spec.fields) if spec is not None else ()
