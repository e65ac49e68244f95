"""The A/B/C tier of an account as a small coloured badge (same colours on every screen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.i18n import translate

# tier -> (background, text); readable for colour-blind people by the letter itself
TIER_COLORS: dict[str, tuple[str, str]] = {
    "A": ("#1b7f3b", "#ffffff"),
    "B": ("#2f6fb3", "#ffffff"),
    "C": ("#8a8f98", "#ffffff"),
}


def tier_color(tier: str | None) -> QColor | None:
    """The badge colour of *tier* (for a table cell's foreground), or None for no tier."""
    colors = TIER_COLORS.get(tier or "")
    return QColor(colors[0]) if colors else None


def tier_tooltip(tier: str | None, manual: bool = False) -> str:
    if tier not in TIER_COLORS:
        return translate("TierBadge", "No tier yet")
    how = (translate("TierBadge", "set by hand") if manual
           else translate("TierBadge", "from won revenue of the last 12 months"))
    return translate("TierBadge", "Tier {tier} ({how})").format(tier=tier, how=how)


class TierBadge(QLabel):
    """``TierBadge("A")``: a rounded letter; empty and hidden for no tier."""

    def __init__(self, tier: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumWidth(26)
        self.set_tier(tier)

    def set_tier(self, tier: str | None, manual: bool = False) -> None:
        colors = TIER_COLORS.get(tier or "")
        self.setVisible(colors is not None)
        if colors is None:
            self.clear()
            return
        background, text = colors
        self.setText(tier or "")
        self.setToolTip(tier_tooltip(tier, manual))
        self.setStyleSheet(f"QLabel {{ background: {background}; color: {text}; "
                           "border-radius: 4px; padding: 1px 7px; font-weight: 600; }")
