"""A first sync's snapshot download shows its megabytes in the sign-in dialog and the status bar."""

from __future__ import annotations

from pathlib import Path

from desktop.sync import Progress
from desktop.ui.runner import Runner
from desktop.ui.signin_dialog import SignInDialog
from tests.desktop.ui.conftest import Wiring


def test_the_sign_in_dialog_shows_the_megabytes_downloaded(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(Runner(), tmp_path, "http://127.0.0.1:9")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._relay.progressed.emit(Progress("download", 2_500_000, 10_000_000))
    qtbot.waitUntil(lambda: "MB" in dialog.progress_label.text(), timeout=2000)
    assert dialog.progress_label.text() == "Downloading your territory: 2.5 of 10.0 MB"
    assert dialog.progress.maximum() == 10_000_000 // 1024
    assert dialog.progress.value() == 2_500_000 // 1024
    dialog._relay.progressed.emit(Progress("bootstrap", 80_018, 80_018))  # then the rows
    qtbot.waitUntil(lambda: "MB" not in dialog.progress_label.text(), timeout=2000)
    assert dialog.progress_label.text() == "Downloading your territory: 80,018 of 80,018"


def test_the_status_bar_shows_the_megabytes_downloaded(qtbot, offline_app: Wiring) -> None:  # type: ignore[no-untyped-def]
    bar = offline_app.window.status
    offline_app.controller.sync_progressed.emit(Progress("download", 40_100_000, 96_400_000))
    qtbot.waitUntil(lambda: "MB" in bar.progress_label.text(), timeout=2000)
    assert bar.progress_label.text() == "Syncing (downloading): 40.1 of 96.4 MB"
