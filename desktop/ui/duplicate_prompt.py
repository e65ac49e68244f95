"""Before a new account or contact is created: "this may already exist — open it instead?"

``DuplicateCheck`` looks for likely duplicates in the replica off the UI thread
(``desktop.services.duplicates``) and, when there are any, shows ``DuplicatePrompt``:
the matches with why each looks the same, "Open existing" (the default), "Create anyway"
and Cancel. Without matches the create goes ahead unasked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.services.duplicates import DuplicateLine, Kind, likely_duplicates
from desktop.store import Store
from desktop.ui.i18n import message_text, translate
from desktop.ui.item_text import line_height
from desktop.ui.runner import Runner

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
VISIBLE_ROWS = 6


class DuplicatePrompt(QDialog):
    """The likely matches of a new *kind* record named *name*; the best match is selected.

    ``open_existing(id)``: the person chose a match (the dialog accepts);
    ``create_anyway()``: it is a different one after all (accepts); Cancel rejects.
    """

    open_existing = Signal(str)
    create_anyway = Signal()

    def __init__(self, kind: Kind, name: str, lines: Sequence[DuplicateLine],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("DuplicatePrompt", "Possible duplicate"))
        self.setMinimumWidth(720)
        count = len(lines)
        # No "(s)": English has no .qm to pick plural forms from, so one and many differ here.
        if kind == "account":
            heading = translate("DuplicatePrompt", "This account may already exist")
            text = (translate("DuplicatePrompt",
                              "An account on this computer looks like “{name}”.") if count == 1
                    else translate("DuplicatePrompt",
                                   "%n accounts on this computer look like “{name}”.", None,
                                   count))
        else:
            heading = translate("DuplicatePrompt", "This contact may already exist")
            text = (translate("DuplicatePrompt",
                              "A contact on this computer looks like “{name}”.") if count == 1
                    else translate("DuplicatePrompt",
                                   "%n contacts on this computer look like “{name}”.", None,
                                   count))
        self.heading = QLabel(heading)
        self.heading.setStyleSheet("font-weight: 600; font-size: 12pt;")
        self.text = QLabel(text.format(name=name) + " " + translate(
            "DuplicatePrompt", "Open the existing one instead of creating a second copy?"))
        self.text.setWordWrap(True)
        self.matches = self._match_list(kind, lines)
        self.buttons = QDialogButtonBox()
        self.open_button: QPushButton = self.buttons.addButton(
            translate("DuplicatePrompt", "Open existing"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button: QPushButton = self.buttons.addButton(
            translate("DuplicatePrompt", "Create anyway"), QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(translate("DuplicatePrompt", "Cancel"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open_selected)
        self.create_button.clicked.connect(self._create)
        self.cancel_button.clicked.connect(self.reject)
        self.matches.itemActivated.connect(lambda _item: self._open_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.matches)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.matches.setFocus()

    def _match_list(self, kind: Kind, lines: Sequence[DuplicateLine]) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setColumnCount(3)
        detail = (translate("DuplicatePrompt", "City · phone") if kind == "account"
                  else translate("DuplicatePrompt", "Job title · account · phone or email"))
        tree.setHeaderLabels([translate("DuplicatePrompt", "Name"), detail,
                              translate("DuplicatePrompt", "Why it looks the same")])
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for line in lines:
            reasons = "; ".join(message_text(r) for r in line.match.reasons)
            item = QTreeWidgetItem([line.record.name, line.record.detail, reasons])
            item.setData(0, ID_ROLE, line.record.id)
            for column in range(3):
                item.setToolTip(column, item.text(column))
            tree.addTopLevelItem(item)
        first = tree.topLevelItem(0)
        if first is not None:
            tree.setCurrentItem(first)
        shown = min(VISIBLE_ROWS, max(2, len(lines)))  # more scroll
        row = max(tree.sizeHintForRow(0), line_height(tree.font()) + 6)
        tree.setFixedHeight(shown * row + tree.header().sizeHint().height() + 2 * tree.frameWidth())
        return tree

    def selected_id(self) -> str | None:
        item = self.matches.currentItem()
        return str(item.data(0, ID_ROLE)) if item is not None else None

    @Slot()
    def _open_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is not None:
            self.accept()
            self.open_existing.emit(chosen)

    @Slot()
    def _create(self) -> None:
        self.accept()
        self.create_anyway.emit()


class DuplicateCheck(QObject):
    """Runs the look-up for one create and asks when it finds likely duplicates.

    Exactly one of *create*, *open_existing(id)* or *cancelled* is called, on the UI
    thread. Should the look-up itself fail, the create goes ahead (the check is a help,
    never a reason the rep cannot save while offline).
    """

    def __init__(self, store: Store, runner: Runner, kind: Kind, dialog: QWidget) -> None:
        super().__init__(dialog)
        self._store, self._runner, self._kind, self._dialog = store, runner, kind, dialog
        self.prompt: DuplicatePrompt | None = None

    def run(self, values: Mapping[str, Any], create: Callable[[], None],
            open_existing: Callable[[str], None], cancelled: Callable[[], None]) -> None:
        store, kind, wanted = self._store, self._kind, dict(values)

        def found(lines: list[DuplicateLine]) -> None:
            if not isValid(self._dialog):
                return  # the form was closed meanwhile
            if not lines:
                create()
                return
            self.prompt = DuplicatePrompt(kind, str(wanted.get("name") or ""), lines,
                                          self._dialog)
            self.prompt.open_existing.connect(open_existing)
            self.prompt.create_anyway.connect(create)
            self.prompt.rejected.connect(cancelled)
            self.prompt.open()

        def failed(exc: BaseException) -> None:
            log.warning("looking for duplicates failed; creating anyway", exc_info=exc)
            if isValid(self._dialog):
                create()

        self._runner.run(lambda: likely_duplicates(store, kind, wanted), found, failed)
