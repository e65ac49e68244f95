"""The main window at start: Today with its data, every menu and shortcut, every page a
key press away (pages are built when first opened), and the navigation badges counted."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from desktop.services.accounts import list_accounts, save_account
from desktop.store import Changes
from desktop.ui.main_window import PAGE_TITLES, Page
from desktop.ui.outbox_view import OutboxView
from desktop.ui.pipeline_board import PipelineBoard
from tests.desktop.ui.conftest import Wiring


def _action(window, keys: str) -> QAction:  # type: ignore[no-untyped-def]
    wanted = QKeySequence(keys)
    [action] = [a for a in window.findChildren(QAction) if a.shortcut() == wanted]
    return action


def test_every_menu_and_shortcut_is_there_from_the_start(offline_app: Wiring) -> None:
    window = offline_app.window
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&FieldCRM", "&Go", "&Help"]
    for keys in ("Ctrl+N", "Ctrl+L", "Ctrl+P", "F5", "Ctrl+,", "Ctrl+K", "F1"):
        assert _action(window, keys).isEnabled(), keys
    for page in Page:
        assert _action(window, f"Ctrl+{page.value + 1}").text() == PAGE_TITLES[page]


def test_today_shows_first_and_loads_once_the_window_is_up(qtbot, offline_app: Wiring) -> None:
    window = offline_app.window
    assert window.pages.currentWidget() is window.today
    qtbot.waitUntil(lambda: window.today.data is not None)
    assert window.accounts.model.rowCount() > 0  # the list is ready behind it


def test_a_page_opens_from_its_shortcut_the_first_time(qtbot, offline_app: Wiring) -> None:
    window = offline_app.window
    _action(window, "Ctrl+3").trigger()
    board = window.pages.currentWidget()
    assert isinstance(board, PipelineBoard) and board is window.pipeline
    assert window.nav.currentRow() == Page.PIPELINE
    qtbot.waitUntil(lambda: board.data is not None, timeout=10000)
    _action(window, "Ctrl+1").trigger()
    _action(window, "Ctrl+3").trigger()
    assert window.pages.currentWidget() is board  # built once, kept
    assert window.pages.count() == len(Page)


def test_the_outbox_badge_counts_before_the_outbox_is_opened(qtbot, offline_app: Wiring) -> None:
    window, store = offline_app.window, offline_app.store
    account_id = list_accounts(store, "精密")[0].id
    _, changes = save_account(store, account_id, {"city": "苏州"})
    offline_app.events.data_changed.emit(changes)
    assert window.nav.item(Page.OUTBOX).text() == "Outbox (1)"
    assert not window.findChildren(OutboxView)  # not built yet
    window.show_page(Page.OUTBOX)
    assert window.outbox.model.rowCount() == 1
    assert window.nav.item(Page.OUTBOX).text() == "Outbox (1)"
    offline_app.events.data_changed.emit(Changes(frozenset({"account"})))
    assert window.nav.item(Page.OUTBOX).text() == "Outbox (1)"
