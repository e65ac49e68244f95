"""The pipeline board: a column per stage with totals; drag a deal to move it on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QMimeData, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.services.money import format_amount
from desktop.services.opportunity_list import close_months
from desktop.services.pipeline import (
    STAGE_ORDER,
    OpportunityCard,
    StageColumn,
    board,
    move_opportunity,
)
from desktop.services.users import current_user_id, user_names
from desktop.store import Changes, Store
from desktop.sync import user_message
from desktop.ui.accounts_view import tier_filter_items
from desktop.ui.events import AppEvents
from desktop.ui.i18n import message_text, translate
from desktop.ui.item_text import fit_item
from desktop.ui.runner import Runner
from desktop.ui.table_model import PENDING_MARK
from desktop.ui.widgets import ERROR_STYLE, fill_combo
from shared.i18n import QT_TRANSLATE_NOOP
from shared.models.enums import OpportunityStage

CARD_MIME = "application/x-fieldcrm-opportunity"
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
STAGE_TITLES: dict[OpportunityStage, str] = {
    OpportunityStage.PROSPECTING: QT_TRANSLATE_NOOP("OpportunityStage", "Prospecting"),
    OpportunityStage.QUALIFICATION: QT_TRANSLATE_NOOP("OpportunityStage", "Qualification"),
    OpportunityStage.PROPOSAL: QT_TRANSLATE_NOOP("OpportunityStage", "Proposal"),
    OpportunityStage.NEGOTIATION: QT_TRANSLATE_NOOP("OpportunityStage", "Negotiation"),
    OpportunityStage.WON: QT_TRANSLATE_NOOP("OpportunityStage", "Won"),
    OpportunityStage.LOST: QT_TRANSLATE_NOOP("OpportunityStage", "Lost"),
}


def stage_title(stage: OpportunityStage | str) -> str:
    """A stage's name in the UI's language (an unknown stage as it is stored)."""
    try:
        return translate("OpportunityStage", STAGE_TITLES[OpportunityStage(str(stage))])
    except ValueError:
        return str(stage).capitalize()


def owner_items(owners: dict[str, str], me: str | None) -> list[tuple[str, object]]:
    """(text, user id) choices of an owner filter: everyone, me first, then by name."""
    ordered = sorted(owners.items(), key=lambda item: (item[0] != me, item[1]))
    return [(translate("PipelineBoard", "All owners"), None)] + [
        (translate("PipelineBoard", "{name} (me)").format(name=name) if user_id == me
         else name, user_id) for user_id, name in ordered]


def month_items(months: list[date]) -> list[tuple[str, object]]:
    """(text, ISO date) choices of a close-month filter."""
    return [(translate("PipelineBoard", "Any close month"), None)] + [
        (translate("PipelineBoard", "Closing {month}").format(month=f"{month:%Y-%m}"),
         month.isoformat()) for month in months]


@dataclass(frozen=True)
class BoardData:
    columns: list[StageColumn]
    months: list[date]  # months in which some deal is expected to close
    owners: dict[str, str]
    me: str | None


def money_lines(amounts: tuple[tuple[str, int], ...]) -> str:
    """Per-currency totals, e.g. "¥1,200.00 CNY + $5.00 USD"; "–" for none."""
    return " + ".join(format_amount(cents, currency) for currency, cents in amounts) or "–"


class StageList(QListWidget):
    """One stage's cards; emits ``card_dropped(opportunity_id, stage)`` for a foreign card."""

    card_dropped = Signal(str, object)

    def __init__(self, stage: OpportunityStage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setStyleSheet("QListWidget::item { border: 1px solid #cfd8dc; border-radius: 4px;"
                           " padding: 4px; background: #fafafa; color: #212121; }"
                           " QListWidget::item:selected { background: #e3f2fd; }")

    def fit_cards(self) -> None:
        """Card heights follow the column's width (names wrap, Chinese included)."""
        width = self.viewport().width() - 2 * self.spacing() - 12  # border and padding
        for row in range(self.count()):
            fit_item(self.item(row), self.font(), width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_cards()

    def mimeTypes(self) -> list[str]:
        return [CARD_MIME]

    def mimeData(self, items: list[QListWidgetItem]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        if items:
            data.setData(CARD_MIME, items[0].data(CARD_ROLE).id.encode())
        return data

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accept_card(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_card(event)

    def _accept_card(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(CARD_MIME) and event.source() is not self:
            event.setDropAction(Qt.DropAction.CopyAction)  # the board redraws itself
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """A card from another stage: ask for the move; the reload shows where it went."""
        if not event.mimeData().hasFormat(CARD_MIME) or event.source() is self:
            event.ignore()
            return
        opportunity_id = bytes(event.mimeData().data(CARD_MIME).data()).decode()
        event.setDropAction(Qt.DropAction.CopyAction)  # never let the source delete its item
        event.accept()
        self.card_dropped.emit(opportunity_id, self.stage)


class StageWidget(QWidget):
    """A column: stage name and count, total and weighted total, and the cards."""

    def __init__(self, stage: OpportunityStage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setStyleSheet("color: #555;")
        # room for a wrapped weighted total, so all columns' cards start at one height
        self.totals.setMinimumHeight(3 * self.totals.fontMetrics().lineSpacing())
        self.totals.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.cards = StageList(stage)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.totals)
        layout.addWidget(self.cards, 1)

    def show_column(self, column: StageColumn) -> None:
        self.title.setText(translate("PipelineBoard", "{stage} ({count})").format(
            stage=stage_title(column.stage), count=column.count))
        self.totals.setText(
            translate("PipelineBoard", "Total: {total}").format(
                total=money_lines(column.total_cents_by_currency)) + "\n"
            + translate("PipelineBoard", "Weighted: {total}").format(
                total=money_lines(column.weighted_cents_by_currency)))
        self.cards.clear()
        for card in column.cards:
            item = QListWidgetItem(_card_text(card), self.cards)
            item.setData(CARD_ROLE, card)
            tier = (translate("PipelineBoard", "Tier {tier}").format(tier=card.account_tier)
                    if card.account_tier else "")
            item.setToolTip("\n".join(part for part in (
                card.name, " · ".join(p for p in (card.account_name, tier) if p),
                translate("PipelineBoard", "{amount} · {probability} %").format(
                    amount=format_amount(card.amount_cents, card.currency),
                    probability=card.probability or 0)) if part))
        self.cards.fit_cards()


def _card_text(card: OpportunityCard) -> str:
    amount = (format_amount(card.amount_cents, card.currency)
              or translate("PipelineBoard", "no amount"))
    close = ("\n" + translate("PipelineBoard", "closing {month}").format(
        month=f"{card.expected_close:%Y-%m}") if card.expected_close else "")
    pending = f"\n{PENDING_MARK}" if card.pending else ""
    account = "" if names_its_account(card.name, card.account_name) \
        else f"\n{card.account_name}"
    return f"{card.name}{account}\n{amount}{close}{pending}"


MIN_ACCOUNT_PREFIX = 8  # characters: a shorter head is a word, not a cut account name


def names_its_account(deal: str, account: str) -> bool:
    """Whether a deal's name already says its account, so the card need not repeat it:
    deals are often named after their account, and a long account name is often cut
    short there ("Jade River Advanced Materials (China) Lt · 扩产项目")."""
    if not account or account in deal:
        return True
    head = deal.split(" · ", 1)[0].strip()
    return len(head) >= MIN_ACCOUNT_PREFIX and account.startswith(head)


class PipelineBoard(QWidget):
    """The board with owner, close-month and tier filters; ``loaded`` after each redraw."""

    loaded = Signal(object)  # the BoardData shown
    card_moved = Signal(object)  # the Changes of a move, once written

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner, self._events = store, runner, events
        self._latest = 0
        self.data: BoardData | None = None
        self.owner_combo, self.month_combo, self.tier_combo = QComboBox(), QComboBox(), QComboBox()
        fill_combo(self.owner_combo, owner_items({}, None))
        fill_combo(self.month_combo, month_items([]))
        fill_combo(self.tier_combo, tier_filter_items())
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.columns = {stage: StageWidget(stage) for stage in STAGE_ORDER}
        self._layout()
        for combo in (self.owner_combo, self.month_combo, self.tier_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for column in self.columns.values():
            column.cards.card_dropped.connect(self.move_card)
        events.data_changed.connect(self._on_data_changed)
        self.refresh()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        hint = translate("PipelineBoard", "Drag a deal to another stage to move it.")
        bar.addWidget(QLabel(hint))
        bar.addStretch(1)
        bar.addWidget(self.message)
        for combo in (self.owner_combo, self.month_combo, self.tier_combo):
            bar.addWidget(combo)
        stages = QHBoxLayout()
        stages.setSpacing(4)
        for column in self.columns.values():
            stages.addWidget(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(stages, 1)

    @Slot()
    def refresh(self) -> None:
        self._latest += 1
        number, store = self._latest, self._store
        owner, tier = self.owner_combo.currentData(), self.tier_combo.currentData()
        month_text = self.month_combo.currentData()
        month = date.fromisoformat(month_text) if month_text else None

        def load() -> BoardData:
            return BoardData(board(store, owner, month, tier), close_months(store),
                             user_names(store),
                             current_user_id(store))

        self._runner.run(load, lambda data: self._loaded(number, data),
                         lambda exc: self._show_error(number, exc))

    def _loaded(self, number: int, data: BoardData) -> None:
        if number != self._latest or not isValid(self):
            return
        self.data = data
        fill_combo(self.owner_combo, owner_items(data.owners, data.me))
        fill_combo(self.month_combo, month_items(data.months))
        for column in data.columns:
            self.columns[column.stage].show_column(column)
        self.loaded.emit(data)

    def _show_error(self, number: int, exc: BaseException) -> None:
        if number == self._latest and isValid(self):
            self.message.setText(message_text(user_message(exc)))

    @Slot(str, object)
    def move_card(self, opportunity_id: str, stage: OpportunityStage) -> None:
        """Write the move (one synced change) and tell every view."""
        store = self._store

        events = self._events

        def done(changes: Changes) -> None:
            events.data_changed.emit(changes)
            if isValid(self):
                self.message.clear()
                self.card_moved.emit(changes)

        def failed(exc: BaseException) -> None:
            if isValid(self):  # the service's LookupError is worded for the user
                reason = str(exc) if isinstance(exc, LookupError) else user_message(exc)
                self.message.setText(translate(
                    "PipelineBoard", "Could not move the deal: {reason}").format(
                        reason=message_text(reason)))
                self.refresh()

        self._runner.write(lambda: move_opportunity(store, opportunity_id, stage), done, failed)

    def _on_data_changed(self, changes: Changes) -> None:
        if not changes.entities or changes.entities & {"opportunity", "account", "user"}:
            self.refresh()
