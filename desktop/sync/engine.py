"""A sync round: push the outbox in batches, pull pages until caught up, repeat if needed."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any, NamedTuple, TypeVar

from desktop.store import (
    Changes,
    Origin,
    Store,
    bulk_load,
    evictions,
    search_index,
    server_copy,
)
from desktop.store import outbox as outbox_queries
from desktop.store import snapshot as snapshots
from desktop.store.rebootstrap import clear_for_rebootstrap
from desktop.store.state import read_state, update_state, utcnow
from desktop.store.sync_log import log_error
from desktop.sync.apply import apply_changes, prepare
from desktop.sync.errors import (
    ClientTooOld,
    NetworkError,
    RequestRejected,
    ResyncRequired,
    ServerError,
    user_message,
)
from desktop.sync.http import SyncApi
from desktop.sync.page_pipeline import PagePipeline, has_eviction
from shared.hlc import InvalidClock
from shared.models.registry import ENTITIES
from shared.sync.protocol import DEFAULT_PULL_LIMIT, MAX_PUSH_BATCH, MutationStatus

T = TypeVar("T")
MAX_ROUNDS = 10  # push/pull repetitions within one sync() while edits keep arriving
# A push of at most this many entries that empties the outbox asks for the next pull page
# in its reply: for a few edits the round trip saved is most of the sync. A bigger push
# answers sooner without building a page of its own echoes, and the pull follows.
PAGE_WITH_PUSH_MAX = 100


@dataclass(frozen=True)
class Progress:
    phase: str  # "push" | "pull" | "bootstrap" (records) | "download" (snapshot bytes)
    done: int
    total: int


@dataclass(frozen=True)
class SyncReport:
    pushed: int
    pulled: int
    conflicts: int
    rejected: int
    changes: Changes
    finished_at: datetime


@dataclass
class _Tally:
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    rejected: int = 0
    entities: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    rebootstrapped: bool = False

    def touch(self, entity: str, ids: set[str]) -> None:
        self.entities.add(entity)
        self.ids.update(ids)

    def report(self) -> SyncReport:
        changes = Changes(frozenset(self.entities), frozenset(self.ids), Origin.SYNC)
        return SyncReport(self.pushed, self.pulled, self.conflicts, self.rejected, changes,
                          utcnow())


class SyncEngine:
    """Runs sync rounds for one replica; safe to interrupt anywhere and run again."""

    def __init__(self, store: Store, api: SyncApi, *, push_batch: int = MAX_PUSH_BATCH,
                 pull_limit: int = DEFAULT_PULL_LIMIT, retries: int = 3,
                 backoff_s: float = 0.5, max_backoff_s: float = 30.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.store = store
        self.api = api
        self.push_batch = min(push_batch, MAX_PUSH_BATCH)
        self.pull_limit = pull_limit
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self._sleep = sleep

    def sync(self, progress: Callable[[Progress], None] | None = None,
             should_stop: Callable[[], bool] | None = None) -> SyncReport:
        """One full round; records last_sync_at, or last_error and re-raises."""
        report = progress or (lambda _p: None)
        stop = should_stop or (lambda: False)
        tally = _Tally()
        try:
            for _ in range(MAX_ROUNDS):
                first = self._push_all(tally, report, stop)
                if self._pull_all(tally, report, stop, first):
                    return tally.report()  # caught up: the last page recorded the success
                if stop():
                    return tally.report()
                with self.store.read() as session:
                    if not outbox_queries.has_pending(session):
                        break
        except BaseException as exc:
            self._record_failure(exc)
            raise
        with self.store.write() as session:
            update_state(session, last_sync_at=utcnow(), last_error=None, update_required=False)
        return tally.report()

    def _push_all(self, tally: _Tally, progress: Callable[[Progress], None],
                  stop: Callable[[], bool]) -> _FirstPage | None:
        """Push every pending entry; the page the last push brought back, if any.

        A small push that empties the outbox asks for the page after this replica's
        cursor in the same request, which saves the pull a sync makes right after it.
        On a bootstrapped replica that push is acknowledged in the page's transaction
        (``_FirstPage.ack``): one commit for both, and the pull's caught-up check tells
        whether edits came in meanwhile.
        """
        done = 0
        first: _FirstPage | None = None
        while not stop():
            with self.store.read() as session:
                batch = outbox_queries.pending_batch(session, self.push_batch)
                if not batch:
                    return first
                waiting = outbox_queries.count_by_state(session).get("pending", 0)
                last = waiting <= len(batch) <= PAGE_WITH_PUSH_MAX
                state = read_state(session) if last else None
            mutations = [outbox_queries.as_mutation(row) for row in batch]
            wanted = None if state is None else (int(state.cursor), self.pull_limit)
            try:
                reply = self._call(partial(self.api.push, mutations, wanted), stop)
            except RequestRejected as exc:
                if exc.mid is None or exc.mid not in {m["mid"] for m in mutations}:
                    raise
                self._reject(exc, batch, tally)
                first = None
                continue
            entries, conflicts = _acknowledged(batch, reply)
            ack = _Ack(entries, conflicts, self._received(reply.get("server_hlc")))
            done += len(entries)
            page = reply.get("pull")
            if state is None or wanted is None or not isinstance(page, dict):
                first = None
            elif state.bootstrapped:
                progress(Progress("push", done, done + waiting - len(batch)))
                return _FirstPage(wanted[0], page, state, ack)
            else:
                first = _FirstPage(wanted[0], page)
            with self.store.write() as session:
                self._acknowledge(session, ack, tally)
                if ack.clock:
                    update_state(session, **ack.clock)
            progress(Progress("push", done, done + waiting - len(batch)))
        return first

    def _reject(self, exc: RequestRejected, batch: list[Any], tally: _Tally) -> None:
        """Peel the refused mutation off so it never blocks the ones behind it."""
        entry = next(row for row in batch if row.mid == exc.mid)
        with self.store.write() as session:
            outbox_queries.reject(session, entry.mid, exc.code, user_message(exc))
            evictions.settle(session)  # a rejected edit does not hold an evicted row back
        tally.rejected += 1
        tally.touch(entry.entity, {entry.row_id})

    def _acknowledge(self, session: Any, ack: _Ack, tally: _Tally) -> None:
        """Delete the acknowledged entries (and what only they held) in *session*'s
        transaction (the caller stores ``ack.clock``)."""
        keys = {(row.entity, row.row_id) for row in ack.entries}
        outbox_queries.acknowledge(session, [row.mid for row in ack.entries])
        still = outbox_queries.protected_fields(session, list(keys))
        server_copy.forget(session, keys - set(still))
        for entity, row_id in evictions.settle(session):
            tally.touch(entity, {row_id})
        tally.pushed += len(ack.entries)
        tally.conflicts += ack.conflicts
        for row in ack.entries:
            tally.touch(row.entity, {row.row_id})

    def _pull_all(self, tally: _Tally, progress: Callable[[Progress], None],
                  stop: Callable[[], bool], first: _FirstPage | None = None) -> bool:
        """Pull until caught up (starting with *first*, the page a push brought back);
        True when the outbox was empty then too (the round is over, and its success was
        recorded with the last page)."""
        try:
            return self._pull_pages(tally, progress, stop, first)
        except ResyncRequired as exc:
            # The outbox was pushed earlier in this round; start the scope over from 0.
            with self.store.write() as session:
                log_error(session, type(exc).__name__, user_message(exc))
                clear_for_rebootstrap(session)
            tally.rebootstrapped = True
            return self._pull_pages(tally, progress, stop)

    def _pull_pages(self, tally: _Tally, progress: Callable[[Progress], None],
                    stop: Callable[[], bool], first: _FirstPage | None = None) -> bool:
        ack = first.ack if first is not None else None
        if first is not None and first.state is not None:
            state = first.state  # read before the push: only a sync moves the cursor
        else:
            with self.store.read() as session:
                state = read_state(session)
        assert state is not None
        if ack is None and int(state.cursor) == 0 and not state.bootstrapped and not stop() \
                and self._load_snapshot(tally, progress, stop):
            first = None  # a page a push brought back is older than the snapshot
            with self.store.read() as session:
                state = read_state(session)
            assert state is not None
        cursor, start = int(state.cursor), int(state.cursor)
        phase = "pull" if state.bootstrapped else "bootstrap"
        done = 0
        if stop() and ack is None:  # (a page with an acknowledgement is applied anyway)
            return False
        pull = partial(self._call_pull, stop=stop)
        # A single page (the usual pull) needs no thread; a push may have brought it.
        page = first.page if first is not None and first.after == cursor else pull(cursor)
        pages: PagePipeline | None = None
        try:
            while True:
                has_more = bool(page.get("has_more"))
                cursor = int(page.get("cursor", cursor))
                head = int(page.get("head", cursor))
                if has_more and pages is None:  # more to come: later pages travel meanwhile
                    pages = PagePipeline(pull, cursor, held=has_eviction(page))
                values: dict[str, Any] = {"cursor": cursor, "head": head,
                                          **self._received(page.get("server_hlc"))}
                caught_up = False
                changes = page.get("changes") or []
                prepared = prepare(changes)  # before the write lock: user edits wait less
                with self.store.write() as session:  # the page and its cursor commit together
                    if ack is not None:  # the push that brought the page, acknowledged first
                        self._acknowledge(session, ack, tally)
                        values = {**ack.clock, **values}  # (the page's clock is the later)
                        ack = None
                    if not state.bootstrapped and start == 0 and done == 0 and has_more:
                        bulk_load.defer_indexes(session)  # an empty replica fills faster
                    touched = apply_changes(session, prepared, index=state.bootstrapped)
                    if not state.bootstrapped:
                        _catch_up_index(session, finished=not has_more)
                    if not has_more:
                        values["bootstrapped"] = True
                        caught_up = not outbox_queries.has_pending(session)
                        if caught_up:
                            values.update(last_sync_at=utcnow(), last_error=None,
                                          update_required=False)
                    update_state(session, **values)
                if pages is not None:
                    pages.committed(cursor)
                for entity, ids in touched.items():
                    tally.touch(entity, ids)
                done += len(changes)
                tally.pulled += len(changes)
                progress(Progress(phase, done, max(head - start, done)))
                if not has_more or stop() or pages is None:
                    return caught_up
                page = pages.take()
        finally:
            if pages is not None:
                pages.close()

    def _load_snapshot(self, tally: _Tally, progress: Callable[[Progress], None],
                       stop: Callable[[], bool]) -> bool:
        """A first sync: download the scope as one file and copy it in; False when it
        cannot be had or used (the scope then comes page by page, as from any server).

        Unsent local edits made meanwhile rule it out (the pages spare them); a refused
        file is logged. Network and server errors are the sync's as usual.
        """
        with self.store.read() as session:
            if not snapshots.can_load(session):
                return False
        info = self.store.session_info()
        if info is None:
            return False
        path = snapshots.download_path(self.store.path)
        try:
            def downloaded(done: int, total: int) -> None:
                if stop():  # the app is closing: a long download must not hold it up
                    raise _DownloadStopped
                progress(Progress("download", done, max(total, done)))

            if not self._call(partial(self.api.snapshot, path, downloaded), stop):
                return False
            about = snapshots.read_info(path, info.user_id)
            copied = snapshots.load(self.store, path, about,
                                    **self._received(about.server_hlc))
            if copied is None:
                return False
        except _DownloadStopped:
            return False  # (the caller sees stop() and ends the round)
        except snapshots.SnapshotRefused as exc:
            with self.store.write() as session:
                log_error(session, "SnapshotRefused", str(exc))
            return False
        finally:
            path.unlink(missing_ok=True)
        tally.pulled += copied
        tally.entities.update(ENTITIES)
        progress(Progress("bootstrap", copied, copied))
        return True

    def _call_pull(self, after: int, *, stop: Callable[[], bool]) -> dict[str, Any]:
        return self._call(partial(self.api.pull, after, self.pull_limit), stop)

    def _received(self, server_hlc: object) -> dict[str, Any]:
        """Advance the clock past the server's; the sync state values to store with it."""
        if isinstance(server_hlc, str):
            try:
                self.store.clock.receive(server_hlc)
            except InvalidClock:
                return {}
            return {"clock_last": self.store.clock.last()}
        return {}

    def _call(self, request: Callable[[], T], stop: Callable[[], bool]) -> T:
        """Retry a request on network errors with exponential backoff, a bounded number of times."""
        delay = self.backoff_s
        for attempt in range(self.retries + 1):
            try:
                return request()
            except NetworkError:
                if attempt >= self.retries or stop():
                    raise
                self._sleep(delay)
                delay = min(delay * 2, self.max_backoff_s)
        raise AssertionError("unreachable")  # pragma: no cover

    def _record_failure(self, exc: BaseException) -> None:
        values: dict[str, Any] = {"last_error": user_message(exc)}
        if isinstance(exc, ClientTooOld):
            values["update_required"] = True  # the outbox stays as it is
        try:
            with self.store.write() as session:
                update_state(session, **values)
                log_error(session, type(exc).__name__, user_message(exc))
        except Exception:  # noqa: BLE001 - the original error is what the caller must see
            pass


