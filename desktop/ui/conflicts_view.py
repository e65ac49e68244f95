"""The conflict inbox: which field of which record lost a race, both values, who, when."""

from __future__ import annotations

import enum

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.services.conflicts import ConflictRow, open_conflicts
from desktop.services.times import local_text
from desktop.store import Changes, Store
from desktop.ui.events import AppEvents
from desktop.ui.table_model import Column, RowTableModel
from desktop.ui.widgets import make_table


class ConflictColumn(enum.Enum):
    RECORD = "record"
    FIELD = "field"
    WINNER = "winner"
    LOSER = "loser"
    WHO = "who"
    WHEN = "when"


class ConflictsModel(RowTableModel[ConflictRow]):
    columns = (
        Column(ConflictColumn.RECORD, "Record", lambda r: f"{r.record_name} ({r.entity})"),
        Column(ConflictColumn.FIELD, "Field", lambda r: r.field_name),
        Column(ConflictColumn.WINNER, "Kept value", lambda r: r.winning_value),
        Column(ConflictColumn.LOSER, "Overridden value", lambda r: r.losing_value),
        Column(ConflictColumn.WHO, "Overridden edit by", lambda r: r.loser_name),
        Column(ConflictColumn.WHEN, "When", lambda r: local_text(r.created_at)),
    )
    page_size = 1000

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store

    def load_page(self, offset: int, limit: int) -> list[ConflictRow]:
        return open_conflicts(self._store)[offset:offset + limit]


class ConflictsView(QWidget):
    """Emits ``count_changed(n)`` so the navigation can show a badge."""

    count_changed = Signal(int)

    def __init__(self, store: Store, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ConflictsModel(store, self)
        self.table = make_table(self)
        self.table.setModel(self.model)
        for column, width in ((0, 280), (1, 110), (2, 200), (3, 200), (4, 140)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.hint = QLabel(
            "When two people change the same field at the same time, one value is kept and "
            "the other is listed here, so nothing is lost.")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        events.data_changed.connect(self._on_data_changed)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.model.reload()
        self.count_changed.emit(self.model.rowCount())

    def _on_data_changed(self, changes: Changes) -> None:
        if "conflict" in changes.entities or not changes.entities:
            self.refresh()
