"""Bring a replica file to the app's schema at start-up: back up, upgrade, or refuse.

Alembic (with Mako and more, ~0.3 s of imports) is loaded only when the replica is not
at the head revision already: the usual start reads the stored revision and the
revision files' own ``revision``/``down_revision`` lines, and goes on.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.store.bulk_load import restore_at_open
from desktop.store.types import ReplicaTooNew

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(
    r"^down_revision(?:\s*:[^=]+)?=\s*(?:None|['\"]([^'\"]+)['\"])\s*$", re.M)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return stored_revision(connection.connection.driver_connection)


def session_revision(session: Session) -> str | None:
    """The replica's revision, read in an open session (e.g. for the sync report)."""
    return stored_revision(session.connection().connection.driver_connection)


def stored_revision(dbapi_connection: Any) -> str | None:
    """The revision recorded in the replica (Alembic's table), read without Alembic."""
    try:
        row = dbapi_connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no such table: a new or never-migrated file
        return None
    return str(row[0]) if row else None


def head_revision() -> str:
    head = quick_head()
    if head is not None:
        return head
    from alembic.script import ScriptDirectory

    found = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert found is not None
    return found


@cache
def quick_head() -> str | None:
    """The single head of the revision files, read from their text; None when the
    history is not a plain line that this can be sure of (Alembic decides then)."""
    revisions: dict[str, str | None] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        if path.name == "__init__.py":
            continue
        text = path.read_text(encoding="utf-8")
        revision, down = _REVISION.findall(text), _DOWN.findall(text)
        if len(revision) != 1 or len(down) != 1 or revision[0] in revisions:
            return None
        revisions[revision[0]] = down[0] or None
    parents = set(revisions.values())
    heads = [r for r in revisions if r not in parents]
    roots = [r for r, down in revisions.items() if down is None]
    if len(heads) != 1 or len(roots) != 1 or not parents - {None} <= set(revisions):
        return None
    return heads[0]


def upgrade_replica(engine: Engine, path: Path, existed: bool) -> None:
    """Upgrade *path* to head; copy it aside first when an existing file must change."""
    with engine.connect() as connection:  # a bootstrap cut short: its indexes come first
        restore_at_open(connection.connection.driver_connection)
    current = current_revision(engine)
    if current is not None and current == quick_head():
        return  # the usual start: nothing to do, and no Alembic import
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

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
    from alembic import command

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
