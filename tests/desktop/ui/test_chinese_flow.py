"""A rep's morning entirely in the Chinese UI, offline: find a customer with Ctrl+K, plan a
visit from the account page, see it on Today, and get a validation message in Chinese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.services.visits import visits_of
from desktop.store import Store
from desktop.sync import SyncApi
from desktop.ui.i18n import install_language
from desktop.ui.main_window import Page
from desktop.ui.visit_plan_dialog import VisitPlanDialog
from tests.desktop.ui.conftest import DEAD_URL, Wiring, activate, make_wiring, type_chinese

CUSTOMER = "上海精密机械有限公司"


@pytest.fixture
def chinese_app(qtbot, qapp: QApplication, replica: Store) -> Iterator[Wiring]:  # type: ignore[no-untyped-def]
    assert install_language(qapp, "zh_CN") == "zh_CN"
    wiring = make_wiring(qtbot, replica, SyncApi(DEAD_URL, token="t"))
    try:
        yield wiring
    finally:
        wiring.controller.stop()
        wiring.runner.wait_idle()
        install_language(qapp, "en")


def test_a_morning_in_chinese(qtbot, chinese_app: Wiring) -> None:  # type: ignore[no-untyped-def]
    window, store = chinese_app.window, chinese_app.store
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[:5] == ["今日", "客户", "销售漏斗", "商机", "我的任务"]
    assert [a.text() for a in window.menuBar().actions()] == ["FieldCRM(&F)", "转到(&G)",
                                                              "帮助(&H)"]
    with qtbot.waitSignal(chinese_app.controller.sync_failed, timeout=10000):
        window.sync_action.trigger()  # F5 with no network
    assert window.status.online_label.text() == "○ 离线"
    assert window.status.error_label.text().startswith("无法连接")

    # Ctrl+K, type part of the Chinese name, Enter: the account opens on its timeline.
    window.activateWindow()
    window.search_action.trigger()
    search = window.search_dialog
    assert search is not None and search.isVisible()
    activate(qtbot, search)
    with qtbot.waitSignal(search.results_shown, timeout=10000):
        type_chinese(search.query, "精密")
    assert search.results.item(0).text().strip().startswith("客户")
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    detail = window.account_detail
    qtbot.waitUntil(lambda: window.accounts_stack.currentWidget() is detail)
    assert detail.account is not None and detail.account.name == CUSTOMER
    assert detail.tabs.tabText(detail.timeline_tab) == "时间线"
    assert detail.tabs.currentIndex() == detail.timeline_tab

    # Ctrl+P on the account page plans a visit for this customer, purpose in Chinese.
    pending = store.status().pending
    window.plan_visit_action.trigger()
    dialog = window.visit_actions.dialog
    assert isinstance(dialog, VisitPlanDialog)
    assert dialog.account.account_id == detail.account.id
    dialog.purpose.setCurrentIndex(dialog.purpose.findText("报价"))
    assert dialog.purpose.currentIndex() >= 0  # the templated purposes are translated
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.status().pending == pending + 1, timeout=10000)
    planned = [v for v in visits_of(store, detail.account.id) if v.status == "planned"]
    assert [v.purpose for v in planned] == ["quotation"]  # stored as the code, not the words
    qtbot.waitUntil(lambda: window.status.pending_label.text() == f"{pending + 1} 项待同步")

    # Today lists it under "本周拜访" with its purpose in Chinese.
    window.show_page(Page.TODAY)
    today = window.today
    qtbot.waitUntil(lambda: any(
        today.agenda.topLevelItem(i).text(0).startswith("本周拜访")
        and any("报价" in today.agenda.topLevelItem(i).child(j).text(0)
                for j in range(today.agenda.topLevelItem(i).childCount()))
        for i in range(today.agenda.topLevelItemCount())), timeout=10000)

    # A bad edit is explained in Chinese, next to the field, and nothing is saved.
    window.open_account(detail.account.id)
    detail.tabs.setCurrentWidget(detail.form)
    detail.form.edits["name"].clear()
    detail.form.save()
    qtbot.waitUntil(lambda: detail.form.errors["name"].isVisible())
    assert detail.form.errors["name"].text() == "客户名称为必填项。"
    assert store.status().pending == pending + 1
