"""The customer 360 header: who the account is and where it stands, in two lines.

Line one: name, tier badge, sync mark and where the customer is. Line two: owner, last
visit (and how long ago), next planned visit, open pipeline per currency, open tasks. The
figures are read in the background (``loaded`` when they are shown).
"""

from __future__ import annotations

import itertools
from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.services.accounts import AccountDetail
from desktop.services.timeline import AccountHeader, account_header
from desktop.services.times import to_local
from desktop.store import Store
from desktop.ui.i18n import translate
from desktop.ui.locale_format import amount_text, date_text, datetime_text
from desktop.ui.runner import Runner
from desktop.ui.table_model import pending_mark
from desktop.ui.tier_badge import TierBadge

MUTED = "#5f6670"
PENDING_STYLE = "color:#b26a00; font-size:small"


def ago_text(days: int | None) -> str:
    """How long ago a visit was, in local calendar days."""
    if days is None:
        return ""
    if days <= 0:
        return translate("AccountHeader", "today")
    if days == 1:
        return translate("AccountHeader", "yesterday")
    return translate("AccountHeader", "%n days ago", None, days)  # 2 or more


def last_visit_text(header: AccountHeader) -> str:
    if header.last_visit_at is None:
        return translate("AccountHeader", "Never visited")
    local = to_local(header.last_visit_at)
    assert local is not None
    day = date_text(local.date())
    return translate("AccountHeader", "{date} ({ago})").format(
        date=day, ago=ago_text(header.days_since_last_visit))


def next_visit_text(planned: datetime | None) -> str:
    return datetime_text(planned) if planned else translate("AccountHeader", "None planned")


def pipeline_text(totals: tuple[tuple[str, int], ...]) -> str:
    """Open pipeline per currency (never added across currencies)."""
    if not totals:
        return translate("AccountHeader", "No open deals")
    return "  +  ".join(amount_text(cents, currency) for currency, cents in totals)


class ElidedLabel(QLabel):
    """Plain text that shortens with "…" when space runs out (the whole text as tooltip)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setToolTip(text)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                              self.contentsRect().width())
        painter.drawText(self.contentsRect(), int(self.alignment()), shown)


class Fact(QWidget):
    """A caption and its value on one line: ``Open tasks  3``."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(caption)
        self.caption.setStyleSheet(f"color: {MUTED};")
        self.value = ElidedLabel()
        self.value.setStyleSheet("font-weight: 600;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def set(self, text: str, muted: bool = False) -> None:
        self.value.setText(text)
        self.value.setStyleSheet(f"color: {MUTED};" if muted else "font-weight: 600;")


class AccountHeaderView(QWidget):
    """``show_account(detail)`` shows the name at once; the figures follow (``loaded``)."""

    loaded = Signal()

    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner = store, runner
        self._requests = itertools.count(1)
        self._latest = 0
        self.account_id: str | None = None
        self.header: AccountHeader | None = None  # the figures shown
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.badge = TierBadge()
        self.subtitle = ElidedLabel()
        self.subtitle.setStyleSheet(f"color: {MUTED};")
        self.owner = Fact(translate("AccountHeader", "Owner"))
        self.last_visit = Fact(translate("AccountHeader", "Last visit"))
        self.next_visit = Fact(translate("AccountHeader", "Next visit"))
        self.pipeline = Fact(translate("AccountHeader", "Open pipeline"))
        self.open_tasks = Fact(translate("AccountHeader", "Open tasks"))
        self._layout()

    def _layout(self) -> None:
        self.name_row = name_row = QHBoxLayout()
        name_row.setSpacing(10)
        name_row.addWidget(self.title)
        name_row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        name_row.addSpacing(6)
        name_row.addWidget(self.subtitle, 1, Qt.AlignmentFlag.AlignVCenter)
        facts = QHBoxLayout()
        facts.setSpacing(10)
        for i, fact in enumerate((self.owner, self.last_visit, self.next_visit, self.pipeline,
                                  self.open_tasks)):
            if i:
                facts.addWidget(_separator())
            facts.addWidget(fact)
        facts.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(name_row)
        layout.addLayout(facts)

    def add_leading(self, widget: QWidget) -> None:
        """Put *widget* (e.g. a back button) before the name."""
        self.name_row.insertWidget(0, widget, 0, Qt.AlignmentFlag.AlignVCenter)
        self.name_row.insertSpacing(1, 6)

    def add_trailing(self, widget: QWidget) -> None:
        """Put *widget* (e.g. an action button) at the end of the name line."""
        self.name_row.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_account(self, account: AccountDetail) -> None:
        """The name, tier and place now (from *account*); the figures in the background."""
        if account.id != self.account_id:
            self.header = None
            for fact in (self.owner, self.last_visit, self.next_visit, self.pipeline,
                         self.open_tasks):
                fact.set("…", muted=True)
        self.account_id = account.id
        pending = (f"  <span style='{PENDING_STYLE}'>"
                   f"{escape(pending_mark())}</span>"
                   if account.pending else "")
        self.title.setText(f"<span style='font-size:15pt; font-weight:600'>"
                           f"{escape(account.name)}</span>{pending}")
        if self.header is None or self.header.tier != account.tier:
            self.badge.set_tier(account.tier)
        parts = [account.industry, account.city, account.territory_name]
        self.subtitle.setText("  ·  ".join(p for p in parts if p))
        self.refresh()

    def refresh(self) -> None:
        """Read the figures again (after an edit here or a sync)."""
        if self.account_id is None:
            return
        request = self._latest = next(self._requests)
        store, account_id = self._store, self.account_id
        self._runner.run(lambda: account_header(store, account_id),
                         lambda header: self._on_loaded(request, header))

    def _on_loaded(self, request: int, header: AccountHeader | None) -> None:
        if request != self._latest or header is None or header.id != self.account_id:
            return  # another account is shown by now, or this one is gone
        self.header = header
        self.badge.set_tier(header.tier, header.tier_manual)
        self.owner.set(header.owner_name or translate("AccountHeader", "Nobody"),
                       muted=not header.owner_name)
        self.last_visit.set(last_visit_text(header), muted=header.last_visit_at is None)
        self.next_visit.set(next_visit_text(header.next_planned_visit),
                            muted=header.next_planned_visit is None)
        self.pipeline.set(pipeline_text(header.open_pipeline_cents),
                          muted=not header.open_pipeline_cents)
        self.open_tasks.set(str(header.open_tasks), muted=header.open_tasks == 0)
        self.loaded.emit()


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setStyleSheet(f"color: {MUTED};")
    line.setFixedHeight(14)
    return line
