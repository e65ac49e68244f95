"""Settings: language and sync interval are saved; a too-short interval is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop import paths
from desktop.settings import MIN_SYNC_INTERVAL_S, Settings, load_settings, save_settings
from desktop.ui.settings_dialog import SettingsDialog
from tests.desktop.ui.conftest import activate

SERVER = "https://crm.example.cn"


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's config dir, moved into the test's temp dir (as FIELDCRM_CONFIG_DIR does)."""
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "cfg"))
    return tmp_path / "cfg"


def _dialog(qtbot, settings: Settings) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    activate(qtbot, dialog)
    return dialog


def test_language_and_interval_are_saved_and_announced(qtbot, config_dir: Path) -> None:
    saved = Settings(server_url=SERVER, last_username="li.wei")
    save_settings(saved)
    dialog = _dialog(qtbot, saved)
    assert dialog.language.hasFocus()
    assert dialog.server.text() == SERVER and dialog.server.isReadOnly()
    assert not dialog.restart_hint.isVisible()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    assert dialog.language.currentText() == "简体中文"
    assert dialog.restart_hint.isVisible()
    assert "next time FieldCRM starts" in dialog.restart_hint.text()
    dialog.interval.setValue(300)
    with qtbot.waitSignal(dialog.settings_changed) as changed:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wanted = Settings(server_url=SERVER, last_username="li.wei", sync_interval_s=300,
                      language="zh_CN")
    assert changed.args == [wanted]
    assert dialog.settings == wanted and dialog.language_changed
    assert not dialog.isVisible()
    assert load_settings() == wanted and (config_dir / "settings.json").exists()


def test_a_too_short_interval_is_refused_with_a_message_and_nothing_saved(
        qtbot, config_dir: Path) -> None:
    dialog = _dialog(qtbot, Settings(server_url=SERVER))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.interval.clear()
    qtbot.keyClicks(dialog.interval, "5")
    assert dialog.interval.value() == 5
    with qtbot.assertNotEmitted(dialog.settings_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.interval_error.isVisible()
    assert f"at least {MIN_SYNC_INTERVAL_S} seconds" in dialog.interval_error.text()
    assert dialog.interval.hasFocus()
    assert not (config_dir / "settings.json").exists()
    assert dialog.settings == Settings(server_url=SERVER) and not dialog.language_changed
    dialog.interval.setValue(MIN_SYNC_INTERVAL_S)  # the shortest allowed one is fine
    with qtbot.waitSignal(dialog.settings_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.interval_error.isVisible()
    assert load_settings() == Settings(server_url=SERVER, sync_interval_s=MIN_SYNC_INTERVAL_S,
                                       language="en")


def test_cancel_and_an_unchanged_ok_write_nothing(qtbot, config_dir: Path) -> None:
    dialog = _dialog(qtbot, Settings())
    dialog.interval.setValue(120)
    dialog.reject()
    assert not (config_dir / "settings.json").exists()
    dialog = _dialog(qtbot, Settings())
    with qtbot.assertNotEmitted(dialog.settings_changed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and not (config_dir / "settings.json").exists()


def test_tab_goes_from_language_to_interval_to_server(qtbot, config_dir: Path) -> None:
    dialog = _dialog(qtbot, Settings(server_url=SERVER))
    order = [dialog.focusWidget()]
    for _ in range(2):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        order.append(dialog.focusWidget())
    assert order[0] is dialog.language
    assert order[1] is dialog.interval or order[1].parent() is dialog.interval
    assert order[2] is dialog.server
