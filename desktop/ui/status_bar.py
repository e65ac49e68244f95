"""The status bar that always tells the truth: online state, outbox, last sync, last error."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop.services.times import local_text
from desktop.store import Changes, Store
from desktop.sync import Progress
from desktop.ui.banner import UPDATE_REQUIRED_TEXT
from desktop.ui.sync_controller import SyncController


class SyncStatusBar(QStatusBar):
    def __init__(self, store: Store, controller: SyncController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._controller = store, controller
        self._syncing = False
        self.online_label = QLabel(self)
        self.pending_label = QLabel(self)
        self.last_sync_label = QLabel(self)
        self.progress_label = QLabel(self)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #c62828;")
        for label in (self.online_label, self.pending_label, self.last_sync_label):
            label.setContentsMargins(4, 0, 12, 0)
        self.addWidget(self.online_label)
        self.addWidget(self.pending_label)
        self.addWidget(self.last_sync_label)
        self.addWidget(self.error_label, 1)
        self.addPermanentWidget(self.progress_label)
        controller.sync_started.connect(self._on_started)
        controller.sync_progressed.connect(self._on_progress)
        controller.sync_finished.connect(self._on_done)
        controller.sync_failed.connect(self._on_done)
        controller.online_changed.connect(self.refresh)
        controller.update_required_changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        status = self._store.status()
        online = self._controller.online
        state = {True: "● Online", False: "○ Offline", None: "Connecting…"}[online]
        if self._syncing:
            state += " · syncing…"
        self.online_label.setText(state)
        color = {True: "#2e7d32", False: "#c62828", None: "#555"}[online]
        self.online_label.setStyleSheet(f"color: {color}; font-weight: bold;")
        pending = f"{status.pending} pending"
        if status.rejected:
            pending += f" · {status.rejected} refused"
        self.pending_label.setText(pending)
        self.last_sync_label.setText(
            f"Last sync: {local_text(status.last_sync_at, '%H:%M')}" if status.last_sync_at
            else "Never synced")
        error = self._controller.last_message or status.last_error or ""
        if self._controller.update_required or status.update_required:
            error = UPDATE_REQUIRED_TEXT
        self.error_label.setText(error)

    def on_data_changed(self, _changes: Changes) -> None:
        self.refresh()

    @Slot()
    def _on_started(self) -> None:
        self._syncing = True
        self.refresh()

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        if progress.total:
            self.progress_label.setText(f"Syncing {progress.phase}: {progress.done}/{progress.total}")

    @Slot()
    def _on_done(self, *_args: object) -> None:
        self._syncing = False
        self.progress_label.clear()
        self.refresh()
