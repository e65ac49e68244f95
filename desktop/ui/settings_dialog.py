"""Settings: the UI language, how often to sync, and (read-only) the server signed in to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.settings import LANGUAGES, MIN_SYNC_INTERVAL_S, Settings, save_settings
from desktop.ui.i18n import UI_LANGUAGES, resolve_language, translate
from desktop.ui.widgets import error_label

MAX_SYNC_INTERVAL_S = 24 * 60 * 60
HINT_STYLE = "color: #555;"


def language_items() -> list[tuple[str, str]]:
    """(shown text, setting) for each language; a language is named in its own language."""
    system = translate("SettingsDialog", "System default ({language})").format(
        language=UI_LANGUAGES[resolve_language("system")])
    return [(system if key == "system" else UI_LANGUAGES[key], key) for key in LANGUAGES]


class SettingsDialog(QDialog):
    """Edits *settings*; OK saves them (to *config_dir*, by default the user's config dir).

    After a successful save ``settings`` is what was saved and ``settings_changed(Settings)``
    is emitted; bad input shows a message next to its field and saves nothing.
    """

    settings_changed = Signal(object)

    def __init__(self, settings: Settings, parent: QWidget | None = None, *,
                 config_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        self.setMinimumWidth(480)
        self._initial = self._settings = settings
        self._config_dir = config_dir
        self._build()
        self._show(settings)
        self.language.setFocus()

    def _build(self) -> None:
        self.language = QComboBox()
        for text, key in language_items():
            self.language.addItem(text, key)
        self.language.currentIndexChanged.connect(self._on_language)
        self.restart_hint = QLabel(translate(
            "SettingsDialog", "The new language applies the next time FieldCRM starts."))
        self.restart_hint.setWordWrap(True)
        self.restart_hint.setStyleSheet(HINT_STYLE)
        self.restart_hint.setVisible(False)
        self.interval = QSpinBox()
        self.interval.setRange(1, MAX_SYNC_INTERVAL_S)  # too short is refused with a message
        self.interval.setSuffix(translate("SettingsDialog", " seconds"))
        self.interval.setAccelerated(True)
        self.interval_error = error_label()
        interval_hint = QLabel(translate(
            "SettingsDialog", "FieldCRM also syncs right after each change and when the "
            "connection comes back; this is how often it checks for colleagues' changes."))
        interval_hint.setWordWrap(True)
        interval_hint.setStyleSheet(HINT_STYLE)
        self.server = QLineEdit()
        self.server.setReadOnly(True)
        self.server.setStyleSheet("QLineEdit { background: palette(window); }")  # not editable
        self.server.setPlaceholderText(translate("SettingsDialog", "Not signed in yet"))
        server_hint = QLabel(translate(
            "SettingsDialog", "The server is chosen when you sign in (FieldCRM > Sign out)."))
        server_hint.setWordWrap(True)
        server_hint.setStyleSheet(HINT_STYLE)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(translate("SettingsDialog", "Language"),
                    _stacked(self.language, self.restart_hint))
        form.addRow(translate("SettingsDialog", "Sync every"),
                    _stacked(self.interval, self.interval_error, interval_hint))
        form.addRow(translate("SettingsDialog", "Server"), _stacked(self.server, server_hint))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # the visual order: language, interval, server, then the buttons
        QWidget.setTabOrder(self.language, self.interval)
        QWidget.setTabOrder(self.interval, self.server)

    def _show(self, settings: Settings) -> None:
        index = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(index, 0))
        self.interval.setValue(settings.sync_interval_s)
        self.server.setText(settings.server_url)
        self.server.setCursorPosition(0)

    @property
    def settings(self) -> Settings:
        """The settings as saved by OK (the ones given until then)."""
        return self._settings

    @property
    def language_changed(self) -> bool:
        """True once a different language was saved (it applies at the next start)."""
        return self._settings.language != self._initial.language

    @Slot(int)
    def _on_language(self, _index: int) -> None:
        self.restart_hint.setVisible(self.language.currentData() != self._initial.language)

    @Slot()
    def save(self) -> None:
        """Check the input; save and close, or say what is wrong and change nothing."""
        self.error.setVisible(False)
        self.interval_error.setVisible(False)
        seconds = self.interval.value()
        if seconds < MIN_SYNC_INTERVAL_S:
            self.interval_error.setText(translate(
                "SettingsDialog", "Please enter at least {seconds} seconds: syncing more "
                "often only drains the battery.").format(seconds=MIN_SYNC_INTERVAL_S))
            self.interval_error.setVisible(True)
            self.interval.setFocus()
            self.interval.selectAll()
            return
        chosen = self._settings.with_changes(language=self.language.currentData(),
                                             sync_interval_s=seconds)
        if chosen == self._settings:
            self.accept()
            return
        try:
            save_settings(chosen, self._config_dir)
        except OSError as exc:
            self.error.setText(translate(
                "SettingsDialog", "The settings could not be saved ({reason}); nothing was "
                "changed.").format(reason=exc.strerror or exc.__class__.__name__))
            self.error.setVisible(True)
            return
        self._settings = chosen
        self.settings_changed.emit(chosen)
        self.accept()


def _stacked(*widgets: QWidget) -> QVBoxLayout:
    """A field with its error and hint lines below it."""
    box = QVBoxLayout()
    box.setSpacing(3)
    for widget in widgets:
        box.addWidget(widget)
    return box
