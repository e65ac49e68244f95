"""Runs sync rounds on a background thread and tells the UI what happened.

Triggers: a local change (debounced), an interval, reconnecting (a cheap health check
while offline) and "Sync now". Only one round runs at a time; a trigger that arrives
during a round asks for one more round afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from desktop.store import Changes, Store
from desktop.sync import ClientTooOld, NetworkError, SyncApi, user_message
from desktop.ui.events import AppEvents
from shared.sync.protocol import SCHEMA_VERSION

if TYPE_CHECKING:
    from desktop.sync import SyncEngine, SyncReport

log = logging.getLogger(__name__)
FIRST_ROUND_WAIT_MS = 250  # the first round waits this long at most for the window


@dataclass(frozen=True)
class SyncSettings:
    """How eagerly the app syncs (seconds)."""

    sync_interval_s: float = 60.0
    debounce_s: float = 2.0
    health_check_s: float = 15.0
    retries: int = 3  # quick retries inside one round before it counts as offline


class _Worker(QObject):
    """Lives on the sync thread; the store and API are only used from here while syncing."""

    started = Signal()
    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    health_checked = Signal(bool)

    def __init__(self, store: Store, api: SyncApi, retries: int) -> None:
        super().__init__()
        self._store, self._api, self._retries = store, api, retries
        self._engine: SyncEngine | None = None
        self.stopping = False

    def _sync_engine(self) -> SyncEngine:
        """Made (and its module imported) on the sync thread for the first round, so the
        app's start does not wait for the engine's imports."""
        if self._engine is None:
            from desktop.sync import SyncEngine

            self._engine = SyncEngine(self._store, self._api, retries=self._retries)
        return self._engine

    @Slot()
    def run_round(self) -> None:
        self.started.emit()
        try:
            report = self._sync_engine().sync(progress=self.progressed.emit,
                                              should_stop=lambda: self.stopping)
        except Exception as exc:  # every failure reaches the UI as plain words
            self.failed.emit(exc)
        else:
            self.finished.emit(report)

    @Slot()
    def check_health(self) -> None:
        try:
            self._api.health()
        except Exception:
            self.health_checked.emit(False)
        else:
            self.health_checked.emit(True)


class SyncController(QObject):
    """Owns the sync thread; the main window and status bar listen to its signals."""

    sync_started = Signal()
    sync_progressed = Signal(object)  # desktop.sync.Progress
    sync_finished = Signal(object)  # desktop.sync.SyncReport
    sync_failed = Signal(str)  # a message in plain words
    online_changed = Signal(bool)
    update_required_changed = Signal(bool)  # the server refuses this app version

    _run_requested = Signal()
    _health_requested = Signal()

    def __init__(self, store: Store, api: SyncApi, events: AppEvents,
                 settings: SyncSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or SyncSettings()
        self._events = events
        self._busy = self._again = False
        self._first_round_due = self._window_up = False
        self._online: bool | None = None
        self._update_required = False
        self.last_message = ""
        self._store, self._api = store, api
        self._thread = QThread(self)
        self._thread.setObjectName("fieldcrm-sync")
        self._worker = _Worker(store, api, self.settings.retries)
        self._worker.moveToThread(self._thread)
        self._wire_worker()
        self._debounce = self._timer(self.settings.debounce_s, self.sync_now, single_shot=True)
        self._interval = self._timer(self.settings.sync_interval_s, self.sync_now)
        self._health = self._timer(self.settings.health_check_s, self._health_requested.emit)
        events.data_changed.connect(self._on_data_changed)

    def _timer(self, seconds: float, slot: Callable[[], Any],
               single_shot: bool = False) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(int(seconds * 1000))
        timer.setSingleShot(single_shot)
        timer.timeout.connect(slot)
        return timer

    def _wire_worker(self) -> None:
        self._run_requested.connect(self._worker.run_round)
        self._health_requested.connect(self._worker.check_health)
        self._worker.started.connect(self.sync_started)
        self._worker.progressed.connect(self.sync_progressed)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.health_checked.connect(self._on_health)

    # -- life cycle ----------------------------------------------------------------------
    def start(self, sync_first: bool = True) -> None:
        """Start the sync thread and the interval; the first round (``sync_first``) begins
        once the main window is up (``window_up``), or FIRST_ROUND_WAIT_MS from now if no
        window says so, so that its thread does not slow the window's first paint."""
        self._thread.start()
        self._interval.start()
        if self._store.status().update_required:
            self._set_update_required(True)  # known from the last run; a restart tries again
        if sync_first:
            self._first_round_due = True
            if self._window_up:
                self._first_round()
            else:
                QTimer.singleShot(FIRST_ROUND_WAIT_MS, self, self._first_round)

    @Slot()
    def window_up(self) -> None:
        """The main window has been painted: the first round may begin."""
        self._window_up = True
        self._first_round()

    @Slot()
    def _first_round(self) -> None:
        if self._first_round_due:
            self.sync_now()

    def stop(self) -> None:
        """Ask a running round to stop at a safe point and wait for the thread to end."""
        self._worker.stopping = True
        for timer in (self._debounce, self._interval, self._health):
            timer.stop()
        self._thread.quit()
        self._thread.wait(30000)

    @property
    def online(self) -> bool | None:
        """True/False once known; None before the first round or health check."""
        return self._online

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def update_required(self) -> bool:
        """True after the server refused this app version (until a round succeeds)."""
        return self._update_required

    def set_sync_interval(self, seconds: float) -> None:
        """A new interval between automatic rounds (from Settings), counted from now."""
        self.settings = replace(self.settings, sync_interval_s=seconds)
        self._interval.setInterval(int(seconds * 1000))
        if self._interval.isActive():
            self._interval.start()  # restart, so the new interval counts from now

    @property
    def server_url(self) -> str | None:
        return getattr(self._api, "base_url", None)

    def history_source(self) -> SyncApi:
        """A client of the same server and sign-in for one background history request
        (its own HTTP session, so it never shares one with the sync thread)."""
        return SyncApi(self._api.base_url, token=self._api.token,
                       schema_version=getattr(self._api, "schema_version", SCHEMA_VERSION))

    # -- triggers ------------------------------------------------------------------------
    @Slot()
    def sync_now(self) -> None:
        self._first_round_due = False  # this is it, or it came first
        if self._worker.stopping:
            return
        if self._busy:
            self._again = True
            return
        self._busy, self._again = True, False
        self._debounce.stop()
        self._run_requested.emit()

    @Slot(object)
    def _on_data_changed(self, changes: Changes) -> None:
        if changes and changes.origin == "local" and not self._update_required:
            self._debounce.start()

    # -- results -------------------------------------------------------------------------
    @Slot(object)
    def _on_finished(self, report: SyncReport) -> None:
        self._busy = False
        self.last_message = ""
        self._set_online(True)
        if self._update_required:
            self._set_update_required(False)
        if report.changes:
            self._events.data_changed.emit(report.changes)
        self.sync_finished.emit(report)
        self._maybe_again()

    @Slot(object)
    def _on_failed(self, exc: Any) -> None:
        self._busy = False
        self.last_message = user_message(exc)
        log.warning("sync failed: %s", exc)
        if isinstance(exc, NetworkError):
            self._set_online(False)
        if isinstance(exc, ClientTooOld):
            self._set_online(True)  # the server answered; it only refuses this version
            self._set_update_required(True)
        self.sync_failed.emit(self.last_message)
        self._maybe_again()

    @Slot(bool)
    def _on_health(self, answered: bool) -> None:
        if answered and self._online is False and not self._update_required:
            self.sync_now()  # back online: push what piled up

    def _maybe_again(self) -> None:
        if self._again and not self._worker.stopping and not self._update_required:
            self.sync_now()

    def _set_update_required(self, required: bool) -> None:
        """Too old for the server: stop retrying on the interval until restart (or until a
        manual "Sync now" succeeds); the outbox stays as it is."""
        if required:
            for timer in (self._debounce, self._interval, self._health):
                timer.stop()
        elif not self._worker.stopping:
            self._interval.start()
        if required != self._update_required:
            self._update_required = required
            self.update_required_changed.emit(required)

    def _set_online(self, online: bool) -> None:
        if online:
            self._health.stop()
        elif not self._health.isActive():
            self._health.start()
        if online != self._online:
            self._online = online
            self.online_changed.emit(online)
