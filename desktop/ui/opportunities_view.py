"""The pipeline as a list: every deal in scope, filtered by owner, stage, close month and
tier like the board, sorted by any column, loaded a page at a time; double-click edits."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.services.money import format_amount
from desktop.services.opportunities import OPEN_STAGES, OpportunityRow, get_opportunity
from desktop.services.opportunity_list import (
    ListTotals,
    OpportunityFilter,
    SortKey,
    close_months,
    list_totals,
    opportunity_page,
)
from desktop.services.pipeline import STAGE_ORDER, OpportunityCard
from desktop.services.users import current_user_id, user_names
from desktop.store import Changes, Store
from desktop.sync import user_message
from desktop.ui.accounts_view import TIER_ROLE, TierCellDelegate, tier_cell_data, tier_filter_items
from desktop.ui.events import AppEvents
from desktop.ui.i18n import message_text, translate
from desktop.ui.locale_format import locale_formatter
from desktop.ui.opportunity_dialog import OpportunityDialog
from desktop.ui.pipeline_board import money_lines, month_items, owner_items, stage_title
from desktop.ui.runner import Runner
from desktop.ui.table_model import Column, Roles, RowTableModel, pending_color, pending_text
from desktop.ui.tier_badge import tier_color
from desktop.ui.widgets import ERROR_STYLE, fill_combo, make_table, select_data
from shared.i18n import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
CONTEXT = "OpportunitiesView"  # of the column titles (lupdate needs the literal in each call)


class OpportunityColumn(enum.Enum):
    NAME = "name"
    ACCOUNT = "account"
    TIER = "tier"
    STAGE = "stage"
    AMOUNT = "amount"
    PROBABILITY = "probability"
    WEIGHTED = "weighted"
    CLOSE = "close"
    OWNER = "owner"
    PENDING = "pending"


def weighted_cents(row: OpportunityRow | OpportunityCard) -> int | None:
    """Amount times probability (floored, as the board's totals); None without an amount."""
    if row.amount_cents is None:
        return None
    return row.amount_cents * (row.probability or 0) // 100


def _date_text(day: date | None) -> str:
    return locale_formatter().date_text(day) if day is not None else ""


def _probability_text(row: OpportunityRow | OpportunityCard) -> str:
    return "" if row.probability is None else f"{row.probability} %"


# The columns an opportunity row of either kind (the account's list, the pipeline) can show.
# account_detail shows COLUMNS[:1] + COLUMNS[2:] (the account column left out).
COLUMNS: tuple[Column[Any], ...] = (
    Column(OpportunityColumn.NAME, QT_TRANSLATE_NOOP("OpportunitiesView", "Opportunity"), lambda r: r.name),
    Column(OpportunityColumn.ACCOUNT, QT_TRANSLATE_NOOP("OpportunitiesView", "Account"),
           lambda r: r.account_name),
    Column(OpportunityColumn.STAGE, QT_TRANSLATE_NOOP("OpportunitiesView", "Stage"),
           lambda r: stage_title(r.stage),
           sort=lambda r: STAGE_ORDER.index(r.stage) if r.stage in STAGE_ORDER else 99),
    Column(OpportunityColumn.AMOUNT, QT_TRANSLATE_NOOP("OpportunitiesView", "Amount"),
           lambda r: format_amount(r.amount_cents, r.currency),
           sort=lambda r: r.amount_cents or 0, align_right=True),
    Column(OpportunityColumn.PROBABILITY, QT_TRANSLATE_NOOP("OpportunitiesView", "Prob."),
           _probability_text, sort=lambda r: r.probability or 0, align_right=True),
    Column(OpportunityColumn.CLOSE, QT_TRANSLATE_NOOP("OpportunitiesView", "Expected close"),
           lambda r: _date_text(r.expected_close),
           sort=lambda r: r.expected_close.isoformat() if r.expected_close else ""),
    Column(OpportunityColumn.PENDING, QT_TRANSLATE_NOOP("OpportunitiesView", "Sync"), pending_text,
           color=pending_color),
)
_BY_KEY = {column.key: column for column in COLUMNS}

SORT_KEYS = {
    OpportunityColumn.NAME: SortKey.NAME, OpportunityColumn.ACCOUNT: SortKey.ACCOUNT,
    OpportunityColumn.TIER: SortKey.TIER, OpportunityColumn.STAGE: SortKey.STAGE,
    OpportunityColumn.AMOUNT: SortKey.AMOUNT, OpportunityColumn.PROBABILITY: SortKey.PROBABILITY,
    OpportunityColumn.WEIGHTED: SortKey.WEIGHTED, OpportunityColumn.CLOSE: SortKey.CLOSE,
    OpportunityColumn.OWNER: SortKey.OWNER,
}


class OpportunitiesModel(RowTableModel[Any]):
    """Opportunity rows from *load(offset, limit)*, column titles in the UI's language."""

    columns = COLUMNS

    def __init__(self, load: Callable[[int, int], list[Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load = load

    def load_page(self, offset: int, limit: int) -> list[Any]:
        return self._load(offset, limit)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        header = super().headerData(section, orientation, role)
        return translate(CONTEXT, header) if isinstance(header, str) else header


class PipelineListModel(OpportunitiesModel):
    """The filtered pipeline, sorted in SQL (so sorting sees every deal, not the loaded page),
    with the account's tier badge, the weighted amount and the owner."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(self._page, parent)
        self._store = store
        self.filters = OpportunityFilter()
        self.sort_key, self.descending = SortKey.CLOSE, False
        self.owners: dict[str, str] = {}
        self.columns = (
            _BY_KEY[OpportunityColumn.NAME], _BY_KEY[OpportunityColumn.ACCOUNT],
            Column(OpportunityColumn.TIER, QT_TRANSLATE_NOOP("OpportunitiesView", "Tier"),
                   lambda r: r.account_tier or "", color=lambda r: tier_color(r.account_tier)),
            _BY_KEY[OpportunityColumn.STAGE], _BY_KEY[OpportunityColumn.AMOUNT],
            _BY_KEY[OpportunityColumn.PROBABILITY],
            Column(OpportunityColumn.WEIGHTED, QT_TRANSLATE_NOOP("OpportunitiesView", "Weighted"),
                   lambda r: format_amount(weighted_cents(r), r.currency), align_right=True),
            _BY_KEY[OpportunityColumn.CLOSE],
            Column(OpportunityColumn.OWNER, QT_TRANSLATE_NOOP("OpportunitiesView", "Owner"),
                   lambda r: self.owners.get(r.owner_id or "", "")),
            _BY_KEY[OpportunityColumn.PENDING],
        )
        self._tier_column = self.column_of(OpportunityColumn.TIER)

    def _page(self, offset: int, limit: int) -> list[OpportunityCard]:
        return opportunity_page(self._store, self.filters, limit, offset, self.sort_key,
                                self.descending)

    def reload(self) -> None:
        self.owners = user_names(self._store)
        super().reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a column title: reload sorted by that column (the Sync column keeps the
        current order)."""
        key = SORT_KEYS.get(self.columns[column].key) if 0 <= column < len(self.columns) else None
        if key is None:
            return
        self.sort_key, self.descending = key, order == Qt.SortOrder.DescendingOrder
        self.reload()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self._tier_column and role in (
                TIER_ROLE, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole):
            row = self.row_at(index.row())
            return tier_cell_data(row.account_tier if row else None, role)
        return super().data(index, role)


def stage_items() -> list[tuple[str, object]]:
    return [(translate("OpportunitiesView", "Open deals"), OPEN_STAGES),
            (translate("OpportunitiesView", "All stages"), None)] + [
        (stage_title(stage), stage.value) for stage in STAGE_ORDER]


def totals_text(totals: ListTotals) -> str:
    count = (translate("OpportunitiesView", "1 opportunity") if totals.count == 1
             else translate("OpportunitiesView", "{count} opportunities").format(
                 count=QLocale().toString(totals.count)))
    if not totals.total_cents_by_currency:
        return count
    return translate("OpportunitiesView", "{count} · total {total} · weighted {weighted}").format(
        count=count, total=money_lines(totals.total_cents_by_currency),
        weighted=money_lines(totals.weighted_cents_by_currency))


class OpportunitiesView(QWidget):
    """The Opportunities page; ``loaded(ListTotals)`` once the filters' totals are shown."""

    loaded = Signal(object)

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner, self._events = store, runner, events
        self._latest = 0
        self.totals: ListTotals | None = None
        self.owner_combo, self.stage_combo = QComboBox(), QComboBox()
        self.month_combo, self.tier_combo = QComboBox(), QComboBox()
        fill_combo(self.owner_combo, owner_items({}, None))
        fill_combo(self.stage_combo, stage_items())
        select_data(self.stage_combo, OPEN_STAGES)
        fill_combo(self.month_combo, month_items([]))
        fill_combo(self.tier_combo, tier_filter_items())
        self.owner_combo.setToolTip(translate("OpportunitiesView", "Whose deals"))
        self.stage_combo.setToolTip(translate("OpportunitiesView", "Which stage"))
        self.month_combo.setToolTip(translate("OpportunitiesView", "Month of the expected close"))
        self.tier_combo.setToolTip(translate("OpportunitiesView", "Tier of the deal's account"))
        self.clear_button = QPushButton(translate("OpportunitiesView", "Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setVisible(False)
        self.model = PipelineListModel(store, self)
        self.table = make_table(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(self.model.column_of(OpportunityColumn.TIER),
                                            TierCellDelegate(self.table))
        self.table.horizontalHeader().setSortIndicator(
            self.model.column_of(OpportunityColumn.CLOSE), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # the model sorts in SQL (PipelineListModel.sort)
        self._layout()
        self._size_columns()
        for combo in self.filter_combos():
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.activated.connect(self._edit)
        events.data_changed.connect(self._on_data_changed)
        self.refresh()

    def filter_combos(self) -> tuple[QComboBox, ...]:
        return self.owner_combo, self.stage_combo, self.month_combo, self.tier_combo

    def _layout(self) -> None:
        bar = QHBoxLayout()
        for combo in self.filter_combos():
            bar.addWidget(combo)
        bar.addWidget(self.clear_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def _size_columns(self) -> None:
        """Fits 1366 px wide; the deal's name takes what is left (more on a wide screen)."""
        header = self.table.horizontalHeader()
        for key, width in ((OpportunityColumn.ACCOUNT, 180), (OpportunityColumn.TIER, 44),
                           (OpportunityColumn.STAGE, 100), (OpportunityColumn.AMOUNT, 140),
                           (OpportunityColumn.PROBABILITY, 52), (OpportunityColumn.WEIGHTED, 130),
                           (OpportunityColumn.CLOSE, 112), (OpportunityColumn.OWNER, 90),
                           (OpportunityColumn.PENDING, 95)):
            header.resizeSection(self.model.column_of(key), width)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.model.column_of(OpportunityColumn.NAME),
                                    QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)

    def current_filter(self) -> OpportunityFilter:
        month = self.month_combo.currentData()
        return OpportunityFilter(owner_id=self.owner_combo.currentData(),
                                 stage=self.stage_combo.currentData(),
                                 close_month=date.fromisoformat(month) if month else None,
                                 tier=self.tier_combo.currentData())

    @Slot()
    def clear_filters(self) -> None:
        """Back to every owner's open deals, any month, every tier."""
        for combo in self.filter_combos():
            combo.blockSignals(True)
        self.owner_combo.setCurrentIndex(0)
        select_data(self.stage_combo, OPEN_STAGES)
        self.month_combo.setCurrentIndex(0)
        self.tier_combo.setCurrentIndex(0)
        for combo in self.filter_combos():
            combo.blockSignals(False)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """The first page now; the totals and the filters' choices from the background."""
        filters = self.current_filter()
        self.model.filters = filters
        self.model.reload()
        self.clear_button.setEnabled(filters != OpportunityFilter())
        self._latest += 1
        number, store = self._latest, self._store

        def load() -> tuple[ListTotals, list[date], dict[str, str], str | None]:
            return (list_totals(store, filters), close_months(store), user_names(store),
                    current_user_id(store))

        self._runner.run(load, lambda result: self._loaded(number, *result),
                         lambda exc: self._failed(number, exc))

    def _loaded(self, number: int, totals: ListTotals, months: list[date],
                owners: dict[str, str], me: str | None) -> None:
        if number != self._latest or not isValid(self):
            return
        self.totals = totals
        self.message.setVisible(False)
        fill_combo(self.owner_combo, owner_items(owners, me))
        fill_combo(self.month_combo, month_items(months))
        if self.current_filter() != self.model.filters:  # the chosen month or owner is gone
            self.refresh()
            return
        self.count_label.setText(totals_text(totals))
        self.loaded.emit(totals)

    def _failed(self, number: int, exc: BaseException) -> None:
        if number == self._latest and isValid(self):
            self.message.setText(message_text(user_message(exc)))
            self.message.setVisible(True)

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.entities & {"opportunity", "account", "user"} or not changes.entities:
            self.refresh()

    def _edit(self, index: QModelIndex) -> None:
        row_id = self.model.data(index, Roles.ID)
        opportunity = get_opportunity(self._store, row_id) if row_id else None
        if opportunity is not None:
            OpportunityDialog(self._store, self._runner, self._events, opportunity.account_id,
                              opportunity, self).open()
