"""A scoped page of the change log after a cursor (cursor, has_more and head per the protocol)."""

from __future__ import annotations

import typing
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    CursorResult,
    Integer,
    Select,
    Subquery,
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


# One change-log entry of a page: pos, entity, row id, deleted, evicted, and the stored
# JSON text of its fields (filled in when it predates a field) and clocks.
Entry = tuple[int, str, str, bool, bool, str, str]


@dataclass(frozen=True)
class PullPage:
    entries: list[Entry]
    cursor: int
    has_more: bool
    head: int

    @property
    def changes(self) -> list[dict[str, Any]]:
        """The entries as ChangeWire dicts ("fields" and "clocks" as orjson.Fragment)."""
        return [{"pos": pos, "entity": entity, "id": row_id, "evicted": evicted,
                 "deleted": deleted, "fields": orjson.Fragment(fields),
                 "clocks": orjson.Fragment(clocks)}
                for pos, entity, row_id, deleted, evicted, fields, clocks in self.entries]

    def changes_json(self) -> orjson.Fragment:
        """The same list as JSON, written straight from the stored text (a bootstrap page
        is 2,000 entries: building dicts to encode them cost more than reading them)."""
        return orjson.Fragment("[" + ",".join([
            f'{{"pos":{pos},"entity":{_quoted(entity)},"id":{_quoted(row_id)},'
            f'"evicted":{_TRUE if evicted else _FALSE},'
            f'"deleted":{_TRUE if deleted else _FALSE},"fields":{fields},"clocks":{clocks}}}'
            for pos, entity, row_id, deleted, evicted, fields, clocks in self.entries]) + "]")


_TRUE, _FALSE = "true", "false"


def _quoted(text: str) -> str:
    """*text* as a JSON string (ids are plain ASCII: no escaping needed, checked cheaply)."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    return orjson.dumps(text).decode()


def pull(session: Session, viewer: Viewer, after: int, limit: int) -> PullPage:
    """Visible changes after *after*, oldest first, at most *limit*.

    The head is read with the page, from the same snapshot, and the page never goes past
    it, so a cursor set to the head skips only entries this viewer may not see. A cursor older than purged tombstones
    gets 410 resync_required (it may have missed their deletes); 0 always works.
    """
    query = _page_query(viewer.sees_all, bool(viewer.territory_ids))
    result = session.execute(query, {"after": after, "page_size": limit + 1,
                                     "viewer_id": viewer.user_id,
                                     "viewer_territories": sorted(viewer.territory_ids)})
    # The driver's rows as they are: every column is a plain int, bool or text, and
    # building a Row per entry cost more than fetching it.
    found = typing.cast(CursorResult[Any], result).cursor.fetchall()
    result.close()
    head, purged = found[0][0], found[0][1]  # (one row even when the page is empty)
    if 0 < after < purged:
        raise ApiError(410, ErrorCode.RESYNC_REQUIRED, RESYNC_MESSAGE)
    rows = [row[2:] for row in found if row[2] is not None]
    has_more = len(rows) > limit
    rows = rows[:limit]
    entries = [(pos, entity, row_id, bool(deleted), bool(evicted),
                _fields(entity, data, bool(evicted)), clocks)
               for pos, entity, row_id, deleted, evicted, data, clocks in rows]
    cursor = rows[-1][0] if has_more else head
    return PullPage(entries, cursor, has_more, head)


@cache
def _page_query(sees_all: bool, has_territories: bool) -> Select[Any]:
    """The page statement for one kind of viewer (the values are bound at execution): the
    head, the highest purged position and the page's entries, in one statement (one
    round trip, and the head and the page are read from the same snapshot).

    Its rows are (head, purged, *entry); with no entry (an empty page, or a cursor older
    than the purge) there is one row, its entry columns null.

    The entries are the same rows as ``scope.visible_changes``, read through the indexes:
    a rep's page is the union of its territories' entries (territory_id, pos), its own
    unplaced ones (owner_id, pos) and everyone's (the partial index), instead of every
    entry after the cursor filtered one by one (500 reps pushing at once put thousands
    between two pulls).
    """
    c = change_log.c
    bounds = select(  # the newest position and the highest purged one
        func.coalesce(select(func.max(c.pos)).scalar_subquery(), 0).label("head"),
        func.coalesce(select(server_state.c.value).where(server_state.c.key == PURGED_THROUGH)
                      .scalar_subquery(), 0).label("purged")).cte("bounds")
    # The stored JSON text, undecoded: the page splices it into the reply as it is.
    columns = (c.pos, c.entity, c.row_id, c.deleted, c.evicted,
               cast(c.data, Text).label("data"), cast(c.clocks, Text).label("clocks"))
    size = bindparam("page_size", type_=Integer)
    after = bindparam("after", type_=Integer)
    in_range = and_(c.pos > after, c.pos <= select(bounds.c.head).scalar_subquery())
    if sees_all:
        page = select(*columns).where(in_range, c.evicted == false()).order_by(c.pos) \
            .limit(size).subquery("page")
    else:
        page = _scoped_page(columns, in_range, size, has_territories)
    allowed = or_(after == 0, after >= bounds.c.purged)  # else: 410, no entries read
    return select(bounds.c.head, bounds.c.purged, *page.c) \
        .select_from(bounds.outerjoin(page, allowed)).order_by(page.c.pos)


def _scoped_page(columns: tuple[ColumnElement[Any], ...], in_range: ColumnElement[bool],
                 size: BindParameter[int], has_territories: bool) -> Subquery:
    c = change_log.c

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
    return select(*columns).join(page, page.c.pos == c.pos).subquery("page")


def _fields(entity: str, data: str, evicted: bool) -> str:
    """The entry's row as stored, unless it predates a field (then decoded and filled in)."""
    if evicted or _has_every_field(entity, data):
        return data
    return orjson.dumps(changelog.full_fields(entity, orjson.loads(data))).decode()


def _has_every_field(entity: str, data: str) -> bool:
    # Exact without decoding when the object nests no other object: outside a string a
    # quote followed by a colon closes a key, and inside one every quote is escaped.
    if data.find("{", 1) != -1:
        return False
    return all(map(data.__contains__, _key_marks(entity)))


@cache
def _key_marks(entity: str) -> tuple[str, ...]:
    spec = ENTITIES.get(entity)
    return tuple(f'"{name}":' for name in spec.fields) if spec is not None else ()
