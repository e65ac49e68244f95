"""Statements run straight on the DB-API cursor of a session's transaction (the push's).

``Session.execute`` costs about 35 µs of Python per statement and several per row; the
few statements every push runs go through ``DriverStatement`` instead, with the SQL
SQLAlchemy compiles and the column types' own value processors.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any, TypeVar

import orjson
from sqlalchemy import JSON, ClauseElement, Connection, Date, DateTime, Dialect, Insert, Table, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

MAX_DIALECTS = 8  # compiled forms a DriverStatement keeps (one per engine)
SQLITE_MAX_PARAMETERS = 999  # SQLite's limit before 3.32 (it is 32766 since)


class DriverStatement:
    """A Core statement compiled once per dialect and run on the DB-API cursor of a
    session's transaction: the few statements a push runs for every request.

    ``Session.execute`` costs about 35 µs of Python per statement and several per row
    (parameter construction, result rows); these run in about 5. The SQL is the one
    SQLAlchemy compiles for the dialect and every value goes through the column type's own
    bind or result processor, so what is stored and read back is the same. Driver errors
    are raised as SQLAlchemy's (``IntegrityError`` …), as ``Session.execute`` raises them.
    """

    def __init__(self, statement: ClauseElement, *, column_keys: Sequence[str] | None = None,
                 many: bool = False) -> None:
        self._statement = statement
        self._column_keys = list(column_keys) if column_keys is not None else None
        self._many = many
        self._compiled: dict[int, tuple[Dialect, _Compiled]] = {}  # id(dialect) -> it

    def execute(self, session: Session, params: Mapping[str, Any]) -> None:
        compiled, connection = self._prepare(session)
        run_on_driver(connection, compiled.sql, compiled.encode(params), many=False).close()

    def executemany(self, session: Session, params: Sequence[Mapping[str, Any]]) -> None:
        if not params:
            return
        compiled, connection = self._prepare(session)
        encode = compiled.encode
        rows = compiled.rows_per_insert
        whole = len(params) - len(params) % rows if rows > 1 else 0
        for start in range(0, whole, rows):  # SQLite: many rows per INSERT (see _Compiled)
            run_on_driver(connection, compiled.many_rows_sql, [
                value for p in params[start:start + rows] for value in encode(p)],
                many=False).close()
        rest = params[whole:] if whole else params
        if len(rest) == 1:
            run_on_driver(connection, compiled.sql, encode(rest[0]), many=False).close()
        elif rest:
            run_on_driver(connection, compiled.sql, [encode(p) for p in rest], many=True).close()

    def rows(self, session: Session, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The selected rows as dicts of Python values (column name -> value)."""
        compiled, connection = self._prepare(session)
        cursor = run_on_driver(connection, compiled.sql, compiled.encode(params), many=False)
        found = cursor.fetchall()
        cursor.close()
        names, decoders = compiled.names, compiled.decoders
        if not decoders:
            return [dict(zip(names, row, strict=True)) for row in found]
        out = []
        for row in found:
            values = list(row)
            for index, decode in decoders:
                values[index] = decode(values[index])
            out.append(dict(zip(names, values, strict=True)))
        return out

    def _prepare(self, session: Session) -> tuple[_Compiled, Connection]:
        connection = _connection_of(session)
        return _for_dialect(self._compiled, connection.dialect, lambda dialect: _Compiled(
            self._statement, dialect, self._column_keys, self._many)), connection


T = TypeVar("T")


def _for_dialect(held: dict[int, tuple[Dialect, T]], dialect: Dialect,
                 make: Callable[[Dialect], T]) -> T:
    """What *make* builds for *dialect*, built once (holding the dialect keeps its id
    from being reused)."""
    found = held.get(id(dialect))
    if found is None:
        if len(held) >= MAX_DIALECTS:  # engines come and go (tests)
            held.clear()
        found = held[id(dialect)] = dialect, make(dialect)
    return found[1]


