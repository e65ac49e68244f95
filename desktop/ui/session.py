"""The GUI's life: sign in, main window, sign out and back — until the user quits."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.store import LocalSessionRow
from desktop.sync import user_message
from desktop.ui.events import AppEvents
from desktop.ui.i18n import install_language, message_text
from desktop.ui.main_window import MainWindow
from desktop.ui.runner import Runner
from desktop.ui.signin_dialog import SignedIn, SignInDialog
from desktop.ui.sync_controller import SyncController, SyncSettings

log = logging.getLogger(__name__)


def _show_unexpected(kind: type[BaseException], exc: BaseException,
                     tb: TracebackType | None) -> None:
    """Last resort: log the traceback, show the person plain words."""
    log.error("unexpected error", exc_info=(kind, exc, tb))
    QMessageBox.warning(None, "FieldCRM", message_text(user_message(exc)))


def sign_in_interactively(runner: Runner, data_dir: Path, server_url: str,
                          user: str | None, password: str | None) -> SignedIn | None:
    dialog = SignInDialog(runner, data_dir, server_url)
    if user:
        dialog.user_edit.setText(user)
    if password:
        dialog.password_edit.setText(password)
        dialog.submit()  # demo auto sign-in: same dialog, progress and errors as by hand
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.signed_in is None:
        return None
    return dialog.signed_in


def run_gui(data_dir: Path, server_url: str, user: str | None, password: str | None,
            sync_interval_s: float, language: str = "system") -> LocalSessionRow | None:
    """Run until quit; returns the last session signed in, for the settings."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("FieldCRM")
    install_language(app, language)
    sys.excepthook = _show_unexpected
    runner = Runner(app)
    last: LocalSessionRow | None = None
    while True:
        signed = sign_in_interactively(runner, data_dir, server_url, user, password)
        if signed is None:
            return last
        password = None  # after a sign-out, ask again
        last = signed.store.session_info()
        events = AppEvents()
        controller = SyncController(signed.store, signed.api, events,
                                    SyncSettings(sync_interval_s=sync_interval_s))
        window = MainWindow(signed.store, runner, events, controller)
        window.show()
        controller.start()
        app.exec()
        signed.store.close()
        if not window.sign_out_requested:
            return last
        server_url = last.server_url if last else server_url
