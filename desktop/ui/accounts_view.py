"""The accounts list: filter as you type (Chinese or English), tier filter, pending badges."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from desktop.services.accounts import AccountRow, count_accounts, list_accounts
from desktop.services.users import user_names
from desktop.store import Changes, Store
from desktop.ui.events import AppEvents
from desktop.ui.i18n import translate
from desktop.ui.table_model import Column, Roles, RowTableModel, pending_color, pending_text
from desktop.ui.tier_badge import TIER_COLORS, tier_color, tier_tooltip
from desktop.ui.widgets import make_table
from shared.i18n import QT_TRANSLATE_NOOP
from shared.models.enums import Tier

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

# QPainter, QPixmap, QIcon and QStyle are imported where the badges are painted: making
# their Python types (QStyle's dozens of enums) takes ~20 ms, and nothing is painted here
# while the app starts on Today.
Index = QModelIndex | QPersistentModelIndex
TIER_ROLE = Roles.SORT + 10  # the account's tier ("A", "B", "C" or None) for the badge


class AccountColumn(enum.Enum):
    NAME = "name"
    TIER = "tier"
    CITY = "city"
    INDUSTRY = "industry"
    PHONE = "phone"
    OWNER = "owner"
    PENDING = "pending"


# -- the tier badge in a table cell or a list item ------------------------------------------
def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


def badge_rect(rect: QRect, tier: str, font: QFont, centred: bool = False) -> QRect:
    """Where the badge of *tier* goes in *rect*: at its left (or centred), vertically centred."""
    metrics = QFontMetrics(_bold(font))
    height = min(rect.height() - 4, metrics.height() + 4)
    width = max(height + 4, metrics.horizontalAdvance(tier) + 14)
    left = rect.left() + (max(0, (rect.width() - width) // 2) if centred else 0)
    return QRect(left, rect.top() + (rect.height() - height) // 2, width, height)


def paint_tier_badge(painter: QPainter, badge: QRect, tier: str, font: QFont) -> None:
    """Draw TierBadge's rounded letter (same colours) into *badge*."""
    from PySide6.QtGui import QPainter

    background, text = TIER_COLORS[tier]
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(background))
    painter.drawRoundedRect(badge, 4, 4)
    painter.setPen(QColor(text))
    painter.setFont(_bold(font))
    painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), tier)
    painter.restore()


