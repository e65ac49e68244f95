"""The status bar that always tells the truth: online state, outbox, last sync, last error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desktop.store import Changes, Store
from desktop.ui.banner import update_required_text
from desktop.ui.i18n import message_text, translate
from desktop.ui.locale_format import megabytes_text, number_text, time_text
from desktop.ui.sync_controller import SyncController
from shared.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desktop.sync import Progress

ONLINE_TEXT = {True: QT_TRANSLATE_NOOP("SyncStatusBar", "● Online"),
               False: QT_TRANSLATE_NOOP("SyncStatusBar", "○ Offline"),
               None: QT_TRANSLATE_NOOP("SyncStatusBar", "Connecting…")}
ONLINE_COLOR = {True: "#2e7d32", False: "#c62828", None: "#555"}
PHASE_TEXT = {"push": QT_TRANSLATE_NOOP("SyncStatusBar", "sending"),
              "pull": QT_TRANSLATE_NOOP("SyncStatusBar", "receiving"),
              "bootstrap": QT_TRANSLATE_NOOP("SyncStatusBar", "downloading")}


class SyncStatusBar(QStatusBar):
    """Online state, outbox counts, last sync, progress and notices.

    ``status_read`` hands on the store status each refresh read (``last_status``), so other
    badges need not read it again."""

    status_read = Signal(object)  # SyncStatus

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
        self.notice_label = QLabel(self)  # reminders, "report copied": see showMessage
        self.notice_label.setStyleSheet("color: #1a4f8b;")
        self.notice_label.hide()
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.clearMessage)
        self.addWidget(self.notice_label, 1)
        self.addWidget(self.error_label, 1)
        self.addPermanentWidget(self.progress_label)
        controller.sync_started.connect(self._on_started)
        controller.sync_progressed.connect(self._on_progress)
        controller.sync_finished.connect(self._on_done)
        controller.sync_failed.connect(self._on_done)
        controller.online_changed.connect(self.refresh)
        controller.update_required_changed.connect(self.refresh)
        self.refresh()

    # QStatusBar paints a temporary message underneath its widgets (the texts overlap), so
    # notices get a label of their own, in place of the last error while they show.
    def showMessage(self, text: str, timeout: int = 0) -> None:  # noqa: N802 - Qt's name
        self.notice_label.setText(text)
        self.notice_label.setToolTip(text)
        self.notice_label.setVisible(bool(text))
        self.error_label.setVisible(not text)
        if text and timeout > 0:
            self._notice_timer.start(timeout)
        else:
            self._notice_timer.stop()

    def currentMessage(self) -> str:  # noqa: N802 - Qt's name
        return self.notice_label.text()

    @Slot()
    def clearMessage(self) -> None:  # noqa: N802 - Qt's name
        self.showMessage("")

    @Slot()
    def refresh(self) -> None:
        status = self._store.status()
        online = self._controller.online
        state = translate("SyncStatusBar", ONLINE_TEXT[online])
        if self._syncing:
            state = translate("SyncStatusBar", "{state} · syncing…").format(state=state)
        self.online_label.setText(state)
        self.online_label.setStyleSheet(f"color: {ONLINE_COLOR[online]}; font-weight: bold;")
        waiting, refused = status.pending, status.rejected  # lupdate needs plain names here
        pending = translate("SyncStatusBar", "%n pending", None, waiting)
        if refused:
            pending += " · " + translate("SyncStatusBar", "%n refused", None, refused)
        self.pending_label.setText(pending)
        self.last_sync_label.setText(
            translate("SyncStatusBar", "Last sync: {time}").format(
                time=time_text(status.last_sync_at)) if status.last_sync_at
            else translate("SyncStatusBar", "Never synced"))
        self.last_status = status
        error = self._controller.last_message or status.last_error or ""
        error = message_text(error) if error else ""
        if self._controller.update_required or status.update_required:
            error = update_required_text()
        self.error_label.setText(error)
        self.status_read.emit(status)

    def on_data_changed(self, _changes: Changes) -> None:
        self.refresh()

    @Slot()
    def _on_started(self) -> None:
        self._syncing = True
        self.refresh()

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        if not progress.total:
            return
        if progress.phase == "download":  # a first sync's snapshot: megabytes
            self.progress_label.setText(translate(
                "SyncStatusBar", "Syncing (downloading): {done} of {total} MB").format(
                    done=megabytes_text(progress.done), total=megabytes_text(progress.total)))
            return
        phase = PHASE_TEXT.get(progress.phase)
        self.progress_label.setText(translate("SyncStatusBar", "Syncing ({phase}): {done}/{total}")
                                    .format(phase=translate("SyncStatusBar", phase) if phase
                                            else progress.phase,
                                            done=number_text(progress.done),
                                            total=number_text(progress.total)))

    @Slot()
    def _on_done(self, *_args: object) -> None:
        self._syncing = False
        self.progress_label.clear()
        self.refresh()
