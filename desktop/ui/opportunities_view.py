"""The pipeline: every opportunity in scope, filterable by stage; double-click edits."""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.services.money import format_amount
from desktop.services.opportunities import (
    OPEN_STAGES,
    OpportunityRow,
    count_opportunities,
    get_opportunity,
    list_opportunities,
)
from desktop.store import Changes, Store
from desktop.ui.events import AppEvents
from desktop.ui.opportunity_dialog import OpportunityDialog
from desktop.ui.runner import Runner
from desktop.ui.table_model import Column, Roles, RowTableModel, pending_color, pending_text
from desktop.ui.widgets import make_table
from shared.models.enums import OpportunityStage


class OpportunityColumn(enum.Enum):
    NAME = "name"
    ACCOUNT = "account"
    STAGE = "stage"
    AMOUNT = "amount"
    PROBABILITY = "probability"
    CLOSE = "close"
    PENDING = "pending"


COLUMNS: tuple[Column[OpportunityRow], ...] = (
    Column(OpportunityColumn.NAME, "Opportunity", lambda r: r.name),
    Column(OpportunityColumn.ACCOUNT, "Account", lambda r: r.account_name),
    Column(OpportunityColumn.STAGE, "Stage", lambda r: r.stage.capitalize()),
    Column(OpportunityColumn.AMOUNT, "Amount", lambda r: format_amount(r.amount_cents, r.currency),
           sort=lambda r: r.amount_cents or 0, align_right=True),
    Column(OpportunityColumn.PROBABILITY, "Prob.",
           lambda r: "" if r.probability is None else f"{r.probability} %",
           sort=lambda r: r.probability or 0, align_right=True),
    Column(OpportunityColumn.CLOSE, "Expected close",
           lambda r: r.expected_close.isoformat() if r.expected_close else ""),
    Column(OpportunityColumn.PENDING, "Sync", pending_text, color=pending_color),
)


class OpportunitiesModel(RowTableModel[OpportunityRow]):
    columns = COLUMNS

    def __init__(self, load: Callable[[int, int], list[OpportunityRow]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load = load

    def load_page(self, offset: int, limit: int) -> list[OpportunityRow]:
        return self._load(offset, limit)


def sorting_proxy(model: RowTableModel, parent: QWidget) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(Roles.SORT)
    return proxy


class OpportunitiesView(QWidget):
    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner, self._events = store, runner, events
        self.stage_combo = QComboBox()
        self.stage_combo.addItem("Open deals", OPEN_STAGES)
        self.stage_combo.addItem("All stages", None)
        for stage in OpportunityStage:
            self.stage_combo.addItem(stage.value.capitalize(), stage.value)
        self.count_label = QLabel()
        self.model = OpportunitiesModel(self._load, self)
        self.proxy = sorting_proxy(self.model, self)
        self.table = make_table(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        for column, width in ((0, 320), (1, 250), (2, 110), (3, 170), (4, 60), (5, 115)):
            self.table.horizontalHeader().resizeSection(column, width)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Stage"))
        bar.addWidget(self.stage_combo)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self.stage_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.activated.connect(self._edit)
        events.data_changed.connect(self._on_data_changed)
        self.refresh()

    def _load(self, offset: int, limit: int) -> list[OpportunityRow]:
        return list_opportunities(self._store, self.stage_combo.currentData(), limit, offset)

    @Slot()
    def refresh(self) -> None:
        self.model.reload()
        total = count_opportunities(self._store, self.stage_combo.currentData())
        self.count_label.setText(f"{total:,} opportunit{'ies' if total != 1 else 'y'}")

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.entities & {"opportunity", "account"} or not changes.entities:
            self.refresh()

    def _edit(self, index: QModelIndex) -> None:
        row_id = self.proxy.data(index, Roles.ID)
        opportunity = get_opportunity(self._store, row_id) if row_id else None
        if opportunity is not None:
            OpportunityDialog(self._store, self._runner, self._events, opportunity.account_id,
                              opportunity, self).open()