def tier_icon(tier: str | None, font: QFont, height: int = 20) -> QIcon:
    """The badge as an icon (e.g. beside a search hit); a null icon for no tier."""
    from PySide6.QtGui import QIcon, QPainter, QPixmap

    if tier not in TIER_COLORS:
        return QIcon()
    screen = QApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    size = QRect(0, 0, height + 8, height)
    pixmap = QPixmap(int(size.width() * ratio), int(size.height() * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_tier_badge(painter, badge_rect(size, tier or "", font, centred=True), tier or "",
                     font)
    painter.end()
    return QIcon(pixmap)


class TierCellDelegate(QStyledItemDelegate):
    """A cell whose ``TIER_ROLE`` names a tier shows the badge: alone (centred) when the cell's
    text is the tier itself, else before the text (e.g. an account name)."""

    GAP = 6

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

        tier = index.data(TIER_ROLE)
        if tier not in TIER_COLORS:
            super().paint(painter, option, index)
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text, item.text = item.text, ""
        style = item.widget.style() if item.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        area = item.rect.adjusted(4, 0, -4, 0)
        alone = text == tier  # the tier column itself
        badge = badge_rect(area, tier, item.font, centred=alone)
        paint_tier_badge(painter, badge, tier, item.font)
        if alone:
            return
        area.setLeft(badge.right() + self.GAP)
        painter.save()
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        if item.state & QStyle.StateFlag.State_Selected:
            painter.setPen(item.palette.highlightedText().color())
        else:
            painter.setPen(brush.color() if brush is not None else item.palette.text().color())
        painter.setFont(item.font)
        shown = QFontMetrics(item.font).elidedText(text, Qt.TextElideMode.ElideRight,
                                                   area.width())
        painter.drawText(area, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         shown)
        painter.restore()


def tier_cell_data(tier: str | None, role: int) -> Any:
    """What a tier cell answers beyond its text: the badge's tier and its tooltip."""
    if role == TIER_ROLE:
        return tier or None
    if role == Qt.ItemDataRole.ToolTipRole:
        return tier_tooltip(tier)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(Qt.AlignmentFlag.AlignCenter)
    return None


def tier_filter_items() -> list[tuple[str, str | None]]:
    """(text, tier) choices of every tier filter."""
    return [(translate("TierFilter", "All tiers"), None)] + [
        (translate("TierFilter", "Tier {tier}").format(tier=tier.value), tier.value)
        for tier in Tier]


def count_text(n: int) -> str:
    number = QLocale().toString(n)
    return (translate("AccountsView", "1 account") if n == 1
            else translate("AccountsView", "{count} accounts").format(count=number))


# -- the list ----------------------------------------------------------------------------
HEADERS = {
    AccountColumn.NAME: QT_TRANSLATE_NOOP("AccountsView", "Account"),
    AccountColumn.TIER: QT_TRANSLATE_NOOP("AccountsView", "Tier"),
    AccountColumn.CITY: QT_TRANSLATE_NOOP("AccountsView", "City"),
    AccountColumn.INDUSTRY: QT_TRANSLATE_NOOP("AccountsView", "Industry"),
    AccountColumn.PHONE: QT_TRANSLATE_NOOP("AccountsView", "Phone"),
    AccountColumn.OWNER: QT_TRANSLATE_NOOP("AccountsView", "Owner"),
    AccountColumn.PENDING: QT_TRANSLATE_NOOP("AccountsView", "Sync"),
}


class AccountsModel(RowTableModel[AccountRow]):
    """Accounts filtered in SQL, loaded a page at a time as the view scrolls."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.text, self.tier = "", None
        self._owners: dict[str, str] = {}
        self.columns = (
            Column(AccountColumn.NAME, HEADERS[AccountColumn.NAME], lambda r: r.name),
            Column(AccountColumn.TIER, HEADERS[AccountColumn.TIER], lambda r: r.tier or "",
                   color=lambda r: tier_color(r.tier)),
            Column(AccountColumn.CITY, HEADERS[AccountColumn.CITY], lambda r: r.city or ""),
            Column(AccountColumn.INDUSTRY, HEADERS[AccountColumn.INDUSTRY],
                   lambda r: r.industry or ""),
            Column(AccountColumn.PHONE, HEADERS[AccountColumn.PHONE], lambda r: r.phone or ""),
            Column(AccountColumn.OWNER, HEADERS[AccountColumn.OWNER],
                   lambda r: self._owners.get(r.owner_id or "", "")),
            Column(AccountColumn.PENDING, HEADERS[AccountColumn.PENDING], pending_text,
                   color=pending_color),
        )
        self._tier_column = self.column_of(AccountColumn.TIER)

    def load_page(self, offset: int, limit: int) -> list[AccountRow]:
        return list_accounts(self._store, self.text, self.tier, limit=limit, offset=offset)

    def reload(self) -> None:
        self._owners = user_names(self._store)
        super().reload()

    def total(self) -> int:
        return count_accounts(self._store, self.text, self.tier)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        header = super().headerData(section, orientation, role)
        return translate("AccountsView", header) if isinstance(header, str) else header

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self._tier_column and role in (
                TIER_ROLE, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole):
            row = self.row_at(index.row())
            return tier_cell_data(row.tier if row else None, role)
        return super().data(index, role)


class AccountsView(QWidget):
    """Emits ``account_opened(id)`` on double-click or Enter; ``new_requested`` for New."""

    account_opened = Signal(str)
    new_requested = Signal()

    def __init__(self, store: Store, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AccountsModel(store, self)
        self.search = QLineEdit(placeholderText=translate(
            "AccountsView", "Search name, city or phone — 中文 or English"))
        self.search.setClearButtonEnabled(True)
        self.tier_combo = QComboBox()
        for text, tier in tier_filter_items():
            self.tier_combo.addItem(text, tier)
        self.tier_combo.setToolTip(translate("AccountsView", "Show accounts of one tier"))
        self.count_label = QLabel()
        new_button = QPushButton(translate("AccountsView", "New account…"))
        new_button.clicked.connect(self.new_requested)
        self.table = make_table(self)
        self.table.setModel(self.model)
        self.tier_delegate = TierCellDelegate(self.table)
        self.table.setItemDelegateForColumn(self.model.column_of(AccountColumn.TIER),
                                            self.tier_delegate)
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
        for column, width in ((AccountColumn.NAME, 330), (AccountColumn.TIER, 56),
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
        self.count_label.setText(count_text(self.model.total()))

    def _on_data_changed(self, changes: Changes) -> None:
        if changes.entities & {"account", "user"} or not changes.entities:
            self.apply_filter()

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            account_id = self.model.data(index, Roles.ID)
            if account_id:
                self.account_opened.emit(account_id)
