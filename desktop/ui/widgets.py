"""Small widgets and helpers the views and dialogs share."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QTableView, QWidget

from desktop.store import ValidationFailed
from desktop.sync import user_message
from desktop.ui.i18n import message_text
from shared.rules.validation import Problem

ERROR_STYLE = "color: #c62828;"
# A screen's own actions name their group for the shortcuts list (F1):
# action.setProperty(GROUP_PROPERTY, "Today"). Here, so screens need not import that dialog.
GROUP_PROPERTY = "shortcut_group"


def make_table(parent: QWidget | None = None) -> QTableView:
    """A read-only, row-selecting table with the look every list shares."""
    table = QTableView(parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_problems(labels: dict[str, QLabel], general: QLabel,
                  problems: Iterable[Problem]) -> None:
    """Put each problem under its field; problems of fields not on the form go on top."""
    for label in labels.values():
        label.clear()
        label.setVisible(False)
    rest: list[str] = []
    for problem in problems:
        label = labels.get(problem.field)
        text = message_text(problem.message)
        if label is None:
            rest.append(text)
        else:
            label.setText((label.text() + " " + text).strip())
            label.setVisible(True)
    general.setText("\n".join(rest))
    general.setVisible(bool(rest))


def error_text(exc: BaseException) -> str:
    """A failed save, lookup or sync in plain words in the UI's language (no traceback)."""
    if isinstance(exc, ValidationFailed):
        return " ".join(message_text(problem.message) for problem in exc.problems)
    if isinstance(exc, LookupError):
        first = exc.args[0] if exc.args else None
        return message_text(first if isinstance(first, str) else str(exc))
    return message_text(user_message(exc))


def clear_problems(labels: dict[str, QLabel], general: QLabel) -> None:
    show_problems(labels, general, [])


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, object]]) -> None:
    """(text, data) items; keeps the user's choice when it is still offered."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def select_data(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(max(index, 0))


def nonempty(text: str) -> str | None:
    """A stripped line edit value, None when empty (optional fields store NULL)."""
    text = text.strip()
    return text or None


ALIGN_TOP = Qt.AlignmentFlag.AlignTop
