"""The account screen (customer 360): a header with where the customer stands, and tabs for
details, contacts, visits, opportunities, the timeline and the server's history."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.services.accounts import AccountDetail, get_account
from desktop.services.contacts import ContactRow, contacts_of, get_contact
from desktop.services.opportunities import OpportunityRow, get_opportunity, opportunities_of
from desktop.services.tasks import get_task
from desktop.services.timeline import TimelineItem
from desktop.services.visits import VisitRow, get_visit, visits_of
from desktop.store import Changes, Store
from desktop.ui.account_form import AccountForm
from desktop.ui.account_header import AccountHeaderView
from desktop.ui.account_tabs import (
    CONTACT_COLUMNS,
    OPPORTUNITY_COLUMNS,
    VISIT_COLUMNS,
    ListModel,
    ListTab,
)
from desktop.ui.contact_dialog import ContactDialog
from desktop.ui.events import AppEvents
from desktop.ui.history_view import HistoryView, SourceFactory
from desktop.ui.i18n import translate
from desktop.ui.opportunity_dialog import OpportunityDialog
from desktop.ui.record_dialog import RecordDialog
from desktop.ui.runner import Runner
from desktop.ui.task_dialog import TaskDialog
from desktop.ui.timeline_view import TimelineView
from desktop.ui.visit_actions import VisitActions
from desktop.ui.visit_dialog import VisitDialog

ENTITIES_SHOWN = {"account", "contact", "visit", "opportunity", "task", "user", "territory"}
GONE_STYLE = "color: #b26a00;"


class AccountDetailView(QWidget):
    """Shows one account; ``back_requested`` returns to the list.

    Tabs: 0 Details, 1 Contacts, 2 Visits, 3 Opportunities, then Timeline
    (``timeline_tab``) and History (``history_tab``).
    """

    back_requested = Signal()
    contact_opened = Signal(str, str)  # (account id, contact id): an existing contact chosen

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget | None = None, *, history: SourceFactory | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner, self._events = store, runner, events
        self._history_source = history
        self.account: AccountDetail | None = None
        self.visit_dialog: VisitDialog | None = None  # the visit being edited, if any
        self.dialog: RecordDialog | None = None  # the last record opened from here
        self.header = AccountHeaderView(store, runner, self)
        self.title = self.header.title  # name and sync mark
        self.notice = QLabel()  # an item that could not be opened
        self.notice.setStyleSheet(GONE_STYLE)
        self.notice.setVisible(False)
        self.back_button = QPushButton(translate("AccountDetailView", "← All accounts"))
        self.back_button.clicked.connect(self.back_requested)
        self.visit_button = QPushButton(translate("AccountDetailView", "Log visit…"))
        self.visit_button.clicked.connect(self.log_visit)
        self.plan_button = QPushButton(translate("AccountDetailView", "Plan visit…"))
        self.visit_actions = VisitActions(store, runner, events, self)
        self._build_tabs(store, runner, events)
        self._build_visit_actions()
        self._layout()
        self._connect()
        events.data_changed.connect(self._on_data_changed)

    def _build_tabs(self, store: Store, runner: Runner, events: AppEvents) -> None:
        self.form = AccountForm(store, runner, events, self)
        self.contacts = ListTab(ListModel(CONTACT_COLUMNS, self._contacts),
                                translate("AccountDetailView", "Add contact…"),
                                (220, 200, 170, 260))
        self.visits = ListTab(ListModel(VISIT_COLUMNS, self._visits),
                              translate("AccountDetailView", "Log visit…"),
                              (140, 100, 220, 90, 420))
        self.opportunities = ListTab(ListModel(OPPORTUNITY_COLUMNS, self._opportunities),
                                     translate("AccountDetailView", "Add opportunity…"),
                                     (300, 120, 180, 70, 120))
        self.timeline = TimelineView(store, runner, self)
        self.history = HistoryView(store, runner, self._history_source)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.form, translate("AccountDetailView", "Details"))
        self.tabs.addTab(self.contacts, translate("AccountDetailView", "Contacts"))
        self.tabs.addTab(self.visits, translate("AccountDetailView", "Visits"))
        self.tabs.addTab(self.opportunities, translate("AccountDetailView", "Opportunities"))
        self.timeline_tab = self.tabs.addTab(self.timeline,
                                             translate("AccountDetailView", "Timeline"))
        self.history_tab = self.tabs.addTab(self.history,
                                            translate("AccountDetailView", "History"))

    def _build_visit_actions(self) -> None:
        """The Visits tab's buttons; those for the selected visit follow its status."""
        actions = self.visit_actions
        self.visit_action_buttons: dict[str, QPushButton] = {
            "start": QPushButton(translate("AccountDetailView", "Start")),
            "end": QPushButton(translate("AccountDetailView", "End…")),
            "reschedule": QPushButton(translate("AccountDetailView", "Reschedule…")),
            "cancel": QPushButton(translate("AccountDetailView", "Cancel visit")),
        }
        tips = {"start": translate("AccountDetailView", "You have arrived: the visit starts now"),
                "end": translate("AccountDetailView", "Outcome, notes and the next step"),
                "reschedule": translate("AccountDetailView", "Move the visit to another time"),
                "cancel": translate("AccountDetailView", "The visit will not take place")}
        handlers = {"start": actions.start, "end": actions.end,
                    "reschedule": actions.reschedule, "cancel": actions.cancel}
        for name, button in self.visit_action_buttons.items():
            button.setToolTip(tips[name])
            button.clicked.connect(lambda _=False, act=handlers[name]: self._on_visit_action(act))
            self.visits.add_button(button, left=True)
        self.visits_plan_button = QPushButton(translate("AccountDetailView", "Plan visit…"))
        self.visits.add_button(self.visits_plan_button)
        for button in (self.plan_button, self.visits_plan_button):
            button.clicked.connect(self.plan_visit)
        self.visits.current_changed.connect(self._update_visit_actions)
        actions.done.connect(self._on_visit_done)
        self._update_visit_actions(None)

    def _layout(self) -> None:
        self.header.add_leading(self.back_button)
        self.header.add_trailing(self.plan_button)
        self.header.add_trailing(self.visit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)

    def _connect(self) -> None:
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.contacts.action_button.clicked.connect(lambda: self.edit_contact(None))
        self.contacts.activated_row.connect(self.edit_contact)
        self.visits.action_button.clicked.connect(self.log_visit)
        self.visits.activated_row.connect(self.edit_visit)
        self.opportunities.action_button.clicked.connect(lambda: self.edit_opportunity(None))
        self.opportunities.activated_row.connect(self.edit_opportunity)
        self.timeline.item_opened.connect(self.open_item)

    def _contacts(self) -> list[ContactRow]:
        return contacts_of(self._store, self.account.id) if self.account else []

    def _visits(self) -> list[VisitRow]:
        return visits_of(self._store, self.account.id) if self.account else []

    def _opportunities(self) -> list[OpportunityRow]:
        return opportunities_of(self._store, self.account.id) if self.account else []

    def show_account(self, account_id: str, keep_edits: bool = False) -> bool:
        """Load *account_id*; False when it is not on this computer (any more).

        With *keep_edits* a form the user is still editing is left alone (a sync
        arrived meanwhile), so no unsaved input is ever thrown away.
        """
        account = get_account(self._store, account_id)
        if account is None:
            return False
        same = self.account is not None and self.account.id == account_id
        self.account = account
        if not same:
            self.notice.setVisible(False)
            if self.tabs.currentIndex() == self.history_tab:
                self.history.show_record("account", account_id)
        self.header.show_account(account)
        if not (keep_edits and same and self.form.is_dirty()):
            self.form.show_account(account)
        for tab in (self.contacts, self.visits, self.opportunities):
            if same:
                tab.reload()  # the same account again: keep the selected row
            else:
                tab.model.reload()
        self.timeline.show_account(account_id)
        self._count_tabs()
        return True

    def show_overview(self) -> None:
        """The Timeline tab: what happened on the account, newest first."""
        self.tabs.setCurrentIndex(self.timeline_tab)

    def _count_tabs(self) -> None:
        counts = ((1, translate("AccountDetailView", "Contacts ({count})"), self.contacts),
                  (2, translate("AccountDetailView", "Visits ({count})"), self.visits),
                  (3, translate("AccountDetailView", "Opportunities ({count})"),
                   self.opportunities))
        for index, text, tab in counts:
            self.tabs.setTabText(index, text.format(count=tab.model.rowCount()))

    def _on_tab_changed(self, index: int) -> None:
        if index == self.history_tab and self.account is not None:
            self.history.show_record("account", self.account.id)

    def _on_data_changed(self, changes: Changes) -> None:
        if self.account is None or not (changes.entities & ENTITIES_SHOWN
                                        or not changes.entities):
            return
        if not self.show_account(self.account.id, keep_edits=changes.origin != "local"):
            self.account = None
            self.back_requested.emit()  # deleted or out of scope now

    # -- visit actions ---------------------------------------------------------------------
    def plan_visit(self) -> None:
        if self.account is not None:
            self.visit_actions.plan(self.account.id)

    def _on_visit_action(self, action: Callable[[str], None]) -> None:
        visit = self.visits.current_row()
        if visit is not None:
            action(visit.id)

    def _update_visit_actions(self, visit: VisitRow | None) -> None:
        allowed = self.visit_actions.available(visit.status) if visit is not None else set()
        for name, button in self.visit_action_buttons.items():
            button.setEnabled(name in allowed)

    def _on_visit_done(self, visit_id: str) -> None:
        """Keep the visit just planned, started, ended… selected (its list reloaded first)."""
        if self.account is not None and self.visits.select_id(visit_id):
            self.visits.table.setFocus()

    # -- opening records -------------------------------------------------------------------
    def open_item(self, item: TimelineItem) -> None:
        """Open a timeline item: its visit, opportunity or task; a note shows the notes."""
        self.notice.setVisible(False)
        if item.entity == "visit":
            self.edit_visit(item.record_id)
        elif item.entity == "opportunity":
            opportunity = get_opportunity(self._store, item.record_id)
            if opportunity is None:
                self._gone()
            else:
                self.edit_opportunity(opportunity)
        elif item.entity == "task":
            self.edit_task(item.record_id)
        elif item.entity == "account":
            self.tabs.setCurrentWidget(self.form)
            self.form.notes.setFocus()

    def _gone(self) -> None:
        self.notice.setText(translate("AccountDetailView",
                                      "That record is no longer on this computer."))
        self.notice.setVisible(True)
        self.timeline.refresh()

    def log_visit(self) -> None:
        if self.account is not None:
            self.dialog = VisitDialog(self._store, self._runner, self._events,
                                      self.account.id, self)
            self.dialog.open()

    def edit_visit(self, row: VisitRow | str) -> None:
        """Open the visit (a row of the Visits tab, or its id) in the visit editor."""
        visit = get_visit(self._store, row if isinstance(row, str) else row.id)
        if self.account is None:
            return
        if visit is None:
            self._gone()
            return
        self.visit_dialog = VisitDialog(self._store, self._runner, self._events,
                                        parent=self, visit=visit,
                                        history=self._history_source)
        self.dialog = self.visit_dialog
        self.visit_dialog.open()

    def edit_task(self, task_id: str) -> None:
        task = get_task(self._store, task_id)
        if task is None:
            self._gone()
            return
        self.dialog = TaskDialog(self._store, self._runner, self._events, task, self,
                                 history=self._history_source)
        self.dialog.open()

    def edit_contact(self, contact: ContactRow | None) -> None:
        if self.account is not None:
            self.dialog = ContactDialog(self._store, self._runner, self._events,
                                        self.account.id, contact, self,
                                        history=self._history_source)
            self.dialog.existing_opened.connect(self._open_existing_contact)
            self.dialog.open()

    def _open_existing_contact(self, contact_id: str) -> None:
        contact = get_contact(self._store, contact_id)
        if contact is not None:
            self.contact_opened.emit(contact.account_id, contact.id)

    def edit_opportunity(self, opportunity: OpportunityRow | None) -> None:
        if self.account is not None:
            self.dialog = OpportunityDialog(self._store, self._runner, self._events,
                                            self.account.id, opportunity, self,
                                            history=self._history_source)
            self.dialog.open()
