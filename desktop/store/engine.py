"""The SQLite engine of a replica file: WAL, NORMAL sync, busy timeout, real transactions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from desktop.store import search_index
from shared.models import json_columns

WRITE_OPTION = "fieldcrm_write"
BUSY_TIMEOUT_MS = 10_000


def make_engine(path: Path) -> Engine:
    """An engine for *path* whose transactions SQLite honours (incl. DDL and savepoints)."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        json_serializer=json_columns.dumps, json_deserializer=json_columns.loads,
        pool_use_lifo=True,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling defers BEGIN and commits before DDL;
        # take control so a page and its cursor really commit together.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()
        search_index.attach(dbapi_connection, path)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Writers take the write lock up front so they never fail half-way on a busy file.
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        # Straight on the DB-API connection: this runs for every read and write.
        connection.connection.driver_connection.execute(
            "BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, but its transactions begin IMMEDIATE."""
    return engine.execution_options(**{WRITE_OPTION: True})
