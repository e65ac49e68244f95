"""Today: the rep's agenda (visits, tasks, customers due by cadence) and trip readiness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.services.agenda import AgendaVisit
from desktop.services.readiness import TripReport, trip_readiness
from desktop.services.times import local_text, utcnow
from desktop.services.today import AgendaTask, CadenceLine, TodayView, today
from desktop.services.visit_plans import template_label
from desktop.store import Changes, Store
from desktop.sync import user_message
from desktop.ui.events import AppEvents
from desktop.ui.item_text import fit_item
from desktop.ui.runner import Runner
from desktop.ui.sync_controller import SyncController
from desktop.ui.table_model import OVERDUE_COLOR
from shared.rules.readiness import ReadinessLevel

ACCOUNT_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_COLORS = {ReadinessLevel.GREEN: "#2e7d32", ReadinessLevel.AMBER: "#b26a00",
                ReadinessLevel.RED: "#c62828"}
LEVEL_WORDS = {ReadinessLevel.GREEN: "Ready", ReadinessLevel.AMBER: "Check",
               ReadinessLevel.RED: "Missing"}
MUTED = QColor("#777")


@dataclass(frozen=True)
class TodayData:
    agenda: TodayView
    trip: TripReport


def load_today(store: Store) -> TodayData:
    """Runs on a worker thread: the agenda and the readiness of the coming visits."""
    now = utcnow()
    return TodayData(today(store, date.today(), now), trip_readiness(store, now))


class TodayScreen(QWidget):
    """Emits ``account_opened(id)`` when a line is double-clicked or Enter is pressed."""

    account_opened = Signal(str)
    loaded = Signal(object)  # the TodayData now shown

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner, self._controller = store, runner, controller
        self._latest = 0
        self.data: TodayData | None = None
        self.agenda = QTreeWidget()
        self.agenda.setColumnCount(3)
        self.agenda.setHeaderLabels(["Today", "Account", "Details"])
        self.agenda.setAlternatingRowColors(True)
        self.agenda.setRootIsDecorated(False)
        self.agenda.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.agenda.header().resizeSection(0, 290)
        self.agenda.header().resizeSection(1, 240)
        self.agenda.itemActivated.connect(self._open_agenda_item)
        self.readiness = QListWidget()
        self.readiness.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.readiness.setSpacing(1)
        self.readiness.itemActivated.connect(self._open_readiness_item)
        self.level_label = QLabel()
        self.level_label.setTextFormat(Qt.TextFormat.RichText)
        self.refreshed_label = QLabel()
        self.refreshed_label.setStyleSheet("color: #555;")
        self.refreshed_label.setWordWrap(True)
        self.sync_button = QPushButton("Sync now")
        self.sync_button.setToolTip("Fetch the latest from the server before you lose signal")
        self.sync_button.clicked.connect(lambda: self._controller.sync_now())
        self._layout()
        events.data_changed.connect(self._on_data_changed)
        controller.online_changed.connect(self._show_online)
        controller.sync_finished.connect(lambda _report: self.refresh())
        self._show_online(controller.online is True)
        self.refresh()

    def _layout(self) -> None:
        side = QVBoxLayout()
        title = QLabel("Trip readiness — visits in the next 3 days")
        title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        side.addWidget(title)
        side.addWidget(self.level_label)
        side.addWidget(self.readiness, 1)
        side.addWidget(self.refreshed_label)
        side.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignLeft)
        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(370)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.agenda, 1)
        layout.addWidget(panel)

    # -- loading -----------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        """Load in the background; an answer overtaken by a newer refresh is dropped."""
        self._latest += 1
        number, store = self._latest, self._store
        self._runner.run(lambda: load_today(store), lambda data: self._loaded(number, data),
                         lambda exc: self._failed(number, exc))

    def _loaded(self, number: int, data: TodayData) -> None:
        if number != self._latest or not isValid(self):
            return
        self.data = data
        self._show_agenda(data.agenda)
        self._show_trip(data.trip)
        self.loaded.emit(data)

    def _failed(self, number: int, exc: BaseException) -> None:
        if number == self._latest and isValid(self):
            self.level_label.setText(f"Could not load today: {user_message(exc)}")

    def _on_data_changed(self, changes: Changes) -> None:
        if not changes.entities or changes.entities & {
                "account", "visit", "task", "contact", "opportunity", "cadence_rule", "user"}:
            self.refresh()

    @Slot(bool)
    def _show_online(self, online: bool) -> None:
        self.sync_button.setEnabled(online)
        if not online:
            self.sync_button.setToolTip("Offline: the server cannot be reached right now")
        else:
            self.sync_button.setToolTip("Fetch the latest from the server")

    # -- the agenda ------------------------------------------------------------------
    def _show_agenda(self, view: TodayView) -> None:
        self.agenda.clear()
        self._section("Visits today", [_visit_line(v, "%H:%M") for v in view.planned_today],
                      "No visits planned today")
        self._section("Visits this week", [_visit_line(v, "%a %m-%d %H:%M")
                                           for v in view.planned_this_week],
                      "Nothing else planned this week")
        self._section("Overdue tasks", [_task_line(t, overdue=True) for t in view.overdue_tasks],
                      "No overdue tasks")
        self._section("Tasks due today", [_task_line(t) for t in view.due_today_tasks],
                      "No tasks due today")
        self._section("Customers due for a visit",
                      [_cadence_line(c, view.cadence_table) for c in view.cadence_due],
                      "Every customer is within their visit cadence")
        self.agenda.expandAll()

    def _section(self, title: str, lines: list[QTreeWidgetItem], empty: str) -> None:
        head = QTreeWidgetItem(self.agenda, [f"{title} ({len(lines)})" if lines else title])
        font = QFont(head.font(0))
        font.setBold(True)
        head.setFont(0, font)
        head.setForeground(0, QBrush(QColor("#1565c0")))
        head.setFirstColumnSpanned(True)
        head.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if not lines:
            none = QTreeWidgetItem(head, [f"    {empty}"])
            none.setForeground(0, QBrush(MUTED))
            none.setFlags(Qt.ItemFlag.NoItemFlags)
        head.addChildren(lines)

    def _open_agenda_item(self, item: QTreeWidgetItem, _column: int) -> None:
        account_id = item.data(0, ACCOUNT_ROLE)
        if account_id:
            self.account_opened.emit(account_id)

    # -- trip readiness ----------------------------------------------------------------
    def _show_trip(self, trip: TripReport) -> None:
        color, word = LEVEL_COLORS[trip.level], LEVEL_WORDS[trip.level]
        count = len(trip.lines)
        summary = (f"{count} planned visit{'s' if count != 1 else ''}" if count
                   else "No visits planned")
        self.level_label.setText(f"<span style='color:{color}; font-size:14pt'>●</span> "
                                 f"<b style='color:{color}'>{word}</b> — {summary}")
        self.readiness.clear()
        for line in trip.lines:
            level = line.readiness.level
            reasons = line.readiness.reasons or ("Everything is on this laptop",)
            when = local_text(line.visit.planned_start, "%a %m-%d %H:%M")
            text = "\n".join([f"● {when}  {line.visit.account_name}",
                              *(f"     {reason}" for reason in reasons)])
            item = QListWidgetItem(text, self.readiness)
            item.setForeground(QBrush(QColor(LEVEL_COLORS[level])))
            item.setData(ACCOUNT_ROLE, line.visit.account_id)
            item.setToolTip(f"{LEVEL_WORDS[level]}: {'; '.join(reasons)}")
            fit_item(item, self.readiness.font())
        refreshed = local_text(trip.refreshed_at) if trip.refreshed_at else "never"
        self.refreshed_label.setText(f"Last refreshed from the server: {refreshed}")

    def _open_readiness_item(self, item: QListWidgetItem) -> None:
        account_id = item.data(ACCOUNT_ROLE)
        if account_id:
            self.account_opened.emit(account_id)


def _line(texts: list[str], account_id: str | None,
          color: QColor | None = None) -> QTreeWidgetItem:
    item = QTreeWidgetItem(["    " + texts[0], *texts[1:]])
    item.setData(0, ACCOUNT_ROLE, account_id)
    item.setToolTip(0, texts[0])
    if color is not None:
        for column in range(len(texts)):
            item.setForeground(column, QBrush(color))
    return item


def _visit_line(visit: AgendaVisit, fmt: str) -> QTreeWidgetItem:
    purpose = template_label(visit.purpose) or "Visit"
    status = "" if visit.status == "planned" else visit.status.replace("_", " ")
    return _line([f"{local_text(visit.planned_start, fmt)}  {purpose}", visit.account_name,
                  status], visit.account_id)


def _task_line(task: AgendaTask, overdue: bool = False) -> QTreeWidgetItem:
    details = f"due {task.due_date.isoformat()}" if task.due_date else ""
    if overdue and task.due_date:
        late = (date.today() - task.due_date).days
        details += f" · {late} day{'s' if late != 1 else ''} overdue"
    if task.priority == "high":
        details += " · high priority"
    return _line([task.title, task.account_name, details], task.account_id,
                 OVERDUE_COLOR if overdue else None)


def _cadence_line(line: CadenceLine, table: dict[str, int]) -> QTreeWidgetItem:
    due = line.due
    every = table.get(due.tier)
    since = ("never visited" if due.days_since is None
             else f"{due.days_since} days since last visit")
    late = f"{due.days_overdue} days overdue" if due.days_overdue else "due today"
    cadence = f"Tier {due.tier} · every {every} days" if every else f"Tier {due.tier}"
    return _line([cadence, line.account.name, f"{since} · {late}"], line.account.id,
                 OVERDUE_COLOR if due.days_overdue else None)
