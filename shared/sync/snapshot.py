"""The replica snapshot: a first sync's whole scope as one SQLite file (GET /sync/snapshot).

A device with an empty replica needs every live row its user may see. Replaying the
change log from 0 sends each row as JSON, and every version it ever had; the snapshot
sends the rows as they are now, in the very tables the replica keeps (the shared models'
tables, stored the way SQLAlchemy's SQLite dialect stores them), so the desktop copies
them in with one ``INSERT ... SELECT`` per table and never decodes a row in Python.

The file holds, besides one table per replicated entity (live rows only: id, every
field, clocks, deleted), the table ``snapshot_info`` (key, value):

- ``format``: ``FORMAT`` (a client refuses a file of another format and pulls pages);
- ``cursor``: the change-log position the rows are consistent with: every change at or
  below it is in the file, none above it; the client pulls after it;
- ``user_id``: whose scope this is (a client checks it is its own);
- ``server_hlc``: the server's clock when the file was made.

Both sides read the layout from here: the server writes it, the desktop reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime
from sqlalchemy.dialects import sqlite

from shared.models import json_columns

FORMAT = 1
INFO_TABLE = "snapshot_info"
INFO_DDL = f"CREATE TABLE {INFO_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
MEDIA_TYPE = "application/vnd.sqlite3"
CURSOR_HEADER = "X-FieldCRM-Snapshot-Cursor"  # the cursor again, for logs and proxies
SIZE_HEADER = "X-FieldCRM-Snapshot-Bytes"  # the file's size before compression (progress)

# The SQLite dialect both stores' engines use (JSON through orjson).
DIALECT = sqlite.dialect(json_serializer=json_columns.dumps,
                         json_deserializer=json_columns.loads)

Storer = Callable[[Any], Any]  # a Python value -> the value SQLite stores


def storage(column: Column[Any]) -> Storer:
    """Python value -> stored value, exactly as SQLAlchemy binds it for SQLite."""
    if isinstance(column.type, DateTime):
        return store_datetime  # the DATETIME bind processor's format, without its dict
    process = column.type.dialect_impl(DIALECT).bind_processor(DIALECT)
    return process if process is not None else same


def store_datetime(value: datetime | None) -> str | None:
    # SQLAlchemy's SQLite DATETIME: "%Y-%m-%d %H:%M:%S.%f" (both stores keep naive UTC).
    return None if value is None else value.isoformat(" ", "microseconds")


def same(value: Any) -> Any:
    return value
