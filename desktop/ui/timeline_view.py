"""The account's Timeline: visits, deal moves, tasks and notes, newest first, filterable.

Read in the background from ``desktop.services.timeline.account_timeline``; the kind buttons
and the text filter only narrow what is shown. Enter or a double-click asks to open the item
(``item_opened(TimelineItem)``): the account screen opens its dialog.
"""

from __future__ import annotations

import enum
import itertools
from datetime import datetime, time

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.timeline import TimelineItem, TimelineKind, account_timeline
from desktop.services.times import utcnow
from desktop.store import Store
from desktop.ui.i18n import message_text, translate
from desktop.ui.locale_format import date_text, datetime_text
from desktop.ui.runner import Runner
from desktop.ui.table_model import Column, Roles, RowTableModel
from desktop.ui.widgets import make_table
from shared.i18n import QT_TRANSLATE_NOOP

KIND_LABELS = {
    TimelineKind.VISIT: QT_TRANSLATE_NOOP("TimelineView", "Visit"),
    TimelineKind.OPPORTUNITY: QT_TRANSLATE_NOOP("TimelineView", "Opportunity"),
    TimelineKind.STAGE_CHANGE: QT_TRANSLATE_NOOP("TimelineView", "Stage change"),
    TimelineKind.TASK: QT_TRANSLATE_NOOP("TimelineView", "Task"),
    TimelineKind.NOTE: QT_TRANSLATE_NOOP("TimelineView", "Note"),
}
KIND_COLORS = {
    TimelineKind.VISIT: QColor("#00796b"),
    TimelineKind.OPPORTUNITY: QColor("#6a1b9a"),
    TimelineKind.STAGE_CHANGE: QColor("#8e24aa"),
    TimelineKind.TASK: QColor("#c25e00"),
    TimelineKind.NOTE: QColor("#546e7a"),
}
UPCOMING_COLOR = QColor("#1565c0")


class KindFilter(enum.Enum):
    """The filter buttons, in order; each shows some kinds (ALL: every kind)."""

    ALL = "all"
    VISITS = "visits"
    OPPORTUNITIES = "opportunities"
    TASKS = "tasks"
    NOTES = "notes"


FILTER_KINDS: dict[KindFilter, frozenset[TimelineKind] | None] = {
    KindFilter.ALL: None,
    KindFilter.VISITS: frozenset({TimelineKind.VISIT}),
    KindFilter.OPPORTUNITIES: frozenset({TimelineKind.OPPORTUNITY, TimelineKind.STAGE_CHANGE}),
    KindFilter.TASKS: frozenset({TimelineKind.TASK}),
    KindFilter.NOTES: frozenset({TimelineKind.NOTE}),
}
FILTER_LABELS = {
    KindFilter.ALL: QT_TRANSLATE_NOOP("TimelineView", "All"),
    KindFilter.VISITS: QT_TRANSLATE_NOOP("TimelineView", "Visits"),
    KindFilter.OPPORTUNITIES: QT_TRANSLATE_NOOP("TimelineView", "Opportunities"),
    KindFilter.TASKS: QT_TRANSLATE_NOOP("TimelineView", "Tasks"),
    KindFilter.NOTES: QT_TRANSLATE_NOOP("TimelineView", "Notes"),
}


class TimelineColumn(enum.Enum):
    WHEN = "when"
    KIND = "kind"
    WHAT = "what"
    DETAIL = "detail"


def when_text(item: TimelineItem) -> str:
    """Local date and time; a task placed by its due date shows just that date."""
    if item.kind == TimelineKind.TASK and item.when.time() == time.min:
        return date_text(item.when.date())
    return datetime_text(item.when)


def kind_text(item: TimelineItem) -> str:
    return "●  " + translate("TimelineView", KIND_LABELS[item.kind])


def one_line(text: str) -> str:
    return message_text(text).replace("\n", " ⏎ ")


class TimelineModel(RowTableModel[TimelineItem]):
    """All items of the account; ``kinds`` and ``text`` choose which are shown."""

    columns = (
        Column(TimelineColumn.WHEN, QT_TRANSLATE_NOOP("TimelineView", "When"), when_text,
               sort=lambda i: i.when),
        Column(TimelineColumn.KIND, QT_TRANSLATE_NOOP("TimelineView", "Kind"), kind_text,
               color=lambda i: KIND_COLORS.get(i.kind)),
        Column(TimelineColumn.WHAT, QT_TRANSLATE_NOOP("TimelineView", "What"),
               lambda i: one_line(i.title)),
        Column(TimelineColumn.DETAIL, QT_TRANSLATE_NOOP("TimelineView", "Details"),
               lambda i: one_line(i.detail)),
    )
    page_size = 100_000  # one account's history: read whole
    header_context = "TimelineView"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[TimelineItem] = []
        self.kinds: frozenset[TimelineKind] | None = None
        self.text = ""
        self.now = utcnow()

    def load_page(self, offset: int, limit: int) -> list[TimelineItem]:
        return self.shown()[offset:offset + limit]

    def shown(self) -> list[TimelineItem]:
        needle = self.text.strip().casefold()
        return [i for i in self.items
                if (self.kinds is None or i.kind in self.kinds)
                and (not needle or needle in f"{message_text(i.title)}\n"
                     f"{message_text(i.detail)}".casefold())]

    def show_items(self, items: list[TimelineItem]) -> None:
        self.items, self.now = items, utcnow()
        self.reload()

    def row_color(self, row: TimelineItem) -> QColor | None:
        return UPCOMING_COLOR if is_upcoming(row, self.now) else None



