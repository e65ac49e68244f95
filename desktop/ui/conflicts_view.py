"""The conflict inbox: open conflicts in a list, the selected one in a pane to resolve."""

from __future__ import annotations

import enum

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from desktop.services.conflicts import ConflictRow, open_conflicts
from desktop.services.fields import entity_label
from desktop.store import Changes, Store
from desktop.ui.conflict_detail import ConflictDetail
from desktop.ui.events import AppEvents
from desktop.ui.i18n import message_text, translate
from desktop.ui.locale_format import datetime_text, locale_formatter
from desktop.ui.runner import Runner
from desktop.ui.table_model import Column, Roles, RowTableModel
from desktop.ui.widgets import make_table
from shared.i18n import QT_TRANSLATE_NOOP


class ConflictColumn(enum.Enum):
    RECORD = "record"
    FIELD = "field"
    MINE = "mine"
    THEIRS = "theirs"
    WHO = "who"
    WHEN = "when"


def _one_line(text: str) -> str:
    first, *rest = text.splitlines() or [""]
    return first + (" …" if rest else "")


def record_text(conflict: ConflictRow) -> str:
    """"上海精密机械有限公司 (Account)"."""
    return translate("ConflictsModel", "{record} ({kind})").format(
        record=conflict.record_name, kind=message_text(entity_label(conflict.entity)))


class ConflictsModel(RowTableModel[ConflictRow]):
    columns = (
        Column(ConflictColumn.RECORD, QT_TRANSLATE_NOOP("ConflictsModel", "Record"),
               record_text),
        Column(ConflictColumn.FIELD, QT_TRANSLATE_NOOP("ConflictsModel", "Field"),
               lambda r: message_text(r.field_label)),
        Column(ConflictColumn.MINE, QT_TRANSLATE_NOOP("ConflictsModel", "Mine"),
               lambda r: _one_line(message_text(r.mine.text))),
        Column(ConflictColumn.THEIRS, QT_TRANSLATE_NOOP("ConflictsModel", "Theirs"),
               lambda r: _one_line(message_text(r.theirs.text))),
        Column(ConflictColumn.WHO, QT_TRANSLATE_NOOP("ConflictsModel", "Their edit by"),
               lambda r: r.theirs.user_name),
        Column(ConflictColumn.WHEN, QT_TRANSLATE_NOOP("ConflictsModel", "When"),
               lambda r: datetime_text(r.created_at),
               sort=lambda r: r.created_at.isoformat() if r.created_at else ""),
    )
    page_size = 1000

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store

    def load_page(self, offset: int, limit: int) -> list[ConflictRow]:
        return open_conflicts(self._store, locale_formatter())[offset:offset + limit]


class ConflictsView(QWidget):
    """Emits ``count_changed(n)`` so the navigation can show a badge."""

    count_changed = Signal(int)

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ConflictsModel(store, self)
        self.table = make_table(self)
        self.table.setModel(self.model)
        for column, width in ((0, 210), (1, 80), (2, 125), (3, 125), (4, 80)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.detail = ConflictDetail(store, runner, events, self)
        self.hint = QLabel(translate(
            "ConflictsView", "When two people change the same field at the same time, one "
            "value is kept and the other is listed here, so nothing is lost. Pick the value "
            "that is right; your choice syncs to every device."))
        self.hint.setWordWrap(True)
        self.empty = QLabel(translate("ConflictsView", "No conflicts. Everything you and your "
                                      "colleagues changed was merged without a race."))
        self.empty.setStyleSheet("color: #555; padding: 12px;")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().selectionChanged.connect(self._on_selected)
        events.data_changed.connect(self._on_data_changed)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Reload; keep the selected conflict, or select the one now in its place."""
        selected = self.detail.conflict.id if self.detail.conflict else None
        row = max(self.table.currentIndex().row(), 0)
        self.model.reload()
        count = self.model.rowCount()
        self.empty.setVisible(count == 0)
        if count:
            found = self.model.find_row(selected) if selected else -1
            self.select_row(found if found >= 0 else min(row, count - 1))
        else:
            self.detail.show_conflict(None)
        self.count_changed.emit(count)

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.detail.show_conflict(self.model.row_at(row))

    @Slot(QItemSelection, QItemSelection)
    def _on_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.detail.show_conflict(self.model.data(indexes[0], Roles.ROW))

    def _on_data_changed(self, changes: Changes) -> None:
        if "conflict" in changes.entities or not changes.entities or \
                self.detail.conflict is not None and self.detail.conflict.row_id in changes.ids:
            self.refresh()
