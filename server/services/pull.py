"""A scoped page of the change log after a cursor (cursor, has_more and head per the protocol)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson
from sqlalchemy import Text, cast, select
from sqlalchemy.orm import Session

from server.errors import ApiError
from server.services import changelog
from server.services.purge import purged_through
from server.services.scope import Viewer, visible_changes
from server.tables import change_log
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
    if 0 < after < purged_through(session):
        raise ApiError(410, ErrorCode.RESYNC_REQUIRED, RESYNC_MESSAGE)
    head = changelog.head(session)
    c = change_log.c
    # The stored JSON text, undecoded: the page splices it into the reply as it is.
    query = (select(c.pos, c.entity, c.row_id, c.deleted, c.evicted,
                    cast(c.data, Text).label("data"), cast(c.clocks, Text).label("clocks"))
             .where(c.pos > after, c.pos <= head, visible_changes(viewer))
             .order_by(c.pos).limit(limit + 1))
    rows = session.execute(query).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = [{"pos": r.pos, "entity": r.entity, "id": r.row_id, "evicted": bool(r.evicted),
                "deleted": bool(r.deleted),
                "fields": _fields(r.entity, r.data, bool(r.evicted)),
                "clocks": orjson.Fragment(r.clocks)}
               for r in rows]
    cursor = rows[-1].pos if has_more else head
    return PullPage(changes, cursor, has_more, head)


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
