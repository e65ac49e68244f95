"""End to end against a real server: sign in, work, lose the network, come back, sync."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.services.accounts import list_accounts
from desktop.services.visits import visits_of
from desktop.sync import SyncEngine, sign_in
from desktop.ui.runner import Runner
from desktop.ui.signin_dialog import SignInDialog
from desktop.ui.sync_controller import SyncSettings
from desktop.ui.visit_dialog import VisitDialog
from tests.desktop.ui.conftest import Wiring, activate, make_wiring, type_chinese
from tests.desktop.ui.proxy import Relay
from tests.support.live_server import LiveServer

LIVE_SYNC = SyncSettings(sync_interval_s=3600, debounce_s=3600, health_check_s=0.2, retries=0)


@pytest.fixture
def relay(live_server: LiveServer) -> Iterator[Relay]:
    relay = Relay(live_server.url)
    relay.up()
    yield relay
    relay.down()


def _sign_in_with_dialog(qtbot, url: str, data_dir: Path) -> SignInDialog:  # type: ignore[no-untyped-def]
    dialog = SignInDialog(Runner(), data_dir, url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.user_edit, "li.wei")
    qtbot.keyClicks(dialog.password_edit, "fieldcrm")
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    return dialog


def test_wrong_password_is_explained_in_the_dialog(qtbot, live_server: LiveServer,
                                                   tmp_path: Path) -> None:
    dialog = SignInDialog(Runner(), tmp_path, live_server.url)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.user_edit.setText("li.wei")
    dialog.password_edit.setText("wrong")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error_label.text() != "", timeout=15000)
    assert dialog.error_label.text() == "The user name or password is not correct."
    assert dialog.signed_in is None and dialog.sign_in_button.isEnabled()


def test_rep_works_offline_and_the_visit_reaches_the_server_and_a_colleague(
        qtbot, live_server: LiveServer, relay: Relay, tmp_path: Path) -> None:
    dialog = _sign_in_with_dialog(qtbot, relay.url, tmp_path / "li")
    signed = dialog.signed_in
    assert signed is not None and signed.store.status().bootstrapped
    app: Wiring = make_wiring(qtbot, signed.store, signed.api, LIVE_SYNC)
    try:
        _work_and_sync(qtbot, app, relay)
    finally:
        app.controller.stop()
        app.runner.wait_idle()
    # A colleague in the same territory syncs and finds the visit in the replica.
    store, api = sign_in(live_server.url, "zhang.min", "fieldcrm", data_dir=tmp_path / "zhang")
    SyncEngine(store, api).sync()
    account_id = _chinese_account(store)[0]
    assert "Visit logged on the train" in [v.purpose for v in visits_of(store, account_id)]
    store.close()


def _chinese_account(store) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    chinese = [a for a in list_accounts(store, limit=1000) if not a.name.isascii()]
    return chinese[0].id, chinese[0].name


def _work_and_sync(qtbot, app: Wiring, relay: Relay) -> None:  # type: ignore[no-untyped-def]
    status, view = app.window.status, app.window.accounts
    total = view.model.rowCount()
    assert total > 0 and view.count_label.text().startswith(f"{total} account")
    account_id, name = _chinese_account(app.store)
    type_chinese(view.search, name[1:3])  # any Chinese substring finds it
    qtbot.waitUntil(lambda: 0 < view.model.rowCount() < total)
    assert name in [view.model.index(r, 0).data() for r in range(view.model.rowCount())]

    app.window.open_account(account_id)
    form = app.window.account_detail.form
    form.edits["phone"].setText("+86 21 6000 1234")
    form.save()
    qtbot.waitUntil(lambda: status.pending_label.text() == "1 pending")
    with qtbot.waitSignal(app.controller.sync_finished, timeout=20000):
        app.window.sync_action.trigger()
    assert status.pending_label.text() == "0 pending"
    assert status.online_label.text().startswith("● Online")
    assert status.last_sync_label.text().startswith("Last sync: ")

    relay.down()  # the train enters a tunnel
    app.window.account_detail.log_visit()
    visit = app.window.account_detail.findChild(VisitDialog)
    activate(qtbot, visit)
    qtbot.keyClicks(visit.purpose, "Visit logged on the train")
    with qtbot.waitSignal(app.events.data_changed):
        qtbot.keyClick(visit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(app.controller.online_changed, timeout=20000):
        app.window.sync_action.trigger()
    assert status.online_label.text().startswith("○ Offline")
    assert status.pending_label.text() == "1 pending"

    relay.up()  # back in coverage: the health check notices and a round pushes the visit
    qtbot.waitUntil(lambda: status.pending_label.text() == "0 pending", timeout=20000)
    qtbot.waitUntil(lambda: status.online_label.text().startswith("● Online"))
    assert status.error_label.text() == ""
