"""Global search (Ctrl+K): type any part of a name or note, pick a hit, open its account."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.services.account_tiers import account_tiers
from desktop.services.search import SearchHit, SearchResults, search
from desktop.store import Store
from desktop.sync import user_message
from desktop.ui.accounts_view import tier_icon
from desktop.ui.i18n import message_text, translate
from desktop.ui.item_text import fit_item
from desktop.ui.runner import Runner
from desktop.ui.tier_badge import tier_tooltip
from shared.i18n import QT_TRANSLATE_NOOP

GROUP_TITLES = {"account": QT_TRANSLATE_NOOP("SearchDialog", "Accounts"),
                "contact": QT_TRANSLATE_NOOP("SearchDialog", "Contacts"),
                "opportunity": QT_TRANSLATE_NOOP("SearchDialog", "Opportunities"),
                "visit": QT_TRANSLATE_NOOP("SearchDialog", "Visits")}
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
TYPING_PAUSE_MS = 120  # wait for a pause in typing before asking the replica
NOTHING_FOUND = QT_TRANSLATE_NOOP("SearchDialog", "Nothing on this computer contains “{text}”.")
HINT = QT_TRANSLATE_NOOP(
    "SearchDialog", "Type any part of a name, city, phone, e-mail or visit note — 中文 or English.")
BADGE_SIZE = QSize(28, 20)  # the tier badge beside an account hit (blank beside the others)
Tiers = dict[str, str]


def _group_title(kind: str, count: int) -> str:
    title = translate("SearchDialog", GROUP_TITLES[kind]) if kind in GROUP_TITLES else kind
    return translate("SearchDialog", "{group} ({count})").format(group=title, count=count)


def _without_tier(subtitle: str, tier: str) -> str:
    """The search service starts an account's subtitle with "[A]"; the badge shows it."""
    mark = f"[{tier}]"
    return "" if subtitle == mark else subtitle.removeprefix(f"{mark} · ")


class SearchDialog(QDialog):
    """Emits ``hit_opened(SearchHit)`` for the hit chosen with Enter or a double-click."""

    hit_opened = Signal(object)
    results_shown = Signal(object)  # the SearchResults now on screen (tests wait on it)

    def __init__(self, store: Store, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store, self._runner = store, runner
        self._latest = 0  # the number of the newest query; older answers are dropped
        self._shown = 0  # the number of the query whose answer is on screen
        self._open_when_shown = False  # Enter came before the newest answer
        self.setWindowTitle(translate("SearchDialog", "Search"))
        self.resize(640, 480)
        self.query = QLineEdit(placeholderText=translate(
            "SearchDialog", "Search accounts, contacts, deals, visits…"))
        self.query.setClearButtonEnabled(True)
        self.query.setStyleSheet("font-size: 13pt; padding: 4px;")
        self.query.installEventFilter(self)
        self.status = QLabel(translate("SearchDialog", HINT))
        self.status.setStyleSheet("color: #555;")
        self.status.setWordWrap(True)
        self.results = QListWidget()
        self.results.setUniformItemSizes(False)
        self.results.setIconSize(BADGE_SIZE)
        blank = QPixmap(BADGE_SIZE)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank_icon = QIcon(blank)  # keeps every hit's text in one column
        self.results.itemActivated.connect(self._open_item)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_query)
        self.query.textChanged.connect(lambda _t: self._timer.start())

    # -- querying --------------------------------------------------------------------
    @Slot()
    def run_query(self) -> None:
        """Search off the main thread; only the answer to the newest query is shown."""
        self._latest += 1
        number, text, store = self._latest, self.query.text(), self._store
        if not text.strip():
            self._show(number, SearchResults("", ()), {}, text)
            return

        def find() -> tuple[SearchResults, Tiers]:
            results = search(store, text)
            accounts = [hit.id for group in results.groups if group.kind == "account"
                        for hit in group.hits]
            return results, account_tiers(store, accounts)

        self._runner.run(find, lambda found: self._answered(number, text, *found),
                         lambda exc: self._failed(number, exc))

    def _answered(self, number: int, text: str, results: SearchResults, tiers: Tiers) -> None:
        if number == self._latest and isValid(self):
            self._show(number, results, tiers, text)

    def _failed(self, number: int, exc: BaseException) -> None:
        if number == self._latest and isValid(self):
            self._shown, self._open_when_shown = number, False
            self.results.clear()
            self.status.setText(translate("SearchDialog", "Search failed: {reason}").format(
                reason=message_text(user_message(exc))))

    def _show(self, number: int, results: SearchResults, tiers: Tiers, text: str) -> None:
        self._shown = number
        self.results.clear()
        for group in results.groups:
            self._add_header(_group_title(group.kind, len(group.hits)))
            for hit in group.hits:
                self._add_hit(hit, tiers.get(hit.id) if hit.kind == "account" else None)
        if not text.strip():
            self.status.setText(translate("SearchDialog", HINT))
        elif results.empty:
            self.status.setText(translate("SearchDialog", NOTHING_FOUND).format(
                text=text.strip()))
        else:
            self.status.setText(translate("SearchDialog",
                                          "↑ ↓ to choose, Enter to open, Esc to close"))
        self._select_next(-1, 1)
        self.results_shown.emit(results)
        if self._open_when_shown:
            self._open_when_shown = False
            self.open_current()

    def _add_header(self, text: str) -> None:
        item = QListWidgetItem(text, self.results)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setForeground(QColor("#1565c0"))

    def _add_hit(self, hit: SearchHit, tier: str | None) -> None:
        subtitle = _without_tier(hit.subtitle, tier) if tier else hit.subtitle
        text = hit.title + (f"\n{subtitle}" if subtitle else "")
        item = QListWidgetItem(text, self.results)
        item.setData(HIT_ROLE, hit)
        badge = tier_icon(tier, self.results.font(), BADGE_SIZE.height()) if tier else None
        item.setIcon(badge if badge is not None else self._blank_icon)
        item.setToolTip("\n".join(p for p in (subtitle, tier and tier_tooltip(tier)) if p))
        fit_item(item, self.results.font())
        hint = item.sizeHint()
        item.setSizeHint(QSize(hint.width() + BADGE_SIZE.width() + 8,
                               max(hint.height(), BADGE_SIZE.height() + 6)))

    # -- keyboard ----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the query box move through the hits; Enter opens the chosen one."""
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                self._select_next(self.results.currentRow(), step)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():  # Enter right after typing: search first
                    self._timer.stop()
                    self.run_query()
                if self._shown == self._latest:
                    self.open_current()
                else:  # open the top hit of the newest query once it arrives
                    self._open_when_shown = True
                return True
        return super().eventFilter(watched, event)

    def _select_next(self, row: int, step: int) -> None:
        """Select the next hit from *row* in direction *step*, skipping group headers."""
        row += step
        while 0 <= row < self.results.count():
            if self.results.item(row).data(HIT_ROLE) is not None:
                self.results.setCurrentRow(row)
                return
            row += step

    def current_hit(self) -> SearchHit | None:
        item = self.results.currentItem()
        return item.data(HIT_ROLE) if item is not None else None

    @Slot()
    def open_current(self) -> None:
        hit = self.current_hit()
        if hit is not None:
            self.hit_opened.emit(hit)
            self.accept()

    def _open_item(self, item: QListWidgetItem) -> None:
        self.results.setCurrentItem(item)
        self.open_current()
