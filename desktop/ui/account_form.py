"""The Details tab: an editable account form with plain-word validation errors inline."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.accounts import AccountDetail, save_account
from desktop.services.money import AmountError, cents_to_text, parse_amount
from desktop.services.outbox import fix_rejected
from desktop.store import Changes, Store, ValidationFailed
from desktop.sync import user_message
from desktop.ui.events import AppEvents
from desktop.ui.i18n import translate
from desktop.ui.runner import Runner
from desktop.ui.widgets import error_label, fill_combo, nonempty, select_data, show_problems
from shared.i18n import QT_TRANSLATE_NOOP, exception_message
from shared.models.enums import CURRENCIES, AccountStatus, Tier
from shared.rules.validation import Problem

TEXT_FIELDS = (("name", QT_TRANSLATE_NOOP("AccountForm", "Name")),
               ("industry", QT_TRANSLATE_NOOP("AccountForm", "Industry")),
               ("phone", QT_TRANSLATE_NOOP("AccountForm", "Phone")),
               ("website", QT_TRANSLATE_NOOP("AccountForm", "Website")),
               ("street", QT_TRANSLATE_NOOP("AccountForm", "Street")),
               ("city", QT_TRANSLATE_NOOP("AccountForm", "City")),
               ("region", QT_TRANSLATE_NOOP("AccountForm", "Region")),
               ("postal_code", QT_TRANSLATE_NOOP("AccountForm", "Postal code")),
               ("country", QT_TRANSLATE_NOOP("AccountForm", "Country (ISO)")))
STATUS_LABELS = {AccountStatus.PROSPECT: QT_TRANSLATE_NOOP("AccountForm", "Prospect"),
                 AccountStatus.ACTIVE: QT_TRANSLATE_NOOP("AccountForm", "Active"),
                 AccountStatus.INACTIVE: QT_TRANSLATE_NOOP("AccountForm", "Inactive")}


class AccountForm(QWidget):
    """Edits one account; ``saved(account_id)`` after a successful save."""

    saved = Signal(str)

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner, self._events = store, runner, events
        self.account_id: str | None = None
        self.fixing: int | None = None  # the mid of a refused change the next save replaces
        self._loaded: dict[str, Any] = {}
        self.edits: dict[str, QLineEdit] = {name: QLineEdit() for name, _ in TEXT_FIELDS}
        self.edits["country"].setMaxLength(2)
        self.errors: dict[str, QLabel] = {}
        self.tier = QComboBox()
        fill_combo(self.tier, [(translate("AccountForm", "Automatic"), None)]
                   + [(t.value, t.value) for t in Tier])
        self.tier.setToolTip(translate(
            "AccountForm", "Automatic: A, B or C from won revenue of the last 12 months. "
            "Choose a tier to set it by hand."))
        self.status = QComboBox()
        fill_combo(self.status, [(translate("AccountForm", STATUS_LABELS[s]), s.value)
                                 for s in AccountStatus])
        self.revenue = QLineEdit(placeholderText=translate("AccountForm", "e.g. 12,500,000.00"))
        self.currency = QComboBox()
        fill_combo(self.currency, [(c, c) for c in CURRENCIES])
        self.notes = QPlainTextEdit()
        self.notes.setMinimumHeight(70)
        self.general_error = error_label()
        self.save_button = QPushButton(translate("AccountForm", "Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.saved_label = QLabel()
        self._layout()

    def _row(self, form: QFormLayout, label: str, name: str, widget: QWidget) -> None:
        self.errors[name] = error_label()
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(self.errors[name])
        form.addRow(translate("AccountForm", label), box)

    def _layout(self) -> None:
        left, right = QFormLayout(), QFormLayout()
        for form in (left, right):
            form.setHorizontalSpacing(14)
        for name, label in TEXT_FIELDS[:4]:
            self._row(left, label, name, self.edits[name])
        self._row(left, QT_TRANSLATE_NOOP("AccountForm", "Tier"), "tier", self.tier)
        self._row(left, QT_TRANSLATE_NOOP("AccountForm", "Status"), "status", self.status)
        money = QHBoxLayout()
        money.addWidget(self.revenue, 1)
        money.addWidget(self.currency)
        money_box = QWidget()
        money_box.setLayout(money)
        money.setContentsMargins(0, 0, 0, 0)
        self._row(left, QT_TRANSLATE_NOOP("AccountForm", "Annual revenue"), "annual_revenue_cents",
                  money_box)
        self.errors["currency"] = self.errors["annual_revenue_cents"]
        for name, label in TEXT_FIELDS[4:]:
            self._row(right, label, name, self.edits[name])
        self._row(right, QT_TRANSLATE_NOOP("AccountForm", "Notes"), "notes", self.notes)
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setHorizontalSpacing(24)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def is_dirty(self) -> bool:
        """True when the form holds edits that are not saved yet."""
        try:
            shown = self.values()
        except AmountError:
            return True
        return shown != self._loaded

    def show_account(self, account: AccountDetail) -> None:
        self.account_id = account.id
        for name, edit in self.edits.items():
            edit.setText(getattr(account, name) or "")
        select_data(self.tier, account.tier)
        select_data(self.status, account.status)
        select_data(self.currency, account.currency)
        self.revenue.setText(cents_to_text(account.annual_revenue_cents))
        self.notes.setPlainText(account.notes or "")
        self.saved_label.clear()
        show_problems(self.errors, self.general_error, [])
        self._loaded = self.values()

    def values(self) -> dict[str, Any]:
        """The form as Python values; AmountError for revenue that is not a number."""
        values: dict[str, Any] = {n: nonempty(e.text()) for n, e in self.edits.items()}
        values["name"] = self.edits["name"].text().strip()
        if values["country"]:
            values["country"] = values["country"].upper()
        values["tier"] = self.tier.currentData()
        values["status"] = self.status.currentData()
        values["currency"] = self.currency.currentData()
        values["annual_revenue_cents"] = parse_amount(self.revenue.text())
        values["notes"] = nonempty(self.notes.toPlainText())
        return values

    @Slot()
    def save(self) -> None:
        try:
            values = self.values()
        except AmountError as exc:
            show_problems(self.errors, self.general_error,
                          [Problem("annual_revenue_cents", "invalid_value",
                                   exception_message(exc))])
            return
        if values["tier"] != self._loaded.get("tier"):
            # A tier the user picked stays (the server's recompute skips it); "Automatic"
            # hands the account back to the computed tier.
            values["tier_manual"] = values["tier"] is not None
        self.save_button.setEnabled(False)
        account_id, fixing, store = self.account_id, self.fixing, self._store
        if fixing is not None:
            self._runner.write(lambda: fix_rejected(store, fixing, values), self._on_saved,
                               self._on_failed)
            return
        self._runner.write(lambda: save_account(store, account_id, values),
                           self._on_saved, self._on_failed)

    def _on_saved(self, result: tuple[str, Changes]) -> None:
        account_id, changes = result
        self.save_button.setEnabled(True)
        self.account_id = account_id
        self.fixing = None
        show_problems(self.errors, self.general_error, [])
        if changes:
            self._events.data_changed.emit(changes)  # views (and this form) reload first
        self.saved_label.setText(translate("AccountForm", "Saved on this computer.") if changes
                                 else translate("AccountForm", "No changes."))
        self.saved.emit(account_id)

    def _on_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.saved_label.clear()
        problems = exc.problems if isinstance(exc, ValidationFailed) else [
            Problem("", "error", user_message(exc))]
        show_problems(self.errors, self.general_error, problems)  # shown translated