class JsonRows:
    """PostgreSQL: a statement over many rows sent as one JSON parameter, which the server
    reads with ``json_to_recordset``: one statement instead of one execution per row, and
    the values are encoded in one ``orjson`` call (psycopg builds array parameters in
    Python, quoting every element, which cost more than the executions it saved).

    Every value goes through its column type's bind processor first, as in an
    executemany, so what is stored is the same; a JSON column's text is sent as a string
    and cast back, so it is stored exactly as an executemany stores it.
    """

    def __init__(self, table: Table, names: Sequence[str], sql: str) -> None:
        self._table, self._names = table, tuple(str(name) for name in names)  # (not quoted_name)
        self._statement = DriverStatement(text(sql))
        self._processors: dict[int, tuple[Dialect, list[Callable[[Any], Any] | None]]] = {}

    def execute(self, session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
        processors = _for_dialect(self._processors, _connection_of(session).dialect,
                                  self._processors_for)
        pairs = list(zip(self._names, processors, strict=True))
        encoded = [{name: row[name] if process is None else process(row[name])
                    for name, process in pairs} for row in rows]
        self._statement.execute(session, {"rows": orjson.dumps(encoded).decode()})

    def _processors_for(self, dialect: Dialect) -> list[Callable[[Any], Any] | None]:
        return [_json_text(column.type, dialect) if isinstance(column.type, JSON)
                else column.type.dialect_impl(dialect).bind_processor(dialect)
                for column in (self._table.c[name] for name in self._names)]


def _json_text(column_type: JSON, dialect: Dialect) -> Callable[[Any], Any]:
    """A JSON column's value as the text an executemany stores: the engine's serializer
    (psycopg's own dumper calls it), and SQL NULL only for a column that wants it."""
    serialize = getattr(dialect, "_json_serializer", None) or json.dumps

    def text_of(value: Any) -> str | None:
        return None if value is None and column_type.none_as_null else serialize(value)
    return text_of


_PG = postgresql.dialect()
_quote = _PG.identifier_preparer.quote
ORDINAL = "fieldcrm_ordinal"  # a row's place in the JSON parameter


def _given_rows(table: Table, names: Sequence[str]) -> str:
    """``FROM`` source ``given``: the JSON parameter's rows, typed as the columns (JSON
    columns as their text) and numbered."""
    types = ", ".join(f"{_quote(name)} {_sent_type(table, name)}" for name in names)
    return (f"ROWS FROM (json_to_recordset(CAST(:rows AS JSON)) AS ({types})) "
            f"WITH ORDINALITY AS given({', '.join(_quote(n) for n in names)}, {ORDINAL})")


def _sent_type(table: Table, name: str) -> str:
    column_type = table.c[name].type
    return "TEXT" if isinstance(column_type, JSON) else str(column_type.compile(dialect=_PG))


def _given(table: Table, name: str) -> str:
    value = f"given.{_quote(name)}"
    return f"CAST({value} AS JSON)" if isinstance(table.c[name].type, JSON) else value


def insert_json_rows(table: Table, names: Sequence[str]) -> JsonRows:
    """PostgreSQL: ``INSERT … SELECT`` of rows given as JSON, in their order (defaults
    such as a sequence are taken row by row in that order)."""
    return JsonRows(table, names, (
        f"INSERT INTO {_quote(table.name)} ({', '.join(_quote(n) for n in names)}) "
        f"SELECT {', '.join(_given(table, n) for n in names)} "
        f"FROM {_given_rows(table, names)} ORDER BY given.{ORDINAL}"))


def update_json_rows(table: Table, key: str, columns: Sequence[str]) -> JsonRows:
    """PostgreSQL: ``UPDATE … FROM`` rows given as JSON (*key* and the new *columns*)."""
    target, names = _quote(table.name), (key, *columns)
    changes = ", ".join(f"{_quote(c)} = {_given(table, c)}" for c in columns)
    return JsonRows(table, names, (
        f"UPDATE {target} SET {changes} FROM {_given_rows(table, names)} "
        f"WHERE {target}.{_quote(key)} = given.{_quote(key)}"))


_HELD = "fieldcrm_driver_connection"


def _connection_of(session: Session) -> Connection:
    """``session.connection()``, remembered for the session's current transaction (asking
    the session each time cost about 10 µs per statement)."""
    transaction = session.get_transaction()
    held = session.info.get(_HELD)
    if transaction is not None and held is not None and held[0] is transaction:
        connection: Connection = held[1]
        return connection
    connection = session.connection()
    session.info[_HELD] = (session.get_transaction(), connection)
    return connection


class _Compiled:
    """SQL text, parameter order and value processors of a statement for one dialect."""

    def __init__(self, statement: ClauseElement, dialect: Dialect,
                 column_keys: list[str] | None, many: bool) -> None:
        compiled: Any = statement.compile(dialect=dialect, column_keys=column_keys,
                                          for_executemany=many)
        self.sql: str = compiled.string
        binds = compiled.positiontup if compiled.positional else list(compiled.binds)
        order: Processors = []
        for name in binds:
            bind = compiled.binds[name]
            fixed = not bind.required  # a literal in the statement (e.g. a separator)
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None and isinstance(bind.type, Date | DateTime):
                process = _last_one_kept(process)
            order.append((name, process, fixed, bind.effective_value if fixed else None))
        self.encode: Callable[[Mapping[str, Any]], Any] = (
            _positional(order) if compiled.positional else _named(order))
        # SQLite: an INSERT executed for many rows also gets a form taking several rows at
        # once (``VALUES (…), (…)``): SQLite's work per row drops by about a third (one
        # statement step, one sqlite_sequence update). Only for the plain form, one ``?``
        # per column value, and within the smallest bound-parameter limit SQLite has had.
        head, _, group = self.sql.rpartition(" VALUES ")
        plain = group == f"({', '.join(['?'] * len(order))})" and bool(order)
        self.rows_per_insert = SQLITE_MAX_PARAMETERS // len(order) \
            if many and plain and dialect.name == "sqlite" and isinstance(statement, Insert) \
            else 1
        self.many_rows_sql = f"{head} VALUES {', '.join([group] * self.rows_per_insert)}" \
            if self.rows_per_insert > 1 else self.sql
        columns = list(getattr(statement, "selected_columns", ()))
        self.names: tuple[str, ...] = tuple(column.name for column in columns)
        self.decoders: tuple[tuple[int, Callable[[Any], Any]], ...] = tuple(
            (index, decode) for index, column in enumerate(columns)
            if (decode := column.type.dialect_impl(dialect).result_processor(dialect, None))
            is not None)


# (name, bind processor, whether the statement holds the value, that value)
Processors = list[tuple[str, Callable[[Any], Any] | None, bool, Any]]


def _last_one_kept(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """*process* for an immutable value (a date or time), remembering its last value: the
    entries of a push all hold the same ``created_at`` (SQLite formats each in about 1 µs)."""
    last: tuple[Any, Any] = (None, None)  # (value, processed): one tuple, set at once

    def process_once(value: Any) -> Any:
        nonlocal last
        held = last
        if value is held[0] and value is not None:
            return held[1]
        processed = process(value)
        last = (value, processed)
        return processed
    return process_once


def _value(params: Mapping[str, Any], name: str, fixed: bool, value: Any) -> Any:
    return params.get(name, value) if fixed else params[name]


def _positional(order: Processors) -> Callable[[Mapping[str, Any]], Sequence[Any]]:
    if any(fixed for _, _, fixed, _ in order):
        def encode_all(params: Mapping[str, Any]) -> tuple[Any, ...]:
            return tuple([_value(params, name, fixed, value) if process is None
                          else process(_value(params, name, fixed, value))
                          for name, process, fixed, value in order])
        return encode_all

    # Every value read in one C call, then only the typed ones converted (most are not).
    names = [name for name, _, _, _ in order]
    typed = tuple((index, process) for index, (_, process, _, _) in enumerate(order)
                  if process is not None)
    read: Callable[[Mapping[str, Any]], Any] = (
        itemgetter(*names) if len(names) > 1 else lambda params: (params[names[0]],)) \
        if names else lambda params: ()

    def encode(params: Mapping[str, Any]) -> Sequence[Any]:
        values = list(read(params))
        for index, process in typed:
            values[index] = process(values[index])
        return values
    return encode


def _named(order: Processors) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
    if any(fixed for _, _, fixed, _ in order):
        def encode_all(params: Mapping[str, Any]) -> dict[str, Any]:
            return {name: _value(params, name, fixed, value) if process is None
                    else process(_value(params, name, fixed, value))
                    for name, process, fixed, value in order}
        return encode_all

    def encode(params: Mapping[str, Any]) -> dict[str, Any]:
        return {name: params[name] if process is None else process(params[name])
                for name, process, _, _ in order}
    return encode


def run_on_driver(connection: Connection, sql: str, params: Any, *, many: bool) -> Any:
    """Execute on a new DB-API cursor of *connection*; a driver error is raised wrapped
    (and a lost connection invalidated) as SQLAlchemy does."""
    raw = connection.connection
    cursor = raw.cursor()
    try:
        if many:
            cursor.executemany(sql, params)
        else:
            cursor.execute(sql, params)
    except connection.dialect.loaded_dbapi.Error as exc:
        dialect = connection.dialect
        lost = dialect.is_disconnect(exc, raw.dbapi_connection, cursor)
        cursor.close()
        if lost:
            connection.invalidate(exc)
        raise DBAPIError.instance(sql, params, exc, dialect.loaded_dbapi.Error,
                                  connection_invalidated=lost, dialect=dialect) from exc
    return cursor
