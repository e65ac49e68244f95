"""The outbox: every change not yet on the server, in order; refused ones can be fixed or
discarded."""

from __future__ import annotations

import enum
from html import escape

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.services.outbox import OutboxItem, discard_change, outbox_items
from desktop.store import Changes, Store
from desktop.ui.events import AppEvents
from desktop.ui.fix_editor import can_fix, open_fix_editor
from desktop.ui.i18n import message_text, translate
from desktop.ui.locale_format import datetime_text, locale_formatter
from desktop.ui.runner import Runner
from desktop.ui.table_model import OVERDUE_COLOR, PENDING_COLOR, Column, Roles, RowTableModel
from desktop.ui.widgets import error_label, error_text, make_table
from shared.i18n import QT_TRANSLATE_NOOP

STATE_TEXT = {"pending": QT_TRANSLATE_NOOP("OutboxModel", "Waiting to send"),
              "rejected": QT_TRANSLATE_NOOP("OutboxModel", "Refused by the server")}


def state_text(item: OutboxItem) -> str:
    return translate("OutboxModel", STATE_TEXT[item.state.value])


def record_text(item: OutboxItem) -> str:
    """"上海精密机械有限公司 (Account)": the record and what kind of record it is."""
    return translate("OutboxModel", "{record} ({kind})").format(
        record=item.record_name, kind=message_text(item.entity_label))


class OutboxColumn(enum.Enum):
    TIME = "time"
    RECORD = "record"
    CHANGE = "change"
    STATE = "state"


class OutboxModel(RowTableModel[OutboxItem]):
    columns = (
        Column(OutboxColumn.TIME, QT_TRANSLATE_NOOP("OutboxModel", "Time"),
               lambda r: datetime_text(r.created_at)),
        Column(OutboxColumn.RECORD, QT_TRANSLATE_NOOP("OutboxModel", "Record"), record_text),
        Column(OutboxColumn.CHANGE, QT_TRANSLATE_NOOP("OutboxModel", "What changed"),
               lambda r: message_text(r.summary)),
        Column(OutboxColumn.STATE, QT_TRANSLATE_NOOP("OutboxModel", "State"), state_text),
    )
    page_size = 5000

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store

    def load_page(self, offset: int, limit: int) -> list[OutboxItem]:
        return outbox_items(self._store, locale_formatter())[offset:offset + limit]

    def row_color(self, row: OutboxItem) -> QColor | None:
        return OVERDUE_COLOR if row.rejected else PENDING_COLOR


def _count_text(pending: int, rejected: int) -> str:
    if not pending and not rejected:
        return translate("OutboxView", "Nothing waiting: every change is on the server.")
    text = translate("OutboxView", "%n waiting to send", None, pending)
    if rejected:
        text += " · " + translate("OutboxView", "%n refused", None, rejected)
    return text


def _detail_lines(item: OutboxItem) -> list[str]:
    """The selected change as rich-text lines: what, why it was refused, each field."""
    lines = [f"<b>{escape(item.record_name)}</b> · {escape(message_text(item.entity_label))}"
             f" · {escape(state_text(item))}"]
    if item.reason:
        why = translate("OutboxView", "Why: {reason}").format(reason=message_text(item.reason))
        lines.append(f"<span style='color:#c62828'>{escape(why)}</span>")
        lines.append(escape(translate("OutboxView", "Fix the values and save again, or discard "
                                      "the change to get the server's values back.")))
    lines += [escape(translate("OutboxView", "{field}: {value}").format(
        field=message_text(c.label), value=message_text(c.text))) for c in item.changes] \
        or [escape(translate("OutboxView", "Deleted"))]
    return lines


class OutboxView(QWidget):
    """Emits ``counts_changed(pending, rejected)`` for the navigation badge."""

    counts_changed = Signal(int, int)

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner, self._events = store, runner, events
        self.model = OutboxModel(store, self)
        self.table = make_table(self)
        self.table.setModel(self.model)
        for column, width in ((0, 130), (1, 330), (2, 440)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.count_label = QLabel()
        self.fix_button = QPushButton(translate("OutboxView", "Fix…"))
        self.fix_button.setToolTip(translate(
            "OutboxView", "Open the record with the refused values to correct them"))
        self.discard_button = QPushButton(translate("OutboxView", "Discard"))
        self.discard_button.setToolTip(translate(
            "OutboxView", "Drop the refused change; the record gets the server's values back"))
        self.fix_button.clicked.connect(self.fix_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setStyleSheet("padding: 8px;")
        self.error = error_label()
        self.confirm_box: QMessageBox | None = None
        self.fix_dialog: QDialog | None = None
        self._layout()
        self.table.selectionModel().selectionChanged.connect(self._on_selected)
        events.data_changed.connect(lambda _changes: self.refresh())
        self.refresh()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.fix_button)
        bar.addWidget(self.discard_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([460, 180])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)

    # -- showing -------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        selected = self.selected()
        self.model.reload()
        items = [self.model.row_at(i) for i in range(self.model.rowCount())]
        rejected = sum(1 for i in items if i is not None and i.rejected)
        pending = len(items) - rejected
        self.count_label.setText(_count_text(pending, rejected))
        row = self.model.find_row(selected.id) if selected else -1
        if row < 0 and rejected:
            row = next(i for i, item in enumerate(items) if item is not None and item.rejected)
        if row >= 0:
            self.table.selectRow(row)
        self._show(self.selected())
        self.counts_changed.emit(pending, rejected)

    def selected(self) -> OutboxItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], Roles.ROW) if rows else None

    @Slot(QItemSelection, QItemSelection)
    def _on_selected(self, *_args: QItemSelection) -> None:
        self._show(self.selected())

    def _show(self, item: OutboxItem | None) -> None:
        self.fix_button.setEnabled(item is not None and item.rejected and can_fix(item))
        self.discard_button.setEnabled(item is not None and item.rejected)
        if item is None:
            self.detail.setText("<span style='color:#555'>" + escape(translate(
                "OutboxView", "Changes you make are kept here until the server has them."))
                + "</span>")
            return
        self.detail.setText("<br>".join(_detail_lines(item)))

    # -- actions -------------------------------------------------------------------------
    @Slot()
    def fix_selected(self) -> None:
        item = self.selected()
        if item is None or not item.rejected:
            return
        try:
            self.fix_dialog = open_fix_editor(self._store, self._runner, self._events, item,
                                              self)
        except LookupError as exc:
            self._on_failed(exc)

    @Slot()
    def discard_selected(self) -> None:
        item = self.selected()
        if item is None or not item.rejected:
            return
        box = QMessageBox(QMessageBox.Icon.Question, translate("OutboxView", "Discard change"),
                          translate("OutboxView", "Discard your change to “{record}”?\n\n"
                                    "{summary}\n\nThe record gets the server's values back. "
                                    "This cannot be undone.").format(
                              record=item.record_name, summary=message_text(item.summary)),
                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                          self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self._on_confirm(box, button, item.mid))
        self.confirm_box = box
        box.open()

    def _on_confirm(self, box: QMessageBox, button: object, mid: int) -> None:
        self.confirm_box = None
        if box.standardButton(button) != QMessageBox.StandardButton.Discard:  # type: ignore[arg-type]
            return
        store = self._store
        self._runner.write(lambda: discard_change(store, mid), self._on_discarded,
                           self._on_failed)

    def _on_discarded(self, changes: Changes) -> None:
        self.error.setVisible(False)
        self._events.data_changed.emit(changes)

    def _on_failed(self, exc: BaseException) -> None:
        self.error.setText(error_text(exc))
        self.error.setVisible(True)
        self.refresh()
