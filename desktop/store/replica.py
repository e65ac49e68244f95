"""The local replica: one SQLite file per server and user, its single writer and its clock."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import delete, event, select, update
from sqlalchemy.orm import Session

from desktop.store import bulk_load, evictions, search_index, server_copy
from desktop.store import outbox as outbox_queries
from desktop.store.engine import make_engine, writer
from desktop.store.migrate import upgrade_replica
from desktop.store.recording import delete_row, record_row
from desktop.store.state import SESSION_ID, ensure_state, read_session, read_state, session_row
from desktop.store.tables import local_session, outbox
from desktop.store.types import LocalSessionRow, OutboxEntryRow, OutboxState, SyncStatus
from shared.hlc import Clock
from shared.models.registry import ENTITIES

log = logging.getLogger(__name__)


class Store:
    """Reads go through ``read()``; every write, the user's or sync's, through ``write()``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._engine = make_engine(path)
        self._writer = writer(self._engine)
        # The single-writer rule: user edits and sync apply never interleave.
        self._write_lock = threading.RLock()
        self._writing = False
        self._upkeep: list[threading.Thread] = []  # close() waits for these
        with self.write() as session:
            state = ensure_state(session)
            bulk_load.restore_indexes(session)  # after a bootstrap cut short
            search_index.ensure(session)  # a derived cache: created or rebuilt here
        self.device_id: str = state.device_id
        self.clock = Clock(self.device_id, last=state.clock_last)

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating, migrating after a backup, or refusing) the replica at *path*."""
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = path.exists()
        engine = make_engine(path)
        try:
            upgrade_replica(engine, path, existed)
        finally:
            engine.dispose()
        return cls(path)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self._engine) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: commits on exit, rolls back on an exception."""
        with self._single_writer(), Session(self._writer, expire_on_commit=False) as session:
            yield from _committed(session)

    @contextmanager
    def write_attached(self, schema: str, path: Path) -> Iterator[Session]:
        """``write()`` on a connection with the SQLite file *path* ATTACHed as *schema*
        and the search index detached, so that another connection may write the index
        meanwhile (BEGIN IMMEDIATE locks every attached file). SQLite attaches only
        outside a transaction: before it begins, and back as it was after.

        The transaction's commit leaves checkpointing its WAL to ``checkpoint``.
        """
        with self._single_writer(), self._writer.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute(f"DETACH DATABASE {search_index.SCHEMA}")
            driver.execute(f"ATTACH DATABASE ? AS {schema}", (str(path),))
            autocheckpoint = driver.execute("PRAGMA main.wal_autocheckpoint").fetchone()[0]
            driver.execute("PRAGMA main.wal_autocheckpoint=0")
            try:
                with Session(connection, expire_on_commit=False) as session:
                    yield from _committed(session)
            finally:
                connection.rollback()  # (nothing is left open after a commit)
                driver.execute(f"PRAGMA main.wal_autocheckpoint={int(autocheckpoint)}")
                driver.execute(f"DETACH DATABASE {schema}")
                search_index.attach(driver, self.path)

    def checkpoint(self) -> None:
        """Copy the replica's and the index's WAL into their files (after a bulk load
        whose commit skipped it); a passive checkpoint runs beside readers and writers."""
        with self._engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute("PRAGMA main.wal_checkpoint(PASSIVE)")
            driver.execute(f"PRAGMA {search_index.SCHEMA}.wal_checkpoint(PASSIVE)")

    @contextmanager
    def _single_writer(self) -> Iterator[None]:
        with self._write_lock:
            if self._writing:  # a nested writer would wait on SQLite's lock held by its caller
                raise RuntimeError("Store.write() must not be nested; pass the session down")
            self._writing = True
            try:
                yield
            finally:
                self._writing = False

    def record(self, session: Session, entity: str, row_id: str | None,
               values: Mapping[str, Any]) -> str:
        """Create or update a row and queue the change; ValidationFailed changes nothing."""
        return record_row(session, self.clock, entity, row_id, values)

    def record_delete(self, session: Session, entity: str, row_id: str) -> None:
        delete_row(session, self.clock, entity, row_id)

    def status(self) -> SyncStatus:
        with self.read() as session:
            counts = outbox_queries.count_by_state(session)
            state = read_state(session)
        assert state is not None
        return SyncStatus(
            pending=counts.get(OutboxState.PENDING.value, 0),
            rejected=counts.get(OutboxState.REJECTED.value, 0),
            last_sync_at=state.last_sync_at, last_error=state.last_error, cursor=state.cursor,
            bootstrapped=bool(state.bootstrapped),
            update_required=bool(state.update_required))

    def outbox(self) -> list[OutboxEntryRow]:
        with self.read() as session:
            rows = session.execute(select(outbox).order_by(outbox.c.mid))
            return [outbox_queries.entry_row(row) for row in rows]

    def pending_ids(self, entity: str) -> set[str]:
        with self.read() as session:
            return outbox_queries.unsent_rows(session, entity)

    def discard(self, mid: int) -> None:
        """Drop a rejected entry and put the server's values back on what it touched."""
        with self.write() as session:
            entry = session.execute(select(outbox).where(
                outbox.c.mid == mid, outbox.c.state == OutboxState.REJECTED.value)).first()
            if entry is None:
                return
            session.execute(delete(outbox).where(outbox.c.mid == mid))
            key = (entry.entity, entry.row_id)
            still = outbox_queries.protected_fields(session, [key]).get(key)
            spec = ENTITIES[entry.entity]
            if still is None:
                server_copy.restore(session, spec, entry.row_id)
                server_copy.forget(session, [key])
            else:
                mine = set(entry.fields) | ({"deleted"} if entry.op == "delete" else set())
                server_copy.restore(session, spec, entry.row_id, only=mine - still)
            evictions.settle(session)

    def supersede(self, session: Session, mid: int) -> bool:
        """Drop a rejected entry WITHOUT restoring server values (the user fixed it).

        Call it in the same write transaction as the corrected ``record`` (either order).
        Returns False when *mid* is not a rejected entry (nothing changes).
        """
        entry = session.execute(select(outbox).where(
            outbox.c.mid == mid, outbox.c.state == OutboxState.REJECTED.value)).first()
        if entry is None:
            return False
        session.execute(delete(outbox).where(outbox.c.mid == mid))
        key = (entry.entity, entry.row_id)

        def _tidy(tx_session: Session) -> None:
            # At commit, so a corrected write in the same transaction keeps the server copy.
            if key not in outbox_queries.protected_fields(tx_session, [key]):
                server_copy.forget(tx_session, [key])
            evictions.settle(tx_session)

        event.listen(session, "before_commit", _tidy, once=True)
        return True

    def session_info(self) -> LocalSessionRow | None:
        with self.read() as session:
            row = read_session(session)
        return session_row(row) if row is not None else None

    def session_secrets(self) -> tuple[str | None, str | None]:
        """(device token, password verifier) of the local session, for desktop.sync only."""
        with self.read() as session:
            row = read_session(session)
        return (row.token, row.password_verifier) if row is not None else (None, None)

    def replace_password_verifier(self, old: str | None, new: str) -> bool:
        """Store *new* as the local session's password verifier if it is still *old* (a
        sign-in that came meanwhile wrote its own); False when nothing changed."""
        with self.write() as session:
            done = session.execute(
                update(local_session)
                .where(local_session.c.id == SESSION_ID,
                       local_session.c.password_verifier.is_not_distinct_from(old))
                .values(password_verifier=new))
            return bool(done.rowcount)  # type: ignore[attr-defined]

    def in_background(self, name: str, job: Callable[[], None]) -> None:
        """Run *job* on a thread of its own (work that need not hold up the caller, like
        checking the password verifier after a sign-in); close() waits for it. A failure
        is logged."""
        def run() -> None:
            try:
                job()
            except Exception:
                log.exception("%s failed", name)

        thread = threading.Thread(target=run, name=name)
        self._upkeep = [t for t in self._upkeep if t.is_alive()] + [thread]
        thread.start()

    def wait_background(self) -> None:
        """Block until the jobs of in_background() are done."""
        for thread in list(self._upkeep):
            thread.join()

    def close(self) -> None:
        self.wait_background()
        self._engine.dispose()


def _committed(session: Session) -> Iterator[Session]:
    """Yield the session, then commit; roll back on an exception."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
