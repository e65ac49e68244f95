"""A rep works in the main window with no server in reach: find, edit, log, complete."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.main_window import Page
from desktop.ui.visit_dialog import VisitDialog
from tests.desktop.ui.conftest import ACCOUNT_COUNT, Wiring, activate, type_chinese


def _open_first_account(qtbot, app: Wiring, text: str = "精密") -> None:  # type: ignore[no-untyped-def]
    view = app.window.accounts
    type_chinese(view.search, text)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    detail = app.window.account_detail
    assert app.window.accounts_stack.currentWidget() is detail
    assert detail.tabs.currentIndex() == detail.timeline_tab  # the customer at a glance
    detail.tabs.setCurrentWidget(detail.form)  # the rep clicks Details to edit


def test_the_accounts_list_filters_as_you_type(qtbot, offline_app: Wiring) -> None:
    view = offline_app.window.accounts
    assert view.count_label.text() == f"{ACCOUNT_COUNT} accounts"
    type_chinese(view.search, "上海")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.index(0, 0).data() == "上海精密机械有限公司"
    view.search.clear()
    qtbot.keyClicks(view.search, "account 01")
    qtbot.waitUntil(lambda: view.count_label.text() == "10 accounts")
    view.tier_combo.setCurrentIndex(view.tier_combo.findData("B"))
    assert view.count_label.text() == "4 accounts"  # 010, 013, 016, 019


def test_editing_an_account_offline_shows_one_pending(qtbot, offline_app: Wiring) -> None:
    status = offline_app.window.status
    assert status.pending_label.text() == "0 pending"
    _open_first_account(qtbot, offline_app)
    form = offline_app.window.account_detail.form
    form.edits["phone"].setText("+86 21 5555 0188")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status.pending_label.text() == "1 pending")
    assert form.saved_label.text() == "Saved on this computer."
    assert offline_app.window.account_detail.title.text().count("not synced") == 1
    sync_col = offline_app.window.accounts.model.columnCount() - 1
    offline_app.window.accounts.apply_filter()
    assert offline_app.window.accounts.model.index(0, sync_col).data() == "● not synced"


def test_an_invalid_account_edit_is_explained_inline_and_not_saved(
        qtbot, offline_app: Wiring) -> None:
    _open_first_account(qtbot, offline_app)
    form = offline_app.window.account_detail.form
    form.edits["name"].clear()
    form.edits["website"].setText("not a site")
    form.save()
    qtbot.waitUntil(lambda: form.errors["name"].isVisible())
    assert form.errors["name"].text() == "Account name is required."
    assert "Website does not look right" in form.errors["website"].text()
    assert offline_app.store.status().pending == 0


def test_a_visit_without_account_is_refused_in_the_dialog(qtbot, offline_app: Wiring) -> None:
    offline_app.window.log_visit()
    dialog = offline_app.window.findChild(VisitDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.purpose.setText("Walk-in")
    activate(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.errors["account_id"].isVisible())
    assert dialog.errors["account_id"].text() == "Account is required."
    assert dialog.isVisible() and offline_app.store.status().pending == 0


def test_log_visit_offline_keeps_it_pending_and_says_offline(qtbot, offline_app: Wiring) -> None:
    _open_first_account(qtbot, offline_app)
    offline_app.window.account_detail.log_visit()
    dialog = offline_app.window.account_detail.findChild(VisitDialog)
    assert dialog.account_search.text() == "上海精密机械有限公司"
    dialog.contacts.item(0).setCheckState(Qt.CheckState.Checked)
    activate(qtbot, dialog)
    qtbot.keyClicks(dialog.purpose, "Demo of the new spindle")
    with qtbot.waitSignal(offline_app.events.data_changed):
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    visits = offline_app.window.account_detail.visits.model
    assert visits.rowCount() == 2 and visits.index(0, 2).data() == "Demo of the new spindle"
    status = offline_app.window.status
    with qtbot.waitSignal(offline_app.controller.sync_failed, timeout=10000):
        offline_app.window.sync_action.trigger()
    assert status.online_label.text().startswith("○ Offline")
    assert status.pending_label.text() == "1 pending"
    assert "Cannot reach the FieldCRM server" in status.error_label.text()


def test_a_task_is_completed_with_one_click(qtbot, offline_app: Wiring) -> None:
    offline_app.window.show_page(Page.TASKS)
    tasks = offline_app.window.tasks
    assert tasks.count_label.text() == "1 open task · 1 overdue"
    rect = tasks.table.visualRect(tasks.model.index(0, 0))
    qtbot.mouseClick(tasks.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tasks.model.rowCount() == 0)
    assert offline_app.window.status.pending_label.text() == "1 pending"


def test_a_tier_picked_by_hand_is_sent_as_manual_and_automatic_hands_it_back(
        qtbot, offline_app: Wiring) -> None:
    _open_first_account(qtbot, offline_app)
    form = offline_app.window.account_detail.form
    form.tier.setCurrentIndex(form.tier.findData("C"))
    form.save()
    qtbot.waitUntil(lambda: offline_app.store.status().pending == 1)
    sent = offline_app.store.outbox()[-1].fields
    assert sent["tier"] == "C" and sent["tier_manual"] is True
    form.tier.setCurrentIndex(form.tier.findData(None))
    form.save()
    qtbot.waitUntil(lambda: offline_app.store.outbox()[-1].fields.get("tier_manual") is False)
