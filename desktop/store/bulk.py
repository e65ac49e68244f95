"""Bulk upserts of full replicated rows: wire values straight to SQLite values, executemany.

A pull page brings thousands of full rows. Going through SQLAlchemy's ``insert`` (bind
parameter processing per value, a compiled statement per call) cost more than the
database work, so a ``RowWriter`` per table turns each wire row into the tuple SQLite
stores, with the shared codec's decoders (the same checks as everywhere else) and the
column types' own bind processors (the same stored form as SQLAlchemy writes), and runs
one driver-level ``executemany`` per table and page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Column, DateTime, Table
from sqlalchemy.orm import Session

from desktop.store import raw_sql
from desktop.store.wire_rows import compile_reader
from shared.models.registry import ENTITIES, EntitySpec
from shared.sync.codec import FieldTypeError, decoders
from shared.sync.snapshot import DIALECT, Storer, same, storage, store_datetime


class RowWriter:
    """Upserts full rows of one replicated table; built once per entity (``writer``)."""

    def __init__(self, spec: EntitySpec) -> None:
        table: Table = spec.table
        self.spec = spec
        self.columns = ("id", *spec.fields, "clocks", "deleted")
        self._stores = {name: storage(table.columns[name]) for name in self.columns}
        decode = decoders(spec)
        # Wire value -> stored value for each data field, as the codec decodes it.
        self._wire = [(name, wire_storage(table.columns[name], decode[name],
                                          self._stores[name])) for name in spec.fields]
        self._clocks = self._stores["clocks"]
        self._deleted = self._stores["deleted"]
        self._read = compile_reader([(table.columns[name], store) for name, store in self._wire],
                                    self._clocks, self._deleted)
        names = ", ".join(self.columns)
        marks = ", ".join("?" * len(self.columns))
        updates = ", ".join(f"{name} = excluded.{name}" for name in self.columns[1:])
        # A row already stored as pulled (the echo of this replica's own push, above
        # all) is left alone: rewriting it would rewrite every index entry too.
        changed = " OR ".join(f"{table.name}.{name} IS NOT excluded.{name}"
                              for name in self.columns[1:])
        self.sql = (f"INSERT INTO {table.name} ({names}) VALUES ({marks}) "
                    f"ON CONFLICT (id) DO UPDATE SET {updates} WHERE {changed}")

    def from_wire(self, row_id: str, fields: Mapping[str, Any], clocks: Mapping[str, Any],
                  deleted: bool) -> tuple[Any, ...]:
        """The stored row for a pulled change; a value this client cannot read becomes the
        field's model default, so one odd value never blocks every later page."""
        if type(clocks) is not dict:
            clocks = dict(clocks)  # what the JSON encoder takes
        try:
            return self._read(row_id, fields, clocks, deleted)
        except FieldTypeError:
            get = fields.get
            values = [self._lenient(name, store, get(name)) for name, store in self._wire]
            return (row_id, *values, self._clocks(clocks), self._deleted(deleted))

    def from_values(self, row: Mapping[str, Any]) -> tuple[Any, ...]:
        """The stored row for Python values (``id``, every field, ``clocks``, ``deleted``)."""
        return tuple(self._stores[name](row[name]) for name in self.columns)

    def upsert(self, session: Session, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            raw_sql.run_many(session, self.sql, rows)

    def _lenient(self, name: str, store: Storer, value: Any) -> Any:
        try:
            return store(value)
        except FieldTypeError:
            return self._stores[name](self.spec.default_of(name))


class Insert:
    """A prebuilt driver-level INSERT of some columns of a local table (one row per call),
    values stored as SQLAlchemy would store them; *conflict* is an optional ON CONFLICT
    clause. For the statements every edit runs, where building a Core statement cost more
    than running it."""

    def __init__(self, table: Table, columns: Sequence[str], conflict: str = "") -> None:
        self._stores = tuple(storage(table.columns[name]) for name in columns)
        self.columns = tuple(columns)
        self.sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))}) {conflict}").rstrip()

    def run(self, session: Session, *values: Any) -> None:
        assert len(values) == len(self._stores)
        raw_sql.run(
            session, self.sql, tuple(store(value) for store, value in zip(self._stores, values,
                                                                 strict=True)))


@cache
def writer(entity: str) -> RowWriter:
    return RowWriter(ENTITIES[entity])


def wire_storage(column: Column[Any], decode: Storer, store: Storer) -> Storer:
    """Wire value -> stored value: ``store(decode(value))`` (``wire_rows`` checks the usual
    text, number and true/false values inline and calls this for anything else); a
    datetime in the wire's own form skips the codec's parse-and-convert.

    An empty value for a column that cannot be empty is refused (FieldTypeError), even
    where the codec lets it through for the model default to fill in, so the lenient
    path stores that default instead of a NULL the table would refuse.
    """
    converter = (_wire_datetime(decode) if isinstance(column.type, DateTime)
                 else _then(decode, store))
    if column.nullable:
        return converter
    name = column.key

    def filled(value: Any) -> Any:
        stored = converter(value)
        if stored is None:
            raise FieldTypeError(name, f"{name} cannot be empty")
        return stored
    return filled


def _wire_datetime(decode: Storer) -> Storer:
    parse = datetime.fromisoformat

    def store(value: Any) -> Any:
        if type(value) is str:  # the wire form: naive UTC, "YYYY-MM-DDTHH:MM:SS"
            try:
                parsed = parse(value)
            except ValueError:
                parsed = None
            if parsed is not None and parsed.tzinfo is None:
                return parsed.isoformat(" ", "microseconds")
        return store_datetime(decode(value))
    return store


def reading(column: Column[Any]) -> Storer:
    """Stored value -> Python value, exactly as SQLAlchemy reads it from the replica."""
    process = column.type.dialect_impl(DIALECT).result_processor(DIALECT, None)
    return process if process is not None else same


def _then(first: Storer, second: Storer) -> Storer:
    if second is same:
        return first

    def both(value: Any) -> Any:
        return second(first(value))
    return both