class TimelineView(QWidget):
    """``show_account(id)`` reads the timeline (``loaded(count)`` after); ``item_opened``."""

    item_opened = Signal(object)  # the TimelineItem to open
    loaded = Signal(int)

    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner = store, runner
        self._requests = itertools.count(1)
        self._latest = 0
        self.account_id: str | None = None
        self.model = TimelineModel(self)
        self.table = make_table(self)
        self.table.setModel(self.model)
        for column, width in enumerate((150, 130, 300)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.activated.connect(self._on_activated)
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[KindFilter, QPushButton] = {}
        for kind in KindFilter:
            button = QPushButton(translate("TimelineView", FILTER_LABELS[kind]))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.toggled.connect(lambda on, k=kind: on and self.set_filter(k))
            self.filter_group.addButton(button)
            self.filter_buttons[kind] = button
        self.search = QLineEdit(placeholderText=translate("TimelineView", "Filter by text…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(260)
        self.search.textChanged.connect(self._on_text)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #5f6670;")
        self.empty_label = QLabel()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #5f6670; padding: 24px;")
        self.empty_label.setVisible(False)
        self._layout()
        self.filter_buttons[KindFilter.ALL].setChecked(True)

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.setSpacing(4)
        for button in self.filter_buttons.values():
            bar.addWidget(button)
        bar.addSpacing(12)
        bar.addWidget(self.search, 1)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)

    @property
    def current_filter(self) -> KindFilter:
        return next((k for k, b in self.filter_buttons.items() if b.isChecked()), KindFilter.ALL)

    def set_filter(self, kind: KindFilter) -> None:
        """Show only the items of *kind* (the button shows as pressed)."""
        self.filter_buttons[kind].setChecked(True)
        if self.model.kinds != FILTER_KINDS[kind]:
            self.model.kinds = FILTER_KINDS[kind]
            self._show()

    def _on_text(self, text: str) -> None:
        self.model.text = text
        self._show()

    def show_account(self, account_id: str) -> None:
        if account_id != self.account_id:
            self.model.show_items([])
            self.search.clear()
            self.set_filter(KindFilter.ALL)
        self.account_id = account_id
        self.refresh()

    def refresh(self) -> None:
        if self.account_id is None:
            return
        request = self._latest = next(self._requests)
        store, account_id = self._store, self.account_id
        self._runner.run(lambda: account_timeline(store, account_id),
                         lambda items: self._on_loaded(request, account_id, items))

    def _on_loaded(self, request: int, account_id: str, items: list[TimelineItem]) -> None:
        if request != self._latest or account_id != self.account_id:
            return  # another account is shown by now
        current = self.table.currentIndex()
        keep = self.model.data(current, Roles.ROW) if current.isValid() else None
        self.model.show_items(items)
        self._update_labels()
        if keep is not None:
            self._select(keep)
        self.loaded.emit(len(items))

    def _show(self) -> None:
        self.model.reload()
        self._update_labels()

    def _select(self, item: TimelineItem) -> None:
        row = next((n for n, i in enumerate(self.model.shown())
                    if (i.kind, i.record_id) == (item.kind, item.record_id)), -1)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def _update_labels(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.items)
        if shown == total:
            self.count_label.setText(translate("TimelineView", "1 item") if total == 1 else
                                     translate("TimelineView", "%n items", None, total))
        else:
            self.count_label.setText(translate("TimelineView", "Showing {shown} of {total}").format(
                shown=shown, total=total))
        self.empty_label.setText(
            translate("TimelineView", "Nothing has happened on this account yet.") if not total
            else translate("TimelineView", "Nothing matches the filter."))
        self.empty_label.setVisible(shown == 0)
        self.table.setVisible(shown > 0)

    def open_current(self) -> None:
        self._on_activated(self.table.currentIndex())

    def _on_activated(self, index: QModelIndex) -> None:
        item = self.model.data(index, Roles.ROW) if index.isValid() else None
        if item is not None:
            self.item_opened.emit(item)


def is_upcoming(item: TimelineItem, now: datetime | None = None) -> bool:
    """True for an item still ahead (a planned visit, a task due later)."""
    return item.when > (now or utcnow())
