"""Customer 360: the account page's header figures, its Timeline and the visit actions."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from desktop.services.accounts import list_accounts
from desktop.services.opportunities import opportunities_of, save_opportunity
from desktop.services.timeline import TimelineKind
from desktop.services.times import utcnow
from desktop.services.visit_plans import cancel_visit, plan_visit, start_visit
from desktop.services.visits import visits_of
from desktop.store import Changes
from desktop.ui.account_detail import AccountDetailView
from desktop.ui.locale_format import amount_text, datetime_text
from desktop.ui.main_window import Page
from desktop.ui.opportunity_dialog import OpportunityDialog
from desktop.ui.task_dialog import TaskDialog
from desktop.ui.timeline_view import KindFilter, TimelineView
from desktop.ui.visit_dialog import VisitDialog
from tests.desktop.ui.conftest import Wiring


def _account_id(app: Wiring) -> str:
    return list_accounts(app.store, "精密")[0].id


def _open(qtbot, app: Wiring) -> AccountDetailView:  # type: ignore[no-untyped-def]
    """Open 上海精密 (visited 9 days ago, one open task, one open deal) and wait for it."""
    app.window.open_account(_account_id(app))
    detail = app.window.account_detail
    qtbot.waitUntil(lambda: detail.header.header is not None, timeout=10000)
    qtbot.waitUntil(lambda: detail.timeline.model.items != [], timeout=10000)
    return detail


def _kinds(view: TimelineView) -> list[TimelineKind]:
    return [view.model.row_at(i).kind for i in range(view.model.rowCount())]  # type: ignore[union-attr]


def _notify(app: Wiring, changes: Changes) -> None:
    """What a write elsewhere in the app (or a sync) tells every view."""
    app.events.data_changed.emit(changes)


# -- header ---------------------------------------------------------------------------------
def test_the_header_shows_where_the_customer_stands(qtbot, offline_app: Wiring) -> None:
    detail = _open(qtbot, offline_app)
    header = detail.header
    assert "上海精密机械有限公司" in header.title.text()
    assert header.badge.text() == "A" and header.badge.isVisible()
    assert "won revenue" in header.badge.toolTip()  # computed, not set by hand
    assert header.owner.value.text() == "Li Wei"
    assert header.last_visit.value.text().endswith("(9 days ago)")
    assert header.next_visit.value.text() == "None planned"
    assert header.pipeline.value.text() == amount_text(120_000_000, "CNY")
    assert "CNY" in header.pipeline.value.text()
    assert header.open_tasks.value.text() == "1"


def test_a_tier_set_by_hand_says_so_on_the_badge(qtbot, offline_app: Wiring) -> None:
    store, account_id = offline_app.store, _account_id(offline_app)
    with store.write() as session:
        store.record(session, "account", account_id, {"tier": "B", "tier_manual": True})
    detail = _open(qtbot, offline_app)
    assert detail.header.badge.text() == "B"
    assert "set by hand" in detail.header.badge.toolTip()


def test_completing_the_task_in_my_tasks_updates_the_header(qtbot, offline_app: Wiring) -> None:
    detail = _open(qtbot, offline_app)
    window = offline_app.window
    window.show_page(Page.TASKS)
    tasks = window.tasks
    rect = tasks.table.visualRect(tasks.model.index(0, 0))
    qtbot.mouseClick(tasks.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: detail.header.open_tasks.value.text() == "0", timeout=10000)


def test_a_visit_planned_elsewhere_appears_as_the_next_visit(qtbot, offline_app: Wiring) -> None:
    detail = _open(qtbot, offline_app)
    when = utcnow().replace(second=0) + timedelta(days=3)
    _visit_id, changes = plan_visit(offline_app.store, _account_id(offline_app), when, None,
                                    purpose="Demo")
    _notify(offline_app, changes)
    qtbot.waitUntil(lambda: detail.header.next_visit.value.text() == datetime_text(when),
                    timeout=10000)
    assert detail.header.last_visit.value.text().endswith("(9 days ago)")  # not a visit yet


def test_the_header_adds_deals_per_currency_never_across(qtbot, offline_app: Wiring) -> None:
    detail = _open(qtbot, offline_app)
    store, account_id = offline_app.store, _account_id(offline_app)
    _id, changes = save_opportunity(store, None, account_id, {
        "name": "Spare parts", "stage": "negotiation", "amount_cents": 8_500_000,
        "currency": "USD"})
    _notify(offline_app, changes)
    both = f"{amount_text(120_000_000, 'CNY')}  +  {amount_text(8_500_000, 'USD')}"
    qtbot.waitUntil(lambda: detail.header.pipeline.value.text() == both, timeout=10000)


# -- timeline -------------------------------------------------------------------------------
def test_the_timeline_is_newest_first_and_the_kind_filter_hides_the_rest(
        qtbot, offline_app: Wiring) -> None:
    store, account_id = offline_app.store, _account_id(offline_app)
    plan_visit(store, account_id, utcnow() + timedelta(days=5), None, purpose="Plant tour")
    detail = _open(qtbot, offline_app)
    detail.show_overview()
    assert detail.tabs.currentWidget() is detail.timeline
    view = detail.timeline
    rows = [view.model.row_at(i) for i in range(view.model.rowCount())]
    whens = [r.when for r in rows if r is not None]
    assert whens == sorted(whens, reverse=True) and len(whens) == 4
    assert _kinds(view)[0] == TimelineKind.VISIT  # the planned visit is ahead of everything
    assert set(_kinds(view)) == {TimelineKind.VISIT, TimelineKind.TASK,
                                 TimelineKind.OPPORTUNITY}
    assert view.count_label.text() == "4 items"

    qtbot.mouseClick(view.filter_buttons[KindFilter.VISITS], Qt.MouseButton.LeftButton)
    assert _kinds(view) == [TimelineKind.VISIT, TimelineKind.VISIT]
    assert view.count_label.text() == "Showing 2 of 4"
    qtbot.mouseClick(view.filter_buttons[KindFilter.TASKS], Qt.MouseButton.LeftButton)
    assert view.model.index(0, 2).data() == "Send the quote" and view.model.rowCount() == 1
    assert not view.filter_buttons[KindFilter.VISITS].isChecked()
    qtbot.mouseClick(view.filter_buttons[KindFilter.NOTES], Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 0 and view.empty_label.isVisible()
    assert view.empty_label.text() == "Nothing matches the filter."

    qtbot.mouseClick(view.filter_buttons[KindFilter.ALL], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.search, "cnc")
    assert [view.model.index(i, 2).data() for i in range(view.model.rowCount())] == ["CNC line"]


def test_a_stage_move_made_elsewhere_appears_on_the_timeline(qtbot, offline_app: Wiring) -> None:
    detail = _open(qtbot, offline_app)
    store, account_id = offline_app.store, _account_id(offline_app)
    deal = opportunities_of(store, account_id)[0]
    _id, changes = save_opportunity(store, deal.id, account_id, {"stage": "negotiation"})
    _notify(offline_app, changes)
    view = detail.timeline
    qtbot.waitUntil(lambda: TimelineKind.STAGE_CHANGE in _kinds(view), timeout=10000)
    row = _kinds(view).index(TimelineKind.STAGE_CHANGE)
    assert view.model.index(row, 2).data() == "Moved to negotiation"
    assert row == 0  # just now: the newest thing that happened


def test_enter_on_a_timeline_visit_opens_the_visit(qtbot, offline_app: Wiring) -> None:
    detail = _open(qtbot, offline_app)
    detail.show_overview()
    view = detail.timeline
    view.set_filter(KindFilter.VISITS)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, 2))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = detail.visit_dialog
    assert isinstance(dialog, VisitDialog) and dialog.isVisible()
    assert dialog.purpose.text() == "Quarterly review"


def test_double_clicking_a_task_or_a_deal_on_the_timeline_opens_it(
        qtbot, offline_app: Wiring) -> None:
    detail = _open(qtbot, offline_app)
    detail.show_overview()
    view = detail.timeline
    qtbot.waitExposed(view.table)

    def double_click(kind: TimelineKind) -> None:
        cell = view.table.visualRect(view.model.index(_kinds(view).index(kind), 2)).center()
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)

    double_click(TimelineKind.TASK)
    task = detail.dialog
    assert isinstance(task, TaskDialog) and task.isVisible()
    assert task.title.text() == "Send the quote"
    task.reject()
    double_click(TimelineKind.OPPORTUNITY)
    deal = detail.dialog
    assert isinstance(deal, OpportunityDialog) and deal.isVisible()
    assert deal.name.text() == "CNC line"


# -- visit actions ----------------------------------------------------------------------------
def test_the_visit_buttons_follow_the_selected_visits_status(qtbot, offline_app: Wiring) -> None:
    store, account_id = offline_app.store, _account_id(offline_app)
    soon = utcnow() + timedelta(days=1)
    plan_visit(store, account_id, soon, None, purpose="Planned one")
    going, _ = plan_visit(store, account_id, soon + timedelta(days=1), None, purpose="Going")
    start_visit(store, going, utcnow())
    called, _ = plan_visit(store, account_id, soon + timedelta(days=2), None, purpose="Called off")
    cancel_visit(store, called)
    detail = _open(qtbot, offline_app)
    detail.tabs.setCurrentWidget(detail.visits)
    buttons = detail.visit_action_buttons
    assert not any(b.isEnabled() for b in buttons.values())  # nothing selected yet
    assert detail.visits_plan_button.isEnabled()
    expected = {"Planned one": {"start", "end", "cancel", "reschedule"}, "Going": {"end"},
                "Called off": {"reschedule"}, "Quarterly review": set()}
    for purpose, allowed in expected.items():
        row = next(i for i in range(detail.visits.model.rowCount())
                   if detail.visits.model.row_at(i).purpose == purpose)  # type: ignore[union-attr]
        detail.visits.select(row)
        assert {n for n, b in buttons.items() if b.isEnabled()} == allowed, purpose


def test_start_stamps_the_visit_and_leaves_only_end(qtbot, offline_app: Wiring) -> None:
    store, account_id = offline_app.store, _account_id(offline_app)
    visit_id, _ = plan_visit(store, account_id, utcnow() + timedelta(hours=1), None,
                             purpose="Walk-in demo")
    detail = _open(qtbot, offline_app)
    detail.tabs.setCurrentWidget(detail.visits)
    assert detail.visits.select_id(visit_id)
    with qtbot.waitSignal(offline_app.events.data_changed, timeout=10000):
        qtbot.mouseClick(detail.visit_action_buttons["start"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: detail.visit_action_buttons["end"].isEnabled(), timeout=10000)
    assert detail.visits.current_row().id == visit_id
    assert not detail.visit_action_buttons["start"].isEnabled()
    visit = next(v for v in visits_of(store, account_id) if v.id == visit_id)
    assert visit.status == "in_progress" and visit.actual_start is not None
