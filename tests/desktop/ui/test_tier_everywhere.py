"""The account tier as the same coloured badge on every list: accounts, the pipeline list,
my tasks and search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.ui.accounts_view import TIER_ROLE, AccountColumn, TierCellDelegate
from desktop.ui.main_window import Page
from desktop.ui.opportunities_view import OpportunityColumn
from desktop.ui.search_dialog import SearchDialog
from desktop.ui.tasks_view import TaskColumn
from desktop.ui.tier_badge import TIER_COLORS, tier_color, tier_tooltip
from tests.desktop.ui.conftest import Wiring, activate, type_chinese


def _badge_pixels(table, index, tier: str) -> int:  # type: ignore[no-untyped-def]
    """How many pixels of the cell are the badge's colour, as drawn on screen."""
    image = table.viewport().grab(table.visualRect(index)).toImage()
    wanted = QColor(TIER_COLORS[tier][0]).rgb()
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if image.pixel(x, y) == wanted)


def test_the_accounts_list_shows_each_tier_as_a_coloured_badge(
        qtbot, offline_app: Wiring) -> None:
    view = offline_app.window.accounts
    offline_app.window.show_page(Page.ACCOUNTS)
    qtbot.waitExposed(view.table)
    column = view.model.column_of(AccountColumn.TIER)
    assert isinstance(view.table.itemDelegateForColumn(column), TierCellDelegate)
    rows = {view.model.index(r, 0).data(): r for r in range(view.model.rowCount())}
    b_row = rows["Account 001 Trading"]  # "ABC"[1]
    b_cell = view.model.index(b_row, column)
    assert b_cell.data() == "B" and b_cell.data(TIER_ROLE) == "B"
    assert b_cell.data(Qt.ItemDataRole.ForegroundRole).color() == tier_color("B")
    assert b_cell.data(Qt.ItemDataRole.ToolTipRole) == tier_tooltip("B")
    view.table.scrollTo(b_cell)
    assert _badge_pixels(view.table, b_cell, "B") > 50  # a filled badge, not a letter only
    assert _badge_pixels(view.table, b_cell, "A") == 0


def test_the_tier_filter_keeps_only_that_tier_and_all_tiers_restores(
        qtbot, offline_app: Wiring) -> None:
    view = offline_app.window.accounts
    everything = view.count_label.text()
    view.tier_combo.setCurrentIndex(view.tier_combo.findData("A"))
    column = view.model.column_of(AccountColumn.TIER)
    tiers = {view.model.index(r, column).data() for r in range(view.model.rowCount())}
    assert tiers == {"A"} and view.count_label.text() == "78 accounts"  # 上海 + 77 of 229
    view.tier_combo.setCurrentIndex(view.tier_combo.findData(None))
    assert view.count_label.text() == everything


def test_the_pipeline_list_shows_the_deal_accounts_tier_badge(
        qtbot, offline_app: Wiring) -> None:
    view = offline_app.window.opportunities
    offline_app.window.show_page(Page.OPPORTUNITIES)
    qtbot.waitExposed(view.table)
    column = view.model.column_of(OpportunityColumn.TIER)
    cell = view.model.index(0, column)  # CNC line of 上海精密机械有限公司, tier A
    assert cell.data() == "A" and cell.data(TIER_ROLE) == "A"
    assert isinstance(view.table.itemDelegateForColumn(column), TierCellDelegate)
    assert _badge_pixels(view.table, cell, "A") > 50


def test_my_tasks_show_the_accounts_tier_beside_its_name(qtbot, offline_app: Wiring) -> None:
    view = offline_app.window.tasks
    offline_app.window.show_page(Page.TASKS)
    qtbot.waitExposed(view.table)
    cell = view.model.index(0, view.model.column_of(TaskColumn.ACCOUNT))
    assert cell.data() == "上海精密机械有限公司" and cell.data(TIER_ROLE) == "A"
    assert tier_tooltip("A") in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert _badge_pixels(view.table, cell, "A") > 50


def test_search_shows_the_tier_badge_beside_account_hits(qtbot, offline_app: Wiring) -> None:
    offline_app.window.activateWindow()
    offline_app.window.search_action.trigger()
    dialog = offline_app.window.search_dialog
    assert isinstance(dialog, SearchDialog)
    activate(qtbot, dialog)
    with qtbot.waitSignal(dialog.results_shown, timeout=10000):
        type_chinese(dialog.query, "精密")
    item = dialog.results.item(1)
    assert item.text().splitlines()[0] == "上海精密机械有限公司"
    assert "[A]" not in item.text()  # the badge says it
    assert tier_tooltip("A") in item.toolTip()
    icon = item.icon().pixmap(dialog.results.iconSize()).toImage()
    wanted = QColor(TIER_COLORS["A"][0]).rgb()
    assert any(icon.pixel(x, icon.height() // 2) == wanted for x in range(icon.width()))
