"""Start-up migration of the replica: matches the models, backs up first, refuses the future."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from desktop.store import ReplicaTooNew, Store
from desktop.store.engine import make_engine
from desktop.store.migrate import run_alembic
from desktop.store.tables import local_metadata
from shared.models import Base


def test_upgrading_an_empty_file_yields_exactly_the_models(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    Store.open(path).close()
    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, [Base.metadata, local_metadata]) == []
    finally:
        engine.dispose()


def test_the_replica_runs_in_wal_mode(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "r.sqlite")
    store.close()
    with sqlite3.connect(tmp_path / "r.sqlite") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_replica_from_a_newer_app_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    Store.open(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = path.read_bytes()

    with pytest.raises(ReplicaTooNew, match="newer version of FieldCRM"):
        Store.open(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak-*"))


def test_migrating_an_existing_replica_keeps_a_backup_first(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    Store.open(path).close()
    engine = make_engine(path)
    run_alembic(engine, "downgrade", "base")  # an "old" replica from before revision 0001
    engine.dispose()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE old_notes (text TEXT)")
        db.execute("INSERT INTO old_notes VALUES ('offline edit from last year')")

    Store.open(path).close()

    backup = tmp_path / "r.sqlite.bak-base"
    assert backup.exists()
    with sqlite3.connect(backup) as db:
        assert db.execute("SELECT text FROM old_notes").fetchone() == (
            "offline edit from last year",)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM sync_state").fetchone() == (1,)


def test_a_current_replica_opens_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    Store.open(path).close()
    Store.open(path).close()
    assert not list(tmp_path.glob("*.bak-*"))


def test_upgrading_a_0001_replica_keeps_its_outbox_and_backs_it_up(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    Store.open(path).close()
    engine = make_engine(path)
    run_alembic(engine, "downgrade", "0001")  # a replica of the foundation release
    engine.dispose()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO outbox (entity, row_id, op, fields, base, hlc, state, "
                   "created_at) VALUES ('account', 'a1', 'upsert', '{}', '{}', 'h', "
                   "'pending', '2026-01-01 00:00:00')")

    store = Store.open(path)
    try:
        assert [e.row_id for e in store.outbox()] == ["a1"]
        assert store.status().update_required is False
    finally:
        store.close()
    assert (tmp_path / "r.sqlite.bak-0001").exists()
