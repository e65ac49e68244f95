"""Help > Keyboard shortcuts: every action that has a shortcut, grouped by menu, filterable."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import translate
from desktop.ui.widgets import GROUP_PROPERTY

_MNEMONIC_SUFFIX = re.compile(r"\s*\(&\w\)")  # "登记拜访(&L)…": the Chinese style
_MNEMONIC = re.compile(r"&(.)")  # "&Log visit…"; "&&" is a literal "&"


def plain_text(text: str) -> str:
    """A menu text without its mnemonic marks and tab-separated shortcut."""
    text = text.split("\t", 1)[0]
    return _MNEMONIC.sub(r"\1", _MNEMONIC_SUFFIX.sub("", text)).strip()


def shortcut_text(action: QAction) -> str:
    """The action's shortcuts as the platform writes them ("Ctrl+K", "⌘K")."""
    return ", ".join(keys.toString(QKeySequence.SequenceFormat.NativeText)
                     for keys in action.shortcuts() if not keys.isEmpty())


def menu_title(action: QAction) -> str:
    """The title of the first menu *action* sits in ("" when it is in none)."""
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu) and owner.title():
            return plain_text(owner.title())
    return ""


@dataclass(frozen=True)
class ShortcutRow:
    group: str
    action: str
    keys: str

    def matches(self, needle: str) -> bool:
        return not needle or any(needle in text.casefold()
                                 for text in (self.group, self.action, self.keys))


def shortcut_rows(actions: Sequence[QAction]) -> list[ShortcutRow]:
    """One row per action with a shortcut, in the given order (a repeated action once)."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()
    for action in actions:
        keys = shortcut_text(action)
        if not keys or id(action) in seen or action.isSeparator():
            continue
        seen.add(id(action))
        group = (menu_title(action) or str(action.property(GROUP_PROPERTY) or "")
                 or translate("ShortcutsDialog", "Other"))
        rows.append(ShortcutRow(group, plain_text(action.text()), keys))
    return rows


class ShortcutsDialog(QDialog):
    """Lists *actions* that have a shortcut under their menu's title; typing filters."""

    def __init__(self, actions: Sequence[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ShortcutsDialog", "Keyboard shortcuts"))
        self.rows = shortcut_rows(actions)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(translate("ShortcutsDialog",
                                                 "Type to filter, e.g. “search” or “Ctrl”"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([translate("ShortcutsDialog", "Action"),
                                   translate("ShortcutsDialog", "Shortcut")])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing always goes to the filter
        self.tree.setStyleSheet("QTreeWidget::item { padding: 3px 10px 3px 4px; }")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel()
        self.empty.setStyleSheet("color: #555; padding: 6px;")
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self._fill()
        self.apply_filter("")
        self._fit()
        self.filter.setFocus()

    def _fit(self) -> None:
        """Tall enough for every row (up to 640 pixels), so the full list needs no scrolling."""
        rows = len(self.items) + len(self.groups)
        row_height = max(self.tree.sizeHintForRow(0), self.fontMetrics().height() + 8)
        tree_height = rows * row_height + self.tree.header().sizeHint().height() + 8
        self.tree.setMinimumHeight(min(tree_height, 420))
        self.resize(540, min(self.sizeHint().height() + tree_height - self.tree.minimumHeight(),
                             640))

    def _fill(self) -> None:
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.items: list[tuple[ShortcutRow, QTreeWidgetItem]] = []
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for row in self.rows:
            group = self.groups.get(row.group)
            if group is None:
                group = QTreeWidgetItem(self.tree, [row.group])
                group.setFont(0, bold)
                group.setFirstColumnSpanned(True)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.groups[row.group] = group
            item = QTreeWidgetItem(group, [row.action, row.keys])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.items.append((row, item))
        self.tree.expandAll()

    @Slot(str)
    def apply_filter(self, text: str) -> None:
        """Show only the rows whose action, shortcut or menu contains *text*."""
        needle = text.strip().casefold()
        shown: set[str] = set()
        for row, item in self.items:
            hidden = not row.matches(needle)
            item.setHidden(hidden)
            if not hidden:
                shown.add(row.group)
        for title, group in self.groups.items():
            group.setHidden(title not in shown)
        if not self.rows:
            self.empty.setText(translate("ShortcutsDialog", "No actions have shortcuts."))
        else:
            self.empty.setText(translate("ShortcutsDialog", "No shortcut matches “{text}”.")
                               .format(text=text.strip()))
        self.empty.setVisible(not shown)

    def visible_rows(self) -> list[ShortcutRow]:
        """The rows the filter leaves, in order (for tests and screenshots)."""
        return [row for row, item in self.items if not item.isHidden()]
