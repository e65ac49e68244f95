"""History from the server, the sync report on the clipboard, and the "please update" state."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from desktop.services.accounts import list_accounts, save_account
from desktop.sync import SyncApi, SyncEngine, sign_in
from desktop.sync.http import SyncApi as HttpSyncApi
from desktop.ui.banner import UPDATE_REQUIRED_TEXT
from desktop.ui.history_view import NEEDS_CONNECTION
from desktop.ui.main_window import REPORT_COPIED
from tests.desktop.ui.conftest import Wiring, make_wiring
from tests.support.live_server import LiveServer, start_server


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server for this module's tests (each signs in with its own replica)."""
    server = start_server(tmp_path_factory.mktemp("server"))
    yield server
    server.stop()


@pytest.fixture
def signed_in(shared_server: LiveServer, tmp_path: Path) -> Iterator[tuple]:  # type: ignore[type-arg]
    store, api = sign_in(shared_server.url, "li.wei", "fieldcrm", data_dir=tmp_path / "li")
    SyncEngine(store, api).sync()
    yield store, api
    store.close()


def _stop(app: Wiring) -> None:
    app.controller.stop()
    app.runner.wait_idle()


def test_the_history_tab_shows_field_changes_from_the_server(
        qtbot, qtmodeltester, signed_in,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    store, api = signed_in
    account = list_accounts(store, limit=1)[0]
    save_account(store, account.id, {"phone": "+86 21 6000 4321"})
    SyncEngine(store, api).sync()
    threads: list[threading.Thread] = []
    original = HttpSyncApi.history

    def spying(self, entity: str, row_id: str):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return original(self, entity, row_id)

    monkeypatch.setattr(HttpSyncApi, "history", spying)
    app = make_wiring(qtbot, store, api)
    try:
        app.window.open_account(account.id)
        detail = app.window.account_detail
        with qtbot.waitSignal(detail.history.loaded, timeout=20000):
            detail.tabs.setCurrentIndex(detail.history_tab)
        model = detail.history.model
        rows = [model.row_at(i) for i in range(model.rowCount())]
        phone = next(r for r in rows if r is not None and r.field_name == "phone")
        assert (phone.field_label, phone.new_text, phone.who, phone.device) == (
            "Phone", "+86 21 6000 4321", store.session_info().display_name, "this computer")
        assert model.index(rows.index(phone), 3).data() == "Phone"
        assert threads and threading.main_thread() not in threads
        assert "recorded on the server" in detail.history.message.text()
        qtmodeltester.check(model, force_py=True)
    finally:
        _stop(app)


def test_offline_the_history_tab_says_it_needs_a_connection(qtbot, offline_app: Wiring) -> None:
    account_id = list_accounts(offline_app.store, "精密")[0].id
    offline_app.window.open_account(account_id)
    detail = offline_app.window.account_detail
    with qtbot.waitSignal(detail.history.failed, timeout=20000):
        detail.tabs.setCurrentIndex(detail.history_tab)
    assert detail.history.message.text() == NEEDS_CONNECTION
    assert detail.history.model.rowCount() == 0


def test_copy_sync_report_fills_the_clipboard_and_says_so(qtbot, offline_app: Wiring) -> None:
    # The start-up reminder check shows its reminders in the status bar too: let it answer
    # first, or (on a loaded machine) it can replace the message under test.
    qtbot.waitUntil(lambda: offline_app.window.reminders.answered, timeout=10000)
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    offline_app.window.copy_report_action.trigger()
    qtbot.waitUntil(lambda: "FieldCRM sync report" in clipboard.text())
    assert offline_app.store.device_id in clipboard.text()
    assert offline_app.window.statusBar().currentMessage() == REPORT_COPIED


def test_a_too_old_app_shows_please_update_keeps_the_outbox_and_stops_retrying(
        qtbot, signed_in) -> None:  # type: ignore[no-untyped-def]
    store, api = signed_in
    save_account(store, list_accounts(store, limit=1)[0].id, {"phone": "+86 21 6000 9999"})
    old_app_api = SyncApi(api.base_url, token=api.token, schema_version=0)
    app = make_wiring(qtbot, store, old_app_api)
    try:
        banner = app.window.update_banner
        assert not banner.isVisible()
        with qtbot.waitSignal(app.controller.update_required_changed, timeout=20000):
            app.window.sync_action.trigger()
        assert banner.isVisible() and banner.text() == UPDATE_REQUIRED_TEXT
        assert app.window.status.error_label.text() == UPDATE_REQUIRED_TEXT
        assert not app.controller._interval.isActive()
        assert store.status().update_required and store.status().pending == 1
        assert app.window.status.pending_label.text() == "1 pending"
    finally:
        _stop(app)
