"""Log a visit in under a minute (who was there, what happened, the next step), or edit one.

Also the fields every visit dialog shares: the account picker, the contacts checklist, the
templated purpose and outcome (``desktop.services.visit_plans`` holds the templates)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QLocale, QStringListModel, Qt, Signal, Slot
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
from desktop.services.visit_plans import OUTCOMES, PURPOSES
from desktop.services.visits import VisitDetail, VisitDraft, log_visit, save_visit
from desktop.store import Changes, Store
from desktop.ui.events import AppEvents
from desktop.ui.history_view import HistoryDialog, SourceFactory
from desktop.ui.i18n import message_text, translate
from desktop.ui.locale_format import ISO_TIME, date_pattern
from desktop.ui.record_dialog import RecordDialog
from desktop.ui.runner import Runner
from desktop.ui.visit_text import STATUS_LABELS, purpose_text, status_text
from desktop.ui.widgets import fill_combo, nonempty, select_data
from shared.models.enums import VisitOutcome, VisitStatus

HAPPENED = frozenset({VisitStatus.COMPLETED.value, VisitStatus.IN_PROGRESS.value})


def time_pattern() -> str:
    """The Qt pattern of the locale's short times (24-hour ISO without a locale)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return ISO_TIME
    return locale.timeFormat(QLocale.FormatType.ShortFormat)


def day_pattern() -> str:
    """A date editor's pattern: weekday and the locale's short date."""
    return f"ddd {date_pattern()}"


def fill_outcomes(combo: QComboBox) -> None:
    """The outcome templates, after "—" for none."""
    fill_combo(combo, [("—", None), *((message_text(t.label), t.key) for t in OUTCOMES)])


def chosen_outcome(combo: QComboBox) -> VisitOutcome | None:
    data = combo.currentData()  # Qt hands a StrEnum item back as a plain str
    return VisitOutcome(data) if data else None


class PurposeField(QComboBox):
    """A purpose picked from the templates (stored by its key) or typed freely (kept as is)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(len(PURPOSES))
        for template in PURPOSES:
            self.addItem(message_text(template.label), template.key)
        self.setCurrentIndex(-1)
        line = self.lineEdit()
        line.setPlaceholderText(translate("VisitFields", "Pick from the list or type your own"))
        self._shown: tuple[str, str] | None = None  # (text shown, the value it stands for)

    def value(self) -> str:
        """The template key for a listed purpose, else the text as typed."""
        text = self.currentText().strip()
        if self._shown is not None and text == self._shown[0]:
            return self._shown[1]  # untouched: the stored value, exactly
        index = self.findText(text)
        if index >= 0:
            return str(self.itemData(index))
        return text

    def set_value(self, value: str | None) -> None:
        value = value or ""
        index = self.findData(value) if value else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(value)
        self._shown = (self.currentText().strip(), value)


class AccountPicker(QLineEdit):
    """Type part of an account's name and pick it; ``account_chosen(id)`` when one is set.
    With a fixed account it reads as plain text."""

    account_chosen = Signal(str)

    def __init__(self, store: Store, fixed: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.account_id: str | None = None
        self.setPlaceholderText(translate("VisitFields", "Type part of the account name"))
        self._matches: list[tuple[str, str]] = []
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.textEdited.connect(self._find)
        completer.activated.connect(self._pick)
        self.setReadOnly(fixed)
        self.setFrame(not fixed)

    @Slot(str)
    def _find(self, text: str) -> None:
        self.account_id = None
        self._matches = account_names(self._store, text, 30) if text.strip() else []
        self._names.setStringList([name for _id, name in self._matches])
        exact = [i for i, name in self._matches if name == text.strip()]
        if exact:
            self.set_account(exact[0], keep_text=True)

    @Slot(str)
    def _pick(self, name: str) -> None:
        found = next((i for i, n in self._matches if n == name), None)
        if found:
            self.set_account(found, keep_text=True)

    def set_account(self, account_id: str, keep_text: bool = False) -> bool:
        account = get_account(self._store, account_id)
        if account is None:
            return False
        self.account_id = account_id
        if not keep_text:
            self.setText(account.name)
        self.account_chosen.emit(account_id)
        return True


class ContactChecklist(QListWidget):
    """The account's contacts to tick: who was (or will be) there."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.setMaximumHeight(96)

    def show_account(self, account_id: str) -> None:
        self.clear()
        for contact in contacts_of(self._store, account_id):
            label = contact.name + (f" — {contact.title}" if contact.title else "")
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

    def shown_ids(self) -> set[str]:
        return {self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())}

    def checked(self) -> tuple[str, ...]:
        items = (self.item(i) for i in range(self.count()))
        return tuple(item.data(Qt.ItemDataRole.UserRole) for item in items
                     if item.checkState() == Qt.CheckState.Checked)

    def check(self, contact_ids: Iterable[str]) -> None:
        wanted = set(contact_ids)
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole)
                               in wanted else Qt.CheckState.Unchecked)


