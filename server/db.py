"""Engine creation, one session per request, and programmatic Alembic migrations."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from flask import Flask, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from server.driver_sql import run_on_driver
from shared.models import json_columns

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 30_000
IDLE_PING_S = 10.0  # a pooled PostgreSQL connection idle this long is pinged before use
# psycopg prepares a statement after a few runs; PostgreSQL would then keep the plan it made
# then, and on a young database (tables still nearly empty) that is a sequential scan of
# visits or devices for ever after (until autovacuum happens to analyze). Plan every run.
POSTGRES_OPTIONS = "-c plan_cache_mode=force_custom_plan"
# Execution option asking for BEGIN IMMEDIATE on SQLite (writers take the lock up front,
# so two pushes never deadlock upgrading read locks).
WRITE_OPTION = "fieldcrm_write"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def create_db_engine(url: str) -> Engine:
    """An engine for *url*: SQLite in WAL mode with foreign keys, or PostgreSQL via psycopg."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(parsed, json_serializer=json_columns.dumps,
                               json_deserializer=json_columns.loads,
                               connect_args={"options": POSTGRES_OPTIONS})
        _ping_idle_connections(engine)
        return engine
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, json_serializer=json_columns.dumps,
                           json_deserializer=json_columns.loads,
                           connect_args={"check_same_thread": False})
    _configure_sqlite(engine)
    return engine


def _ping_idle_connections(engine: Engine) -> None:
    """Check a pooled connection before use only when it sat idle (the server may have
    restarted meanwhile); a busy server does not pay a ping round trip per request."""
    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < IDLE_PING_S:
            return
        try:
            cursor = dbapi_conn.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
            dbapi_conn.rollback()
        except Exception as exc:  # the pool replaces the connection and tries again
            raise DisconnectionError(str(exc)) from exc


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        # On the driver: every request begins a transaction (errors wrapped as usual).
        run_on_driver(conn, "BEGIN IMMEDIATE" if immediate else "BEGIN", (),
                      many=False).close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, autoflush=True)


@contextmanager
def write_transaction(session: Session) -> Iterator[Session]:
    """Run a writing transaction (SQLite: BEGIN IMMEDIATE); commit, or roll back on error."""
    session.connection(execution_options={WRITE_OPTION: True})
    with read_transaction(session):
        yield session


@contextmanager
def read_transaction(session: Session) -> Iterator[Session]:
    """Run a transaction ended by COMMIT when it succeeds (also a read-only one: on
    PostgreSQL a ROLLBACK makes psycopg forget (DEALLOCATE) every statement it has
    prepared on the connection, and every request would then parse its statements
    afresh), or by ROLLBACK on error."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def migrate(url_or_engine: str | Engine) -> None:
    """Upgrade the database to the newest schema (idempotent)."""
    engine = create_db_engine(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
    try:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        if isinstance(url_or_engine, str):
            engine.dispose()


class Database:
    """The app's engine and per-request sessions (registered with ``init_app``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = session_factory(engine)

    def init_app(self, app: Flask) -> None:
        app.extensions["fieldcrm_db"] = self
        app.teardown_appcontext(self._close_session)

    def session(self) -> Session:
        """The current request's session (created on first use)."""
        if "db_session" not in g:
            g.db_session = self.sessions()
        session: Session = g.db_session
        return session

    @staticmethod
    def _close_session(_exc: BaseException | None) -> None:
        session: Session | None = g.pop("db_session", None)
        if session is not None:
            session.rollback()
            session.close()
