"""Bring a replica file to the app's schema at start-up: back up, upgrade, or refuse."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine

from desktop.store.types import ReplicaTooNew

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade_replica(engine: Engine, path: Path, existed: bool) -> None:
    """Upgrade *path* to head; copy it aside first when an existing file must change."""
    current = current_revision(engine)
    script = ScriptDirectory.from_config(alembic_config())
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError:
            raise ReplicaTooNew(
                "This replica was created by a newer version of FieldCRM. "
                "Please install the latest version to open it.") from None
    head = script.get_current_head()
    if current == head:
        return
    if existed and path.stat().st_size > 0:
        backup_file(path, path.with_name(f"{path.name}.bak-{current or 'base'}"))
    run_alembic(engine, "upgrade", "head")


def run_alembic(engine: Engine, action: str, target: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, target)


def backup_file(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite file (WAL content included)."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
