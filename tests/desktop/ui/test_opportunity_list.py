"""The Opportunities page: the pipeline as a list, filtered like the board, sorted, paged."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desktop.services.accounts import list_accounts
from desktop.services.opportunities import save_opportunity
from desktop.store import Store
from desktop.ui.main_window import Page
from desktop.ui.opportunities_view import OpportunitiesView, OpportunityColumn
from shared.models import User
from tests.desktop.conftest import SERVER_CLOCK
from tests.desktop.ui.conftest import Wiring

OTHER_USER = "0190a000-0000-7000-8000-0000000000a2"


def _add_deals(store: Store) -> None:
    """Besides the fixture's CNC line (tier A, proposal, no close date): three more deals."""
    with store.write() as session:
        session.add(User(id=OTHER_USER, username="zhang.min", display_name="Zhang Min",
                         role="rep", active=True, clocks={"username": SERVER_CLOCK},
                         deleted=False))
    b_account = list_accounts(store, "Account 001")[0]  # tier B
    c_account = list_accounts(store, "Account 002")[0]  # tier C
    save_opportunity(store, None, b_account.id, {
        "name": "Spare parts", "stage": "negotiation", "amount_cents": 500_000,
        "currency": "USD", "probability": 50, "expected_close": date(2031, 3, 15)})
    save_opportunity(store, None, b_account.id, {
        "name": "Old order", "stage": "won", "amount_cents": 90_000,
        "expected_close": date(2030, 11, 2)})
    deal, _ = save_opportunity(store, None, c_account.id, {
        "name": "Service contract", "stage": "qualification", "amount_cents": 3_000_000,
        "probability": 25, "expected_close": date(2031, 4, 30)})
    with store.write() as session:
        store.record(session, "opportunity", deal, {"owner_id": OTHER_USER})


def _view(qtbot, app: Wiring) -> OpportunitiesView:  # type: ignore[no-untyped-def]
    _add_deals(app.store)
    view = app.window.opportunities
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.refresh()
    app.window.show_page(Page.OPPORTUNITIES)
    assert app.window.pages.currentWidget() is view
    return view


def _names(view: OpportunitiesView) -> list[str]:
    column = view.model.column_of(OpportunityColumn.NAME)
    return [view.model.index(row, column).data() for row in range(view.model.rowCount())]


def _cell(view: OpportunitiesView, name: str, key: OpportunityColumn) -> str:
    row = _names(view).index(name)
    return view.model.index(row, view.model.column_of(key)).data()


def _choose(qtbot, view: OpportunitiesView, combo, data) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0, data
    with qtbot.waitSignal(view.loaded, timeout=10000):
        combo.setCurrentIndex(index)


def test_the_list_shows_open_deals_with_tier_amount_weighted_and_close_date(
        qtbot, offline_app: Wiring) -> None:
    view = _view(qtbot, offline_app)
    # soonest close first, undated last; the won deal is not an open deal
    assert _names(view) == ["Spare parts", "Service contract", "CNC line"]
    assert _cell(view, "Spare parts", OpportunityColumn.TIER) == "B"
    assert _cell(view, "Spare parts", OpportunityColumn.AMOUNT) == "$5,000.00 USD"
    assert _cell(view, "Spare parts", OpportunityColumn.WEIGHTED) == "$2,500.00 USD"
    assert "2031" in _cell(view, "Spare parts", OpportunityColumn.CLOSE)
    assert _cell(view, "CNC line", OpportunityColumn.WEIGHTED) == "¥480,000.00 CNY"
    assert _cell(view, "Service contract", OpportunityColumn.OWNER) == "Zhang Min"
    assert view.count_label.text() == (
        "3 opportunities · total ¥1,230,000.00 CNY + $5,000.00 USD"
        " · weighted ¥487,500.00 CNY + $2,500.00 USD")


