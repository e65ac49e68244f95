"""Run work off the main thread; deliver its result or failure back on the main thread.

Contract (as Anki's CollectionOp/QueryOp): the callable runs on a worker thread and must
not touch widgets; ``on_done(result)`` or ``on_failed(exception)`` runs on the main thread.
Writes go through a one-thread pool, so they run one at a time, in submission order.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Job(QRunnable):
    def __init__(self, runner: Runner, job_id: int, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._runner, self._id, self._fn = runner, job_id, fn

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # delivered to on_failed, never lost in the thread
            self._runner._finished.emit(self._id, False, exc)
        else:
            self._runner._finished.emit(self._id, True, result)


class Runner(QObject):
    """The app's one background helper; create it on the main thread."""

    _finished = Signal(int, bool, object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._callbacks: dict[int, tuple[Done | None, Failed | None]] = {}
        self._ids = itertools.count(1)
        self._finished.connect(self._deliver)

    def run(self, fn: Callable[[], Any], on_done: Done | None = None,
            on_failed: Failed | None = None, *, write: bool = False) -> None:
        """Run *fn* in the background (serialized with other writes when *write*)."""
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_failed)
        if len(self._callbacks) == 1:
            self.busy_changed.emit(True)
        (self._writes if write else self._reads).start(_Job(self, job_id, fn))

    def write(self, fn: Callable[[], Any], on_done: Done | None = None,
              on_failed: Failed | None = None) -> None:
        self.run(fn, on_done, on_failed, write=True)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until the pools are empty (shutdown only; results are delivered later)."""
        return self._writes.waitForDone(msecs) and self._reads.waitForDone(msecs)

    @Slot(int, bool, object)
    def _deliver(self, job_id: int, ok: bool, payload: object) -> None:
        on_done, on_failed = self._callbacks.pop(job_id, (None, None))
        if not self._callbacks:
            self.busy_changed.emit(False)
        if ok:
            if on_done is not None:
                on_done(payload)
        elif on_failed is not None:
            on_failed(payload)  # type: ignore[arg-type]
        else:
            log.error("background job failed", exc_info=payload)  # type: ignore[arg-type]
