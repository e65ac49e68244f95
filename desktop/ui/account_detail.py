"""The account screen: a header and tabs for details, contacts, visits, opportunities."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.services.accounts import AccountDetail, get_account
from desktop.services.contacts import ContactRow, contacts_of
from desktop.services.money import format_amount
from desktop.services.opportunities import OpportunityRow, opportunities_of
from desktop.services.visits import VisitRow, get_visit, visits_of
from desktop.store import Changes, Store
from desktop.ui.account_form import AccountForm
from desktop.ui.account_tabs import CONTACT_COLUMNS, VISIT_COLUMNS, ListModel, ListTab
from desktop.ui.contact_dialog import ContactDialog
from desktop.ui.events import AppEvents
from desktop.ui.history_view import HistoryView, SourceFactory
from desktop.ui.opportunities_view import COLUMNS as OPPORTUNITY_COLUMNS
from desktop.ui.opportunity_dialog import OpportunityDialog
from desktop.ui.runner import Runner
from desktop.ui.table_model import PENDING_MARK
from desktop.ui.visit_dialog import VisitDialog

ENTITIES_SHOWN = {"account", "contact", "visit", "opportunity", "user", "territory"}


class AccountDetailView(QWidget):
    """Shows one account; ``back_requested`` returns to the list."""

    back_requested = Signal()

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget | None = None, *, history: SourceFactory | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner, self._events = store, runner, events
        self._history_source = history
        self.account: AccountDetail | None = None
        self.visit_dialog: VisitDialog | None = None  # the visit being edited, if any
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color: #555;")
        back = QPushButton("← All accounts")
        back.clicked.connect(self.back_requested)
        self.visit_button = QPushButton("Log visit…")
        self.visit_button.clicked.connect(self.log_visit)
        self.form = AccountForm(store, runner, events, self)
        self.contacts = ListTab(ListModel(CONTACT_COLUMNS, self._contacts), "Add contact…",
                                (220, 200, 170, 260))
        self.visits = ListTab(ListModel(VISIT_COLUMNS, self._visits), "Log visit…",
                              (140, 100, 220, 90, 420))
        self.opportunities = ListTab(ListModel(OPPORTUNITY_COLUMNS[:1] + OPPORTUNITY_COLUMNS[2:],
                                               self._opportunities),
                                     "Add opportunity…", (300, 120, 180, 70, 120))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.form, "Details")
        self.tabs.addTab(self.contacts, "Contacts")
        self.tabs.addTab(self.visits, "Visits")
        self.tabs.addTab(self.opportunities, "Opportunities")
        self.history = HistoryView(store, runner, history)
        self.history_tab = self.tabs.addTab(self.history, "History")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._layout(back)
        self.contacts.action_button.clicked.connect(lambda: self.edit_contact(None))
        self.contacts.activated_row.connect(self.edit_contact)
        self.visits.action_button.clicked.connect(self.log_visit)
        self.visits.activated_row.connect(self.edit_visit)
        self.opportunities.action_button.clicked.connect(lambda: self.edit_opportunity(None))
        self.opportunities.activated_row.connect(self.edit_opportunity)
        events.data_changed.connect(self._on_data_changed)

    def _layout(self, back: QPushButton) -> None:
        head = QVBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.addWidget(back, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addLayout(head, 1)
        top.addWidget(self.visit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

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
        if not same and self.tabs.currentIndex() == self.history_tab:
            self.history.show_record("account", account_id)
        self._show_header(account)
        if not (keep_edits and same and self.form.is_dirty()):
            self.form.show_account(account)
        for tab in (self.contacts, self.visits, self.opportunities):
            tab.model.reload()
        self.tabs.setTabText(1, f"Contacts ({self.contacts.model.rowCount()})")
        self.tabs.setTabText(2, f"Visits ({self.visits.model.rowCount()})")
        self.tabs.setTabText(3, f"Opportunities ({self.opportunities.model.rowCount()})")
        return True

    def _on_tab_changed(self, index: int) -> None:
        if index == self.history_tab and self.account is not None:
            self.history.show_record("account", self.account.id)

    def _show_header(self, account: AccountDetail) -> None:
        tier = f"  <span style='color:#1565c0'>Tier {account.tier}</span>" if account.tier else ""
        pending = (f"  <span style='color:#b26a00; font-size:small'>{PENDING_MARK}</span>"
                   if account.pending else "")
        self.title.setText(f"<span style='font-size:16pt; font-weight:600'>"
                           f"{account.name}</span>{tier}{pending}")
        parts = [account.industry, account.city, account.territory_name,
                 f"Owner: {account.owner_name}" if account.owner_name else None,
                 format_amount(account.annual_revenue_cents, account.currency) or None]
        self.subtitle.setText("  ·  ".join(p for p in parts if p))

    def _on_data_changed(self, changes: Changes) -> None:
        if self.account is None or not (changes.entities & ENTITIES_SHOWN
                                        or not changes.entities):
            return
        if not self.show_account(self.account.id, keep_edits=changes.origin != "local"):
            self.account = None
            self.back_requested.emit()  # deleted or out of scope now

    def log_visit(self) -> None:
        if self.account is not None:
            VisitDialog(self._store, self._runner, self._events, self.account.id, self).open()

    def edit_visit(self, row: VisitRow) -> None:
        visit = get_visit(self._store, row.id)
        if self.account is not None and visit is not None:
            self.visit_dialog = VisitDialog(self._store, self._runner, self._events,
                                            parent=self, visit=visit,
                                            history=self._history_source)
            self.visit_dialog.open()

    def edit_contact(self, contact: ContactRow | None) -> None:
        if self.account is not None:
            ContactDialog(self._store, self._runner, self._events, self.account.id, contact,
                          self, history=self._history_source).open()

    def edit_opportunity(self, opportunity: OpportunityRow | None) -> None:
        if self.account is not None:
            OpportunityDialog(self._store, self._runner, self._events, self.account.id,
                              opportunity, self, history=self._history_source).open()
