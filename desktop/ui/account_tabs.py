"""The list tabs of the account screen: contacts, visits and opportunities of one account."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from desktop.services.contacts import ContactRow
from desktop.services.times import local_text
from desktop.services.visits import VisitRow
from desktop.ui.table_model import Column, Roles, RowTableModel, pending_color, pending_text
from desktop.ui.widgets import make_table


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


class ListModel(RowTableModel[Any]):
    """A whole (short) list loaded at once by *load*."""

    def __init__(self, columns: tuple[Column[Any], ...], load: Callable[[], list[Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns, self._load = columns, load
        self.page_size = 100_000

    def load_page(self, offset: int, limit: int) -> list[Any]:
        return self._load()[offset:offset + limit] if offset == 0 else []


CONTACT_COLUMNS: tuple[Column[ContactRow], ...] = (
    Column(ContactColumn.NAME, "Name", lambda r: r.name + ("  ★" if r.is_primary else "")),
    Column(ContactColumn.TITLE, "Title", lambda r: r.title or ""),
    Column(ContactColumn.PHONE, "Phone", lambda r: r.mobile or r.phone or ""),
    Column(ContactColumn.EMAIL, "Email", lambda r: r.email or ""),
    Column(ContactColumn.PENDING, "Sync", pending_text, color=pending_color),
)

VISIT_COLUMNS: tuple[Column[VisitRow], ...] = (
    Column(VisitColumn.WHEN, "When", lambda r: local_text(r.when)),
    Column(VisitColumn.STATUS, "Status", lambda r: r.status.replace("_", " ").capitalize()),
    Column(VisitColumn.PURPOSE, "Purpose", lambda r: r.purpose or ""),
    Column(VisitColumn.OUTCOME, "Outcome",
           lambda r: (r.outcome or "").replace("_", " ").capitalize()),
    Column(VisitColumn.NOTES, "Notes", lambda r: (r.notes or "").replace("\n", " ")),
    Column(VisitColumn.PENDING, "Sync", pending_text, color=pending_color),
)


class ListTab(QWidget):
    """A table with one action button; ``activated_row(row)`` on double-click or Enter."""

    activated_row = Signal(object)

    def __init__(self, model: RowTableModel[Any], action: str,
                 widths: tuple[int, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table: QTableView = make_table(self)
        self.table.setModel(model)
        for column, width in enumerate(widths):
            self.table.horizontalHeader().resizeSection(column, width)
        self.action_button = QPushButton(action)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.action_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(bar)
        self.table.activated.connect(self._on_activated)

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.model.data(index, Roles.ROW)
        if row is not None:
            self.activated_row.emit(row)
