"""The accounts list: filter as you type (Chinese or English), tier filter, pending badges."""

from __future__ import annotations

import enum

from PySide6.QtCore import QModelIndex, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.accounts import AccountRow, count_accounts, list_accounts
from desktop.services.users import user_names
from desktop.store import Changes, Store
from desktop.ui.events import AppEvents
from desktop.ui.table_model import Column, Roles, RowTableModel, pending_color, pending_text
from desktop.ui.widgets import make_table
from shared.models.enums import Tier


class AccountColumn(enum.Enum):
    NAME = "name"
    TIER = "tier"
    CITY = "city"
    INDUSTRY = "industry"
    PHONE = "phone"
    OWNER = "owner"
    PENDING = "pending"


class AccountsModel(RowTableModel[AccountRow]):
    """Accounts filtered in SQL, loaded a page at a time as the view scrolls."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.text, self.tier = "", None
        self._owners: dict[str, str] = {}
        self.columns = (
            Column(AccountColumn.NAME, "Account", lambda r: r.name),
            Column(AccountColumn.TIER, "Tier", lambda r: r.tier or ""),
            Column(AccountColumn.CITY, "City", lambda r: r.city or ""),
            Column(AccountColumn.INDUSTRY, "Industry", lambda r: r.industry or ""),
            Column(AccountColumn.PHONE, "Phone", lambda r: r.phone or ""),
            Column(AccountColumn.OWNER, "Owner", lambda r: self._owners.get(r.owner_id or "", "")),
            Column(AccountColumn.PENDING, "Sync", pending_text, color=pending_color),
        )

    def load_page(self, offset: int, limit: int) -> list[AccountRow]:
        return list_accounts(self._store, self.text, self.tier, limit=limit, offset=offset)

    def reload(self) -> None:
        self._owners = user_names(self._store)
        super().reload()

    def total(self) -> int:
        return count_accounts(self._store, self.text, self.tier)


class AccountsView(QWidget):
    """Emits ``account_opened(id)`` on double-click or Enter; ``new_requested`` for New."""

    account_opened = Signal(str)
    new_requested = Signal()

    def __init__(self, store: Store, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AccountsModel(store, self)
        self.search = QLineEdit(placeholderText="Search name, city or phone — 中文 or English")
        self.search.setClearButtonEnabled(True)
        self.tier_combo = QComboBox()
        self.tier_combo.addItem("All tiers", None)
        for tier in Tier:
            self.tier_combo.addItem(f"Tier {tier.value}", tier.value)
        self.count_label = QLabel()
        new_button = QPushButton("New account…")
        new_button.clicked.connect(self.new_requested)
        self.table = make_table(self)
        self.table.setModel(self.model)
        self._layout(new_button)
        self._filter_timer = QTimer(self, singleShot=True, interval=150)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._filter_timer.start())
        self.tier_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.table.activated.connect(self._open_index)  # double-click and Enter
        events.data_changed.connect(self._on_data_changed)
        self.apply_filter()
        self._size_columns()

    def _layout(self, new_button: QPushButton) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.tier_combo)
        bar.addWidget(self.count_label)
        bar.addWidget(new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column, width in ((AccountColumn.NAME, 330), (AccountColumn.TIER, 50),
                              (AccountColumn.CITY, 110), (AccountColumn.INDUSTRY, 150),
                              (AccountColumn.PHONE, 150), (AccountColumn.OWNER, 110)):
            header.resizeSection(self.model.column_of(column), width)
        header.setSectionResizeMode(self.model.column_of(AccountColumn.NAME),
                                    QHeaderView.ResizeMode.Interactive)

    @Slot()
    def apply_filter(self) -> None:
        self.model.text = self.search.text()
        self.model.tier = self.tier_combo.currentData()
        self.model.reload()
        total = self.model.total()
        self.count_label.setText(f"{total:,} account{'s' if total != 1 else ''}")

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.entities & {"account", "user"} or not changes.entities:
            self.apply_filter()

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            account_id = self.model.data(index, Roles.ID)
            if account_id:
                self.account_opened.emit(account_id)
