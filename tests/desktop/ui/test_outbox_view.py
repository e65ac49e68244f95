"""The outbox view: refused changes with their reason; discard and fix from the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.services.accounts import get_account, list_accounts, save_account
from desktop.services.contacts import contacts_of, save_contact
from desktop.store import OutboxState
from desktop.store.outbox import reject
from desktop.ui.contact_dialog import ContactDialog
from desktop.ui.fix_editor import AccountFixDialog
from desktop.ui.main_window import Page
from desktop.ui.outbox_view import OutboxModel
from tests.desktop.ui.conftest import Wiring

REASON = "This record is no longer in your territory, so the change was not accepted."


def _refuse_last(app: Wiring, reason: str = REASON) -> int:
    mid = app.store.outbox()[-1].mid
    with app.store.write() as session:
        reject(session, mid, "out_of_scope", reason)
    app.window.outbox.refresh()
    return mid


def _refused_phone(app: Wiring) -> tuple[str, int]:
    account_id = list_accounts(app.store, "精密")[0].id
    save_account(app.store, account_id, {"phone": "+86 21 5555 0188"})
    return account_id, _refuse_last(app)


def test_the_outbox_lists_a_refused_change_with_its_reason(qtbot, offline_app: Wiring) -> None:
    account_id = list_accounts(offline_app.store, "精密")[0].id
    save_account(offline_app.store, account_id, {"phone": "+86 21 5555 0188"})
    _refuse_last(offline_app)
    save_account(offline_app.store, account_id, {"city": "苏州"})
    view = offline_app.window.outbox
    view.refresh()
    offline_app.window.show_page(Page.OUTBOX)
    assert offline_app.window.nav.item(Page.OUTBOX).text() == "Outbox (2, 1 refused)"
    model = view.model
    assert model.rowCount() == 2
    assert model.index(0, 1).data() == "上海精密机械有限公司 (Account)"
    assert model.index(0, 2).data() == "Phone: +86 21 5555 0188"
    assert model.index(0, 3).data() == "Refused by the server"
    assert model.index(1, 3).data() == "Waiting to send"
    assert view.selected() is not None and view.selected().rejected  # type: ignore[union-attr]
    assert REASON in view.detail.text()
    assert view.count_label.text() == "1 waiting to send · 1 refused"
    assert view.fix_button.isEnabled() and view.discard_button.isEnabled()
    view.table.selectRow(1)
    assert not view.discard_button.isEnabled() and not view.fix_button.isEnabled()


def test_discard_asks_first_then_restores_the_server_value(qtbot, offline_app: Wiring) -> None:
    account_id, _mid = _refused_phone(offline_app)
    view = offline_app.window.outbox
    view.discard_selected()
    box = view.confirm_box
    assert box is not None and "上海精密机械有限公司" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 1
    view.discard_selected()
    box = view.confirm_box
    assert box is not None
    with qtbot.waitSignal(offline_app.events.data_changed):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Discard),
                         Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    account = get_account(offline_app.store, account_id)
    assert account is not None and account.phone == "+86 21 5555 0100"
    assert offline_app.window.nav.item(Page.OUTBOX).text() == "Outbox"
    assert offline_app.store.outbox() == []


def test_fix_opens_the_editor_with_the_refused_values_and_replaces_the_change(
        qtbot, offline_app: Wiring) -> None:
    account_id, mid = _refused_phone(offline_app)
    view = offline_app.window.outbox
    view.fix_selected()
    dialog = view.fix_dialog
    assert isinstance(dialog, AccountFixDialog) and dialog.isVisible()
    form = dialog.form
    assert form.edits["phone"].text() == "+86 21 5555 0188"
    assert REASON in form.general_error.text()
    form.edits["phone"].setText("+86 21 5555 0177")
    with qtbot.waitSignal(offline_app.events.data_changed):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [entry] = offline_app.store.outbox()
    assert entry.mid != mid and entry.state == OutboxState.PENDING
    assert entry.fields == {"phone": "+86 21 5555 0177"}
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.index(0, 3).data() == "Waiting to send"


def test_fix_of_a_refused_contact_keeps_the_fields_left_as_they_were(
        qtbot, offline_app: Wiring) -> None:
    account_id = list_accounts(offline_app.store, "精密")[0].id
    contact = contacts_of(offline_app.store, account_id)[0]
    save_contact(offline_app.store, contact.id, account_id,
                 {"title": "采购总监", "email": "wang.fang@jingmi.cn"})
    _refuse_last(offline_app, "Only the key-account team may change this contact.")
    view = offline_app.window.outbox
    view.fix_selected()
    dialog = view.fix_dialog
    assert isinstance(dialog, ContactDialog) and dialog.fixing is not None
    assert dialog.edits["title"].text() == "采购总监"
    assert "key-account team" in dialog.general_error.text()
    dialog.edits["email"].setText("fang.wang@jingmi.cn")
    with qtbot.waitSignal(offline_app.events.data_changed):
        dialog.save()
    [entry] = offline_app.store.outbox()
    assert entry.state == OutboxState.PENDING
    assert entry.fields == {"title": "采购总监", "email": "fang.wang@jingmi.cn"}


def test_the_outbox_model_passes_the_model_tester(qtmodeltester, offline_app: Wiring) -> None:
    _refused_phone(offline_app)
    save_account(offline_app.store, list_accounts(offline_app.store, "精密")[0].id,
                 {"city": "苏州"})
    model = OutboxModel(offline_app.store)
    model.reload()
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)
