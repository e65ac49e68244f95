"""Pull pages ahead of the engine on a worker thread, in order, never past an eviction."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from desktop.sync.apply import is_eviction


class PagePipeline:
    """Pull pages after a cursor in order, on a worker thread, while the engine applies.

    The next request goes out as soon as a page arrives (its cursor is the next page's
    `after`), so the server builds pages while this client applies the one before. At
    most ``depth`` pages wait ahead of the one being applied, and one request is in
    flight at a time. Only the network and JSON decoding happen on the worker: the rows
    are prepared on the engine's thread, since CPU work on both threads makes each wait
    for the other's interpreter lock on every row SQLite writes.

    The server takes a pull's `after` as what this replica has applied (for the grace of
    edits to rows that left its scope), so while a page holding an eviction is not
    committed (*held*), nothing further is asked for. Pages are handed out in order;
    ``close`` waits for the work in flight, whose pages are dropped, never applied.
    """

    def __init__(self, pull: Callable[[int], dict[str, Any]], after: int, *, held: bool,
                 depth: int = 2) -> None:
        self._pull = pull
        self._depth = depth
        self._lock = threading.Lock()
        self._pages: deque[Future[dict[str, Any]]] = deque()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldcrm-pull")
        self._next_after: int | None = after
        self._held_until: int | None = after if held else None
        self._in_flight = False
        self._closed = False
        with self._lock:
            self._ask()

    def take(self) -> dict[str, Any]:
        """The next page in order (its request's error, if it failed)."""
        with self._lock:
            assert self._pages, "no page was asked for"
            future = self._pages.popleft()
            self._ask()  # a free place ahead
        return future.result()

    def committed(self, cursor: int) -> None:
        """The engine committed the pages up to *cursor*: their evictions no longer hold
        pulls back."""
        with self._lock:
            if self._held_until is not None and cursor >= self._held_until:
                self._held_until = None
                self._ask()

    def close(self) -> None:
        with self._lock:
            self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _ask(self) -> None:  # with the lock held
        if (self._closed or self._in_flight or self._held_until is not None
                or self._next_after is None
                or len(self._pages) >= self._depth):
            return
        after, self._next_after = self._next_after, None
        self._in_flight = True
        future: Future[dict[str, Any]] = Future()
        self._pages.append(future)
        self._pool.submit(self._fetch, after, future)

    def _fetch(self, after: int, future: Future[dict[str, Any]]) -> None:
        try:
            page = self._pull(after)
        except BaseException as exc:  # noqa: BLE001 - handed to the engine by take()
            with self._lock:
                self._in_flight = False
            future.set_exception(exc)
            return
        cursor = int(page.get("cursor", after))
        with self._lock:
            self._in_flight = False
            if page.get("has_more"):
                self._next_after = cursor
            if has_eviction(page):
                self._held_until = cursor
            self._ask()  # the next request goes out as this page is handed over
        future.set_result(page)


def has_eviction(page: dict[str, Any]) -> bool:
    return any(is_eviction(change) for change in page.get("changes") or [])
