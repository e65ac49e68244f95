"""Reminders: a task falling due while the app runs is announced once; what was already due
at start comes as one summary; offscreen (no tray) the window is asked to show it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from desktop.services.accounts import list_accounts
from desktop.services.tasks import save_task
from desktop.store import Changes, Origin, Store
from desktop.ui.events import AppEvents
from desktop.ui.runner import Runner
from desktop.ui.task_reminders import Reminder, TaskReminders

TODAY = date.today()


class Clock:
    """The reminders' idea of today, moved on by the test."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture
def parts(qtbot, replica: Store) -> Iterator[tuple[Store, Runner, AppEvents]]:  # type: ignore[no-untyped-def]
    runner = Runner()
    yield replica, runner, AppEvents()
    runner.wait_idle()


def _reminders(parts, clock: Clock, **kwargs) -> TaskReminders:  # type: ignore[no-untyped-def]
    store, runner, events = parts
    return TaskReminders(store, runner, events, None, today=clock, **kwargs)


def _check(qtbot, reminders: TaskReminders, start: bool = False) -> list[Reminder]:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(reminders.checked, timeout=10000) as checked:
        reminders.start() if start else reminders.check()
    return checked.args[0]


def _task(store: Store, title: str, due: date) -> str:
    account = list_accounts(store, "上海")[0]
    task_id, _ = save_task(store, None, {"title": title, "account_id": account.id,
                                         "due_date": due})
    return task_id


def test_offscreen_there_is_no_tray_so_the_window_is_asked_to_show_it(
        qtbot, parts) -> None:  # type: ignore[no-untyped-def]
    reminders = _reminders(parts, Clock(TODAY))
    assert reminders.tray is None  # no system tray on the offscreen platform
    shown: list[tuple[str, str]] = []
    reminders.reminder.connect(lambda title, text: shown.append((title, text)))
    [reminder] = _check(qtbot, reminders, start=True)  # the fixture's task, 2 days late
    assert shown == [("Task overdue", "Send the quote — 上海精密机械有限公司")]
    assert (reminder.title, reminder.text) == shown[0]


def test_tasks_already_due_at_start_come_as_one_summary_and_never_again(
        qtbot, parts) -> None:  # type: ignore[no-untyped-def]
    store = parts[0]
    _task(store, "Call the buyer", TODAY - timedelta(days=5))
    _task(store, "Book the hotel", TODAY - timedelta(days=1))
    _task(store, "Not yet", TODAY + timedelta(days=3))
    reminders = _reminders(parts, Clock(TODAY))
    shown: list[str] = []
    reminders.reminder.connect(lambda title, _text: shown.append(title))
    [summary] = _check(qtbot, reminders, start=True)
    assert summary.title == "3 tasks are overdue"
    assert summary.text.splitlines() == ["• Call the buyer", "• Send the quote",
                                         "• Book the hotel"]
    assert summary.account_id is None and len(summary.task_ids) == 3
    assert _check(qtbot, reminders) == []  # a minute later: nothing new
    assert shown == ["3 tasks are overdue"]
    with qtbot.waitSignal(reminders.open_tasks, timeout=1000):
        reminders.open_latest()  # a click on the summary opens My tasks


def test_a_task_falling_due_while_the_app_runs_is_announced_once(
        qtbot, parts) -> None:  # type: ignore[no-untyped-def]
    store = parts[0]
    tomorrow = TODAY + timedelta(days=1)
    task_id = _task(store, "Call the buyer", tomorrow)
    clock = Clock(TODAY)
    reminders = _reminders(parts, clock)
    [first] = _check(qtbot, reminders, start=True)
    assert first.title == "Task overdue"  # only the fixture's task is due today
    assert _check(qtbot, reminders) == []
    clock.day = tomorrow  # midnight passed while the app was open
    [due] = _check(qtbot, reminders)
    assert due.title == "Task due today"
    assert due.text == "Call the buyer — 上海精密机械有限公司"
    assert due.task_ids == (task_id,)
    assert _check(qtbot, reminders) == []  # once only
    clock.day = tomorrow + timedelta(days=1)
    assert _check(qtbot, reminders) == []  # being late one more day is not news
    with qtbot.waitSignal(reminders.open_account, timeout=1000) as opened:
        reminders.open_latest()  # a click on the message asks to open the account
    assert opened.args == [list_accounts(store, "上海")[0].id]


