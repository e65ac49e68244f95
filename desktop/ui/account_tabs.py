"""The list tabs of the account screen: contacts, visits and opportunities of one account."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from desktop.services.contacts import ContactRow
from desktop.services.opportunities import OpportunityRow
from desktop.services.visits import VisitRow
from desktop.ui.i18n import translate
from desktop.ui.locale_format import amount_text, datetime_text
from desktop.ui.table_model import (
    Column,
    Index,
    Roles,
    RowTableModel,
    pending_color,
    pending_text,
)
from desktop.ui.widgets import make_table
from shared.i18n import QT_TRANSLATE_NOOP


class ContactColumn(enum.Enum):
    NAME = "name"
    TITLE = "title"
    PHONE = "phone"
    EMAIL = "email"
    PENDING = "pending"


class VisitColumn(enum.Enum):
    WHEN = "when"
    STATUS = "status"
    PURPOSE = "purpose"
    OUTCOME = "outcome"
    NOTES = "notes"
    PENDING = "pending"


class OpportunityColumn(enum.Enum):
    NAME = "name"
    STAGE = "stage"
    AMOUNT = "amount"
    PROBABILITY = "probability"
    CLOSE = "close"
    PENDING = "pending"


VISIT_STATUS_LABELS = {
    "planned": QT_TRANSLATE_NOOP("AccountTabs", "Planned"),
    "in_progress": QT_TRANSLATE_NOOP("AccountTabs", "In progress"),
    "completed": QT_TRANSLATE_NOOP("AccountTabs", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("AccountTabs", "Cancelled"),
}
OUTCOME_LABELS = {
    "positive": QT_TRANSLATE_NOOP("AccountTabs", "Positive"),
    "neutral": QT_TRANSLATE_NOOP("AccountTabs", "Neutral"),
    "negative": QT_TRANSLATE_NOOP("AccountTabs", "Negative"),
    "no_show": QT_TRANSLATE_NOOP("AccountTabs", "No show"),
}
STAGE_LABELS = {
    "prospecting": QT_TRANSLATE_NOOP("AccountTabs", "Prospecting"),
    "qualification": QT_TRANSLATE_NOOP("AccountTabs", "Qualification"),
    "proposal": QT_TRANSLATE_NOOP("AccountTabs", "Proposal"),
    "negotiation": QT_TRANSLATE_NOOP("AccountTabs", "Negotiation"),
    "won": QT_TRANSLATE_NOOP("AccountTabs", "Won"),
    "lost": QT_TRANSLATE_NOOP("AccountTabs", "Lost"),
}


def label(labels: dict[str, str], value: str | None) -> str:
    """The translated label of an enum *value* (the value itself when it has none)."""
    if not value:
        return ""
    known = labels.get(value)
    return translate("AccountTabs", known) if known else value.replace("_", " ").capitalize()


def visit_status_text(status: str | None) -> str:
    return label(VISIT_STATUS_LABELS, status)


def stage_text(stage: str | None) -> str:
    return label(STAGE_LABELS, stage)


class ListModel(RowTableModel[Any]):
    """A whole (short) list loaded at once by *load*."""

    header_context = "AccountTabs"  # the columns below mark their titles in this context

    def __init__(self, columns: tuple[Column[Any], ...], load: Callable[[], list[Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns, self._load = columns, load
        self.page_size = 100_000

    def load_page(self, offset: int, limit: int) -> list[Any]:
        return self._load()[offset:offset + limit] if offset == 0 else []


def _name(row: ContactRow) -> str:
    return row.name + ("  ★" if row.is_primary else "")


CONTACT_COLUMNS: tuple[Column[ContactRow], ...] = (
    Column(ContactColumn.NAME, QT_TRANSLATE_NOOP("AccountTabs", "Name"), _name),
    Column(ContactColumn.TITLE, QT_TRANSLATE_NOOP("AccountTabs", "Title"),
           lambda r: r.title or ""),
    Column(ContactColumn.PHONE, QT_TRANSLATE_NOOP("AccountTabs", "Phone"),
           lambda r: r.mobile or r.phone or ""),
    Column(ContactColumn.EMAIL, QT_TRANSLATE_NOOP("AccountTabs", "Email"),
           lambda r: r.email or ""),
    Column(ContactColumn.PENDING, QT_TRANSLATE_NOOP("AccountTabs", "Sync"), pending_text,
           color=pending_color),
)

VISIT_COLUMNS: tuple[Column[VisitRow], ...] = (
    Column(VisitColumn.WHEN, QT_TRANSLATE_NOOP("AccountTabs", "When"),
           lambda r: datetime_text(r.when), sort=lambda r: r.when),
    Column(VisitColumn.STATUS, QT_TRANSLATE_NOOP("AccountTabs", "Status"),
           lambda r: visit_status_text(r.status)),
    Column(VisitColumn.PURPOSE, QT_TRANSLATE_NOOP("AccountTabs", "Purpose"),
           lambda r: r.purpose or ""),
    Column(VisitColumn.OUTCOME, QT_TRANSLATE_NOOP("AccountTabs", "Outcome"),
           lambda r: label(OUTCOME_LABELS, r.outcome)),
    Column(VisitColumn.NOTES, QT_TRANSLATE_NOOP("AccountTabs", "Notes"),
           lambda r: (r.notes or "").replace("\n", " ")),
    Column(VisitColumn.PENDING, QT_TRANSLATE_NOOP("AccountTabs", "Sync"), pending_text,
           color=pending_color),
)


def _probability(row: OpportunityRow) -> str:
    return "" if row.probability is None else f"{row.probability} %"


OPPORTUNITY_COLUMNS: tuple[Column[OpportunityRow], ...] = (
    Column(OpportunityColumn.NAME, QT_TRANSLATE_NOOP("AccountTabs", "Opportunity"),
           lambda r: r.name),
    Column(OpportunityColumn.STAGE, QT_TRANSLATE_NOOP("AccountTabs", "Stage"),
           lambda r: stage_text(r.stage)),
    Column(OpportunityColumn.AMOUNT, QT_TRANSLATE_NOOP("AccountTabs", "Amount"),
           lambda r: amount_text(r.amount_cents, r.currency),
           sort=lambda r: r.amount_cents or 0, align_right=True),
    Column(OpportunityColumn.PROBABILITY, QT_TRANSLATE_NOOP("AccountTabs", "Prob."),
           _probability, sort=lambda r: r.probability or 0, align_right=True),
    Column(OpportunityColumn.CLOSE, QT_TRANSLATE_NOOP("AccountTabs", "Expected close"),
           lambda r: r.expected_close.isoformat() if r.expected_close else ""),
    Column(OpportunityColumn.PENDING, QT_TRANSLATE_NOOP("AccountTabs", "Sync"), pending_text,
           color=pending_color),
)


class ListTab(QWidget):
    """A table with an action button (more with ``add_button``); ``activated_row(row)`` on
    double-click or Enter, ``current_changed(row or None)`` as the selection moves."""

    activated_row = Signal(object)
    current_changed = Signal(object)

    def __init__(self, model: RowTableModel[Any], action: str,
                 widths: tuple[int, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table: QTableView = make_table(self)
        self.table.setModel(model)
        for column, width in enumerate(widths):
            self.table.horizontalHeader().resizeSection(column, width)
        self.action_button = QPushButton(action)
        self.bar = QHBoxLayout()
        self.bar.setSpacing(6)
        self.bar.addStretch(1)
        self.bar.addWidget(self.action_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.table)
        layout.addLayout(self.bar)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        model.modelReset.connect(lambda: self.current_changed.emit(self.current_row()))

    def current_row(self) -> Any:
        """The selected row (a frozen service row), or None."""
        index = self.table.currentIndex()
        return self.model.data(index, Roles.ROW) if index.isValid() else None

    def add_button(self, button: QPushButton, *, left: bool = False) -> None:
        """Put *button* in the bar: on the left (actions on the selected row) or on the
        right, before the main action."""
        stretch = next(i for i in range(self.bar.count())
                       if self.bar.itemAt(i).spacerItem() is not None)
        self.bar.insertWidget(stretch if left else self.bar.count() - 1, button)

    def reload(self) -> None:
        """Read the list again, keeping the selected row selected when it is still there."""
        current = self.current_row()
        self.model.reload()
        row = self.model.find_row(current.id) if current is not None else -1
        if row >= 0:
            self.select(row)

    def select_id(self, row_id: str) -> bool:
        row = self.model.find_row(row_id)
        if row >= 0:
            self.select(row)
        return row >= 0

    def select(self, row: int) -> None:
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.selectRow(row)

    def _on_current(self, current: Index, _previous: Index) -> None:
        self.current_changed.emit(self.model.data(current, Roles.ROW)
                                  if current.isValid() else None)

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.model.data(index, Roles.ROW)
        if row is not None:
            self.activated_row.emit(row)
