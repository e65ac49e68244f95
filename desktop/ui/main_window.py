"""The main window: navigation on the left, stacked views, menu, and the sync status bar.

Only Today and the accounts list are built at start; every other page (and the account
page) is built, and its module imported, when it is first shown or asked for; a dialog's
module when one first opens. Menus and shortcuts are all there from the start.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.store import Changes, Store, SyncStatus
from desktop.sync import user_message
from desktop.ui.accounts_view import AccountsView
from desktop.ui.banner import UpdateBanner
from desktop.ui.events import AppEvents
from desktop.ui.i18n import message_text, translate
from desktop.ui.page_stack import PageStack
from desktop.ui.runner import Runner
from desktop.ui.status_bar import SyncStatusBar
from desktop.ui.sync_controller import SyncController
from desktop.ui.task_reminders import TaskReminders
from desktop.ui.today_view import TodayScreen
from desktop.ui.visit_actions import VisitActions
from shared.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent, QShowEvent

    from desktop.services.search import SearchHit
    from desktop.ui.account_detail import AccountDetailView
    from desktop.ui.conflicts_view import ConflictsView
    from desktop.ui.opportunities_view import OpportunitiesView
    from desktop.ui.outbox_view import OutboxView
    from desktop.ui.pipeline_board import PipelineBoard
    from desktop.ui.search_dialog import SearchDialog
    from desktop.ui.tasks_view import TasksView


class Page(enum.IntEnum):
    TODAY = 0
    ACCOUNTS = 1
    PIPELINE = 2
    OPPORTUNITIES = 3
    TASKS = 4
    CONFLICTS = 5
    OUTBOX = 6


PAGE_TITLES = {Page.TODAY: QT_TRANSLATE_NOOP("MainWindow", "Today"),
               Page.ACCOUNTS: QT_TRANSLATE_NOOP("MainWindow", "Accounts"),
               Page.PIPELINE: QT_TRANSLATE_NOOP("MainWindow", "Pipeline"),
               Page.OPPORTUNITIES: QT_TRANSLATE_NOOP("MainWindow", "Opportunities"),
               Page.TASKS: QT_TRANSLATE_NOOP("MainWindow", "My tasks"),
               Page.CONFLICTS: QT_TRANSLATE_NOOP("MainWindow", "Conflicts"),
               Page.OUTBOX: QT_TRANSLATE_NOOP("MainWindow", "Outbox")}
# The account tab that lists each kind of search hit (0 is Details).
HIT_TABS = {"contact": 1, "visit": 2, "opportunity": 3}
FIRST_PAINT_WAIT_MS = 250  # Today's agenda loads after the first paint, or this late
REPORT_COPIED = QT_TRANSLATE_NOOP(
    "MainWindow", "Sync report copied to the clipboard — paste it into a message to IT.")


def _open_conflicts(store: Store) -> int:
    """On a worker thread (which imports the query, after the window is up)."""
    from desktop.services.conflicts import count_open_conflicts

    return count_open_conflicts(store)


class MainWindow(QMainWindow):
    """``signed_out`` asks the composition root to show the sign-in dialog again."""

    signed_out = Signal()

    def __init__(self, store: Store, runner: Runner, events: AppEvents,
                 controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.runner, self.events, self.controller = store, runner, events, controller
        self.sign_out_requested = False
        info = store.session_info()
        who = f" — {info.display_name} ({info.username})" if info else ""
        self.setWindowTitle(f"FieldCRM{who}")
        self.resize(1366, 768)
        self._build_views()
        self._build_menu()
        self.status = SyncStatusBar(store, controller, self)
        self.setStatusBar(self.status)
        events.data_changed.connect(self.status.on_data_changed)
        # The Outbox badge, from the counts the status bar reads, until its page is built.
        self.status.status_read.connect(self._outbox_badge)
        self._outbox_badge(self.status.last_status)
        self.search_dialog: SearchDialog | None = None
        self.dialog: QDialog | None = None  # the dialog opened last from the menu
        self.visit_actions = VisitActions(store, runner, events, self)
        self.reminders = TaskReminders(store, runner, events, self)
        self.reminders.reminder.connect(self._show_reminder)
        self.reminders.open_account.connect(self._open_from_reminder)
        self.reminders.open_tasks.connect(lambda: self.show_page(Page.TASKS))
        self._checks_started = self._today_loading = self._painted = False
        self.show_page(Page.TODAY)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Today's agenda, the first check for tasks due and the conflicts badge load in the
        background, once the window is up. The agenda (the heaviest: its queries and their
        modules) and the first sync round start after the window's first paint, which their
        threads would otherwise slow, or FIRST_PAINT_WAIT_MS after the window was shown if
        no paint comes (minimised at start)."""
        super().showEvent(event)
        if not self._checks_started:
            QTimer.singleShot(0, self, self._start_checks)
        if not self._today_loading:
            QTimer.singleShot(FIRST_PAINT_WAIT_MS, self, self._load_today)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._today_loading and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self._load_today)

    @Slot()
    def _start_checks(self) -> None:
        if self._checks_started or not self.isVisible():  # started, or closed meanwhile
            return
        self._checks_started = True
        self.reminders.start()
        self._count_conflicts()

    @Slot()
    def _load_today(self) -> None:
        if self._today_loading or not self.isVisible():
            return
        self._today_loading = True
        self.today.refresh()
        self.controller.window_up()  # the first sync round, too, waits for the first paint

    def _build_views(self) -> None:
        store, runner, events = self.store, self.runner, self.events
        self.today = TodayScreen(store, runner, events, self.controller, load=False)
        self.accounts = AccountsView(store, events)
        self._account_detail: AccountDetailView | None = None
        self.accounts_stack = QStackedWidget()
        self.accounts_stack.addWidget(self.accounts)
        self.nav = QListWidget()
        self.nav.setFixedWidth(190)
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } "
                               "QListWidget::item { padding: 8px 6px; }")
        for page in Page:
            QListWidgetItem(translate("MainWindow", PAGE_TITLES[page]), self.nav)
        self.pages = PageStack()
        for built_or_builder in (self.today, self.accounts_stack, self._build_pipeline,
                                 self._build_opportunities, self._build_tasks,
                                 self._build_conflicts, self._build_outbox):  # in Page order
            self.pages.add_page(built_or_builder)
        self.update_banner = UpdateBanner(self.controller)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(6, 6, 6, 0)
        outer.addWidget(self.update_banner)
        layout = QHBoxLayout()
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self.pages.show_page)
        self.accounts.account_opened.connect(self.open_account)
        self.today.account_opened.connect(self.open_account)
        self.accounts.new_requested.connect(self.new_account)
        # The Conflicts badge, counted here until its page is built (Outbox: see __init__).
        self._conflicts_asked = 0  # conflicts are counted once the window is up
        events.data_changed.connect(self._count_for_badges)

    # -- pages built when first needed ---------------------------------------------------
    @property
    def pipeline(self) -> PipelineBoard:
        return cast("PipelineBoard", self.pages.page(Page.PIPELINE))

    @property
    def opportunities(self) -> OpportunitiesView:
        return cast("OpportunitiesView", self.pages.page(Page.OPPORTUNITIES))

    @property
    def tasks(self) -> TasksView:
        return cast("TasksView", self.pages.page(Page.TASKS))

    @property
    def conflicts(self) -> ConflictsView:
        return cast("ConflictsView", self.pages.page(Page.CONFLICTS))

    @property
    def outbox(self) -> OutboxView:
        return cast("OutboxView", self.pages.page(Page.OUTBOX))

    @property
    def account_detail(self) -> AccountDetailView:
        """The account page (in the accounts stack, beside the list), built on first use."""
        if self._account_detail is None:
            from desktop.ui.account_detail import AccountDetailView

            detail = AccountDetailView(self.store, self.runner, self.events,
                                       history=self.controller.history_source)
            detail.contact_opened.connect(self.open_contact)
            detail.back_requested.connect(
                lambda: self.accounts_stack.setCurrentWidget(self.accounts))
            self.accounts_stack.addWidget(detail)
            self._account_detail = detail
        return self._account_detail

    def _build_pipeline(self) -> QWidget:
        from desktop.ui.pipeline_board import PipelineBoard

        return PipelineBoard(self.store, self.runner, self.events)

    def _build_opportunities(self) -> QWidget:
        from desktop.ui.opportunities_view import OpportunitiesView

        return OpportunitiesView(self.store, self.runner, self.events)

    def _build_tasks(self) -> QWidget:
        from desktop.ui.tasks_view import TasksView

        return TasksView(self.store, self.runner, self.events,
                         history=self.controller.history_source)

    def _build_conflicts(self) -> QWidget:
        from desktop.ui.conflicts_view import ConflictsView

        view = ConflictsView(self.store, self.runner, self.events)
        view.count_changed.connect(self._show_conflict_count)
        self._show_conflict_count(view.model.rowCount())
        return view

    def _build_outbox(self) -> QWidget:
        from desktop.ui.outbox_view import OutboxView

        view = OutboxView(self.store, self.runner, self.events)
        view.counts_changed.connect(self._show_outbox_counts)
        self.controller.sync_finished.connect(lambda _report: view.refresh())
        self.controller.sync_failed.connect(lambda _message: view.refresh())
        view.refresh()
        return view

    def _count_for_badges(self, changes: Changes) -> None:
        """Until its page is built (then it keeps its own badge up to date)."""
        if not changes.entities or "conflict" in changes.entities:
            self._count_conflicts()

    def _outbox_badge(self, status: SyncStatus) -> None:
        if not self.pages.is_built(Page.OUTBOX):
            self._show_outbox_counts(status.pending, status.rejected)

    def _count_conflicts(self) -> None:
        if self.pages.is_built(Page.CONFLICTS):
            return
        self._conflicts_asked += 1
        store, asked = self.store, self._conflicts_asked

        def counted(count: int) -> None:  # an answer overtaken by a newer question is dropped
            if isValid(self) and asked == self._conflicts_asked and \
                    not self.pages.is_built(Page.CONFLICTS):
                self._show_conflict_count(count)

        self.runner.run(lambda: _open_conflicts(store), counted)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(translate("MainWindow", "&FieldCRM"))
        self.new_account_action = self._action(menu, translate("MainWindow", "&New account…"),
                                               QKeySequence.StandardKey.New, self.new_account)
        self.log_visit_action = self._action(menu, translate("MainWindow", "&Log visit…"),
                                             "Ctrl+L", self.log_visit)
        self.plan_visit_action = self._action(menu, translate("MainWindow", "&Plan visit…"),
                                              "Ctrl+P", self.plan_visit)
        self.sync_action = self._action(menu, translate("MainWindow", "&Sync now"), "F5",
                                        self.controller.sync_now)
        menu.addSeparator()
        self.settings_action = self._action(menu, translate("MainWindow", "S&ettings…"),
                                            "Ctrl+,", self.open_settings)
        self.cadence_action = self._action(menu, translate("MainWindow", "Visit &cadence…"),
                                           None, self.edit_cadence)
        menu.addSeparator()
        self._action(menu, translate("MainWindow", "Sign &out"), None, self.sign_out)
        self._action(menu, translate("MainWindow", "&Quit"), QKeySequence.StandardKey.Quit,
                     self.close)
        go = self.menuBar().addMenu(translate("MainWindow", "&Go"))
        self.search_action = self._action(go, translate("MainWindow", "&Search…"), "Ctrl+K",
                                          self.open_search)
        go.addSeparator()
        for page in Page:
            self._action(go, translate("MainWindow", PAGE_TITLES[page]), f"Ctrl+{page.value + 1}",
                         lambda _c=False, p=page: self.show_page(p))
        help_menu = self.menuBar().addMenu(translate("MainWindow", "&Help"))
        self.shortcuts_action = self._action(
            help_menu, translate("MainWindow", "&Keyboard shortcuts"), "F1", self.show_shortcuts)
        self.copy_report_action = self._action(
            help_menu, translate("MainWindow", "&Copy sync report"), None, self.copy_sync_report)

    @Slot()
    def show_shortcuts(self) -> None:
        from desktop.ui.shortcuts_dialog import ShortcutsDialog

        self._open_dialog(ShortcutsDialog(self.findChildren(QAction), self))

    @Slot()
    def open_settings(self) -> None:
        from desktop.settings import load_settings
        from desktop.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(load_settings(), self)
        dialog.settings_changed.connect(
            lambda saved: self.controller.set_sync_interval(saved.sync_interval_s))
        self._open_dialog(dialog)

    def _action(self, menu, text, shortcut, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    @Slot(int)
    def _show_conflict_count(self, count: int) -> None:
        item = self.nav.item(Page.CONFLICTS)
        title = translate("MainWindow", "Conflicts")
        item.setText(f"{title} ({count})" if count else title)
        item.setForeground(Qt.GlobalColor.darkRed if count else Qt.GlobalColor.black)

    @Slot(int, int)
    def _show_outbox_counts(self, pending: int, rejected: int) -> None:
        item = self.nav.item(Page.OUTBOX)
        total = pending + rejected
        text = translate("MainWindow", "Outbox")
        if rejected:
            text += " " + translate("MainWindow", "({total}, {rejected} refused)").format(
                total=total, rejected=rejected)
        elif total:
            text += f" ({total})"
        item.setText(text)
        item.setToolTip(translate("MainWindow", "{pending} waiting to send, {rejected} refused "
                                  "by the server").format(pending=pending, rejected=rejected))
        item.setForeground(Qt.GlobalColor.darkRed if rejected else Qt.GlobalColor.black)

    @Slot()
    def copy_sync_report(self) -> None:
        """Build the report in the background; put it on the clipboard on the main thread."""
        from desktop.sync.report import sync_report

        store, url = self.store, self.controller.server_url

        def copied(text: str) -> None:
            QGuiApplication.clipboard().setText(text)
            self.statusBar().showMessage(translate("MainWindow", REPORT_COPIED), 8000)

        def failed(exc: BaseException) -> None:
            self.statusBar().showMessage(
                translate("MainWindow", "Could not build the sync report: {reason}").format(
                    reason=message_text(user_message(exc))), 8000)

        self.runner.run(lambda: sync_report(store, url), copied, failed)

    def show_page(self, page: Page) -> None:
        self.nav.setCurrentRow(page)
        if page == Page.ACCOUNTS:
            self.accounts_stack.setCurrentWidget(self.accounts)

    @Slot(str)
    def open_account(self, account_id: str) -> None:
        """The account's page, on its timeline (the customer at a glance)."""
        if self.account_detail.show_account(account_id):
            self.nav.setCurrentRow(Page.ACCOUNTS)
            self.accounts_stack.setCurrentWidget(self.account_detail)
            self.account_detail.show_overview()

    @Slot(str, str)
    def open_contact(self, account_id: str, contact_id: str) -> None:
        """An existing contact (e.g. the duplicate the rep chose): its account's Contacts tab
        with the contact selected and its editor open."""
        self.open_account(account_id)
        detail = self.account_detail
        if detail.account is None or detail.account.id != account_id:
            return
        detail.tabs.setCurrentIndex(HIT_TABS["contact"])
        row = detail.contacts.model.find_row(contact_id)
        if row >= 0:
            detail.contacts.table.selectRow(row)
        from desktop.services.contacts import get_contact

        contact = get_contact(self.store, contact_id)
        if contact is not None:
            detail.edit_contact(contact)

    @Slot()
    def open_search(self) -> None:
        if self.search_dialog is None:
            from desktop.ui.search_dialog import SearchDialog

            self.search_dialog = SearchDialog(self.store, self.runner, self)
            self.search_dialog.hit_opened.connect(self.open_hit)
        self.search_dialog.query.selectAll()
        self.search_dialog.query.setFocus()
        self.search_dialog.open()

    def open_hit(self, hit: SearchHit) -> None:
        """Open the hit's account, on the tab that lists the hit, with the hit selected."""
        if hit.account_id is None:
            return
        self.open_account(hit.account_id)
        tab = HIT_TABS.get(hit.kind)
        detail = self.account_detail
        if tab is None or detail.account is None or detail.account.id != hit.account_id:
            return
        detail.tabs.setCurrentIndex(tab)
        lists = {1: detail.contacts, 2: detail.visits, 3: detail.opportunities}[tab]
        row = lists.model.find_row(hit.id)
        if row >= 0:
            lists.table.selectRow(row)

    @Slot()
    def new_account(self) -> None:
        """Name and basics first; likely duplicates are offered before anything is created."""
        from desktop.ui.new_account_dialog import NewAccountDialog

        dialog = NewAccountDialog(self.store, self.runner, self.events, self)
        dialog.account_created.connect(self._show_new_account)
        dialog.existing_opened.connect(self.open_account)
        self._open_dialog(dialog)

    def _show_new_account(self, account_id: str) -> None:
        self.open_account(account_id)
        self.account_detail.tabs.setCurrentWidget(self.account_detail.form)

    @Slot()
    def plan_visit(self) -> None:
        self.visit_actions.plan(self._current_account_id())

    @Slot()
    def edit_cadence(self) -> None:
        from desktop.ui.cadence_editor import CadenceEditor

        self._open_dialog(CadenceEditor(self.store, self.runner, self.events, self))

    def _open_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def _current_account_id(self) -> str | None:
        detail = self._account_detail
        if detail is None:
            return None
        current = detail.account
        on_account = self.accounts_stack.currentWidget() is detail
        return current.id if current is not None and on_account else None

    @Slot(str, str)
    def _show_reminder(self, title: str, text: str) -> None:
        """No system tray (some Linux desktops): the reminder shows in the status bar."""
        lines = [line.strip().lstrip("·•- ").strip() for line in text.splitlines()]
        shown = " · ".join(line for line in lines if line)
        self.statusBar().showMessage(
            translate("MainWindow", "{title}: {text}").format(title=title, text=shown), 15000)

    @Slot(str)
    def _open_from_reminder(self, account_id: str) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()
        self.open_account(account_id)

    @Slot()
    def log_visit(self) -> None:
        from desktop.ui.visit_dialog import VisitDialog

        self._open_dialog(VisitDialog(self.store, self.runner, self.events,
                                      self._current_account_id(), self))

    @Slot()
    def sign_out(self) -> None:
        """The replica and its outbox stay on disk; they sync after the next sign-in."""
        self.sign_out_requested = True
        self.signed_out.emit()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reminders.stop()
        self.controller.stop()
        self.runner.wait_idle()
        super().closeEvent(event)
