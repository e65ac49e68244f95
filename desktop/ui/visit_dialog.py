"""Log a visit in under a minute: who was there, what happened, and the next step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QDate, QDateTime, QStringListModel, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop.services.accounts import account_names, get_account
from desktop.services.contacts import contacts_of
from desktop.services.times import from_local
from desktop.services.visits import VisitDraft, log_visit
from desktop.store import Changes, Store
from desktop.ui.events import AppEvents
from desktop.ui.record_dialog import RecordDialog
from desktop.ui.runner import Runner
from desktop.ui.widgets import fill_combo
from shared.models.enums import VisitOutcome, VisitStatus

OUTCOMES = [("—", None)] + [(o.value.replace("_", " ").capitalize(), o) for o in VisitOutcome]


class VisitDialog(RecordDialog):
    """Opened on an account (fixed) or from the menu (pick the account by typing)."""

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 account_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(runner, events, "Log visit", parent)
        self.setMinimumWidth(520)
        self._store = store
        self.account_id: str | None = None
        self._build_account_row(account_id)
        self._build_fields()
        if account_id:
            self.set_account(account_id)
            self.purpose.setFocus()
        else:
            self.account_search.setFocus()

    def _build_account_row(self, account_id: str | None) -> None:
        self.account_search = QLineEdit(placeholderText="Type part of the account name")
        self._matches: list[tuple[str, str]] = []
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.account_search.setCompleter(completer)
        self.account_search.textEdited.connect(self._find_accounts)
        completer.activated.connect(self._pick_account)
        self.account_search.setReadOnly(account_id is not None)
        self.add_row("Account", "account_id", self.account_search)
        self.outcome = QComboBox()
        fill_combo(self.outcome, OUTCOMES)

    def _build_fields(self) -> None:
        self.contacts = QListWidget()
        self.contacts.setMaximumHeight(96)
        self.add_row("Contacts present", "contact_ids", self.contacts)
        self.purpose = QLineEdit(placeholderText="e.g. Quarterly review, product demo")
        self.add_row("Purpose", "purpose", self.purpose)
        self.add_row("Outcome", "outcome", self.outcome)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(80)
        self.notes.setTabChangesFocus(True)
        self.add_row("Notes", "notes", self.notes)
        self.when = QDateTimeEdit(QDateTime.currentDateTime(), calendarPopup=True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.duration = QSpinBox(minimum=0, maximum=24 * 60, singleStep=15, suffix=" min")
        self.duration.setValue(60)
        when_row = QHBoxLayout()
        when_row.addWidget(self.when, 1)
        when_row.addWidget(QLabel("lasting"))
        when_row.addWidget(self.duration)
        self.add_row("When", "actual_start", when_row)
        self.errors["actual_end"] = self.errors["actual_start"]
        self.next_step = QLineEdit(placeholderText="Optional: creates a follow-up task")
        self.next_due = QDateEdit(QDate.currentDate().addDays(7), calendarPopup=True)
        self.next_due.setDisplayFormat("yyyy-MM-dd")
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_step, 1)
        next_row.addWidget(QLabel("due"))
        next_row.addWidget(self.next_due)
        self.add_row("Next step", "title", next_row)

    # -- account picking -------------------------------------------------------------
    @Slot(str)
    def _find_accounts(self, text: str) -> None:
        self.account_id = None
        self._matches = account_names(self._store, text, 30) if text.strip() else []
        self._names.setStringList([name for _id, name in self._matches])
        exact = [i for i, name in self._matches if name == text.strip()]
        if exact:
            self.set_account(exact[0], keep_text=True)

    @Slot(str)
    def _pick_account(self, name: str) -> None:
        found = next((i for i, n in self._matches if n == name), None)
        if found:
            self.set_account(found, keep_text=True)

    def set_account(self, account_id: str, keep_text: bool = False) -> None:
        account = get_account(self._store, account_id)
        if account is None:
            return
        self.account_id = account_id
        if not keep_text:
            self.account_search.setText(account.name)
        self.contacts.clear()
        for contact in contacts_of(self._store, account_id):
            label = contact.name + (f" — {contact.title}" if contact.title else "")
            item = QListWidgetItem(label, self.contacts)
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

    def checked_contacts(self) -> tuple[str, ...]:
        items = (self.contacts.item(i) for i in range(self.contacts.count()))
        return tuple(item.data(Qt.ItemDataRole.UserRole) for item in items
                     if item.checkState() == Qt.CheckState.Checked)

    # -- saving ------------------------------------------------------------------------
    def draft(self) -> VisitDraft:
        start = from_local(self.when.dateTime().toPython())
        assert start is not None
        end = start + timedelta(minutes=self.duration.value()) if self.duration.value() else None
        title = self.next_step.text().strip()
        return VisitDraft(
            account_id=self.account_id or "", purpose=self.purpose.text(),
            notes=self.notes.toPlainText(), outcome=self.outcome.currentData(),
            status=VisitStatus.COMPLETED, actual_start=start, actual_end=end,
            contact_ids=self.checked_contacts(), next_step_title=title,
            next_step_due=self.next_due.date().toPython() if title else None)

    def build_save(self) -> Callable[[], Changes]:
        draft, store = self.draft(), self._store
        return lambda: log_visit(store, draft)
