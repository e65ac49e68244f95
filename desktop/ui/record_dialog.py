"""The pattern every edit dialog follows: form rows with inline errors, save in the background."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store import Changes, ValidationFailed
from desktop.ui.events import AppEvents
from desktop.ui.i18n import message_text, translate
from desktop.ui.runner import Runner
from desktop.ui.widgets import error_label, error_text, show_problems
from shared.rules.validation import Problem


def refusal_text(reason: str | None) -> str:
    """Why the server refused a change, and what to do about it."""
    return translate("RecordDialog", "The server refused this change: {reason} Correct it and "
                     "save; the corrected change replaces it.").format(
        reason=message_text(reason) if reason else translate("RecordDialog", "no reason"))


class RecordDialog(QDialog):
    """Subclasses add rows with ``add_row`` and implement ``build_save`` (runs off-thread).

    *title* and row labels arrive translated (the subclass owns their translation context).
    """

    def __init__(self, runner: Runner, events: AppEvents, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._runner, self._events = runner, events
        self.errors: dict[str, QLabel] = {}
        self.general_error = error_label()
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(14)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(translate("RecordDialog", "Save ({shortcut})").format(
            shortcut=QKeySequence("Ctrl+Enter").toString(
                QKeySequence.SequenceFormat.NativeText)))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.saved_changes: Changes | None = None

    def add_row(self, label: str, name: str, widget: QWidget | Any) -> None:
        """A labelled field with its error line below it; *name* is the model field."""
        self.errors[name] = error_label()
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(widget) if isinstance(widget, QWidget) else box.addLayout(widget)
        box.addWidget(self.errors[name])
        self.form.addRow(label, box)

    def add_history_button(self, open_history: Callable[[], None]) -> QPushButton:
        """A "History…" button left of Save (only for records that exist already)."""
        button = self.buttons.addButton(translate("RecordDialog", "History…"),
                                        QDialogButtonBox.ButtonRole.HelpRole)
        button.clicked.connect(open_history)
        return button

    def show_refusal(self, reason: str | None) -> None:
        """When fixing a refused change: why the server refused it, above the form."""
        self.setWindowTitle(translate("RecordDialog", "Fix refused change — {title}").format(
            title=self.windowTitle()))
        self.show_problems([Problem("", "rejected", refusal_text(reason))])

    def build_save(self) -> Callable[[], Changes]:
        """Read the form (main thread) and return the write to run in the background.

        Raise ValidationFailed here for input the form itself cannot turn into values.
        """
        raise NotImplementedError

    def show_problems(self, problems: list[Problem]) -> None:
        show_problems(self.errors, self.general_error, problems)
        needed = self.sizeHint().height()  # error lines need room: grow, never squeeze rows
        if self.isVisible() and self.height() < needed:
            self.resize(self.width(), needed)

    @Slot()
    def save(self) -> None:
        if not self.save_button.isEnabled():
            return  # a save is already on its way
        try:
            write = self.build_save()
        except ValidationFailed as exc:
            self.show_problems(exc.problems)
            return
        self.save_button.setEnabled(False)
        self._runner.write(write, self._on_saved, self._on_failed)

    def _on_saved(self, changes: Changes) -> None:
        self.save_button.setEnabled(True)
        self.saved_changes = changes
        if changes:
            self._events.data_changed.emit(changes)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationFailed):
            self.show_problems(exc.problems)
        else:
            self.show_problems([Problem("", "error", error_text(exc))])
