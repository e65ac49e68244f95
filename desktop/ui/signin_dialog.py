"""Sign in: server, user, password; then the first (bootstrap) sync with a progress bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop.store import Store
from desktop.sync import NetworkError, SyncApi, last_session, sign_in, user_message
from desktop.ui.i18n import message_text, translate
from desktop.ui.locale_format import megabytes_text, number_text
from desktop.ui.runner import Runner

if TYPE_CHECKING:
    from desktop.sync import Progress, SyncReport


def first_sync(store: Store, api: SyncApi,
               progress: Callable[[Progress], None]) -> SyncReport:
    """The sync after sign-in, on the runner's thread (which also imports the engine there,
    not while the dialog opens)."""
    from desktop.sync import SyncEngine

    return SyncEngine(store, api).sync(progress=progress)


@dataclass(frozen=True)
class SignedIn:
    store: Store
    api: SyncApi


class _ProgressRelay(QObject):
    """Carries progress from the worker thread to the dialog (queued signal)."""

    progressed = Signal(object)


class SignInDialog(QDialog):
    """Returns ``accepted`` with ``signed_in`` set once the replica is ready to use."""

    def __init__(self, runner: Runner, data_dir: Path | None = None,
                 server_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SignInDialog", "Sign in to FieldCRM"))
        self.setMinimumWidth(440)
        self._runner, self._data_dir = runner, data_dir
        self.signed_in: SignedIn | None = None
        self._relay = _ProgressRelay(self)
        self._relay.progressed.connect(self._on_progress)
        self._build(server_url)

    def _build(self, server_url: str) -> None:
        title = QLabel("<h2>FieldCRM</h2>" + translate(
            "SignInDialog", "Sign in with your FieldCRM account. "
            "After the first sign-in you can also sign in offline."))
        title.setWordWrap(True)
        self.server_edit = QLineEdit(server_url or "http://127.0.0.1:5000")
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        previous = last_session(self._data_dir)
        if previous is not None:
            self.server_edit.setText(server_url or previous.server_url)
            self.user_edit.setText(previous.username)
        form = QFormLayout()
        form.addRow(translate("SignInDialog", "Server"), self.server_edit)
        form.addRow(translate("SignInDialog", "User name"), self.user_edit)
        form.addRow(translate("SignInDialog", "Password"), self.password_edit)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress_label = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = self.buttons.addButton(
            translate("SignInDialog", "Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addSpacing(6)
        layout.addLayout(form)
        for widget in (self.error_label, self.progress_label, self.progress, self.buttons):
            layout.addWidget(widget)
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.server_edit, self.user_edit, self.password_edit,
                       self.sign_in_button):
            widget.setEnabled(not busy)
        self.progress_label.setText(text)

    @Slot()
    def submit(self) -> None:
        """Sign in off the main thread; errors come back as plain words in the dialog."""
        server, user = self.server_edit.text().strip(), self.user_edit.text().strip()
        password = self.password_edit.text()
        if not server or not user or not password:
            self.error_label.setText(translate(
                "SignInDialog", "Please enter the server address, user name and password."))
            empty = next(edit for edit, text in ((self.server_edit, server),
                                                 (self.user_edit, user),
                                                 (self.password_edit, password)) if not text)
            empty.setFocus()
            return
        self.error_label.clear()
        self._set_busy(True, translate("SignInDialog", "Signing in…"))
        self._runner.run(lambda: sign_in(server, user, password, data_dir=self._data_dir),
                         self._on_signed_in, self._on_failed)

    def _on_signed_in(self, result: tuple[Store, SyncApi]) -> None:
        store, api = result
        self.signed_in = SignedIn(store, api)
        self._set_busy(True, translate("SignInDialog", "Downloading your territory…"))
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        progress = self._relay.progressed.emit
        self._runner.write(lambda: first_sync(store, api, progress),
                           lambda _report: self.accept(), self._on_bootstrap_failed)

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        if progress.phase == "download":  # the territory as one file: its megabytes
            self._on_download(progress)
            return
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(min(progress.done, progress.total))
        self.progress_label.setText(
            translate("SignInDialog", "Downloading your territory: {done} of {total}").format(
                done=number_text(progress.done), total=number_text(progress.total))
            if progress.total else translate("SignInDialog", "Downloading your territory…"))

    def _on_download(self, progress: Progress) -> None:
        kib = 1024  # the bar counts kilobytes (its range is a C int)
        self.progress.setRange(0, max(progress.total // kib, 1))
        self.progress.setValue(min(progress.done, progress.total) // kib)
        self.progress_label.setText(
            translate("SignInDialog", "Downloading your territory: {done} of {total} MB").format(
                done=megabytes_text(progress.done), total=megabytes_text(progress.total)))

    def _on_bootstrap_failed(self, exc: BaseException) -> None:
        assert self.signed_in is not None
        if isinstance(exc, NetworkError) and self.signed_in.store.status().bootstrapped:
            self.accept()  # offline sign-in onto a replica we already have: work offline
            return
        self.signed_in.store.close()
        self.signed_in = None
        self.progress.setVisible(False)
        self._on_failed(exc)

    def _on_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.error_label.setText(message_text(user_message(exc)))
