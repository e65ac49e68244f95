"""A first bootstrap fills an empty replica without its secondary indexes.

Keeping a dozen indexes in step row by row cost more than the rows themselves (a fifth
of an 80,000-record bootstrap); building each once from the finished tables is a sort.
So the first page of a bootstrap into an empty replica drops the secondary indexes of
the replicated tables, keeping the exact SQL of each in ``deferred_indexes`` in the same
transaction, and the last page creates them again in its own. A bootstrap cut short
leaves them in ``deferred_indexes``: the next open creates them before anything else
(migrations included), so the replica's schema is always whole when it is read by code
that expects it. Primary keys and unique constraints stay (no SQL of their own).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import Session

from shared.models.registry import ENTITIES

_TABLES = tuple(spec.table.name for spec in ENTITIES.values())
_CREATE = re.compile(r"^(CREATE (?:UNIQUE )?INDEX) (?!IF NOT EXISTS)", re.IGNORECASE)


def defer_indexes(session: Session) -> bool:
    """Drop the replicated tables' secondary indexes if every such table is empty."""
    connection = session.connection()
    for table in _TABLES:
        if connection.exec_driver_sql(f"SELECT 1 FROM {table} LIMIT 1").first() is not None:
            return False
    marks = ", ".join("?" * len(_TABLES))
    indexes = list(connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks}) ORDER BY name", _TABLES))
    for name, sql in indexes:
        connection.exec_driver_sql(
            "INSERT INTO deferred_indexes (name, sql) VALUES (?, ?) "
            "ON CONFLICT (name) DO NOTHING", (name, sql))
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    return bool(indexes)


def restore_indexes(session: Session) -> int:
    """Create the deferred indexes again (inside the caller's transaction)."""
    return _restore(session.connection().connection.driver_connection)


def restore_at_open(dbapi_connection: Any) -> int:
    """Before migrations: a bootstrap cut short gets its indexes back, in one transaction."""
    exists = dbapi_connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deferred_indexes'"
    ).fetchone()
    if exists is None:
        return 0
    dbapi_connection.execute("BEGIN IMMEDIATE")
    try:
        restored = _restore(dbapi_connection)
    except BaseException:
        dbapi_connection.execute("ROLLBACK")
        raise
    dbapi_connection.execute("COMMIT")
    return restored


def _restore(dbapi_connection: Any) -> int:
    rows = dbapi_connection.execute("SELECT name, sql FROM deferred_indexes").fetchall()
    for _name, sql in rows:
        dbapi_connection.execute(_CREATE.sub(r"\1 IF NOT EXISTS ", sql, count=1))
    if rows:
        dbapi_connection.execute("DELETE FROM deferred_indexes")
    return len(rows)
