"""Add or edit an opportunity: name, stage, amount and currency, probability, close date."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from desktop.services.money import AmountError, cents_to_text, parse_amount
from desktop.services.opportunities import OpportunityRow, save_opportunity
from desktop.services.outbox import fix_rejected
from desktop.store import Changes, Store, ValidationFailed
from desktop.ui.events import AppEvents
from desktop.ui.history_view import HistoryDialog, SourceFactory
from desktop.ui.i18n import message_text, translate
from desktop.ui.locale_format import date_pattern
from desktop.ui.record_dialog import RecordDialog
from desktop.ui.runner import Runner
from desktop.ui.widgets import fill_combo, select_data
from shared.i18n import QT_TRANSLATE_NOOP
from shared.models.enums import CURRENCIES, OpportunityStage
from shared.rules.validation import Problem

STAGE_LABELS = {
    OpportunityStage.PROSPECTING: QT_TRANSLATE_NOOP("OpportunityDialog", "Prospecting"),
    OpportunityStage.QUALIFICATION: QT_TRANSLATE_NOOP("OpportunityDialog", "Qualification"),
    OpportunityStage.PROPOSAL: QT_TRANSLATE_NOOP("OpportunityDialog", "Proposal"),
    OpportunityStage.NEGOTIATION: QT_TRANSLATE_NOOP("OpportunityDialog", "Negotiation"),
    OpportunityStage.WON: QT_TRANSLATE_NOOP("OpportunityDialog", "Won"),
    OpportunityStage.LOST: QT_TRANSLATE_NOOP("OpportunityDialog", "Lost"),
}


def stage_label(stage: OpportunityStage) -> str:
    known = STAGE_LABELS.get(stage)
    return translate("OpportunityDialog", known) if known else stage.value.capitalize()


class OpportunityDialog(RecordDialog):
    def __init__(self, store: Store, runner: Runner, events: AppEvents, account_id: str,
                 opportunity: OpportunityRow | None = None,
                 parent: QWidget | None = None, *, fixing: int | None = None,
                 history: SourceFactory | None = None) -> None:
        title = translate("OpportunityDialog", "Edit opportunity") if opportunity \
            else translate("OpportunityDialog", "New opportunity")
        super().__init__(runner, events, title, parent)
        self.setMinimumWidth(440)
        self._store, self._account_id = store, account_id
        self._opportunity_id = opportunity.id if opportunity else None
        self.fixing = fixing  # the mid of a refused change this save replaces
        self.history_button = None if opportunity is None or fixing else \
            self.add_history_button(lambda: HistoryDialog(
                store, runner, history, "opportunity", opportunity.id, opportunity.name,
                self).open())
        self.name = QLineEdit()
        self.stage = QComboBox()
        fill_combo(self.stage, [(stage_label(s), s.value) for s in OpportunityStage])
        self.amount = QLineEdit(placeholderText=translate("OpportunityDialog", "e.g. 250,000.00"))
        self.currency = QComboBox()
        fill_combo(self.currency, [(c, c) for c in CURRENCIES])
        money = QHBoxLayout()
        money.addWidget(self.amount, 1)
        money.addWidget(self.currency)
        self.probability = QSpinBox(minimum=0, maximum=100,
                                    suffix=translate("OpportunityDialog", " %"))
        self.probability.setValue(10)
        self.close_date = QDateEdit(QDate.currentDate().addMonths(3), calendarPopup=True)
        self.close_date.setDisplayFormat(date_pattern())
        self.add_row(translate("OpportunityDialog", "Name"), "name", self.name)
        self.add_row(translate("OpportunityDialog", "Stage"), "stage", self.stage)
        self.add_row(translate("OpportunityDialog", "Amount"), "amount_cents", money)
        self.errors["currency"] = self.errors["amount_cents"]
        self.add_row(translate("OpportunityDialog", "Probability"), "probability",
                     self.probability)
        self.add_row(translate("OpportunityDialog", "Expected close"), "expected_close",
                     self.close_date)
        if opportunity is not None:
            self._show(opportunity)
        self.name.setFocus()

    def _show(self, opportunity: OpportunityRow) -> None:
        self.name.setText(opportunity.name)
        select_data(self.stage, opportunity.stage)
        self.amount.setText(cents_to_text(opportunity.amount_cents))
        select_data(self.currency, opportunity.currency)
        self.probability.setValue(opportunity.probability or 0)
        if opportunity.expected_close:
            self.close_date.setDate(QDate(opportunity.expected_close))

    def build_save(self) -> Callable[[], Changes]:
        try:
            amount = parse_amount(self.amount.text())
        except AmountError as exc:
            raise ValidationFailed([Problem("amount_cents", "invalid_value",
                                            message_text(exc.args[0]))]) from exc
        values = {
            "name": self.name.text().strip(), "stage": self.stage.currentData(),
            "amount_cents": amount, "currency": self.currency.currentData(),
            "probability": self.probability.value(),
            "expected_close": self.close_date.date().toPython(),
        }
        store, account_id, opportunity_id = self._store, self._account_id, self._opportunity_id
        fixing = self.fixing
        if fixing is not None:
            return lambda: fix_rejected(store, fixing, values)[1]
        return lambda: save_opportunity(store, opportunity_id, account_id, values)[1]
