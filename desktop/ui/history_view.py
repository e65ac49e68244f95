"""A record's History: field changes from the server change log, fetched in the background."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.history import HistoryRow, HistorySource, load_history
from desktop.store import Store
from desktop.sync import NetworkError, RequestRejected, user_message
from desktop.ui.i18n import message_text, translate
from desktop.ui.locale_format import datetime_text, locale_formatter
from desktop.ui.runner import Runner
from desktop.ui.table_model import Column, RowTableModel
from desktop.ui.widgets import make_table
from shared.i18n import QT_TRANSLATE_NOOP
from shared.sync.protocol import ErrorCode

# Hands out a SyncApi that may be used off the UI thread (the sync controller's).
SourceFactory = Callable[[], HistorySource]

NEEDS_CONNECTION = QT_TRANSLATE_NOOP(
    "HistoryView", "History is kept on the FieldCRM server, so it needs a connection. "
    "Everything else keeps working offline; try again when you are back online.")
NOT_ON_SERVER = QT_TRANSLATE_NOOP(
    "HistoryView", "This record is not on the server yet, so it has no history there. "
    "Its history starts once it has synced.")


class HistoryColumn(enum.Enum):
    WHEN = "when"
    WHO = "who"
    DEVICE = "device"
    FIELD = "field"
    OLD = "old"
    NEW = "new"


def value_text(text: str) -> str:
    """A value as the history shows it: one line; the services' placeholders translated."""
    return message_text(text).replace("\n", " ⏎ ")


class HistoryModel(RowTableModel[HistoryRow]):
    columns = (
        Column(HistoryColumn.WHEN, QT_TRANSLATE_NOOP("HistoryView", "When"),
               lambda r: datetime_text(r.at)),
        Column(HistoryColumn.WHO, QT_TRANSLATE_NOOP("HistoryView", "Who"), lambda r: r.who),
        Column(HistoryColumn.DEVICE, QT_TRANSLATE_NOOP("HistoryView", "Device"),
               lambda r: message_text(r.device)),
        Column(HistoryColumn.FIELD, QT_TRANSLATE_NOOP("HistoryView", "Field"),
               lambda r: message_text(r.field_label)),
        Column(HistoryColumn.OLD, QT_TRANSLATE_NOOP("HistoryView", "Old value"),
               lambda r: value_text(r.old_text)),
        Column(HistoryColumn.NEW, QT_TRANSLATE_NOOP("HistoryView", "New value"),
               lambda r: value_text(r.new_text)),
    )
    page_size = 100_000  # fetched whole from the server; nothing to page in
    header_context = "HistoryView"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[HistoryRow] = []

    def load_page(self, offset: int, limit: int) -> list[HistoryRow]:
        return self.rows[offset:offset + limit]

    def show_rows(self, rows: list[HistoryRow]) -> None:
        self.rows = rows
        self.reload()


def failure_text(exc: BaseException) -> str:
    if isinstance(exc, NetworkError):
        return translate("HistoryView", NEEDS_CONNECTION)
    if isinstance(exc, RequestRejected) and exc.code == ErrorCode.NOT_FOUND:
        return translate("HistoryView", NOT_ON_SERVER)
    return message_text(user_message(exc))


def changes_text(count: int) -> str:
    if count == 0:
        return translate("HistoryView", "No changes recorded on the server yet.")
    if count == 1:
        return translate("HistoryView", "1 change recorded on the server.")
    return translate("HistoryView", "%n changes recorded on the server, newest first.", None,
                     count)


class HistoryView(QWidget):
    """``loaded(count)`` or ``failed(message)`` after each fetch."""

    loaded = Signal(int)
    failed = Signal(str)

    def __init__(self, store: Store, runner: Runner, source: SourceFactory | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner, self._source = store, runner, source
        self._record: tuple[str, str] | None = None
        self._requests = itertools.count(1)
        self._latest = 0
        self.model = HistoryModel(self)
        self.table = make_table(self)
        self.table.setModel(self.model)
        for column, width in ((0, 130), (1, 110), (2, 140), (3, 130), (4, 240)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.refresh_button = QPushButton(translate("HistoryView", "Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.message, 1)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def show_record(self, entity: str, row_id: str) -> None:
        """Fetch the history of the record (again when it is the same one)."""
        if self._record != (entity, row_id):
            self.model.show_rows([])
        self._record = (entity, row_id)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._record is None:
            return
        if self._source is None:
            self._on_failed(self._latest, NetworkError("no server"))
            return
        request = self._latest = next(self._requests)
        entity, row_id = self._record
        store, source = self._store, self._source()
        formatter = locale_formatter()
        self.message.setText(translate("HistoryView", "Loading history from the server…"))
        self.message.setStyleSheet("color: #555;")
        self._runner.run(lambda: load_history(store, source, entity, row_id, formatter),
                         lambda rows: self._on_loaded(request, rows),
                         lambda exc: self._on_failed(request, exc))

    def _on_loaded(self, request: int, rows: list[HistoryRow]) -> None:
        if request != self._latest:
            return  # the user moved on to another record meanwhile
        self.model.show_rows(rows)
        self.message.setText(changes_text(len({r.pos for r in rows})))
        self.message.setStyleSheet("")
        self.loaded.emit(len(rows))

    def _on_failed(self, request: int, exc: BaseException) -> None:
        if request != self._latest:
            return
        text = failure_text(exc)
        self.message.setText(text)
        self.message.setStyleSheet("color: #b26a00;")
        self.failed.emit(text)


class HistoryDialog(QDialog):
    """The History of a contact, opportunity, visit or task, opened from its edit dialog."""

    def __init__(self, store: Store, runner: Runner, source: SourceFactory | None,
                 entity: str, row_id: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("HistoryDialog", "History — {title}").format(title=title))
        self.resize(1060, 440)
        self.view = HistoryView(store, runner, source, self)
        self.view.table.horizontalHeader().resizeSection(4, 250)  # old and new alike wide
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.view.show_record(entity, row_id)