def notes_edit(placeholder: str = "") -> QPlainTextEdit:
    notes = QPlainTextEdit()
    notes.setFixedHeight(80)
    notes.setTabChangesFocus(True)
    notes.setPlaceholderText(placeholder)
    return notes


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
        super().__init__(runner, events, translate("VisitDialog", "Edit visit") if visit
                         else translate("VisitDialog", "Log visit"), parent)
        self.setMinimumWidth(560)
        self.save_button.setToolTip(translate("VisitDialog", "Save (Ctrl+Enter)"))
        self._store, self._runner, self._history = store, runner, history
        self.visit, self.fixing = visit, fixing  # fixing: the mid of the refused change
        self.history_dialog: HistoryDialog | None = None
        self._shown_duration, self._shown_when = 0, QDateTime()
        self.history_button = None if visit is None or fixing else \
            self.add_history_button(self.open_history)
        if self.history_button is not None:
            self.history_button.setText(translate("VisitDialog", "History…"))
        account_id = visit.account_id if visit else account_id
        self.account_search = AccountPicker(store, fixed=account_id is not None)
        self.add_row(translate("VisitDialog", "Account"), "account_id", self.account_search)
        self._build_fields()
        self.account_search.account_chosen.connect(self.contacts.show_account)
        if account_id:
            self.set_account(account_id)
            self.purpose.setFocus()
        else:
            self.account_search.setFocus()
        if visit is not None:
            self._show(visit)

    @property
    def account_id(self) -> str | None:
        return self.account_search.account_id

    def _build_fields(self) -> None:
        self.status = QComboBox()
        fill_combo(self.status, [(status_text(s), s) for s in STATUS_LABELS])
        if self.visit is not None:
            self.add_row(translate("VisitDialog", "Status"), "status", self.status)
        self.contacts = ContactChecklist(self._store)
        self.add_row(translate("VisitDialog", "Contacts present"), "contact_ids", self.contacts)
        self.purpose_field = PurposeField()
        self.purpose = self.purpose_field.lineEdit()  # the text as typed
        self.add_row(translate("VisitDialog", "Purpose"), "purpose", self.purpose_field)
        self.outcome = QComboBox()
        fill_outcomes(self.outcome)
        self.add_row(translate("VisitDialog", "Outcome"), "outcome", self.outcome)
        self.notes = notes_edit(translate("VisitDialog", "What was discussed, what was agreed"))
        self.add_row(translate("VisitDialog", "Notes"), "notes", self.notes)
        self.when = QDateTimeEdit(QDateTime.currentDateTime(), calendarPopup=True)
        self.when.setDisplayFormat(f"{date_pattern()} {time_pattern()}")
        self.duration = QSpinBox(minimum=0, maximum=24 * 60, singleStep=15,
                                 suffix=translate("VisitDialog", " min"))
        self.duration.setValue(60)
        when_row = QHBoxLayout()
        when_row.setSpacing(8)
        when_row.addWidget(self.when, 1)
        when_row.addWidget(QLabel(translate("VisitDialog", "lasting")))
        when_row.addWidget(self.duration)
        self.add_row(translate("VisitDialog", "When"), "actual_start", when_row)
        for name in ("actual_end", "planned_start", "planned_end"):
            self.errors[name] = self.errors["actual_start"]
        if self.visit is not None:
            return  # the next step belongs to logging a visit, not to editing one
        self.next_step = QLineEdit(placeholderText=translate(
            "VisitDialog", "Optional: creates a follow-up task"))
        self.next_due = QDateEdit(QDate.currentDate().addDays(7), calendarPopup=True)
        self.next_due.setDisplayFormat(day_pattern())
        next_row = QHBoxLayout()
        next_row.setSpacing(8)
        next_row.addWidget(self.next_step, 1)
        next_row.addWidget(QLabel(translate("VisitDialog", "due")))
        next_row.addWidget(self.next_due)
        self.add_row(translate("VisitDialog", "Next step"), "title", next_row)

    def set_account(self, account_id: str, keep_text: bool = False) -> None:
        self.account_search.set_account(account_id, keep_text)

    def checked_contacts(self) -> tuple[str, ...]:
        return self.contacts.checked()

    def check_contacts(self, contact_ids: Iterable[str]) -> None:
        self.contacts.check(contact_ids)

    # -- saving ------------------------------------------------------------------------
    def draft(self) -> VisitDraft:
        start = from_local(self.when.dateTime().toPython())
        assert start is not None
        end = start + timedelta(minutes=self.duration.value()) if self.duration.value() else None
        title = self.next_step.text().strip()
        return VisitDraft(
            account_id=self.account_id or "", purpose=self.purpose_field.value(),
            notes=self.notes.toPlainText(), outcome=self.chosen_outcome(),
            status=VisitStatus.COMPLETED, actual_start=start, actual_end=end,
            contact_ids=self.checked_contacts(), next_step_title=title,
            next_step_due=self.next_due.date().toPython() if title else None)

    def chosen_outcome(self) -> VisitOutcome | None:
        return chosen_outcome(self.outcome)

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
        self.purpose_field.set_value(visit.purpose)
        self.notes.setPlainText(visit.notes or "")
        select_data(self.outcome, visit.outcome)
        start_name, end_name = time_fields(visit.status, visit)
        start, end = getattr(visit, start_name), getattr(visit, end_name)
        if start is not None:
            self.when.setDateTime(to_local(start).replace(second=0))  # type: ignore[union-attr]
        self._shown_when = self.when.dateTime()
        self.duration.setValue(int((end - start).total_seconds() // 60)
                               if start is not None and end is not None and end > start else 0)
        self._shown_duration = self.duration.value()
        self.check_contacts(visit.contact_ids)

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
        shown = self.contacts.shown_ids()
        # Contacts no longer at the account stay on the visit: they were there.
        contacts = [c for c in visit.contact_ids if c not in shown] + list(self.checked_contacts())
        outcome = self.chosen_outcome()
        values: dict[str, object] = {
            "status": status, "purpose": nonempty(self.purpose_field.value()),
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
        title = purpose_text(visit.purpose) or translate("VisitDialog", "Visit {when}").format(
            when=local_text(visit.actual_start or visit.planned_start))
        self.history_dialog = HistoryDialog(self._store, self._runner, self._history, "visit",
                                            visit.id, title, self)
        self.history_dialog.open()
