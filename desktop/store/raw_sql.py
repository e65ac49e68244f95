"""SQL straight on the replica's sqlite3 connection, inside the session's transaction.

The statements every sync round, pulled page and local edit run are small; through
SQLAlchemy's ``exec_driver_sql`` each cost about 0.1 ms of Python (execution context,
result metadata, events), several times what SQLite needed to run it. These helpers
hand the SQL to the DB-API connection of the session's current transaction (which
``session.connection()`` begins as usual, so BEGIN and COMMIT stay SQLAlchemy's) and
wrap the cursor in the few result methods the store uses.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session


class Rows:
    """The rows of one statement: iterate, or take the first row, its one value, or all."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor)

    def first(self) -> Any | None:
        return self._cursor.fetchone()

    def scalar_one(self) -> Any:
        row = self._cursor.fetchone()
        if row is None:
            raise LookupError("the statement returned no row")
        return row[0]

    def all(self) -> list[Any]:
        return self._cursor.fetchall()


_CACHED = "fieldcrm_raw_connection"


def connection(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection of the session's transaction (begun if it was not yet).

    Looked up once per transaction: ``session.connection()`` alone cost 80 µs a call.
    """
    transaction = session.get_transaction()
    cached = session.info.get(_CACHED)
    if transaction is not None and cached is not None and cached[0] is transaction:
        driver: sqlite3.Connection = cached[1]
        return driver
    found = session.connection().connection.driver_connection
    assert isinstance(found, sqlite3.Connection)
    session.info[_CACHED] = (session.get_transaction(), found)
    return found


def run(session: Session, sql: str,
        params: Sequence[Any] | Mapping[str, Any] = ()) -> Rows:
    return Rows(connection(session).execute(sql, params))


def run_many(session: Session, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    connection(session).executemany(sql, rows)