def test_each_filter_narrows_the_list_and_clearing_restores_it(
        qtbot, offline_app: Wiring) -> None:
    view = _view(qtbot, offline_app)
    everything = _names(view)
    assert not view.clear_button.isEnabled()

    _choose(qtbot, view, view.owner_combo, OTHER_USER)
    assert _names(view) == ["Service contract"]
    _choose(qtbot, view, view.owner_combo, None)

    _choose(qtbot, view, view.stage_combo, "proposal")
    assert _names(view) == ["CNC line"]
    _choose(qtbot, view, view.stage_combo, "won")
    assert _names(view) == ["Old order"]
    _choose(qtbot, view, view.stage_combo, None)  # all stages
    assert len(_names(view)) == 4

    month = view.month_combo.findText("Closing 2031-03")
    assert month > 0
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.month_combo.setCurrentIndex(month)
    assert _names(view) == ["Spare parts"]
    assert view.count_label.text().startswith("1 opportunity · total $5,000.00 USD")
    with qtbot.waitSignal(view.loaded, timeout=10000):
        view.month_combo.setCurrentIndex(0)

    _choose(qtbot, view, view.tier_combo, "B")
    assert _names(view) == ["Old order", "Spare parts"]  # all stages still chosen
    _choose(qtbot, view, view.tier_combo, "A")
    assert _names(view) == ["CNC line"]

    assert view.clear_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=10000):
        qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert _names(view) == everything
    assert view.tier_combo.currentIndex() == 0 and view.owner_combo.currentIndex() == 0
    assert view.stage_combo.currentData() == "open"


def test_combining_filters_can_leave_nothing_and_says_so(qtbot, offline_app: Wiring) -> None:
    view = _view(qtbot, offline_app)
    _choose(qtbot, view, view.tier_combo, "C")
    _choose(qtbot, view, view.stage_combo, "proposal")
    assert _names(view) == []
    assert view.count_label.text() == "0 opportunities"


def test_sorting_orders_every_deal_not_only_the_loaded_page(qtbot, offline_app: Wiring) -> None:
    view = _view(qtbot, offline_app)
    view.model.page_size = 2  # the list loads two at a time as it scrolls
    view.refresh()
    assert view.model.rowCount() == 2 and view.model.canFetchMore()
    amount = view.model.column_of(OpportunityColumn.AMOUNT)
    view.table.sortByColumn(amount, Qt.SortOrder.DescendingOrder)
    # the largest amount, stored in the last page of the default order, comes first
    assert _names(view) == ["CNC line", "Service contract"]
    view.model.fetchMore()
    assert _names(view) == ["CNC line", "Service contract", "Spare parts"]
    assert not view.model.canFetchMore()


def test_a_new_deal_elsewhere_shows_up_in_the_list(qtbot, offline_app: Wiring) -> None:
    view = _view(qtbot, offline_app)
    account = list_accounts(offline_app.store, "Account 004")[0]
    _, changes = save_opportunity(offline_app.store, None, account.id, {
        "name": "Robot cell", "stage": "prospecting", "amount_cents": 100})
    with qtbot.waitSignal(view.loaded, timeout=10000):
        offline_app.events.data_changed.emit(changes)
    assert "Robot cell" in _names(view)
    assert _cell(view, "Robot cell", OpportunityColumn.PENDING) == "● not synced"


def test_the_account_screen_still_lists_its_deals_without_the_account_column(
        qtbot, offline_app: Wiring) -> None:
    account = list_accounts(offline_app.store, "上海")[0]
    offline_app.window.open_account(account.id)
    tab = offline_app.window.account_detail.opportunities
    tab.model.reload()
    headers = [tab.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(tab.model.columnCount())]
    assert "Account" not in headers and headers[0] == "Opportunity"
    assert tab.model.index(0, 0).data() == "CNC line"
    assert tab.model.index(0, headers.index("Amount")).data() == "¥1,200,000.00 CNY"
