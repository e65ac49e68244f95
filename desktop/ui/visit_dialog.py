"""Log a visit in under a minute (who was there, what happened, the next step), or edit one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

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
from desktop.services.outbox import fix_rejected
from desktop.services.times import from_local, local_text, to_local
from desktop.services.visits import VisitDetail, VisitDraft, log_visit, save_visit
from desktop.store import Changes, Store
from desktop.ui.events import AppEvents
from desktop.ui.history_view import HistoryDialog, SourceFactory
from desktop.ui.record_dialog import RecordDialog
from desktop.ui.runner import Runner
from desktop.ui.widgets import fill_combo, nonempty, select_data
from shared.models.enums import VisitOutcome, VisitStatus

OUTCOMES = [("—", None)] + [(o.value.replace("_", " ").capitalize(), o) for o in VisitOutcome]
STATUSES = [(s.value.replace("_", " ").capitalize(), s.value) for s in VisitStatus]
HAPPENED = frozenset({VisitStatus.COMPLETED.value, VisitStatus.IN_PROGRESS.value})


def time_fields(status: str, visit: VisitDetail) -> tuple[str, str]:
    """Which times the "When" row edits: when it took place for a visit that happened,
    when it is planned for one that has not (a cancelled one keeps whichever it has)."""
    if status in HAPPENED or (status == VisitStatus.CANCELLED.value and visit.actual_start):
        return "actual_start", "actual_end"
    return "planned_start", "planned_end"


def kept(original: datetime | None, edited: datetime) -> datetime:
    """The stored time when the minute-precise editor still shows it: an untouched time is
    not an edit (stored times carry seconds the editor does not show)."""
    if original is not None and original.replace(second=0) == edited.replace(second=0):
        return original
    return edited.replace(second=0)


class VisitDialog(RecordDialog):
    """Opened on an account (fixed) or from the menu (pick the account by typing); with a
    *visit* it edits that visit (its account stays), with *fixing* it fixes a refused change
    of it."""

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 account_id: str | None = None, parent: QWidget | None = None, *,
                 visit: VisitDetail | None = None, fixing: int | None = None,
                 history: SourceFactory | None = None) -> None:
        super().__init__(runner, events, "Edit visit" if visit else "Log visit", parent)
        self.setMinimumWidth(520)
        self._store, self._runner, self._history = store, runner, history
        self.visit, self.fixing = visit, fixing  # fixing: the mid of the refused change
        self.history_dialog: HistoryDialog | None = None
        self._shown_duration, self._shown_when = 0, QDateTime()
        self.history_button = None if visit is None or fixing else \
            self.add_history_button(self.open_history)
        self.account_id: str | None = None
        account_id = visit.account_id if visit else account_id
        self._build_account_row(account_id)
        self._build_fields()
        if account_id:
            self.set_account(account_id)
            self.purpose.setFocus()
        else:
            self.account_search.setFocus()
        if visit is not None:
            self._show(visit)

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
        self.account_search.setFrame(account_id is None)  # a fixed account reads as text
        self.add_row("Account", "account_id", self.account_search)
        self.outcome = QComboBox()
        fill_combo(self.outcome, OUTCOMES)

    def _build_fields(self) -> None:
        self.status = QComboBox()
        fill_combo(self.status, STATUSES)
        if self.visit is not None:
            self.add_row("Status", "status", self.status)
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
        when_row.setSpacing(8)
        when_row.addWidget(self.when, 1)
        when_row.addWidget(QLabel("lasting"))
        when_row.addWidget(self.duration)
        self.add_row("When", "actual_start", when_row)
        for name in ("actual_end", "planned_start", "planned_end"):
            self.errors[name] = self.errors["actual_start"]
        if self.visit is not None:
            return  # the next step belongs to logging a visit, not to editing one
        self.next_step = QLineEdit(placeholderText="Optional: creates a follow-up task")
        self.next_due = QDateEdit(QDate.currentDate().addDays(7), calendarPopup=True)
        self.next_due.setDisplayFormat("yyyy-MM-dd")
        next_row = QHBoxLayout()
        next_row.setSpacing(8)
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
            notes=self.notes.toPlainText(), outcome=self.chosen_outcome(),
            status=VisitStatus.COMPLETED, actual_start=start, actual_end=end,
            contact_ids=self.checked_contacts(), next_step_title=title,
            next_step_due=self.next_due.date().toPython() if title else None)

    def chosen_outcome(self) -> VisitOutcome | None:
        # Qt hands a StrEnum item back as a plain str.
        data = self.outcome.currentData()
        return VisitOutcome(data) if data else None

    def build_save(self) -> Callable[[], Changes]:
        store, visit, fixing = self._store, self.visit, self.fixing
        if visit is None:
            draft = self.draft()
            return lambda: log_visit(store, draft)
        values = self.edited_values(visit)
        if fixing is not None:
            return lambda: fix_rejected(store, fixing, values)[1]
        return lambda: save_visit(store, visit.id, values)

    # -- editing a visit ---------------------------------------------------------------
    def _show(self, visit: VisitDetail) -> None:
        select_data(self.status, visit.status)
        self.purpose.setText(visit.purpose or "")
        self.notes.setPlainText(visit.notes or "")
        self.outcome.setCurrentIndex(next(
            (i for i, (_text, o) in enumerate(OUTCOMES) if o is not None and o == visit.outcome),
            0))
        start_name, end_name = time_fields(visit.status, visit)
        start, end = getattr(visit, start_name), getattr(visit, end_name)
        if start is not None:
            self.when.setDateTime(to_local(start).replace(second=0))  # type: ignore[union-attr]
        self._shown_when = self.when.dateTime()
        self.duration.setValue(int((end - start).total_seconds() // 60)
                               if start is not None and end is not None and end > start else 0)
        self._shown_duration = self.duration.value()
        self.check_contacts(visit.contact_ids)

    def check_contacts(self, contact_ids: Iterable[str]) -> None:
        wanted = set(contact_ids)
        for i in range(self.contacts.count()):
            item = self.contacts.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in wanted else Qt.CheckState.Unchecked)

    def edited_values(self, visit: VisitDetail) -> dict[str, object]:
        """The form as visit fields; unchanged times keep their stored value exactly."""
        status = self.status.currentData()
        start_name, end_name = time_fields(status, visit)
        original_start, original_end = getattr(visit, start_name), getattr(visit, end_name)
        edited = from_local(self.when.dateTime().toPython())
        assert edited is not None
        start = kept(original_start, edited)
        minutes = self.duration.value()
        end = start + timedelta(minutes=minutes) if minutes else None
        if start == original_start and minutes == self._shown_duration:
            end = original_end  # neither the start nor the length was touched
        shown = {self.contacts.item(i).data(Qt.ItemDataRole.UserRole)
                 for i in range(self.contacts.count())}
        # Contacts no longer at the account stay on the visit: they were there.
        contacts = [c for c in visit.contact_ids if c not in shown] + list(self.checked_contacts())
        outcome = self.chosen_outcome()
        values: dict[str, object] = {
            "status": status, "purpose": nonempty(self.purpose.text()),
            "notes": nonempty(self.notes.toPlainText()),
            "outcome": outcome.value if outcome else None, "contact_ids": contacts}
        untimed = original_start is None and status == visit.status \
            and self.when.dateTime() == self._shown_when and minutes == self._shown_duration
        if not untimed:  # a visit without a time gets one only when the user sets it
            values.update({start_name: start, end_name: end})
        return values

    @Slot()
    def open_history(self) -> None:
        visit = self.visit
        assert visit is not None
        title = visit.purpose or f"Visit {local_text(visit.actual_start or visit.planned_start)}"
        self.history_dialog = HistoryDialog(self._store, self._runner, self._history, "visit",
                                            visit.id, title, self)
        self.history_dialog.open()
