"""Plan a visit (account, day, time, who, why) and move a planned one to another time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QTime, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QSpinBox, QTimeEdit, QWidget

from desktop.services.times import from_local, to_local
from desktop.services.visit_plans import plan_visit, reschedule_visit
from desktop.services.visits import VisitDetail
from desktop.store import Changes, Store, ValidationFailed
from desktop.ui.events import AppEvents
from desktop.ui.i18n import translate
from desktop.ui.locale_format import datetime_text
from desktop.ui.record_dialog import RecordDialog
from desktop.ui.runner import Runner
from desktop.ui.visit_dialog import (
    AccountPicker,
    ContactChecklist,
    PurposeField,
    day_pattern,
    notes_edit,
    purpose_text,
    time_pattern,
)
from shared.rules.validation import Problem

DEFAULT_HOUR = 9
DEFAULT_MINUTES = 60


class WhenRow(QHBoxLayout):
    """Day, start time and length of a visit."""

    def __init__(self, context_day: date, start: time, minutes: int) -> None:
        super().__init__()
        self.setSpacing(8)
        self.day = QDateEdit(QDate(context_day), calendarPopup=True)
        self.day.setDisplayFormat(day_pattern())
        self.start = QTimeEdit(QTime(start.hour, start.minute))
        self.start.setDisplayFormat(time_pattern())
        self.duration = QSpinBox(minimum=0, maximum=24 * 60, singleStep=15,
                                 suffix=translate("VisitPlanDialog", " min"))
        self.duration.setValue(minutes)
        self.addWidget(self.day, 1)
        self.addWidget(QLabel(translate("VisitPlanDialog", "at")))
        self.addWidget(self.start)
        self.addWidget(QLabel(translate("VisitPlanDialog", "lasting")))
        self.addWidget(self.duration)

    def times(self) -> tuple[datetime, datetime | None]:
        """The start and end as stored (naive UTC); no end when the length is 0."""
        local = datetime.combine(self.day.date().toPython(), self.start.time().toPython())
        start = from_local(local.replace(second=0, microsecond=0))
        assert start is not None
        minutes = self.duration.value()
        return start, (start + timedelta(minutes=minutes) if minutes else None)

    def show_times(self, start: datetime | None, end: datetime | None) -> None:
        shown = to_local(start)
        if shown is None:
            return
        self.day.setDate(QDate(shown.date()))
        self.start.setTime(QTime(shown.hour, shown.minute))
        if end is not None and end > start:  # type: ignore[operator]
            self.duration.setValue(int((end - start).total_seconds() // 60))  # type: ignore[operator]


class VisitRecordDialog(RecordDialog):
    """A visit dialog that reports the visit it saved and shows problems translated."""

    saved = Signal(str)  # the visit id, after data_changed was emitted

    visit_id: str | None = None

    def _on_saved(self, changes: Changes) -> None:
        super()._on_saved(changes)
        if self.visit_id is None and len(changes.ids) == 1:
            self.visit_id = next(iter(changes.ids))  # the new visit
        if self.visit_id is not None:
            self.saved.emit(self.visit_id)


class VisitPlanDialog(VisitRecordDialog):
    """Plan a visit: on an account (fixed) or for one picked by typing; defaults to
    tomorrow at 09:00 for an hour."""

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 account_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(runner, events, translate("VisitPlanDialog", "Plan visit"), parent)
        self.setMinimumWidth(560)
        self.save_button.setText(translate("VisitPlanDialog", "Plan visit"))
        self.save_button.setToolTip(translate("VisitPlanDialog", "Save (Ctrl+Enter)"))
        self._store = store
        self.account = AccountPicker(store, fixed=account_id is not None)
        self.add_row(translate("VisitPlanDialog", "Account"), "account_id", self.account)
        self.when = WhenRow(date.today() + timedelta(days=1), time(DEFAULT_HOUR),
                            DEFAULT_MINUTES)
        self.add_row(translate("VisitPlanDialog", "When"), "planned_start", self.when)
        self.errors["planned_end"] = self.errors["planned_start"]
        self.contacts = ContactChecklist(store)
        self.add_row(translate("VisitPlanDialog", "Contacts"), "contact_ids", self.contacts)
        self.purpose = PurposeField()
        self.add_row(translate("VisitPlanDialog", "Purpose"), "purpose", self.purpose)
        self.notes = notes_edit(translate("VisitPlanDialog", "What to prepare, what to bring"))
        self.add_row(translate("VisitPlanDialog", "Notes"), "notes", self.notes)
        self.account.account_chosen.connect(self.contacts.show_account)
        if account_id:
            self.account.set_account(account_id)
            self.when.day.setFocus()
        else:
            self.account.setFocus()

    def build_save(self) -> Callable[[], Changes]:
        account_id = self.account.account_id
        if not account_id:
            raise ValidationFailed([Problem("account_id", "required", translate(
                "VisitPlanDialog", "Pick the account from the list."))])
        start, end = self.when.times()
        store, contacts = self._store, self.contacts.checked()
        purpose, notes = self.purpose.value(), self.notes.toPlainText()
        return lambda: plan_visit(store, account_id, start, end, contacts, purpose, notes)[1]


class RescheduleDialog(VisitRecordDialog):
    """Move a planned (or cancelled: it is planned again) visit to another day and time."""

    def __init__(self, store: Store, runner: Runner, events: AppEvents, visit: VisitDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, events, translate("VisitPlanDialog", "Reschedule visit"),
                         parent)
        self.setMinimumWidth(520)
        self.save_button.setText(translate("VisitPlanDialog", "Reschedule"))
        self._store, self.visit, self.visit_id = store, visit, visit.id
        what = purpose_text(visit.purpose) or translate("VisitPlanDialog", "Visit")
        self.summary = QLabel(translate("VisitPlanDialog", "{purpose}, planned for {when}")
                              .format(purpose=what, when=datetime_text(visit.planned_start)
                                      or translate("VisitPlanDialog", "no time yet")))
        self.summary.setWordWrap(True)
        self.add_row(translate("VisitPlanDialog", "Visit"), "status", self.summary)
        self.when = WhenRow(date.today() + timedelta(days=1), time(DEFAULT_HOUR),
                            DEFAULT_MINUTES)
        self.when.show_times(visit.planned_start, visit.planned_end)
        self.add_row(translate("VisitPlanDialog", "New time"), "planned_start", self.when)
        self.errors["planned_end"] = self.errors["planned_start"]
        self.when.day.setFocus()

    def build_save(self) -> Callable[[], Changes]:
        start, end = self.when.times()
        store, visit_id = self._store, self.visit.id
        return lambda: reschedule_visit(store, visit_id, start, end)
