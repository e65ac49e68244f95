"""Create an account: name and the essentials, after checking it is not already there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.services.accounts import save_account
from desktop.store import Changes, Store
from desktop.ui.duplicate_prompt import DuplicateCheck
from desktop.ui.events import AppEvents
from desktop.ui.i18n import translate
from desktop.ui.record_dialog import RecordDialog
from desktop.ui.runner import Runner
from desktop.ui.widgets import nonempty
from shared.i18n import QT_TRANSLATE_NOOP
from shared.models import spec_for
from shared.rules.validation import Problem, validate

# (model field, label, placeholder)
FIELDS = (
    ("name", QT_TRANSLATE_NOOP("NewAccountDialog", "Name"),
     QT_TRANSLATE_NOOP("NewAccountDialog", "Company name, e.g. 安姆科包装(上海)有限公司")),
    ("industry", QT_TRANSLATE_NOOP("NewAccountDialog", "Industry"), ""),
    ("phone", QT_TRANSLATE_NOOP("NewAccountDialog", "Phone"),
     QT_TRANSLATE_NOOP("NewAccountDialog", "e.g. +86 21 5555 0100")),
    ("website", QT_TRANSLATE_NOOP("NewAccountDialog", "Website"),
     QT_TRANSLATE_NOOP("NewAccountDialog", "e.g. www.example.com")),
    ("street", QT_TRANSLATE_NOOP("NewAccountDialog", "Street"), ""),
    ("city", QT_TRANSLATE_NOOP("NewAccountDialog", "City"), ""),
    ("region", QT_TRANSLATE_NOOP("NewAccountDialog", "Province / region"), ""),
    ("postal_code", QT_TRANSLATE_NOOP("NewAccountDialog", "Postal code"), ""),
    ("country", QT_TRANSLATE_NOOP("NewAccountDialog", "Country code"),
     QT_TRANSLATE_NOOP("NewAccountDialog", "e.g. CN")),
)


class NewAccountDialog(RecordDialog):
    """On Create: likely duplicates are offered first (``DuplicatePrompt``).

    Emits ``account_created(id)`` after the new account is saved, or
    ``existing_opened(id)`` when the person chose an existing account instead (then
    nothing is written). Either way the dialog closes (accepted).
    """

    account_created = Signal(str)
    existing_opened = Signal(str)

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, events, translate("NewAccountDialog", "New account"), parent)
        self._store = store
        self.save_button.setText(translate("NewAccountDialog", "Create"))
        self.save_button.setToolTip(translate("NewAccountDialog", "Create (Ctrl+Enter)"))
        cancel = self.buttons.button(self.buttons.StandardButton.Cancel)
        cancel.setText(translate("NewAccountDialog", "Cancel"))
        self.intro = QLabel(translate(
            "NewAccountDialog", "Only the name is required. Before creating the account, "
            "FieldCRM checks whether this customer is already on this computer."))
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color: #555;")
        body = self.layout()
        assert isinstance(body, QVBoxLayout)  # RecordDialog's: errors, form, buttons
        body.insertWidget(0, self.intro)
        self.edits: dict[str, QLineEdit] = {}
        for name, label, placeholder in FIELDS:
            edit = QLineEdit()
            if placeholder:
                edit.setPlaceholderText(translate("NewAccountDialog", placeholder))
            self.edits[name] = edit
            self.add_row(translate("NewAccountDialog", label), name, edit)
        # The width on a field, not the dialog: then the dialog still grows to fit errors.
        self.edits["name"].setMinimumWidth(340)
        self.edits["country"].setMaxLength(2)
        self.edits["country"].setMaximumWidth(110)
        self.duplicates = DuplicateCheck(store, runner, "account", self)
        self.created_id: str | None = None
        self.edits["name"].setFocus()

    def values(self) -> dict[str, object]:
        """The form as account fields (empty optional fields as None)."""
        values: dict[str, object] = {n: nonempty(e.text()) for n, e in self.edits.items()}
        values["name"] = self.edits["name"].text().strip()
        country = values.get("country")
        if isinstance(country, str):
            values["country"] = country.upper()
        return values

    def form_problems(self) -> list[Problem]:
        """The problems of the fields on this form (the rest is filled in on save)."""
        values = {**spec_for("account").default_values(), **self.values()}
        return [p for p in validate("account", values) if p.field in self.errors]

    @Slot()
    def save(self) -> None:
        """Check the form, then look for duplicates, then create (unless told otherwise)."""
        if not self.save_button.isEnabled():
            return
        problems = self.form_problems()
        self.show_problems(problems)
        if problems:
            first = self.edits.get(problems[0].field)
            if first is not None:
                first.setFocus()
            return
        self.save_button.setEnabled(False)
        self.duplicates.run(self.values(), self._create, self._open_existing,
                            lambda: self.save_button.setEnabled(True))

    def _create(self) -> None:
        self.save_button.setEnabled(True)
        super().save()

    def _open_existing(self, account_id: str) -> None:
        self.save_button.setEnabled(True)
        self.accept()  # nothing saved: no account_created
        self.existing_opened.emit(account_id)

    def build_save(self) -> Callable[[], Changes]:
        store, values = self._store, self.values()

        def create() -> Changes:
            return save_account(store, None, values)[1]

        return create

    def accept(self) -> None:
        """Closes the dialog; after a save, announces the new account."""
        super().accept()
        if self.saved_changes:
            self.created_id = next(iter(self.saved_changes.ids))
            self.account_created.emit(self.created_id)
