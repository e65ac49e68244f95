"""The pane that resolves one conflict: both values, who and when, keep mine/theirs/merge."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.conflicts import (
    ConflictResolution,
    ConflictRow,
    ConflictSide,
    default_merge,
    resolve_conflict,
)
from desktop.services.fields import entity_label
from desktop.store import Changes, Store
from desktop.ui.events import AppEvents
from desktop.ui.i18n import message_text, translate
from desktop.ui.locale_format import datetime_text
from desktop.ui.runner import Runner
from desktop.ui.widgets import error_label, error_text


def _side_title(conflict: ConflictRow, side: ConflictSide) -> str:
    """"Mine — Li Wei, 09:30 (overridden)"; a side nobody here wrote is named by its state."""
    kept = side is conflict.kept
    if conflict.involves_me:
        who = translate("ConflictDetail", "Mine") if side is conflict.mine \
            else translate("ConflictDetail", "Theirs")
    else:
        who = translate("ConflictDetail", "Kept value") if kept \
            else translate("ConflictDetail", "Overridden value")
    state = translate("ConflictDetail", "kept now") if kept \
        else translate("ConflictDetail", "overridden")
    if kept and conflict.policy == "append":
        state = translate("ConflictDetail", "kept now: both texts")
    by = translate("ConflictDetail", "{user}, {when}").format(
        user=side.user_name, when=datetime_text(side.at)) if side.at else side.user_name
    return translate("ConflictDetail", "{side} — {by} ({state})").format(
        side=who, by=by, state=state)


class ConflictDetail(QFrame):
    """Shows ``conflict``; ``resolved(Changes)`` after a resolution was stored."""

    resolved = Signal(object)

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner, self._events = store, runner, events
        self.conflict: ConflictRow | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.mine_box, self.mine_value = self._value_box()
        self.theirs_box, self.theirs_value = self._value_box()
        self.merge_label = QLabel(translate("ConflictDetail", "Merged text (edit before saving):"))
        self.merge_edit = QPlainTextEdit()
        self.merge_edit.setMinimumHeight(70)
        self.merge_edit.setMaximumHeight(140)
        self.keep_mine_button = QPushButton(translate("ConflictDetail", "Keep mine"))
        self.keep_theirs_button = QPushButton(translate("ConflictDetail", "Keep theirs"))
        self.merge_button = QPushButton(translate("ConflictDetail", "Merge both"))
        self.keep_mine_button.clicked.connect(lambda: self.resolve(ConflictResolution.KEEP_MINE))
        self.keep_theirs_button.clicked.connect(
            lambda: self.resolve(ConflictResolution.KEEP_THEIRS))
        self.merge_button.clicked.connect(lambda: self.resolve(ConflictResolution.MERGED))
        self.error = error_label()
        self.done_label = QLabel()
        self.done_label.setStyleSheet("color: #2e7d32;")
        self._layout()
        self.show_conflict(None)

    def _value_box(self) -> tuple[QGroupBox, QLabel]:
        box = QGroupBox()
        value = QLabel()
        value.setWordWrap(True)
        value.setTextFormat(Qt.TextFormat.PlainText)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setStyleSheet("font-size: 11pt;")
        inner = QVBoxLayout(box)
        inner.addWidget(value)
        return box, value

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.keep_mine_button, self.keep_theirs_button, self.merge_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.mine_box)
        layout.addWidget(self.theirs_box)
        layout.addWidget(self.merge_label)
        layout.addWidget(self.merge_edit)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.done_label)
        layout.addStretch(1)

    def show_conflict(self, conflict: ConflictRow | None) -> None:
        same = conflict is not None and self.conflict is not None and \
            conflict.id == self.conflict.id
        self.conflict = conflict
        self.error.setVisible(False)
        for widget in (self.mine_box, self.theirs_box, self.keep_mine_button,
                       self.keep_theirs_button):
            widget.setVisible(conflict is not None)
        mergeable = conflict is not None and conflict.mergeable
        for widget in (self.merge_label, self.merge_edit, self.merge_button):
            widget.setVisible(mergeable)
        if conflict is None:
            self.title.setText("<span style='color:#555'>" + escape(translate(
                "ConflictDetail", "Select a conflict to resolve it.")) + "</span>")
            return
        field = translate("ConflictDetail", "Field: {field}").format(
            field=f"<b>{escape(message_text(conflict.field_label))}</b>")
        self.title.setText(f"<span style='font-size:13pt; font-weight:600'>"
                           f"{escape(conflict.record_name)}</span><br>"
                           f"{escape(message_text(entity_label(conflict.entity)))} · {field}")
        mine, theirs = conflict.mine, conflict.theirs
        self.mine_box.setTitle(_side_title(conflict, mine))
        self.theirs_box.setTitle(_side_title(conflict, theirs))
        if conflict.involves_me:
            self.keep_mine_button.setText(translate("ConflictDetail", "Keep mine"))
            self.keep_theirs_button.setText(translate("ConflictDetail", "Keep theirs"))
        else:
            self.keep_mine_button.setText(translate("ConflictDetail", "Restore overridden value"))
            self.keep_theirs_button.setText(translate("ConflictDetail", "Keep current value"))
        self.mine_value.setText(message_text(mine.text))
        self.theirs_value.setText(message_text(theirs.text))
        if mergeable and not same:  # a sync refresh must not throw away the user's editing
            self.merge_edit.setPlainText(default_merge(conflict))
        self._set_enabled(True)

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.keep_mine_button, self.keep_theirs_button, self.merge_button):
            button.setEnabled(enabled)

    @Slot()
    def resolve(self, resolution: ConflictResolution) -> None:
        if self.conflict is None:
            return
        conflict_id, store = self.conflict.id, self._store
        merged = self.merge_edit.toPlainText() if resolution is ConflictResolution.MERGED \
            else None
        self._set_enabled(False)
        self.error.setVisible(False)
        self.done_label.clear()
        self._runner.write(lambda: resolve_conflict(store, conflict_id, resolution, merged),
                           self._on_resolved, self._on_failed)

    def _on_resolved(self, changes: Changes) -> None:
        self._set_enabled(True)
        self.done_label.setText(translate("ConflictDetail", "Resolved on this computer; it "
                                          "clears on every device after the next sync."))
        self.resolved.emit(changes)
        self._events.data_changed.emit(changes)

    def _on_failed(self, exc: BaseException) -> None:
        self._set_enabled(True)
        self.error.setText(error_text(exc))
        self.error.setVisible(True)
