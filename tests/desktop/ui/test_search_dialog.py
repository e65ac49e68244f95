"""Ctrl+K search: find any record by a piece of its name, Chinese included, and open it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services.accounts import save_account
from desktop.services.opportunities import save_opportunity
from desktop.ui.search_dialog import SearchDialog
from tests.desktop.ui.conftest import Wiring, activate, type_chinese

PACKAGING = "安姆科包装(上海)有限公司"


def _open_search(qtbot, app: Wiring) -> SearchDialog:  # type: ignore[no-untyped-def]
    app.window.activateWindow()
    app.window.search_action.trigger()
    dialog = app.window.search_dialog
    assert isinstance(dialog, SearchDialog) and dialog.isVisible()
    activate(qtbot, dialog)
    return dialog


def _titles(dialog: SearchDialog) -> list[str]:
    return [dialog.results.item(i).text().strip() for i in range(dialog.results.count())]


def test_ctrl_k_finds_a_chinese_account_by_two_characters_and_enter_opens_it(
        qtbot, offline_app: Wiring) -> None:
    account_id, _ = save_account(offline_app.store, None, {"name": PACKAGING, "city": "上海"})
    assert offline_app.window.search_action.shortcut().toString() == "Ctrl+K"
    dialog = _open_search(qtbot, offline_app)
    with qtbot.waitSignal(dialog.results_shown, timeout=10000):
        type_chinese(dialog.query, "包装")
    titles = _titles(dialog)
    assert titles[0] == "Accounts (1)"
    assert titles[1].startswith(PACKAGING) and "上海" in titles[1]
    assert dialog.current_hit() is not None and dialog.current_hit().id == account_id
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    window = offline_app.window
    assert window.accounts_stack.currentWidget() is window.account_detail
    assert window.account_detail.account is not None
    assert window.account_detail.account.id == account_id


def test_results_are_grouped_by_kind_and_arrows_skip_the_group_headers(
        qtbot, offline_app: Wiring) -> None:
    account_id, _ = save_account(offline_app.store, None, {"name": PACKAGING})
    save_opportunity(offline_app.store, None, account_id, {"name": "包装线 Packaging line"})
    dialog = _open_search(qtbot, offline_app)
    with qtbot.waitSignal(dialog.results_shown, timeout=10000):
        type_chinese(dialog.query, "包装")
    titles = _titles(dialog)
    assert titles[0] == "Accounts (1)" and titles[2] == "Opportunities (1)"
    assert titles[3].startswith("包装线 Packaging line") and PACKAGING in titles[3]
    first = dialog.current_hit()
    assert first is not None and first.kind == "account"
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    second = dialog.current_hit()
    assert second is not None and second.kind == "opportunity"  # the header was skipped
    qtbot.keyClick(dialog.query, Qt.Key.Key_Up)
    assert dialog.current_hit() == first


def test_enter_on_a_contact_opens_its_account_on_the_contacts_tab(
        qtbot, offline_app: Wiring) -> None:
    dialog = _open_search(qtbot, offline_app)
    with qtbot.waitSignal(dialog.results_shown, timeout=10000):
        type_chinese(dialog.query, "王芳")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    detail = offline_app.window.account_detail
    assert detail.tabs.currentWidget() is detail.contacts
    assert detail.contacts.table.currentIndex().row() == 0


def test_only_the_newest_query_is_shown_and_nothing_found_says_so(
        qtbot, offline_app: Wiring) -> None:
    dialog = _open_search(qtbot, offline_app)
    shown: list[object] = []
    dialog.results_shown.connect(shown.append)
    dialog.query.setText("精密")
    dialog.run_query()
    dialog.query.setText("zzqx")  # typed on before the first answer arrived
    dialog.run_query()
    dialog._timer.stop()  # both queries are already asked
    qtbot.waitUntil(lambda: bool(shown) and not offline_app.runner.busy, timeout=10000)
    assert [r.text for r in shown] == ["zzqx"]  # type: ignore[attr-defined]
    assert dialog.results.count() == 0
    assert "zzqx" in dialog.status.text()


def test_escape_closes_the_search(qtbot, offline_app: Wiring) -> None:
    dialog = _open_search(qtbot, offline_app)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
