"""The rows one write transaction reads and changes, as plain dicts, written back in bulk.

A push loads every row it targets in one ``SELECT … WHERE id IN (…)`` per entity, merges
in Python and writes the new and changed rows back with one INSERT and one UPDATE per
entity and set of changed columns (an executemany; on PostgreSQL one statement whose
rows come as JSON), instead of an ORM load, flush and statement per mutation. The statements run
on the driver (``server.driver_sql.DriverStatement``). Rows are dicts of every column (``id``,
``clocks``, ``deleted`` and the data fields) holding Python values, exactly as the ORM
would hold them.

When the store runs ``shared`` (a PostgreSQL push that does not hold the store-wide
writer lock, see ``server.services.changelog``), the rows it may change are locked
``FOR NO KEY UPDATE`` as they are loaded, in a fixed order (entity, then id) so two
pushes never deadlock; changing a row that was not loaded that way raises
:class:`NeedsExclusive` and the push is redone holding the store-wide lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, bindparam, select, update
from sqlalchemy.orm import Session

from server.driver_sql import DriverStatement, JsonRows, insert_json_rows, update_json_rows
from shared.models import APPLY_ORDER, ENTITIES, EntitySpec

CHUNK = 500  # ids per IN (...) (SQLite's bound-parameter limit)
Row = dict[str, Any]
Lookup = Callable[[str, str], Mapping[str, Any] | None]


class NeedsExclusive(Exception):  # noqa: N818 - a signal, not an error the user sees
    """This write needs the store-wide writer lock; roll back and run it again with it."""


class RowStore:
    """Rows of one transaction, by entity and id (None: known not to exist)."""

    def __init__(self, session: Session, *, shared: bool = False) -> None:
        self.session = session
        self.shared = shared
        self._rows: dict[str, dict[str, Row | None]] = {}
        self._locked: set[tuple[str, str]] = set()
        self._new: dict[str, dict[str, Row]] = {}  # insertion order is kept
        # entity -> id -> (row, the columns changed; None: maybe any)
        self._dirty: dict[str, dict[str, tuple[Row, set[str] | None]]] = {}

    # -- reading ---------------------------------------------------------------------
    def load(self, entity: str, ids: Iterable[str], *, lock: bool = False) -> None:
        """Read the rows of *ids* not read yet (locking them when the store is shared)."""
        cached = self._rows.setdefault(entity, {})
        lock = lock and self.shared
        wanted = sorted({i for i in ids if i is not None
                         and (i not in cached or (lock and (entity, i) not in self._locked))})
        if not wanted:
            return
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start:start + CHUNK]
            query, size = _by_ids(entity, lock, len(chunk))
            padded = chunk + chunk[-1:] * (size - len(chunk))  # the same id again: no row more
            found = {row["id"]: row for row in
                     query.rows(self.session, {f"id{n}": i for n, i in enumerate(padded)})}
            for row_id in chunk:
                held, stored = cached.get(row_id), found.get(row_id)
                if held is not None and stored is not None:
                    if row_id not in self._new.get(entity, {}) \
                            and row_id not in self._dirty.get(entity, {}):
                        held.update(stored)  # now locked: the newest committed version
                elif held is None:
                    cached[row_id] = stored
                if lock:
                    self._locked.add((entity, row_id))

    def get(self, entity: str, row_id: str) -> Row | None:
        """The row (this transaction's version), or None when it does not exist."""
        cached = self._rows.get(entity, {})
        if row_id not in cached:
            self.load(entity, [row_id])
            cached = self._rows[entity]
        return cached[row_id]

    def lookup(self, entity: str, row_id: str) -> Row | None:
        """``get`` for functions that take a ``Lookup`` (placement)."""
        return self.get(entity, row_id)

    def select_where(self, spec: EntitySpec, condition: ColumnElement[bool]) -> list[Row]:
        """Rows of *spec* matching *condition* in the database, ordered by id.

        Pending writes are flushed first so the database is current; rows already held
        are returned as held (they are the same as stored after the flush).
        """
        self.flush()
        cached = self._rows.setdefault(spec.name, {})
        rows: list[Row] = []
        for stored in self.session.execute(select(spec.table).where(condition)
                                           .order_by(spec.table.c.id)).mappings():
            row = cached.get(stored["id"])
            if row is None:
                row = cached[stored["id"]] = dict(stored)
            rows.append(row)
        return rows

    # -- writing ---------------------------------------------------------------------
    def add(self, entity: str, row: Row) -> None:
        """A new row, inserted at the next flush."""
        self._rows.setdefault(entity, {})[row["id"]] = row
        self._new.setdefault(entity, {})[row["id"]] = row

    def changed(self, entity: str, row: Row, columns: Iterable[str] | None = None) -> None:
        """*row* (held by this store) was changed in place: update it at the next flush.

        *columns*: the ones that changed (only those are written); None: any of them.
        """
        if row["id"] in self._new.get(entity, {}):
            return
        if self.shared and (entity, row["id"]) not in self._locked:
            raise NeedsExclusive(f"{entity} {row['id']} was not locked")
        dirty = self._dirty.setdefault(entity, {})
        held = dirty.get(row["id"])
        before = held[1] if held is not None else set()
        dirty[row["id"]] = (row, None if columns is None or before is None
                            else before.union(columns))

    def flush(self) -> None:
        """Write new rows (parents first) and then changed rows, one statement per entity."""
        together = self.session.get_bind().dialect.name == "postgresql"
        for entity in APPLY_ORDER:
            new = self._new.pop(entity, None)
            if new and together and len(new) > 1:  # one statement instead of one per row
                _insert_many(entity).execute(self.session, list(new.values()))
            elif new:
                _insert(entity).executemany(self.session, list(new.values()))
        for entity in APPLY_ORDER:
            groups: dict[tuple[str, ...], list[Row]] = {}
            for row, columns in self._dirty.pop(entity, {}).values():
                names = _all_columns(entity) if columns is None else tuple(sorted(columns))
                groups.setdefault(names, []).append(row)
            for names, rows in groups.items():
                if together and len(rows) > 1:  # one statement instead of one per row
                    _update_many(entity, names).execute(self.session, rows)
                else:
                    keys, values = _update_keys(names)
                    _update(entity, names).executemany(self.session, [
                        dict(zip(keys, values(row), strict=True)) for row in rows])


def _by_ids(entity: str, lock: bool, count: int) -> tuple[DriverStatement, int]:
    """The SELECT of up to *count* rows by id, and how many ids it takes (a power of two,
    so a few statements serve every batch size; the caller repeats an id to fill it)."""
    size = 1
    while size < count:
        size *= 2
    return _by_ids_sized(entity, lock, size), size


@cache
def _by_ids_sized(entity: str, lock: bool, size: int) -> DriverStatement:
    table = ENTITIES[entity].table
    query = select(table).where(table.c.id.in_([bindparam(f"id{n}") for n in range(size)]))
    if lock:  # NO KEY: inserts of children (foreign-key KEY SHARE locks) are not blocked
        query = query.order_by(table.c.id).with_for_update(key_share=True)
    return DriverStatement(query)


@cache
def _insert(entity: str) -> DriverStatement:
    return DriverStatement(ENTITIES[entity].table.insert(),
                           column_keys=list(_insert_columns(entity)), many=True)


@cache
def _insert_columns(entity: str) -> tuple[str, ...]:
    return tuple(c.name for c in ENTITIES[entity].table.columns)


@cache
def _insert_many(entity: str) -> JsonRows:
    """PostgreSQL: the INSERT of many rows as one statement."""
    return insert_json_rows(ENTITIES[entity].table, _insert_columns(entity))


@cache
def _all_columns(entity: str) -> tuple[str, ...]:
    return tuple(c.name for c in ENTITIES[entity].table.columns if c.name != "id")


@cache
def _update_many(entity: str, columns: tuple[str, ...]) -> JsonRows:
    """PostgreSQL: the UPDATE of many rows as one statement."""
    return update_json_rows(ENTITIES[entity].table, "id", columns)


@cache
def _update_keys(columns: tuple[str, ...]) -> tuple[tuple[str, ...],
                                                     Callable[[Row], tuple[Any, ...]]]:
    """The parameter names of ``_update`` (``b_id`` first) and what reads them from a row."""
    return (("b_id", *[f"b_{name}" for name in columns]),
            itemgetter("id", *columns))  # (a tuple: an UPDATE sets a column at least)


@cache
def _update(entity: str, columns: tuple[str, ...]) -> DriverStatement:
    table = ENTITIES[entity].table
    return DriverStatement(update(table).where(table.c.id == bindparam("b_id"))
                           .values({name: bindparam(f"b_{name}") for name in columns}),
                           many=True)
