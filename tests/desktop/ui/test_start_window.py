"""The first screen's background work: the checks start when the window shows, Today's
agenda and the first sync round after the first paint, and without a paint (minimised,
never exposed) or without a window all the same."""

from __future__ import annotations

from desktop.store import Store
from desktop.sync import SyncApi
from desktop.ui.events import AppEvents
from desktop.ui.main_window import MainWindow, Page
from desktop.ui.runner import Runner
from desktop.ui.sync_controller import SyncController
from tests.desktop.fakes import FakeApi, FakeServer
from tests.desktop.ui.conftest import DEAD_URL, TEST_SYNC


def _window(qtbot, store: Store) -> tuple[MainWindow, SyncController, Runner]:  # type: ignore[no-untyped-def]
    runner, events = Runner(), AppEvents()
    controller = SyncController(store, SyncApi(DEAD_URL, token="t"), events, TEST_SYNC)
    window = MainWindow(store, runner, events, controller)
    qtbot.addWidget(window)
    return window, controller, runner


def test_today_and_the_badges_load_even_if_the_window_is_never_painted(
        qtbot, replica: Store) -> None:  # type: ignore[no-untyped-def]
    window, controller, runner = _window(qtbot, replica)
    window.setUpdatesEnabled(False)  # no paint event reaches the window
    window.show()
    controller.start(sync_first=False)
    try:
        qtbot.waitUntil(lambda: window.today.data is not None, timeout=10000)
        qtbot.waitUntil(lambda: window.nav.item(Page.CONFLICTS).text() == "Conflicts (1)",
                        timeout=10000)
        assert window.pages.currentWidget() is window.today
    finally:
        controller.stop()
        runner.wait_idle()


def test_the_first_sync_round_starts_once_the_window_is_up(qtbot, replica: Store) -> None:  # type: ignore[no-untyped-def]
    runner, events = Runner(), AppEvents()
    controller = SyncController(replica, FakeApi(FakeServer()), events, TEST_SYNC)
    window = MainWindow(replica, runner, events, controller)
    qtbot.addWidget(window)
    window.show()
    try:
        with qtbot.waitSignal(controller.sync_finished, timeout=10000):
            controller.start()
        assert controller.online is True
    finally:
        controller.stop()
        runner.wait_idle()


def test_without_a_window_the_first_round_starts_all_the_same(qtbot, replica: Store) -> None:  # type: ignore[no-untyped-def]
    controller = SyncController(replica, FakeApi(FakeServer()), AppEvents(), TEST_SYNC)
    try:
        with qtbot.waitSignal(controller.sync_finished, timeout=10000):
            controller.start()
    finally:
        controller.stop()
