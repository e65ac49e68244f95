"""The server's version of rows with unsent local edits, kept so a discard can restore it.

Invariant: a row has a server copy exactly while it has pending or rejected outbox
entries. Pulls skip the fields those entries hold, so without this copy discarding a
rejected edit could not bring back the value the server actually has.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.store import raw_sql, search_index
from desktop.store.bulk import Insert
from desktop.store.tables import server_copy
from shared.models.registry import EntitySpec
from shared.sync.codec import FieldTypeError, decode_value


def has_copy(session: Session, entity: str, row_id: str) -> bool:
    return session.scalar(select(server_copy.c.present).where(
        server_copy.c.entity == entity, server_copy.c.row_id == row_id)) is not None


COLUMNS = ("entity", "row_id", "present", "deleted", "fields", "clocks")
_REPLACE = Insert(server_copy, COLUMNS, "ON CONFLICT (entity, row_id) DO UPDATE SET "
                  "present = excluded.present, deleted = excluded.deleted, "
                  "fields = excluded.fields, clocks = excluded.clocks")
_KEEP = Insert(server_copy, COLUMNS, "ON CONFLICT (entity, row_id) DO NOTHING")


def remember(session: Session, entity: str, row_id: str, *, present: bool, deleted: bool,
             fields: dict[str, Any], clocks: dict[str, Any], keep: bool = False) -> None:
    """Store (or replace) the server version of one row; *fields* are wire-encoded.

    With *keep* an existing copy stays as it is: the first local edit of a row keeps
    the server version it started from, however many edits follow.
    """
    (_KEEP if keep else _REPLACE).run(session, entity, row_id, present, deleted, fields,
                                      clocks)


def forget(session: Session, keys: Iterable[tuple[str, str]]) -> None:
    pairs = [(entity, row_id) for entity, row_id in keys]
    if pairs:
        raw_sql.run_many(session, "DELETE FROM server_copy WHERE entity = ? AND row_id = ?",
                         pairs)


def restore(session: Session, spec: EntitySpec, row_id: str,
            only: set[str] | None = None) -> None:
    """Put the server's values back on a row (all fields, or just *only*)."""
    copy = session.execute(select(server_copy).where(
        server_copy.c.entity == spec.name, server_copy.c.row_id == row_id)).first()
    if copy is None:
        return
    table = spec.table
    if not copy.present:
        if only is None:  # a create the server never accepted: it goes away entirely
            session.execute(delete(table).where(table.c.id == row_id))
            search_index.remove(session, spec.name, [row_id])
        return
    current = session.execute(select(table.c.clocks).where(table.c.id == row_id)).first()
    if current is None:
        return
    names = [n for n in spec.fields if only is None or n in only]
    values: dict[str, Any] = {}
    for name in names:
        try:
            values[name] = decode_value(spec, name, copy.fields.get(name))
        except FieldTypeError:
            continue
    clocks = dict(current.clocks or {})
    for name in [*names, "deleted"]:
        if only is not None and name not in only:
            continue
        if name in copy.clocks:
            clocks[name] = copy.clocks[name]
        else:
            clocks.pop(name, None)
    if only is None or "deleted" in only:
        values["deleted"] = copy.deleted
    session.execute(table.update().where(table.c.id == row_id).values(clocks=clocks, **values))
    search_index.refresh(session, spec.name, [row_id])
