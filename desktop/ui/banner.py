"""The "please update" banner: shown while the server refuses this version of the app."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.i18n import translate
from desktop.ui.sync_controller import SyncController
from shared.i18n import QT_TRANSLATE_NOOP

UPDATE_REQUIRED_TEXT = QT_TRANSLATE_NOOP(
    "UpdateBanner", "This version of FieldCRM is too old for the server. Please update — "
    "your unsynced changes are kept.")


def update_required_text() -> str:
    """The banner's words in the UI's language."""
    return translate("UpdateBanner", UPDATE_REQUIRED_TEXT)


class UpdateBanner(QLabel):
    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(update_required_text(), parent)
        self.setWordWrap(True)
        self.setStyleSheet("background: #fff3cd; color: #5d4200; border: 1px solid #e0c36c;"
                           " padding: 8px; font-weight: 600;")
        controller.update_required_changed.connect(self.show_state)
        self.show_state(controller.update_required)

    @Slot(bool)
    def show_state(self, required: bool) -> None:
        self.setVisible(required)
