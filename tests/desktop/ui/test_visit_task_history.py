"""Visits and tasks are records like the others: edit them, see their History, fix refusals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.services.accounts import list_accounts
from desktop.services.history import HistoryRow
from desktop.services.tasks import get_task, my_tasks, save_task
from desktop.services.visits import get_visit, save_visit, visits_of
from desktop.store import OutboxState, Store
from desktop.store.outbox import reject
from desktop.sync import SyncApi, SyncEngine, sign_in
from desktop.ui.history_view import NEEDS_CONNECTION
from desktop.ui.main_window import Page
from desktop.ui.task_dialog import TaskDialog
from desktop.ui.visit_dialog import VisitDialog
from tests.desktop.ui.conftest import Wiring, make_wiring
from tests.support.live_server import LiveServer, start_server

REASON = "This visit's account was reassigned, so the change was not accepted."


def _open_visit(qtbot, app: Wiring) -> VisitDialog:  # type: ignore[no-untyped-def]
    """Open the first visit of 上海精密 with Enter in the account's Visits tab."""
    app.window.open_account(list_accounts(app.store, "精密")[0].id)
    detail = app.window.account_detail
    detail.tabs.setCurrentWidget(detail.visits)
    table = detail.visits.table
    table.setFocus()
    table.setCurrentIndex(detail.visits.model.index(0, 2))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    dialog = detail.visit_dialog
    assert isinstance(dialog, VisitDialog) and dialog.isVisible()
    return dialog


def _open_task(qtbot, app: Wiring) -> TaskDialog:  # type: ignore[no-untyped-def]
    """Double-click the first task in My tasks."""
    app.window.show_page(Page.TASKS)
    view = app.window.tasks
    qtbot.waitExposed(view.table)
    cell = view.table.visualRect(view.model.index(0, 1)).center()
    # QTest sends a double-click as press + double-click; a real one is a click first.
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    dialog = view.dialog
    assert isinstance(dialog, TaskDialog) and dialog.isVisible()
    return dialog


