"""Upgrading an empty database yields exactly the schema the models declare."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from server.db import MIGRATIONS_DIR, create_db_engine, migrate
from server.tables import metadata as server_metadata
from shared.models import Base


def _schema(database_url: str) -> tuple[list[object], set[str], set[str]]:
    """(differences from the models, table names, change_log column names)."""
    engine = create_db_engine(database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, [Base.metadata, server_metadata])
            tables = set(inspect(conn).get_table_names())
            columns = {c["name"] for c in inspect(conn).get_columns("change_log")}
    finally:
        engine.dispose()
    return diffs, tables, columns


def _downgrade(database_url: str, revision: str) -> None:
    engine = create_db_engine(database_url)
    try:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS_DIR))
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        engine.dispose()


def test_upgrade_from_empty_matches_the_models(database_url: str) -> None:
    diffs, tables, columns = _schema(database_url)
    assert diffs == []
    assert {"accounts", "change_log", "devices", "credentials", "memberships",
            "server_state"} <= tables
    assert {"evicted", "moved_to"} <= columns


def test_the_trusted_sync_migration_downgrades_and_upgrades_again(database_url: str) -> None:
    try:
        _downgrade(database_url, "0001")
        _, tables, columns = _schema(database_url)
        assert "server_state" not in tables and "evicted" not in columns
    finally:
        migrate(database_url)
    assert _schema(database_url)[0] == []


def test_migrating_twice_is_harmless(database_url: str) -> None:
    migrate(database_url)
    migrate(database_url)
