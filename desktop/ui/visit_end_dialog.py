"""End a visit: how it went, notes, and the next step as a task with a due date — one save."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop.services.times import utcnow
from desktop.services.visit_plans import end_visit
from desktop.services.visits import VisitDetail
from desktop.store import Changes, Store
from desktop.ui.events import AppEvents
from desktop.ui.i18n import translate
from desktop.ui.locale_format import datetime_text
from desktop.ui.runner import Runner
from desktop.ui.visit_dialog import (
    chosen_outcome,
    day_pattern,
    fill_outcomes,
    notes_edit,
    purpose_text,
)
from desktop.ui.visit_plan_dialog import VisitRecordDialog
from shared.models.enums import VisitStatus

NEXT_STEP_DAYS = 7  # the next step's default due date, from today


class VisitEndDialog(VisitRecordDialog):
    """Completes the visit now (started now too if it never was)."""

    def __init__(self, store: Store, runner: Runner, events: AppEvents, visit: VisitDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, events, translate("VisitEndDialog", "End visit"), parent)
        self.setMinimumWidth(560)
        self.save_button.setText(translate("VisitEndDialog", "End visit"))
        self.save_button.setToolTip(translate("VisitEndDialog", "Save (Ctrl+Enter)"))
        self._store, self.visit, self.visit_id = store, visit, visit.id
        what = purpose_text(visit.purpose) or translate("VisitEndDialog", "Visit")
        if visit.status == VisitStatus.IN_PROGRESS.value and visit.actual_start:
            when = translate("VisitEndDialog", "{purpose}, started {when}").format(
                purpose=what, when=datetime_text(visit.actual_start))
        else:
            when = translate("VisitEndDialog", "{purpose}, planned for {when}").format(
                purpose=what, when=datetime_text(visit.planned_start)
                or translate("VisitEndDialog", "no time"))
        self.summary = QLabel(when)
        self.summary.setWordWrap(True)
        self.add_row(translate("VisitEndDialog", "Visit"), "status", self.summary)
        self.outcome = QComboBox()
        fill_outcomes(self.outcome)
        self.add_row(translate("VisitEndDialog", "Outcome"), "outcome", self.outcome)
        self.notes = notes_edit(translate("VisitEndDialog",
                                          "What was discussed, what was agreed"))
        self.add_row(translate("VisitEndDialog", "Notes"), "notes", self.notes)
        self.next_step = QLineEdit(placeholderText=translate(
            "VisitEndDialog", "Optional: creates a follow-up task"))
        self.next_due = QDateEdit(QDate.currentDate().addDays(NEXT_STEP_DAYS),
                                  calendarPopup=True)
        self.next_due.setDisplayFormat(day_pattern())
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.next_step, 1)
        row.addWidget(QLabel(translate("VisitEndDialog", "due")))
        row.addWidget(self.next_due)
        self.add_row(translate("VisitEndDialog", "Next step"), "title", row)
        self.errors["due_date"] = self.errors["title"]
        self.outcome.setFocus()

    def build_save(self) -> Callable[[], Changes]:
        store, visit_id = self._store, self.visit.id
        outcome, notes = chosen_outcome(self.outcome), self.notes.toPlainText()
        title = self.next_step.text().strip()
        due = self.next_due.date().toPython() if title else None
        return lambda: end_visit(store, visit_id, utcnow(), outcome, notes, title, due)

