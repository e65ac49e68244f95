"""Today: the window opens on the rep's day; each line leads to its account; trip readiness."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem

from desktop.services.accounts import list_accounts
from desktop.services.times import from_local
from desktop.services.visit_plans import plan_visit
from desktop.ui.today_view import ACCOUNT_ROLE, TodayScreen
from tests.desktop.ui.conftest import Wiring


def _loaded(qtbot, screen: TodayScreen) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: screen.data is not None, timeout=10000)


def _section(screen: TodayScreen, title: str) -> QTreeWidgetItem:
    tree = screen.agenda
    for i in range(tree.topLevelItemCount()):
        if tree.topLevelItem(i).text(0).startswith(title):
            return tree.topLevelItem(i)
    raise AssertionError(f"no section {title}")


def _lines(section: QTreeWidgetItem) -> list[tuple[str, str, str]]:
    return [tuple(section.child(i).text(c).strip() for c in range(3))  # type: ignore[misc]
            for i in range(section.childCount())]


def _at(day: date, hour: int) -> datetime:
    stored = from_local(datetime.combine(day, time(hour)))
    assert stored is not None
    return stored


def test_the_window_opens_on_today_with_tasks_and_customers_due(
        qtbot, offline_app: Wiring) -> None:
    window = offline_app.window
    assert window.nav.item(0).text() == "Today"
    assert window.pages.currentWidget() is window.today
    screen = window.today
    _loaded(qtbot, screen)
    assert _lines(_section(screen, "Visits today")) == [("No visits planned today", "", "")]
    overdue = _lines(_section(screen, "Overdue tasks (1)"))
    assert overdue[0][:2] == ("Send the quote", "上海精密机械有限公司")
    assert "2 days overdue" in overdue[0][2]
    due = _lines(_section(screen, "Customers due for a visit"))
    accounts = [line[1] for line in due]
    assert "上海精密机械有限公司" not in accounts  # tier A, visited 9 days ago: not yet due
    assert ("Tier A · every 14 days", "Account 000 Trading") in [line[:2] for line in due]
    assert all("never visited" in line[2] for line in due)


def test_planned_visits_appear_when_planned_and_enter_opens_the_account(
        qtbot, offline_app: Wiring) -> None:
    screen = offline_app.window.today
    _loaded(qtbot, screen)
    account = list_accounts(offline_app.store, "精密")[0]
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        _, changes = plan_visit(offline_app.store, account.id, _at(date.today(), 12), None,
                                purpose="product_demo")
        offline_app.events.data_changed.emit(changes)
    today_lines = _lines(_section(screen, "Visits today (1)"))
    assert today_lines[0][0].endswith("Product demo")
    assert today_lines[0][1] == "上海精密机械有限公司"
    section = _section(screen, "Visits today (1)")
    screen.agenda.setFocus()
    screen.agenda.setCurrentItem(section.child(0))
    qtbot.keyClick(screen.agenda, Qt.Key.Key_Return)
    window = offline_app.window
    assert window.accounts_stack.currentWidget() is window.account_detail
    assert window.account_detail.account is not None
    assert window.account_detail.account.id == account.id


def test_trip_readiness_flags_what_is_missing_and_sync_now_needs_a_connection(
        qtbot, offline_app: Wiring, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    screen = offline_app.window.today
    _loaded(qtbot, screen)
    assert "No visits planned" in screen.level_label.text()
    known = list_accounts(offline_app.store, "精密")[0]
    bare = list_accounts(offline_app.store, "Account 007")[0]
    tomorrow = date.today() + timedelta(days=1)
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        plan_visit(offline_app.store, known.id, _at(tomorrow, 9), None)
        _, changes = plan_visit(offline_app.store, bare.id, _at(tomorrow, 15), None)
        offline_app.events.data_changed.emit(changes)
    assert screen.readiness.count() == 2
    first, second = screen.readiness.item(0).text(), screen.readiness.item(1).text()
    assert "上海精密机械有限公司" in first and "Never refreshed" in first
    assert "Account 007 Trading" in second and "No contacts on this laptop" in second
    summary = screen.level_label.text()
    assert "Check" in summary and "2 planned visits" in summary
    assert screen.readiness.item(0).data(ACCOUNT_ROLE) == known.id
    assert _lines(_section(screen, "Visits this week (2)"))[1][1] == "Account 007 Trading"

    calls: list[bool] = []
    monkeypatch.setattr(offline_app.controller, "sync_now", lambda: calls.append(True))
    assert offline_app.controller.online is not True
    assert not screen.sync_button.isEnabled()  # no server reached yet: nothing to sync with
    offline_app.controller.online_changed.emit(True)
    assert screen.sync_button.isEnabled()
    qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    assert calls == [True]
    offline_app.controller.online_changed.emit(False)
    assert not screen.sync_button.isEnabled()
