"""A visit's life from the Today screen, offline: plan it, start it, end it with its next
step, cancel or reschedule it; refused actions say why and change nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QMessageBox, QTreeWidgetItem

from desktop.services.accounts import list_accounts
from desktop.services.contacts import contacts_of, save_contact
from desktop.services.tasks import my_tasks
from desktop.services.times import from_local, to_local
from desktop.services.visit_plans import cancel_visit, plan_visit
from desktop.services.visits import get_visit, visits_of
from desktop.store import Changes
from desktop.ui.locale_format import time_text
from desktop.ui.today_view import VISIT_ROLE, TodayScreen
from desktop.ui.visit_actions import VisitActions
from desktop.ui.visit_dialog import VisitDialog
from desktop.ui.visit_end_dialog import VisitEndDialog
from desktop.ui.visit_plan_dialog import RescheduleDialog, VisitPlanDialog
from tests.desktop.ui.conftest import Wiring, activate, type_chinese

CHINESE = "上海精密机械有限公司"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    stored = from_local(datetime.combine(day, time(hour, minute)))
    assert stored is not None
    return stored


def _section(screen: TodayScreen, title: str) -> QTreeWidgetItem:
    tree = screen.agenda
    for i in range(tree.topLevelItemCount()):
        if tree.topLevelItem(i).text(0).startswith(title):
            return tree.topLevelItem(i)
    raise AssertionError(f"no section {title}")


def _visit_ids(screen: TodayScreen, title: str) -> list[str]:
    section = _section(screen, title)
    return [section.child(i).data(0, VISIT_ROLE) for i in range(section.childCount())
            if section.child(i).data(0, VISIT_ROLE)]


def _line_of(screen: TodayScreen, visit_id: str) -> tuple[str, ...]:
    assert screen.select_visit(visit_id)
    item = screen.agenda.currentItem()
    return tuple(item.text(c).strip() for c in range(3))


def _today_screen(qtbot, app: Wiring) -> TodayScreen:  # type: ignore[no-untyped-def]
    screen = app.window.today
    qtbot.waitUntil(lambda: screen.data is not None, timeout=10000)
    return screen


def _planned_today(qtbot, app: Wiring, hour: int = 11) -> str:  # type: ignore[no-untyped-def]
    """A visit planned today at the Chinese account, shown on Today."""
    screen = _today_screen(qtbot, app)
    account = list_accounts(app.store, "精密")[0]
    visit_id, changes = plan_visit(app.store, account.id, _at(date.today(), hour),
                                   _at(date.today(), hour + 1), purpose="product_demo")
    app.events.data_changed.emit(changes)
    qtbot.waitUntil(lambda: visit_id in _visit_ids(screen, "Visits today"), timeout=10000)
    return visit_id


def _pending(app: Wiring) -> int:
    return app.store.status().pending


def test_plan_a_visit_for_tomorrow_with_two_contacts(qtbot, offline_app: Wiring) -> None:
    store, window = offline_app.store, offline_app.window
    account = list_accounts(store, "精密")[0]
    save_contact(store, None, account.id, {"name": "陈刚", "title": "厂长"})
    screen = _today_screen(qtbot, offline_app)
    before = _pending(offline_app)
    qtbot.mouseClick(screen.plan_button, Qt.MouseButton.LeftButton)
    dialog = screen.visit_actions.dialog
    assert isinstance(dialog, VisitPlanDialog) and dialog.isVisible()
    tomorrow = date.today() + timedelta(days=1)
    assert dialog.when.day.date().toPython() == tomorrow  # the default: tomorrow 09:00
    # No account yet: the dialog says so and nothing is stored.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.errors["account_id"].text() == \
        "Pick the account from the list."
    assert _pending(offline_app) == before
    type_chinese(dialog.account, CHINESE)
    assert dialog.account.account_id == account.id
    assert dialog.contacts.count() == 2
    for i in range(2):
        dialog.contacts.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.when.start.setTime(QTime(10, 30))
    dialog.purpose.setCurrentIndex(dialog.purpose.findText("Quotation"))
    dialog.notes.setPlainText("Bring the CNC brochure")
    done: list[str] = []
    screen.visit_actions.done.connect(done.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)

    planned = [v for v in visits_of(store, account.id) if v.status == "planned"]
    assert [v.id for v in planned] == done
    visit = planned[0]
    assert set(visit.contact_ids) == {c.id for c in contacts_of(store, account.id)}
    assert visit.purpose == "quotation" and visit.notes == "Bring the CNC brochure"
    assert to_local(visit.planned_start) == datetime.combine(tomorrow, time(10, 30))
    assert visit.pending and _pending(offline_app) == before + 1  # waits in the outbox
    qtbot.waitUntil(lambda: visit.id in _visit_ids(screen, "Visits this week"), timeout=10000)
    when, name, _details = _line_of(screen, visit.id)
    assert when.endswith(f"{time_text(visit.planned_start)}  Quotation") and name == CHINESE
    qtbot.waitUntil(lambda: window.status.pending_label.text() == f"{before + 1} pending")


def test_start_stamps_the_time_then_end_saves_outcome_and_next_step_together(
        qtbot, offline_app: Wiring) -> None:
    store, events = offline_app.store, offline_app.events
    visit_id = _planned_today(qtbot, offline_app)
    screen = offline_app.window.today
    before = _pending(offline_app)
    screen.agenda.setFocus()
    assert screen.select_visit(visit_id)
    assert {k for k, b in screen.visit_buttons.items() if b.isEnabled()} == \
        {"start", "end", "cancel", "reschedule"}
    started_after = datetime.now().replace(microsecond=0) - timedelta(seconds=1)
    qtbot.keyClick(screen.agenda, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: get_visit(store, visit_id).status == "in_progress",  # type: ignore[union-attr]
                    timeout=10000)
    visit = get_visit(store, visit_id)
    assert visit is not None and visit.actual_start is not None
    assert to_local(visit.actual_start) >= started_after  # type: ignore[operator]
    qtbot.waitUntil(lambda: _line_of(screen, visit_id)[2] == "In progress", timeout=10000)
    assert {k for k, b in screen.visit_buttons.items() if b.isEnabled()} == {"end"}

    qtbot.mouseClick(screen.visit_buttons["end"], Qt.MouseButton.LeftButton)
    dialog = screen.visit_actions.dialog
    assert isinstance(dialog, VisitEndDialog) and dialog.isVisible()
    dialog.outcome.setCurrentIndex(dialog.outcome.findText("Positive"))
    dialog.notes.setPlainText("Wants two machines")
    dialog.next_step.setText("Send the revised quote")
    dialog.next_due.setDate(QDate.currentDate())
    saves: list[Changes] = []
    events.data_changed.connect(saves.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(saves), timeout=10000)

    assert len(saves) == 1 and saves[0].entities == {"visit", "task"}  # one save
    ended = get_visit(store, visit_id)
    assert ended is not None and ended.status == "completed" and ended.outcome == "positive"
    assert ended.actual_start == visit.actual_start and "Wants two machines" in ended.notes  # type: ignore[operator]
    task = next(t for t in my_tasks(store, date.today()) if t.title == "Send the revised quote")
    assert task.due_date == date.today()
    assert _pending(offline_app) == before + 3  # the start, the end, the next step's task
    qtbot.waitUntil(lambda: "Send the revised quote" in [
        _section(screen, "Tasks due today").child(i).text(0).strip()
        for i in range(_section(screen, "Tasks due today").childCount())], timeout=10000)
    tasks = offline_app.window.tasks.model
    qtbot.waitUntil(lambda: tasks.find_row(task.id) >= 0, timeout=10000)  # in My tasks
    assert _line_of(screen, visit_id)[2] == "Completed"
    assert not any(b.isEnabled() for b in screen.visit_buttons.values())


def test_cancel_asks_first_and_the_visit_leaves_today(qtbot, offline_app: Wiring) -> None:
    store = offline_app.store
    visit_id = _planned_today(qtbot, offline_app)
    screen = offline_app.window.today
    before = _pending(offline_app)
    screen.agenda.setFocus()
    assert screen.select_visit(visit_id)
    qtbot.keyClick(screen.agenda, Qt.Key.Key_Delete)
    box = screen.visit_actions.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "Cancel this planned visit?" in box.text()
    keep = next(b for b in box.buttons() if b.text() == "Keep it")
    keep.click()
    assert get_visit(store, visit_id).status == "planned"  # type: ignore[union-attr]
    assert _pending(offline_app) == before

    qtbot.mouseClick(screen.visit_buttons["cancel"], Qt.MouseButton.LeftButton)
    box = screen.visit_actions.dialog
    assert isinstance(box, QMessageBox)
    screen.visit_actions.cancel_button.click()
    qtbot.waitUntil(lambda: get_visit(store, visit_id).status == "cancelled",  # type: ignore[union-attr]
                    timeout=10000)
    qtbot.waitUntil(lambda: visit_id not in _visit_ids(screen, "Visits today"), timeout=10000)
    assert _pending(offline_app) == before + 1


def test_reschedule_moves_the_visit(qtbot, offline_app: Wiring) -> None:
    store = offline_app.store
    visit_id = _planned_today(qtbot, offline_app)
    screen = offline_app.window.today
    assert screen.select_visit(visit_id)
    qtbot.mouseClick(screen.visit_buttons["reschedule"], Qt.MouseButton.LeftButton)
    dialog = screen.visit_actions.dialog
    assert isinstance(dialog, RescheduleDialog) and dialog.isVisible()
    assert dialog.when.start.time() == QTime(11, 0) and dialog.when.duration.value() == 60
    later = date.today() + timedelta(days=3)
    dialog.when.day.setDate(QDate(later))
    dialog.when.start.setTime(QTime(14, 15))
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.when.start, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: visit_id in _visit_ids(screen, "Visits this week"), timeout=10000)
    assert visit_id not in _visit_ids(screen, "Visits today")
    moved = get_visit(store, visit_id)
    assert moved is not None and moved.status == "planned"
    assert to_local(moved.planned_start) == datetime.combine(later, time(14, 15))
    assert to_local(moved.planned_end) == datetime.combine(later, time(15, 15))
    assert time_text(moved.planned_start) in _line_of(screen, visit_id)[0]


def test_refused_actions_say_why_and_change_nothing(qtbot, offline_app: Wiring) -> None:
    store = offline_app.store
    screen = _today_screen(qtbot, offline_app)
    account = list_accounts(store, "精密")[0]
    cancelled, _ = plan_visit(store, account.id, _at(date.today(), 16), None)
    cancel_visit(store, cancelled)
    completed = next(v.id for v in visits_of(store, account.id) if v.status == "completed")
    before = _pending(offline_app)
    actions = screen.visit_actions
    assert actions.available("cancelled") == {"reschedule"}
    assert actions.available("completed") == set()

    actions.end(cancelled)  # checked before any dialog opens
    box = actions.dialog
    assert isinstance(box, QMessageBox) and box.text() == "This visit is already closed."
    box.accept()
    failed: list[str] = []
    actions.done.connect(failed.append)
    actions.start(completed)  # refused by the service, in the background
    qtbot.waitUntil(lambda: isinstance(actions.dialog, QMessageBox)
                    and actions.dialog.text() == "Only a planned visit can be started.",
                    timeout=10000)
    actions.dialog.accept()
    assert not failed and _pending(offline_app) == before
    assert get_visit(store, cancelled).status == "cancelled"  # type: ignore[union-attr]
    assert get_visit(store, completed).status == "completed"  # type: ignore[union-attr]


def test_plan_from_an_account_keeps_it_fixed(qtbot, offline_app: Wiring) -> None:
    """The account page's Visits tab plans with its account already chosen."""
    store = offline_app.store
    account = list_accounts(store, "Account 007")[0]
    actions = VisitActions(store, offline_app.runner, offline_app.events, offline_app.window)
    actions.plan(account.id)
    dialog = actions.dialog
    assert isinstance(dialog, VisitPlanDialog)
    assert dialog.account.text() == "Account 007 Trading" and dialog.account.isReadOnly()
    activate(qtbot, dialog)
    qtbot.keyClicks(dialog.purpose.lineEdit(), "Plant tour")
    done: list[str] = []
    actions.done.connect(done.append)
    qtbot.keyClick(dialog.purpose.lineEdit(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    visit = get_visit(store, done[0])
    assert visit is not None and visit.account_id == account.id
    assert visit.purpose == "Plant tour"  # the rep's own words are kept as typed


def test_logging_a_past_visit_uses_the_same_templates(qtbot, offline_app: Wiring) -> None:
    store = offline_app.store
    account = list_accounts(store, "精密")[0]
    dialog = VisitDialog(store, offline_app.runner, offline_app.events, account.id,
                         offline_app.window)
    dialog.show()
    dialog.purpose_field.setCurrentIndex(dialog.purpose_field.findText("Payment collection"))
    dialog.outcome.setCurrentIndex(dialog.outcome.findText("Customer not available"))
    saves: list[Changes] = []
    offline_app.events.data_changed.connect(saves.append)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(saves), timeout=10000)
    logged = visits_of(store, account.id)[0]
    assert (logged.purpose, logged.outcome, logged.status) == (
        "payment_collection", "no_show", "completed")
