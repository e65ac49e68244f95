"""The Chinese UI: every text in the code has a translation, values survive, and it loads."""

from __future__ import annotations

import functools
import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.ui.i18n import CJK_FONTS, TRANSLATIONS_DIR, install_language, translate

ROOT = Path(__file__).resolve().parents[3]
TS = TRANSLATIONS_DIR / "fieldcrm_zh_CN.ts"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n")


@functools.cache
def _extractor():  # type: ignore[no-untyped-def]
    """scripts/translations.py: collects every translate()/QT_TRANSLATE_NOOP text."""
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" /
                                                  "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def catalogue() -> tuple[dict[tuple[str, str], bool], dict[tuple[str, str], ET.Element]]:
    """(every text in the code today, the committed Chinese translations)."""
    extractor = _extractor()
    _, translations = extractor.read_ts(TS)
    return extractor.all_texts(ROOT), translations


def _forms(translation: ET.Element) -> list[str]:
    return [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]


def test_every_text_in_the_code_has_a_chinese_translation(catalogue) -> None:  # type: ignore[no-untyped-def]
    texts, translations = catalogue
    assert len(texts) > 600  # the whole UI and the rules' messages, not a sample
    extractor = _extractor()
    missing = [f"{context}: {source}" for context, source in texts
               if not extractor.finished(translations.get((context, source)))]
    assert not missing, ("untranslated (run `make ts`, translate, commit):\n"
                         + "\n".join(missing))


def test_translations_keep_every_placeholder(catalogue) -> None:  # type: ignore[no-untyped-def]
    texts, translations = catalogue
    wrong = []
    for context, source in texts:
        translation = translations.get((context, source))
        if translation is None:
            continue
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        for form in _forms(translation):
            if form and sorted(set(PLACEHOLDER.findall(form))) != wanted:
                wrong.append(f"{context}: {source!r} -> {form!r}")
    assert not wrong, "\n".join(wrong)


def test_the_committed_translation_source_is_up_to_date() -> None:
    assert _extractor().main(["--check"]) == 0, "run `make ts` and commit the .ts"


def test_the_chinese_ui_loads_and_switches_back(qapp: QApplication) -> None:
    try:
        assert install_language(qapp, "zh_CN") == "zh_CN"
        assert translate("MainWindow", "Today") == "今日"
        assert QLocale().language() == QLocale.Language.Chinese
        assert QLocale().toString(1234567.5, "f", 2) == "1,234,567.50"
    finally:
        assert install_language(qapp, "en") == "en"
    assert translate("MainWindow", "Today") == "Today"
    assert QLocale().language() == QLocale.Language.English


def test_the_chinese_ui_uses_a_chinese_font_when_one_is_installed(qapp: QApplication) -> None:
    installed = [f for f in CJK_FONTS if f in set(QFontDatabase.families())]
    if not installed:
        pytest.skip("no CJK font installed (make setup installs fonts-noto-cjk as root)")
    english = qapp.font().families()
    try:
        install_language(qapp, "zh_CN")
        assert qapp.font().families()[0] in installed
    finally:
        install_language(qapp, "en")
    assert qapp.font().families() == english