class _DownloadStopped(Exception):
    """Raised from a snapshot's progress to end its download when the sync must stop."""


class _Ack(NamedTuple):
    """What a push reply acknowledged: its entries, how many were conflicts, and the sync
    state values of the clock it brought."""

    entries: list[Any]
    conflicts: int
    clock: dict[str, Any]


def _acknowledged(batch: list[Any], reply: dict[str, Any]) -> tuple[list[Any], int]:
    """The batch's entries the reply acknowledged, and how many of its results were
    conflicts."""
    results = {int(r["mid"]): str(r.get("status")) for r in reply.get("results") or []}
    last_mid = reply.get("last_mid")
    acked = [row for row in batch if row.mid in results
             or (isinstance(last_mid, int) and row.mid <= last_mid)]
    if not acked:
        raise ServerError("the server did not acknowledge any change")
    return acked, sum(1 for status in results.values() if status == MutationStatus.CONFLICT)


@dataclass(frozen=True)
class _FirstPage:
    """A pull page that came back with a push: the page after ``after``; with *ack*, the
    push still to be acknowledged in the page's transaction, and the sync state read
    before it (*state*)."""

    after: int
    page: dict[str, Any]
    state: Any = None
    ack: _Ack | None = None


def _catch_up_index(session: Any, *, finished: bool) -> None:
    """A bootstrap indexes once, with its last page; until then the index reads as stale.

    One rebuild is far cheaper than keeping the index in step page by page, and a
    bootstrap cut short leaves the index marked stale, so the next open rebuilds it.
    The secondary indexes a first bootstrap deferred are created again here too.
    """
    if finished:
        bulk_load.restore_indexes(session)
        search_index.rebuild(session)
    else:
        search_index.mark_stale(session)
