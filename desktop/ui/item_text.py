"""Size list items to their text, Chinese included (CJK glyphs come from a taller font)."""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QListWidgetItem

PADDING = 10  # the item's border and margins around the text
CJK_SAMPLE = "汉字"


def line_height(font: QFont) -> int:
    """The height of one line that may mix Latin and Chinese glyphs."""
    metrics = QFontMetrics(font)
    return max(metrics.lineSpacing(), metrics.boundingRect(CJK_SAMPLE).height() + 2)


def fit_item(item: QListWidgetItem, font: QFont, width: int | None = None) -> None:
    """Give *item* a size hint tall enough for all its lines (wrapped at *width*)."""
    metrics = QFontMetrics(font)
    lines = 0
    for line in item.text().split("\n"):
        if width is None:
            lines += 1
            continue
        wrapped = metrics.boundingRect(QRect(0, 0, max(width, 40), 100_000),
                                       int(Qt.TextFlag.TextWordWrap), line or " ")
        lines += max(1, math.ceil(wrapped.height() / metrics.lineSpacing() - 0.2))
    text_width = width if width is not None else max(
        metrics.horizontalAdvance(line) for line in item.text().split("\n"))
    item.setSizeHint(QSize(text_width, lines * line_height(font) + PADDING))
