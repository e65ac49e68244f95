"""A scoped page of the change log after a cursor (cursor, has_more and head per the protocol)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.errors import ApiError
from server.services import changelog
from server.services.purge import purged_through
from server.services.scope import Viewer, visible_changes
from server.tables import change_log
from shared.sync.protocol import ErrorCode

RESYNC_MESSAGE = ("This laptop was offline longer than the server keeps deleted records; "
                  "FieldCRM will download your territory again. Your unsynced changes are kept.")


@dataclass(frozen=True)
class PullPage:
    changes: list[dict[str, Any]]  # ChangeWire dicts
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
    query = (select(c.pos, c.entity, c.row_id, c.deleted, c.evicted, c.data, c.clocks)
             .where(c.pos > after, c.pos <= head, visible_changes(viewer))
             .order_by(c.pos).limit(limit + 1))
    rows = session.execute(query).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = [{"pos": r.pos, "entity": r.entity, "id": r.row_id, "evicted": bool(r.evicted),
                "deleted": bool(r.deleted),
                "fields": r.data if r.evicted else changelog.full_fields(r.entity, r.data),
                "clocks": r.clocks}
               for r in rows]
    cursor = rows[-1].pos if has_more else head
    return PullPage(changes, cursor, has_more, head)