def test_moving_the_due_date_makes_a_new_reminder(qtbot, parts) -> None:  # type: ignore[no-untyped-def]
    store, _, events = parts
    clock = Clock(TODAY)
    reminders = _reminders(parts, clock)
    _check(qtbot, reminders, start=True)
    task_id = _task(store, "Call the buyer", TODAY + timedelta(days=1))
    clock.day = TODAY + timedelta(days=1)
    assert [r.task_ids for r in _check(qtbot, reminders)] == [(task_id,)]
    _, changes = save_task(store, task_id, {"due_date": TODAY + timedelta(days=2)})
    synced = Changes(changes.entities, changes.ids, Origin.SYNC)  # e.g. moved on another device
    with qtbot.waitSignal(reminders.checked, timeout=10000) as checked:
        events.data_changed.emit(synced)
    assert checked.args[0] == []
    clock.day = TODAY + timedelta(days=2)
    assert [r.task_ids for r in _check(qtbot, reminders)] == [(task_id,)]


def test_a_task_due_today_arriving_by_sync_is_announced_but_not_my_own_new_one(
        qtbot, parts) -> None:  # type: ignore[no-untyped-def]
    store, _, events = parts
    reminders = _reminders(parts, Clock(TODAY))
    _check(qtbot, reminders, start=True)
    pulled = _task(store, "Manager: call the buyer", TODAY)
    with qtbot.waitSignal(reminders.checked, timeout=10000) as checked:
        events.data_changed.emit(Changes(frozenset({"task"}), frozenset({pulled}), Origin.SYNC))
    assert [r.task_ids for r in checked.args[0]] == [(pulled,)]
    mine = _task(store, "Send the samples", TODAY)  # saved by the user in a dialog just now
    with qtbot.waitSignal(reminders.checked, timeout=10000) as checked:
        events.data_changed.emit(Changes(frozenset({"task"}), frozenset({mine})))
    assert checked.args[0] == []
    assert _check(qtbot, reminders) == []  # and not a minute later either


def test_many_tasks_falling_due_at_once_come_as_one_summary(qtbot, parts) -> None:  # type: ignore[no-untyped-def]
    store = parts[0]
    tomorrow = TODAY + timedelta(days=1)
    for n in range(5):
        _task(store, f"Follow-up {n}", tomorrow)
    clock = Clock(TODAY)
    reminders = _reminders(parts, clock)
    _check(qtbot, reminders, start=True)
    clock.day = tomorrow
    [summary] = _check(qtbot, reminders)
    assert summary.title == "5 tasks are due today"
    assert summary.text.splitlines()[-1] == "and 2 more in My tasks"


def test_the_check_runs_by_itself_every_interval(qtbot, parts) -> None:  # type: ignore[no-untyped-def]
    store = parts[0]
    task_id = _task(store, "Call the buyer", TODAY + timedelta(days=1))
    clock = Clock(TODAY)
    reminders = _reminders(parts, clock, interval_ms=20)
    _check(qtbot, reminders, start=True)
    assert reminders.running
    clock.day = TODAY + timedelta(days=1)

    def announced(found: list[Reminder]) -> bool:
        return any(task_id in r.task_ids for r in found)

    with qtbot.waitSignal(reminders.checked, timeout=10000, check_params_cb=announced):
        pass  # the timer's next check, no call from the test
    reminders.stop()
    assert not reminders.running