def _save(qtbot, app: Wiring, dialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(app.events.data_changed, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _refuse_last(app: Wiring) -> int:
    mid = app.store.outbox()[-1].mid
    with app.store.write() as session:
        reject(session, mid, "out_of_scope", REASON)
    app.window.outbox.refresh()
    return mid


# -- editing ------------------------------------------------------------------------------
def test_enter_on_a_visit_opens_it_and_saving_sends_only_the_changed_field(
        qtbot, offline_app: Wiring) -> None:
    dialog = _open_visit(qtbot, offline_app)
    assert dialog.windowTitle() == "Edit visit" and dialog.history_button is not None
    assert dialog.purpose.text() == "Quarterly review"
    assert dialog.status.currentText() == "Completed"
    assert not hasattr(dialog, "next_step")  # a next step belongs to logging, not editing
    dialog.outcome.setCurrentIndex(dialog.outcome.findText("Positive"))
    dialog.contacts.item(0).setCheckState(Qt.CheckState.Checked)
    _save(qtbot, offline_app, dialog)
    [entry] = offline_app.store.outbox()
    visit = visits_of(offline_app.store, list_accounts(offline_app.store, "精密")[0].id)[0]
    assert entry.entity == "visit" and entry.row_id == visit.id
    assert entry.fields == {"outcome": "positive", "contact_ids": list(visit.contact_ids)}
    assert visit.outcome == "positive" and visit.pending


def test_a_visit_logged_with_an_outcome_keeps_it(qtbot, offline_app: Wiring) -> None:
    account_id = list_accounts(offline_app.store, "精密")[0].id
    dialog = VisitDialog(offline_app.store, offline_app.runner, offline_app.events, account_id,
                         offline_app.window)
    dialog.show()
    dialog.purpose.setText("Product demo")
    dialog.outcome.setCurrentIndex(dialog.outcome.findText("Customer not available"))
    _save(qtbot, offline_app, dialog)
    assert visits_of(offline_app.store, account_id)[0].outcome == "no_show"


def test_a_visit_saved_unchanged_writes_nothing(qtbot, offline_app: Wiring) -> None:
    dialog = _open_visit(qtbot, offline_app)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert offline_app.store.outbox() == []  # untouched times keep their seconds


def test_a_visit_moved_back_to_planned_keeps_its_time_as_the_plan(
        qtbot, offline_app: Wiring) -> None:
    dialog = _open_visit(qtbot, offline_app)
    dialog.status.setCurrentIndex(dialog.status.findData("planned"))
    dialog.duration.setValue(90)
    _save(qtbot, offline_app, dialog)
    [entry] = offline_app.store.outbox()
    assert set(entry.fields) == {"status", "planned_start", "planned_end"}
    visit = get_visit(offline_app.store, entry.row_id)
    assert visit is not None and visit.planned_end is not None and visit.planned_start
    assert (visit.planned_end - visit.planned_start).total_seconds() == 90 * 60


def test_double_click_on_a_task_opens_it_and_saving_sends_only_the_changed_field(
        qtbot, offline_app: Wiring) -> None:
    dialog = _open_task(qtbot, offline_app)
    assert dialog.title.text() == "Send the quote" and dialog.has_due.isChecked()
    assert dialog.account.text() == "上海精密机械有限公司"
    dialog.priority.setCurrentIndex(dialog.priority.findData("high"))
    _save(qtbot, offline_app, dialog)
    [entry] = offline_app.store.outbox()
    assert entry.entity == "task" and entry.fields == {"priority": "high"}
    view = offline_app.window.tasks
    qtbot.waitUntil(lambda: view.model.index(0, 4).data() == "High")


def test_marking_a_task_done_in_its_dialog_takes_it_off_my_tasks(
        qtbot, offline_app: Wiring) -> None:
    dialog = _open_task(qtbot, offline_app)
    task_id = dialog.task.id
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    _save(qtbot, offline_app, dialog)
    [entry] = offline_app.store.outbox()
    assert set(entry.fields) == {"status", "completed_at"}
    qtbot.waitUntil(lambda: offline_app.window.tasks.model.rowCount() == 0)
    task = get_task(offline_app.store, task_id)
    assert task is not None and task.completed_at is not None


def test_a_task_without_a_title_is_refused_inline_and_nothing_is_stored(
        qtbot, offline_app: Wiring) -> None:
    dialog = _open_task(qtbot, offline_app)
    dialog.title.clear()
    dialog.has_due.setChecked(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.errors["title"].isVisible())
    assert dialog.isVisible() and offline_app.store.outbox() == []


def test_offline_a_task_history_says_it_needs_a_connection(qtbot, offline_app: Wiring) -> None:
    dialog = _open_task(qtbot, offline_app)
    assert dialog.history_button is not None
    qtbot.mouseClick(dialog.history_button, Qt.MouseButton.LeftButton)
    history = dialog.history_dialog
    assert history is not None
    qtbot.waitUntil(lambda: history.view.message.text() == NEEDS_CONNECTION)


# -- fixing refused changes ---------------------------------------------------------------
def test_fix_of_a_refused_visit_change_supersedes_it_with_the_corrected_one(
        qtbot, offline_app: Wiring) -> None:
    visit = visits_of(offline_app.store, list_accounts(offline_app.store, "精密")[0].id)[0]
    save_visit(offline_app.store, visit.id, {"purpose": "季度回顾", "notes": "Wants a quote"})
    mid = _refuse_last(offline_app)
    view = offline_app.window.outbox
    offline_app.window.show_page(Page.OUTBOX)
    assert view.fix_button.isEnabled()
    qtbot.mouseClick(view.fix_button, Qt.MouseButton.LeftButton)
    dialog = view.fix_dialog
    assert isinstance(dialog, VisitDialog) and dialog.fixing == mid
    assert dialog.history_button is None
    assert dialog.purpose.text() == "季度回顾" and REASON in dialog.general_error.text()
    dialog.notes.setPlainText("Wants a quote for two machines")
    _save(qtbot, offline_app, dialog)
    [entry] = offline_app.store.outbox()
    assert entry.mid != mid and entry.state == OutboxState.PENDING
    assert entry.fields == {"purpose": "季度回顾", "notes": "Wants a quote for two machines"}
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.index(0, 3).data() == "Waiting to send"


def test_fix_of_a_refused_task_change_opens_the_task_editor(qtbot, offline_app: Wiring) -> None:
    task = my_tasks(offline_app.store)[0]
    save_task(offline_app.store, task.id, {"due_date": date(2031, 1, 1)})
    mid = _refuse_last(offline_app)
    view = offline_app.window.outbox
    view.fix_selected()
    dialog = view.fix_dialog
    assert isinstance(dialog, TaskDialog) and dialog.fixing == mid
    assert dialog.due.date().toPython() == date(2031, 1, 1)
    dialog.due.setDate(date(2030, 6, 1))
    _save(qtbot, offline_app, dialog)
    [entry] = offline_app.store.outbox()
    assert entry.mid != mid and entry.fields == {"due_date": "2030-06-01"}


# -- History from the real server ---------------------------------------------------------
@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One real server for the History tests (each signs in with its own replica)."""
    server = start_server(tmp_path_factory.mktemp("server"))
    yield server
    server.stop()


@pytest.fixture
def signed_in(shared_server: LiveServer,
              tmp_path: Path) -> Iterator[tuple[Store, SyncApi]]:
    store, api = sign_in(shared_server.url, "li.wei", "fieldcrm", data_dir=tmp_path / "li")
    SyncEngine(store, api).sync()
    yield store, api
    store.close()


def _online(qtbot, store: Store, api: SyncApi) -> Wiring:  # type: ignore[no-untyped-def]
    return make_wiring(qtbot, store, api)


def _stop(app: Wiring) -> None:
    app.controller.stop()
    app.runner.wait_idle()


def _wait_history(qtbot, dialog: VisitDialog | TaskDialog) -> list[HistoryRow]:  # type: ignore[no-untyped-def]
    assert dialog.history_button is not None
    qtbot.mouseClick(dialog.history_button, Qt.MouseButton.LeftButton)
    history = dialog.history_dialog
    assert history is not None and history.isVisible()
    qtbot.waitUntil(lambda: "recorded on the server" in history.view.message.text(),
                    timeout=20000)
    return history.view.model.rows


def test_history_of_a_visit_shows_the_server_change_log(
        qtbot, signed_in: tuple[Store, SyncApi]) -> None:  # type: ignore[no-untyped-def]
    store, api = signed_in
    account = next(a for a in list_accounts(store, limit=200) if visits_of(store, a.id))
    visit = visits_of(store, account.id)[0]
    save_visit(store, visit.id, {"purpose": "Plant tour 工厂参观"})
    SyncEngine(store, api).sync()
    app = _online(qtbot, store, api)
    try:
        app.window.open_account(account.id)
        detail = app.window.account_detail
        row = detail.visits.model.find_row(visit.id)
        detail.visits.table.activated.emit(detail.visits.model.index(row, 0))
        dialog = detail.visit_dialog
        assert dialog is not None and dialog.visit is not None
        assert dialog.visit.id == visit.id
        rows = _wait_history(qtbot, dialog)
        purpose = next(r for r in rows if r.field_name == "purpose")
        assert (purpose.field_label, purpose.new_text, purpose.device) == (
            "Purpose", "Plant tour 工厂参观", "this computer")
    finally:
        _stop(app)


def test_history_of_a_task_shows_the_server_change_log(
        qtbot, signed_in: tuple[Store, SyncApi]) -> None:  # type: ignore[no-untyped-def]
    store, api = signed_in
    account = list_accounts(store, limit=1)[0]
    task_id, _ = save_task(store, None, {"title": "Call back 回电", "account_id": account.id,
                                         "due_date": date.today()})
    SyncEngine(store, api).sync()
    save_task(store, task_id, {"title": "Call back about the quote 回电"})
    SyncEngine(store, api).sync()
    app = _online(qtbot, store, api)
    try:
        view = app.window.tasks
        row = view.model.find_row(task_id)
        assert row >= 0
        view.open_task(view.model.index(row, 1))
        assert view.dialog is not None
        rows = _wait_history(qtbot, view.dialog)
        titles = [r.new_text for r in rows if r.field_name == "title"]
        assert titles == ["Call back about the quote 回电", "Call back 回电"]
        assert all(r.device == "this computer" for r in rows)
    finally:
        _stop(app)
