"""Add or edit a contact of an account."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from desktop.services.contacts import ContactRow, save_contact
from desktop.services.outbox import fix_rejected
from desktop.store import Changes, Store
from desktop.ui.events import AppEvents
from desktop.ui.history_view import HistoryDialog, SourceFactory
from desktop.ui.record_dialog import RecordDialog
from desktop.ui.runner import Runner
from desktop.ui.widgets import nonempty

FIELDS = (("name", "Name"), ("title", "Job title"), ("email", "Email"), ("phone", "Phone"),
          ("mobile", "Mobile"))


class ContactDialog(RecordDialog):
    def __init__(self, store: Store, runner: Runner, events: AppEvents, account_id: str,
                 contact: ContactRow | None = None, parent: QWidget | None = None, *,
                 fixing: int | None = None, history: SourceFactory | None = None) -> None:
        super().__init__(runner, events, "Edit contact" if contact else "New contact", parent)
        self.setMinimumWidth(420)
        self._store, self._account_id = store, account_id
        self._contact_id = contact.id if contact else None
        self.fixing = fixing  # the mid of a refused change this save replaces
        self.history_button = None if contact is None or fixing else self.add_history_button(
            lambda: HistoryDialog(store, runner, history, "contact", contact.id, contact.name,
                                  self).open())
        self.edits = {name: QLineEdit() for name, _ in FIELDS}
        for name, label in FIELDS:
            self.add_row(label, name, self.edits[name])
        self.is_primary = QCheckBox("Primary contact of this account")
        self.add_row("", "is_primary", self.is_primary)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        self.add_row("Notes", "notes", self.notes)
        if contact is not None:
            for name, edit in self.edits.items():
                edit.setText(getattr(contact, name) or "")
            self.is_primary.setChecked(contact.is_primary)
            self.notes.setPlainText(contact.notes or "")
        self.edits["name"].setFocus()

    def build_save(self) -> Callable[[], Changes]:
        values: dict[str, object] = {n: nonempty(e.text()) for n, e in self.edits.items()}
        values["name"] = self.edits["name"].text().strip()
        values["is_primary"] = self.is_primary.isChecked()
        values["notes"] = nonempty(self.notes.toPlainText())
        store, account_id, contact_id, fixing = (self._store, self._account_id,
                                                 self._contact_id, self.fixing)
        if fixing is not None:
            return lambda: fix_rejected(store, fixing, values)[1]
        return lambda: save_contact(store, contact_id, account_id, values)[1]
