"""Add or edit a contact of an account; a new one is checked for duplicates first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from desktop.services.contacts import ContactRow, save_contact
from desktop.services.outbox import fix_rejected
from desktop.store import Changes, Store
from desktop.ui.duplicate_prompt import DuplicateCheck
from desktop.ui.events import AppEvents
from desktop.ui.history_view import HistoryDialog, SourceFactory
from desktop.ui.i18n import translate
from desktop.ui.record_dialog import RecordDialog
from desktop.ui.runner import Runner
from desktop.ui.widgets import nonempty
from shared.i18n import QT_TRANSLATE_NOOP
from shared.rules.validation import validate

FIELDS = (("name", QT_TRANSLATE_NOOP("ContactDialog", "Name")),
          ("title", QT_TRANSLATE_NOOP("ContactDialog", "Job title")),
          ("email", QT_TRANSLATE_NOOP("ContactDialog", "Email")),
          ("phone", QT_TRANSLATE_NOOP("ContactDialog", "Phone")),
          ("mobile", QT_TRANSLATE_NOOP("ContactDialog", "Mobile")))


class ContactDialog(RecordDialog):
    """Edits *contact*, or makes a new contact of *account_id* when it is None.

    Before a new contact is saved, likely duplicates (same name at this account, same
    phone or email anywhere) are offered; choosing one emits ``existing_opened(contact
    id)`` and closes the dialog without saving anything.
    """

    existing_opened = Signal(str)

    def __init__(self, store: Store, runner: Runner, events: AppEvents, account_id: str,
                 contact: ContactRow | None = None, parent: QWidget | None = None, *,
                 fixing: int | None = None, history: SourceFactory | None = None) -> None:
        title = (translate("ContactDialog", "Edit contact") if contact
                 else translate("ContactDialog", "New contact"))
        super().__init__(runner, events, title, parent)
        self._store, self._account_id = store, account_id
        self._contact_id = contact.id if contact else None
        self.fixing = fixing  # the mid of a refused change this save replaces
        self.history_button = None if contact is None or fixing else self.add_history_button(
            lambda: HistoryDialog(store, runner, history, "contact", contact.id, contact.name,
                                  self).open())
        self.edits = {name: QLineEdit() for name, _ in FIELDS}
        for name, label in FIELDS:
            self.add_row(translate("ContactDialog", label), name, self.edits[name])
        self.is_primary = QCheckBox(translate("ContactDialog", "Primary contact of this account"))
        self.add_row("", "is_primary", self.is_primary)
        # The width on a field, not the dialog: then the dialog still grows to fit errors.
        self.edits["name"].setMinimumWidth(300)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        self.notes.setTabChangesFocus(True)
        self.add_row(translate("ContactDialog", "Notes"), "notes", self.notes)
        if contact is not None:
            for name, edit in self.edits.items():
                edit.setText(getattr(contact, name) or "")
            self.is_primary.setChecked(contact.is_primary)
            self.notes.setPlainText(contact.notes or "")
        creating = contact is None and fixing is None
        self.duplicates = DuplicateCheck(store, runner, "contact", self) if creating else None
        self.edits["name"].setFocus()

    def values(self) -> dict[str, object]:
        values: dict[str, object] = {n: nonempty(e.text()) for n, e in self.edits.items()}
        values["name"] = self.edits["name"].text().strip()
        values["is_primary"] = self.is_primary.isChecked()
        values["notes"] = nonempty(self.notes.toPlainText())
        return values

    @Slot()
    def save(self) -> None:
        """Editing saves at once; a new contact is checked for duplicates first."""
        if self.duplicates is None:
            super().save()
            return
        if not self.save_button.isEnabled():
            return
        values = {**self.values(), "account_id": self._account_id}
        problems = [p for p in validate("contact", values) if p.field in self.errors]
        self.show_problems(problems)
        if problems:
            first = self.edits.get(problems[0].field)
            if first is not None:
                first.setFocus()
            return
        self.save_button.setEnabled(False)
        self.duplicates.run(values, self._create, self._open_existing,
                            lambda: self.save_button.setEnabled(True))

    def _create(self) -> None:
        self.save_button.setEnabled(True)
        super().save()

    def _open_existing(self, contact_id: str) -> None:
        self.save_button.setEnabled(True)
        self.accept()  # nothing saved
        self.existing_opened.emit(contact_id)

    def build_save(self) -> Callable[[], Changes]:
        values = self.values()
        store, account_id, contact_id, fixing = (self._store, self._account_id,
                                                 self._contact_id, self.fixing)
        if fixing is not None:
            return lambda: fix_rejected(store, fixing, values)[1]
        return lambda: save_contact(store, contact_id, account_id, values)[1]
