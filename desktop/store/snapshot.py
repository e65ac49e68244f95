"""Load a downloaded replica snapshot (shared/sync/snapshot.py) into the replica.

The snapshot file is ATTACHed to the writing connection as schema ``snap`` and each
replicated table is copied with one ``INSERT ... SELECT``, inside SQLite: no row passes
through Python. The copy, the secondary indexes built after it and the cursor the rows
are consistent with commit in one transaction, so a first sync cut short leaves either
the replica as it was (the download starts over) or a whole one.

Columns the snapshot lacks (a server a version behind) get the model default, columns
this app does not know are left out, and entities it does not know are skipped. A file
that is not a snapshot of this format, or of another user, is refused
(``SnapshotRefused``): the engine then downloads the scope page by page.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop.store import bulk_load, raw_sql, search_index
from desktop.store import outbox as outbox_queries
from desktop.store.replica import Store
from desktop.store.search_index import read_only_uri
from desktop.store.state import update_state
from shared.models.registry import APPLY_ORDER, ENTITIES, EntitySpec
from shared.sync.snapshot import FORMAT, INFO_TABLE, storage

SCHEMA = "snap"
log = logging.getLogger(__name__)


class SnapshotRefused(Exception):
    """The downloaded file cannot be loaded (the message says why, for the sync log)."""


@dataclass(frozen=True)
class SnapshotInfo:
    cursor: int
    user_id: str
    server_hlc: str | None


def download_path(replica: Path) -> Path:
    """Where a snapshot is downloaded to: beside the replica, removed once loaded."""
    return Path(f"{replica}-snapshot")


def read_info(path: Path, user_id: str) -> SnapshotInfo:
    """The snapshot's own description, checked: its format, and that it is *user_id*'s."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            info = dict(connection.execute(f"SELECT key, value FROM {INFO_TABLE}").fetchall())
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise SnapshotRefused(f"the snapshot cannot be read: {exc}") from exc
    if info.get("format") != str(FORMAT):
        raise SnapshotRefused(f"snapshot format {info.get('format')!r}, this app reads {FORMAT}")
    if info.get("user_id") != user_id:
        raise SnapshotRefused("the snapshot is of another user")
    cursor = info.get("cursor", "")
    if not cursor.isdigit():
        raise SnapshotRefused(f"the snapshot's cursor {cursor!r} is not a position")
    return SnapshotInfo(int(cursor), user_id, info.get("server_hlc"))


def can_load(session: Session) -> bool:
    """No unsent local edit: a snapshot would have to spare them (pages know how)."""
    return not outbox_queries.has_unsent(session)


def load(store: Store, path: Path, info: SnapshotInfo, **state: Any) -> int | None:
    """Replace every replicated row with the snapshot's at *path*, index them, set the
    cursor (and the sync *state* values given); the rows copied, or None when an unsent
    edit appeared meanwhile (nothing was changed then).

    With no unsent edit the replica must become exactly the server's view: rows here
    that the snapshot lacks (deleted on the server, or out of scope now) go. The search
    index is built from the snapshot on a thread of its own while this one copies the
    rows and builds the secondary indexes (each in SQLite, so the two really run at
    once); both files get the same stamp, so a crash between the two commits leaves an
    index out of step, which the next open rebuilds.
    """
    with store.write_attached(SCHEMA, path) as session:
        if not can_load(session):
            return None
        stamp = search_index.next_stamp(session)
        indexer = _Indexer(path, store.path, stamp)
        try:
            copied = _copy_all(session)
            search_index.stamp_replica(session, stamp)
            update_state(session, cursor=info.cursor, head=info.cursor, bootstrapped=True,
                         **state)
        finally:
            indexed = indexer.wait()
    if not indexed:  # the replica is whole; its index is built the ordinary way
        with store.write() as session:
            search_index.rebuild(session)
    store.in_background("checkpoint after a snapshot", store.checkpoint)
    return copied


class _Indexer:
    """``search_index.build_from`` on a thread; ``wait`` says whether it succeeded."""

    def __init__(self, source: Path, replica: Path, stamp: int) -> None:
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(source, replica, stamp),
                                        name="fieldcrm-snapshot-index")
        self._thread.start()

    def _run(self, source: Path, replica: Path, stamp: int) -> None:
        try:
            search_index.build_from(source, replica, stamp)
        except BaseException as exc:  # noqa: BLE001 - reported by wait()
            self._failure = exc

    def wait(self) -> bool:
        self._thread.join()
        if self._failure is not None:
            log.warning("indexing the snapshot failed: %s", self._failure)
        return self._failure is None


def _copy_all(session: Session) -> int:
    for entity in reversed(APPLY_ORDER):
        raw_sql.run(session, f"DELETE FROM main.{ENTITIES[entity].table.name}")
    raw_sql.run(session, "DELETE FROM main.evictions")
    deferred = bulk_load.defer_indexes(session)  # an empty replica fills faster
    copied = 0
    known = _snapshot_tables(session)
    for entity in APPLY_ORDER:
        spec = ENTITIES[entity]
        if spec.table.name in known:
            copied += _copy(session, spec, _snapshot_columns(session, spec.table.name))
    if deferred:
        bulk_load.restore_indexes(session)
    return copied


def _snapshot_tables(session: Session) -> set[str]:
    rows = raw_sql.run(session, f"SELECT name FROM {SCHEMA}.sqlite_master WHERE type = 'table'")
    return {name for (name,) in rows}


def _snapshot_columns(session: Session, table: str) -> set[str]:
    return {row[1] for row in raw_sql.run(session, f"PRAGMA {SCHEMA}.table_info({table})")}


def _copy(session: Session, spec: EntitySpec, present: set[str]) -> int:
    table = spec.table
    names = ("id", *spec.fields, "clocks", "deleted")
    if not {"id", "clocks"} <= present:
        raise SnapshotRefused(f"the snapshot's {table.name} lacks ids or clocks")
    selected: list[str] = []
    params: list[Any] = []
    for name in names:
        column = table.c[name]
        default = _stored_default(spec, name)
        if name not in present:  # a column this app has and the server not (yet)
            selected.append("?")
            params.append(default)
        elif not column.nullable and default is not None:
            selected.append(f"coalesce({name}, ?)")
            params.append(default)
        else:
            selected.append(name)
    sql = (f"INSERT INTO main.{table.name} ({', '.join(names)}) "
           f"SELECT {', '.join(selected)} FROM {SCHEMA}.{table.name}")
    try:
        cursor = raw_sql.connection(session).execute(sql, params)
    except sqlite3.DatabaseError as exc:  # e.g. a value the replica's table refuses
        raise SnapshotRefused(f"the snapshot's {table.name} cannot be copied: {exc}") from exc
    return int(cursor.rowcount)


def _stored_default(spec: EntitySpec, name: str) -> Any:
    if name == "deleted":
        return False
    if name == "clocks":
        return "{}"
    value = spec.default_of(name)
    return None if value is None else storage(spec.table.c[name])(value)
