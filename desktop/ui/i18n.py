"""The UI's languages: translators, locale, fonts, and translating the services' messages.

Every text a person reads goes through :func:`translate` with a literal context and source
text (``translate("TodayScreen", "Sync now")``) — the call ``lupdate`` collects into
``desktop/translations/fieldcrm_<lang>.ts``; ``make translations`` compiles those into the
``.qm`` files loaded here. Texts with values use ``{name}`` placeholders filled by
``.format()`` after translating; counts use Qt's plural form ``translate(ctx, "%n visit(s)",
None, n)``. Texts that come from ``shared/`` rules or the services go through
:func:`message_text`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from shared.i18n import MESSAGES, Message, exception_message

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
UI_LANGUAGES = {"en": "English", "zh_CN": "简体中文"}  # shown in their own language
# Fonts that carry Simplified Chinese glyphs, best first, per platform.
CJK_FONTS = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB",
             "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei")

_installed: list[QTranslator] = []
_base_font: list[QFont] = []  # the platform's UI font, before any language changed it


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """*text* in the UI's language (``%n`` in *text* becomes *n*, with the right plural)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def message_text(message: str | BaseException) -> str:
    """A message from the rules or services (or an exception raised with one), in the UI's
    language."""
    if isinstance(message, BaseException):
        message = exception_message(message)
    if isinstance(message, Message) and hasattr(message, "template"):
        values = {key: message_text(value) if isinstance(value, str) else value
                  for key, value in message.values.items()}
        return QCoreApplication.translate(MESSAGES, message.template).format(**values)
    return QCoreApplication.translate(MESSAGES, message)


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The UI language for the *setting* ("system", "en", "zh_CN"): a key of UI_LANGUAGES."""
    if setting in UI_LANGUAGES:
        return setting
    system = system or QLocale.system()
    if system.language() == QLocale.Language.Chinese:
        return "zh_CN"  # Simplified is the only Chinese we ship; better than English
    return "en"


def install_language(app: QApplication, setting: str) -> str:
    """Load the translations, locale and font for *setting*; returns the language used.

    Missing translation files are logged and the UI stays in English — never an error.
    """
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    language = resolve_language(setting)
    QLocale.setDefault(QLocale(language) if language != "en" else _english_locale())
    if language != "en":
        _load(app, TRANSLATIONS_DIR / f"fieldcrm_{language}.qm")
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        _load(app, qt_dir / f"qtbase_{language}.qm", required=False)  # standard buttons
    if not _base_font:
        _base_font.append(app.font())
    app.setFont(ui_font(language, _base_font[0]))
    return language


def ui_font(language: str, current: QFont) -> QFont:
    """A font that can show the language (Chinese needs a CJK face, not a fallback's)."""
    if language != "zh_CN":
        return current
    families = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in families:
            font = QFont(current)
            font.setFamilies([family, *current.families()])
            return font
    log.warning("no Chinese font found (%s); install one, e.g. fonts-noto-cjk",
                ", ".join(CJK_FONTS))
    return current


def _english_locale() -> QLocale:
    """English UI: keep the system's formats when it is an English locale, else en_US."""
    system = QLocale.system()
    if system.language() == QLocale.Language.English:
        return system
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def _load(app: QApplication, path: Path, required: bool = True) -> None:
    translator = QTranslator(app)
    if translator.load(str(path)):
        app.installTranslator(translator)
        _installed.append(translator)
    elif required:
        log.warning("translations %s not found; run `make translations`", path)

