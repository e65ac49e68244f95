"""The visit cadence table (tier A/B/C -> visit every N days): managers edit it, reps read it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.services.cadence import (
    TIERS,
    CadenceTable,
    cadence_problems,
    cadence_rules,
    can_edit_cadence,
    save_cadence,
)
from desktop.store import Changes, Store, ValidationFailed
from desktop.sync import user_message
from desktop.ui.events import AppEvents
from desktop.ui.i18n import translate
from desktop.ui.record_dialog import RecordDialog
from desktop.ui.runner import Runner
from desktop.ui.tier_badge import TierBadge
from shared.rules.validation import Problem

MAX_TYPED = 999  # the boxes take more than the rules allow, so a wrong number gets a message
NOTE_STYLE = "color: #555;"


class CadenceEditor(RecordDialog):
    """Spin boxes per tier; Save only for managers and admins (others see why not).

    Loads the table in the background (``loaded`` when shown); a save goes to the outbox
    like any edit, and Today's "customers due" follows at once.
    """

    loaded = Signal()

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, events, translate("CadenceEditor", "Visit cadence"), parent)
        self._store = store
        self.table: CadenceTable | None = None
        self.editable = False
        self.save_button.setText(translate("CadenceEditor", "Save"))
        self.save_button.setToolTip(translate("CadenceEditor", "Save (Ctrl+Enter)"))
        self.close_button = self.buttons.button(self.buttons.StandardButton.Cancel)
        self.close_button.setText(translate("CadenceEditor", "Cancel"))
        self.intro = QLabel(translate(
            "CadenceEditor", "How often customers of each tier should be visited. Today lists "
            "the customers whose last visit is longer ago than this."))
        self.intro.setWordWrap(True)
        # The width on a child, not the dialog: then the dialog still grows to fit errors.
        self.intro.setMinimumWidth(440)
        body = self.layout()
        assert isinstance(body, QVBoxLayout)  # RecordDialog's: errors, form, buttons
        body.insertWidget(0, self.intro)
        self.spins: dict[str, QSpinBox] = {}
        for tier in TIERS:
            self.spins[tier] = self._tier_row(tier)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        body.insertWidget(body.count() - 1, self.note)
        self.save_button.setEnabled(False)
        self._load()

    def _tier_row(self, tier: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, MAX_TYPED)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        spin.setMinimumWidth(110)
        spin.setEnabled(False)
        spin.setAccessibleName(translate("CadenceEditor", "Tier {tier}: visit every N days")
                               .format(tier=tier))
        row = QHBoxLayout()
        row.addWidget(TierBadge(tier))
        row.addSpacing(6)
        row.addWidget(QLabel(translate("CadenceEditor", "visit every")))
        row.addWidget(spin)
        row.addSpacing(4)
        row.addWidget(QLabel(translate("CadenceEditor", "days")))
        row.addStretch(1)
        self.add_row(translate("CadenceEditor", "Tier {tier}").format(tier=tier), tier, row)
        return spin

    # -- loading -----------------------------------------------------------------------
    def _load(self) -> None:
        store = self._store
        self._runner.run(lambda: (cadence_rules(store), can_edit_cadence(store)),
                         self._show, self._load_failed)

    def _show(self, result: tuple[CadenceTable, bool]) -> None:
        if not isValid(self):
            return
        self.table, self.editable = result
        for tier, spin in self.spins.items():
            days = self.table.days.get(tier)
            if days is None:  # shown as 0: left so, the tier stays without a cadence
                spin.setSpecialValueText(translate("CadenceEditor", "no cadence"))
            spin.setValue(days or 0)
            spin.setEnabled(True)
            spin.setReadOnly(not self.editable)
            if not self.editable:  # reads as text: "visit every 30 days"
                spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
                spin.setFrame(False)
                spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
                spin.setMinimumWidth(0)
                spin.setFixedWidth(spin.fontMetrics().horizontalAdvance("0000") + 8)
                spin.setStyleSheet("QSpinBox { background: transparent; font-weight: 600; }")
        self.save_button.setVisible(self.editable)
        self.save_button.setEnabled(self.editable)
        if not self.editable:
            self.close_button.setText(translate("CadenceEditor", "Close"))
        self.note.setText(self._note_text(self.table))
        self.note.setVisible(bool(self.note.text()))
        if self.editable:
            self.spins[TIERS[0]].setFocus()
            self.spins[TIERS[0]].selectAll()
        self.loaded.emit()

    def _note_text(self, table: CadenceTable) -> str:
        notes = []
        if not self.editable:
            notes.append(translate("CadenceEditor", "Only managers can change the visit cadence."))
        elif table.pending:
            notes.append(translate("CadenceEditor", "Your last change has not been sent yet; "
                                   "it reaches every device with the next sync."))
        else:
            notes.append(translate("CadenceEditor",
                                   "A change reaches every device with the next sync."))
        if table.from_defaults:
            notes.append(translate("CadenceEditor", "These are the built-in defaults: no "
                                   "cadence has reached this computer from the server yet."))
        return " ".join(notes)

    def _load_failed(self, exc: BaseException) -> None:
        if isValid(self):
            self.show_problems([Problem("", "error", user_message(exc))])

    # -- saving ------------------------------------------------------------------------
    def edited_table(self) -> dict[str, int]:
        """``{tier: days}`` as typed; a tier without a cadence left at "no cadence" is left out."""
        known = self.table.days if self.table is not None else {}
        return {tier: spin.value() for tier, spin in self.spins.items()
                if spin.value() or known.get(tier) is not None}

    def build_save(self) -> Callable[[], Changes]:
        if not self.editable:
            raise ValidationFailed([Problem("", "forbidden", translate(
                "CadenceEditor", "Only managers can change the visit cadence."))])
        table = self.edited_table()
        problems = cadence_problems(table)
        if problems:
            raise ValidationFailed(problems)
        store = self._store
        return lambda: save_cadence(store, table)
