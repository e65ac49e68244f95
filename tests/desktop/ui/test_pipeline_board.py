"""The pipeline board: stage columns with totals, drag a deal on, filter the board."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent

from desktop.services.accounts import list_accounts
from desktop.services.opportunities import save_opportunity
from desktop.ui.main_window import Page
from desktop.ui.pipeline_board import PipelineBoard, StageWidget, names_its_account
from shared.models.enums import OpportunityStage
from tests.desktop.ui.conftest import Wiring


def _board(qtbot, app: Wiring) -> PipelineBoard:  # type: ignore[no-untyped-def]
    app.window.show_page(Page.PIPELINE)
    board = app.window.pipeline
    assert app.window.pages.currentWidget() is board
    qtbot.waitUntil(lambda: board.data is not None, timeout=10000)
    return board


def _column(board: PipelineBoard, stage: OpportunityStage) -> StageWidget:
    return board.columns[stage]


def _drop(source: StageWidget, row: int, target: StageWidget) -> None:
    """What Qt does when a card dragged out of *source* is released over *target*."""
    data = source.cards.mimeData([source.cards.item(row)])
    offered = source.cards.model().supportedDragActions()  # what its drag offers
    assert offered & Qt.DropAction.CopyAction
    event = QDropEvent(QPointF(10, 10), offered, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    target.cards.dropEvent(event)
    assert event.isAccepted() and event.dropAction() == Qt.DropAction.CopyAction


def test_each_stage_shows_its_count_total_and_weighted_total(qtbot, offline_app: Wiring) -> None:
    board = _board(qtbot, offline_app)
    assert list(board.columns) == list(OpportunityStage)
    proposal = _column(board, OpportunityStage.PROPOSAL)
    assert proposal.title.text() == "Proposal (1)"
    assert proposal.totals.text() == ("Total: ¥1,200,000.00 CNY\n"
                                      "Weighted: ¥480,000.00 CNY")  # 40 %
    card = proposal.cards.item(0).text().splitlines()
    assert card[:3] == ["CNC line", "上海精密机械有限公司", "¥1,200,000.00 CNY"]
    assert _column(board, OpportunityStage.WON).title.text() == "Won (0)"
    assert _column(board, OpportunityStage.WON).totals.text() == "Total: –\nWeighted: –"


def test_dropping_a_card_on_another_stage_moves_the_deal_as_a_synced_change(
        qtbot, offline_app: Wiring) -> None:
    board = _board(qtbot, offline_app)
    assert offline_app.store.status().pending == 0
    proposal = _column(board, OpportunityStage.PROPOSAL)
    negotiation = _column(board, OpportunityStage.NEGOTIATION)
    with qtbot.waitSignal(board.loaded, timeout=10000):
        with qtbot.waitSignal(board.card_moved, timeout=10000):
            _drop(proposal, 0, negotiation)
    assert offline_app.store.status().pending == 1
    assert offline_app.store.outbox()[-1].entity == "opportunity"
    assert proposal.title.text() == "Proposal (0)"
    assert negotiation.title.text() == "Negotiation (1)"
    assert "● not synced" in negotiation.cards.item(0).text()
    assert negotiation.totals.text().endswith("Weighted: ¥480,000.00 CNY")  # own 40 % kept
    with qtbot.waitSignal(board.loaded, timeout=10000):
        with qtbot.waitSignal(board.card_moved, timeout=10000):
            _drop(negotiation, 0, _column(board, OpportunityStage.WON))
    won = _column(board, OpportunityStage.WON)
    assert won.totals.text() == "Total: ¥1,200,000.00 CNY\nWeighted: ¥1,200,000.00 CNY"


def test_a_card_moved_to_its_own_stage_changes_nothing(qtbot, offline_app: Wiring) -> None:
    board = _board(qtbot, offline_app)
    card = board.data.columns[2].cards[0]  # type: ignore[union-attr]
    assert card.stage == OpportunityStage.PROPOSAL
    with qtbot.waitSignal(board.card_moved, timeout=10000) as moved:
        board.move_card(card.id, OpportunityStage.PROPOSAL)
    assert not moved.args[0]  # no change written
    assert offline_app.store.status().pending == 0


def test_filters_narrow_the_board_by_tier_close_month_and_owner(
        qtbot, offline_app: Wiring) -> None:
    board = _board(qtbot, offline_app)
    b_account = list_accounts(offline_app.store, "Account 001")[0]  # tier B
    with qtbot.waitSignal(board.loaded, timeout=10000):
        _, changes = save_opportunity(offline_app.store, None, b_account.id, {
            "name": "Spare parts", "stage": "proposal", "amount_cents": 500_000,
            "currency": "USD", "probability": 50, "expected_close": date(2031, 3, 15)})
        offline_app.events.data_changed.emit(changes)
    proposal = _column(board, OpportunityStage.PROPOSAL)
    assert proposal.title.text() == "Proposal (2)"
    assert proposal.totals.text().startswith("Total: ¥1,200,000.00 CNY + $5,000.00 USD")
    with qtbot.waitSignal(board.loaded, timeout=10000):
        board.tier_combo.setCurrentIndex(board.tier_combo.findData("B"))
    assert proposal.title.text() == "Proposal (1)"
    assert proposal.cards.item(0).text().startswith("Spare parts")
    with qtbot.waitSignal(board.loaded, timeout=10000):
        board.tier_combo.setCurrentIndex(0)
    month = board.month_combo.findText("Closing 2031-03")
    assert month > 0
    with qtbot.waitSignal(board.loaded, timeout=10000):
        board.month_combo.setCurrentIndex(month)
    assert proposal.title.text() == "Proposal (1)"
    with qtbot.waitSignal(board.loaded, timeout=10000):
        board.month_combo.setCurrentIndex(0)
    me = board.owner_combo.findText("Li Wei (me)")
    assert me > 0
    with qtbot.waitSignal(board.loaded, timeout=10000):
        board.owner_combo.setCurrentIndex(me)
    assert proposal.title.text() == "Proposal (2)"  # both deals are Li Wei's


def test_moving_a_deal_that_is_gone_says_so_and_changes_nothing(
        qtbot, offline_app: Wiring) -> None:
    board = _board(qtbot, offline_app)
    board.move_card("0190a000-0000-7000-8000-0000000000ff", OpportunityStage.WON)
    qtbot.waitUntil(lambda: "no longer exists" in board.message.text(), timeout=10000)
    assert offline_app.store.status().pending == 0


def test_a_card_names_its_account_once_even_when_the_deal_cuts_the_name_short() -> None:
    long_name = "Jade River Advanced Materials (China) Ltd."
    assert names_its_account(f"{long_name[:38]} · 扩产项目", long_name)  # cut short
    assert names_its_account(f"{long_name} · 扩产项目", long_name)
    assert names_its_account("宁波明珠纺织有限公司 · 试用订单", "宁波明珠纺织有限公司")
    assert not names_its_account("Coating materials", long_name)  # the line is needed
    assert not names_its_account("Jade · Coating", long_name)  # a word, not the name
