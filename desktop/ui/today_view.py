"""Today: the rep's agenda (visits, tasks, customers due by cadence) and trip readiness.

Each planned visit line can be started, ended, rescheduled or cancelled (the buttons above
the agenda act on the selected line; the same actions are on its context menu and keys);
Enter or a double click on any line opens its account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.services.times import to_local, utcnow
from desktop.store import Changes, Store
from desktop.sync import user_message
from desktop.ui.events import AppEvents
from desktop.ui.i18n import message_text, translate
from desktop.ui.item_text import fit_item
from desktop.ui.locale_format import date_pattern, date_text, datetime_text, time_text
from desktop.ui.runner import Runner
from desktop.ui.sync_controller import SyncController
from desktop.ui.table_model import OVERDUE_COLOR
from desktop.ui.visit_actions import VisitActions
from desktop.ui.visit_text import purpose_text, status_text
from desktop.ui.widgets import GROUP_PROPERTY
from shared.i18n import QT_TRANSLATE_NOOP
from shared.models.enums import VisitStatus
from shared.rules.readiness import ReadinessLevel

if TYPE_CHECKING:
    from desktop.services.agenda import AgendaVisit
    from desktop.services.readiness import TripReport
    from desktop.services.today import AgendaTask, CadenceLine, TodayView

ACCOUNT_ROLE = Qt.ItemDataRole.UserRole + 1
VISIT_ROLE = Qt.ItemDataRole.UserRole + 2  # on visit lines: the visit id
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # on visit lines: its status
LEVEL_COLORS = {ReadinessLevel.GREEN: "#2e7d32", ReadinessLevel.AMBER: "#b26a00",
                ReadinessLevel.RED: "#c62828"}
LEVEL_WORDS = {ReadinessLevel.GREEN: QT_TRANSLATE_NOOP("TodayScreen", "Ready"),
               ReadinessLevel.AMBER: QT_TRANSLATE_NOOP("TodayScreen", "Check"),
               ReadinessLevel.RED: QT_TRANSLATE_NOOP("TodayScreen", "Missing")}
MUTED = QColor("#777")
UNDER_WAY = QColor("#2e7d32")

# The visit actions: (key, keyboard shortcut); their texts are in _action_texts().
VISIT_KEYS = (("start", "Ctrl+Shift+S"), ("end", "Ctrl+Shift+E"),
              ("reschedule", "Ctrl+Shift+R"), ("cancel", "Delete"))
PLAN_KEY = "Ctrl+P"  # the main window's Plan visit… (shown in the tooltip)


def counted(text: str, n: int) -> str:
    """English without a plural catalogue: "%n day(s)" reads "1 day" / "2 days"."""
    return text.replace("(s)", "" if n == 1 else "s")


def _action_texts() -> dict[str, tuple[str, str]]:
    return {
        "start": (translate("TodayScreen", "Start"),
                  translate("TodayScreen", "Start the selected visit now (stamps the time)")),
        "end": (translate("TodayScreen", "End…"),
                translate("TodayScreen", "End the selected visit: outcome, notes, next step")),
        "reschedule": (translate("TodayScreen", "Reschedule…"),
                       translate("TodayScreen", "Move the selected visit to another time")),
        "cancel": (translate("TodayScreen", "Cancel visit"),
                   translate("TodayScreen", "Cancel the selected visit (asks first)")),
    }


@dataclass(frozen=True)
class TodayData:
    agenda: TodayView
    trip: TripReport


def load_today(store: Store) -> TodayData:
    """Runs on a worker thread: the agenda and the readiness of the coming visits.

    Their services are imported here, on that thread, after the window is up."""
    from desktop.services.readiness import trip_readiness
    from desktop.services.today import today

    now = utcnow()
    return TodayData(today(store, date.today(), now), trip_readiness(store, now))


class TodayScreen(QWidget):
    """Emits ``account_opened(id)`` when a line is double-clicked or Enter is pressed."""

    account_opened = Signal(str)
    loaded = Signal(object)  # the TodayData now shown

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 controller: SyncController, parent: QWidget | None = None, *,
                 load: bool = True) -> None:
        """*load*: start loading at once (else the first ``refresh()`` is the caller's)."""
        super().__init__(parent)
        self._store, self._runner, self._controller = store, runner, controller
        self._latest = 0
        self.data: TodayData | None = None
        self.visit_actions = VisitActions(store, runner, events, self)
        self.agenda = QTreeWidget()
        self.agenda.setColumnCount(3)
        self.agenda.setHeaderLabels([translate("TodayScreen", "Today"),
                                     translate("TodayScreen", "Account"),
                                     translate("TodayScreen", "Details")])
        self.agenda.setAlternatingRowColors(True)
        self.agenda.setRootIsDecorated(False)
        self.agenda.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.agenda.header().resizeSection(0, 290)
        self.agenda.header().resizeSection(1, 240)
        self.agenda.itemActivated.connect(self._open_agenda_item)
        self.agenda.currentItemChanged.connect(lambda *_: self._update_actions())
        self.agenda.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.agenda.customContextMenuRequested.connect(self._context_menu)
        self._build_actions()
        self.readiness = QListWidget()
        self.readiness.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.readiness.setSpacing(1)
        self.readiness.itemActivated.connect(self._open_readiness_item)
        self.level_label = QLabel()
        self.level_label.setTextFormat(Qt.TextFormat.RichText)
        self.refreshed_label = QLabel()
        self.refreshed_label.setStyleSheet("color: #555;")
        self.refreshed_label.setWordWrap(True)
        self.sync_button = QPushButton(translate("TodayScreen", "Sync now"))
        self.sync_button.clicked.connect(lambda: self._controller.sync_now())
        self._layout()
        events.data_changed.connect(self._on_data_changed)
        controller.online_changed.connect(self._show_online)
        controller.sync_finished.connect(lambda _report: self.refresh())
        self._show_online(controller.online is True)
        self._update_actions()
        if load:
            self.refresh()

    def _build_actions(self) -> None:
        """Plan visit… for the screen; the four visit actions for the selected line."""
        self.plan_action = QAction(translate("TodayScreen", "Plan visit…"), self)
        # Ctrl+P itself belongs to the main window's "Plan visit…" (one owner per key)
        self.plan_action.triggered.connect(lambda: self.visit_actions.plan(None))
        self.addAction(self.plan_action)
        self.plan_button = QPushButton(self.plan_action.text())
        self.plan_button.setToolTip(translate("TodayScreen", "Plan a visit ({key})").format(
            key=QKeySequence(PLAN_KEY).toString(QKeySequence.SequenceFormat.NativeText)))
        self.plan_button.clicked.connect(self.plan_action.trigger)
        self.actions_for_visit: dict[str, QAction] = {}
        self.visit_buttons: dict[str, QPushButton] = {}
        texts = _action_texts()
        for key, shortcut in VISIT_KEYS:
            text, tip = texts[key]
            action = QAction(text, self.agenda)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # keys on the agenda
            action.setProperty(GROUP_PROPERTY, translate("TodayScreen", "Today"))
            action.triggered.connect(lambda _checked=False, k=key: self._act(k))
            self.agenda.addAction(action)
            self.actions_for_visit[key] = action
            button = QPushButton(text)
            native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{tip} ({native})")
            button.clicked.connect(action.trigger)
            self.visit_buttons[key] = button

    def _layout(self) -> None:
        side = QVBoxLayout()
        title = QLabel(translate("TodayScreen", "Trip readiness — visits in the next 3 days"))
        title.setStyleSheet("font-weight: 600; font-size: 11pt;")
        side.addWidget(title)
        side.addWidget(self.level_label)
        side.addWidget(self.readiness, 1)
        side.addWidget(self.refreshed_label)
        side.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignLeft)
        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(370)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 4, 0, 0)
        bar.setSpacing(6)
        bar.addWidget(self.plan_button)
        bar.addSpacing(18)
        self.selected_label = QLabel(translate("TodayScreen", "Selected visit:"))
        self.selected_label.setStyleSheet("color: #555;")
        bar.addWidget(self.selected_label)
        for key, _shortcut in VISIT_KEYS:
            bar.addWidget(self.visit_buttons[key])
        bar.addStretch(1)
        main = QVBoxLayout()
        main.setContentsMargins(0, 0, 0, 0)
        main.setSpacing(6)
        main.addLayout(bar)
        main.addWidget(self.agenda, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(main, 1)
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
            self.level_label.setText(translate("TodayScreen", "Could not load today: {reason}")
                                     .format(reason=message_text(user_message(exc))))

    def _on_data_changed(self, changes: Changes) -> None:
        if not changes.entities or changes.entities & {
                "account", "visit", "task", "contact", "opportunity", "cadence_rule", "user"}:
            self.refresh()

    @Slot(bool)
    def _show_online(self, online: bool) -> None:
        self.sync_button.setEnabled(online)
        if not online:
            self.sync_button.setToolTip(translate(
                "TodayScreen", "Offline: the server cannot be reached right now"))
        else:
            self.sync_button.setToolTip(translate(
                "TodayScreen", "Fetch the latest from the server before you lose signal"))

    # -- the agenda ------------------------------------------------------------------
    def _show_agenda(self, view: TodayView) -> None:
        kept = self.selected_visit()
        self.agenda.clear()
        today_visits = [_visit_line(v, with_day=False) for v in view.planned_today]
        week_visits = [_visit_line(v, with_day=True) for v in view.planned_this_week]
        overdue = [_task_line(t, overdue=True) for t in view.overdue_tasks]
        due_today = [_task_line(t) for t in view.due_today_tasks]
        cadence = [_cadence_line(c, view.cadence_table) for c in view.cadence_due]
        self._section(translate("TodayScreen", "Visits today"),
                      translate("TodayScreen", "Visits today (%n)", None, len(today_visits)),
                      today_visits, translate("TodayScreen", "No visits planned today"))
        self._section(translate("TodayScreen", "Visits this week"),
                      translate("TodayScreen", "Visits this week (%n)", None, len(week_visits)),
                      week_visits, translate("TodayScreen", "Nothing else planned this week"))
        self._section(translate("TodayScreen", "Overdue tasks"),
                      translate("TodayScreen", "Overdue tasks (%n)", None, len(overdue)),
                      overdue, translate("TodayScreen", "No overdue tasks"))
        self._section(translate("TodayScreen", "Tasks due today"),
                      translate("TodayScreen", "Tasks due today (%n)", None, len(due_today)),
                      due_today, translate("TodayScreen", "No tasks due today"))
        self._section(translate("TodayScreen", "Customers due for a visit"),
                      translate("TodayScreen", "Customers due for a visit (%n)", None,
                                len(cadence)),
                      cadence, translate("TodayScreen",
                                         "Every customer is within their visit cadence"))
        self.agenda.expandAll()
        if kept is not None:
            self.select_visit(kept)
        self._update_actions()

    def _section(self, title: str, counted_title: str, lines: list[QTreeWidgetItem],
                 empty: str) -> None:
        head = QTreeWidgetItem(self.agenda, [counted_title if lines else title])
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

    # -- visit actions -----------------------------------------------------------------
    def selected_visit(self) -> str | None:
        item = self.agenda.currentItem()
        return item.data(0, VISIT_ROLE) if item is not None else None

    def select_visit(self, visit_id: str) -> bool:
        """Make the visit's line the current one; False when it is not on Today."""
        for i in range(self.agenda.topLevelItemCount()):
            head = self.agenda.topLevelItem(i)
            for j in range(head.childCount()):
                if head.child(j).data(0, VISIT_ROLE) == visit_id:
                    self.agenda.setCurrentItem(head.child(j))
                    return True
        return False

    def _available(self) -> set[str]:
        item = self.agenda.currentItem()
        if item is None or not item.data(0, VISIT_ROLE):
            return set()
        return self.visit_actions.available(item.data(0, STATUS_ROLE))

    def _update_actions(self) -> None:
        available = self._available()
        for key, action in self.actions_for_visit.items():
            action.setEnabled(key in available)
            self.visit_buttons[key].setEnabled(key in available)

    def _act(self, key: str) -> None:
        visit_id = self.selected_visit()
        if visit_id is None or key not in self._available():
            return
        {"start": self.visit_actions.start, "end": self.visit_actions.end,
         "reschedule": self.visit_actions.reschedule,
         "cancel": self.visit_actions.cancel}[key](visit_id)

    @Slot(QPoint)
    def _context_menu(self, point: QPoint) -> None:
        item = self.agenda.itemAt(point)
        if item is None or not item.data(0, ACCOUNT_ROLE):
            return
        self.agenda.setCurrentItem(item)
        self.menu = QMenu(self)
        if item.data(0, VISIT_ROLE):
            for key, _shortcut in VISIT_KEYS:
                self.menu.addAction(self.actions_for_visit[key])
            self.menu.addSeparator()
        opened = self.menu.addAction(translate("TodayScreen", "Open account"))
        opened.triggered.connect(lambda: self._open_agenda_item(item, 0))
        self.menu.popup(self.agenda.viewport().mapToGlobal(point))

    # -- trip readiness ----------------------------------------------------------------
    def _show_trip(self, trip: TripReport) -> None:
        color = LEVEL_COLORS[trip.level]
        word = translate("TodayScreen", LEVEL_WORDS[trip.level])
        count = len(trip.lines)
        summary = (counted(translate("TodayScreen", "%n planned visit(s)", None, count), count)
                   if count else translate("TodayScreen", "No visits planned"))
        self.level_label.setText(f"<span style='color:{color}; font-size:14pt'>●</span> "
                                 f"<b style='color:{color}'>{word}</b> — {summary}")
        self.readiness.clear()
        for line in trip.lines:
            level = line.readiness.level
            reasons = [message_text(r) for r in line.readiness.reasons] or [
                translate("TodayScreen", "Everything is on this laptop")]
            when = when_text(line.visit.planned_start, with_day=True)
            text = "\n".join([f"● {when}  {line.visit.account_name}",
                              *(f"     {reason}" for reason in reasons)])
            item = QListWidgetItem(text, self.readiness)
            item.setForeground(QBrush(QColor(LEVEL_COLORS[level])))
            item.setData(ACCOUNT_ROLE, line.visit.account_id)
            item.setToolTip(translate("TodayScreen", "{level}: {reasons}").format(
                level=translate("TodayScreen", LEVEL_WORDS[level]), reasons="; ".join(reasons)))
            fit_item(item, self.readiness.font())
        refreshed = datetime_text(trip.refreshed_at) if trip.refreshed_at else \
            translate("TodayScreen", "never")
        self.refreshed_label.setText(translate(
            "TodayScreen", "Last refreshed from the server: {when}").format(when=refreshed))

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


def when_text(stored: datetime | None, with_day: bool) -> str:
    """A planned time as the agenda shows it: "14:00", or with the day "Wed 12-02 14:00"
    (the locale's short date without its year, weekday first)."""
    shown = to_local(stored)
    if stored is None or shown is None:
        return ""
    if not with_day:
        return time_text(stored)
    locale = QLocale()
    day = QDate(shown.year, shown.month, shown.day)
    month_day = re.sub(r"[^dM]*y+[^dM]*", "", date_pattern(locale)) or "MM-dd"
    return f"{locale.toString(day, 'ddd')} {locale.toString(day, month_day)} {time_text(stored)}"


def _visit_line(visit: AgendaVisit, with_day: bool) -> QTreeWidgetItem:
    purpose = purpose_text(visit.purpose) or translate("TodayScreen", "Visit")
    status = "" if visit.status == VisitStatus.PLANNED.value else status_text(visit.status)
    under_way = visit.status == VisitStatus.IN_PROGRESS.value
    item = _line([f"{when_text(visit.planned_start, with_day)}  {purpose}", visit.account_name,
                  status], visit.account_id, UNDER_WAY if under_way else None)
    item.setData(0, VISIT_ROLE, visit.id)
    item.setData(0, STATUS_ROLE, visit.status)
    return item


def _task_line(task: AgendaTask, overdue: bool = False) -> QTreeWidgetItem:
    parts = [translate("TodayScreen", "due {date}").format(date=date_text(task.due_date))
             ] if task.due_date else []
    if overdue and task.due_date:
        late = (date.today() - task.due_date).days
        parts.append(counted(translate("TodayScreen", "%n day(s) overdue", None, late), late))
    if task.priority == "high":
        parts.append(translate("TodayScreen", "high priority"))
    return _line([task.title, task.account_name, " · ".join(parts)], task.account_id,
                 OVERDUE_COLOR if overdue else None)


def _cadence_line(line: CadenceLine, table: dict[str, int]) -> QTreeWidgetItem:
    due = line.due
    every = table.get(due.tier)
    since = (translate("TodayScreen", "never visited") if due.days_since is None
             else counted(translate("TodayScreen", "%n day(s) since last visit", None,
                                    due.days_since), due.days_since))
    late = (counted(translate("TodayScreen", "%n day(s) overdue", None, due.days_overdue),
                    due.days_overdue) if due.days_overdue
            else translate("TodayScreen", "due today"))
    cadence = (translate("TodayScreen", "Tier {tier} · every {days} days").format(
        tier=due.tier, days=every) if every
        else translate("TodayScreen", "Tier {tier}").format(tier=due.tier))
    return _line([cadence, line.account.name, f"{since} · {late}"], line.account.id,
                 OVERDUE_COLOR if due.days_overdue else None)
