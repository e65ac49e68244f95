"""Render every main screen offscreen with demo data (default 1366x768, English).

Usage: ``python -m desktop.ui.screenshots --server URL [--out docs/screenshots]
[--language zh_CN] [--size 1920x1080] [--only today,accounts]`` against a server seeded with
``fieldcrm-server seed-demo``. It signs in as li.wei (and zhang.min, to produce one real
conflict by editing the same field from both), so run it against a throw-away demo server —
``make screenshots`` does that for every language and size.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from desktop.services.accounts import get_account, list_accounts, save_account
from desktop.services.tasks import get_task, my_tasks
from desktop.services.times import from_local
from desktop.services.visit_plans import plan_visit
from desktop.services.visits import get_visit, save_visit, visits_of
from desktop.store import Changes, Store
from desktop.store.outbox import reject
from desktop.sync import RequestRejected, SyncEngine, sign_in, user_message
from desktop.ui.contact_dialog import ContactDialog
from desktop.ui.events import AppEvents
from desktop.ui.i18n import UI_LANGUAGES, install_language
from desktop.ui.main_window import MainWindow, Page
from desktop.ui.new_account_dialog import NewAccountDialog
from desktop.ui.opportunity_dialog import OpportunityDialog
from desktop.ui.runner import Runner
from desktop.ui.signin_dialog import SignInDialog
from desktop.ui.sync_controller import SyncController, SyncSettings
from desktop.ui.task_dialog import TaskDialog
from desktop.ui.visit_dialog import VisitDialog
from shared.sync.protocol import ErrorCode

SIZE = (1366, 768)
PASSWORD = "fieldcrm"


def _settle(app: QApplication, ms: int = 150) -> None:
    """Let layouts, fonts and queued signals finish before grabbing."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def _wait(app: QApplication, done: Callable[[], bool], timeout_ms: int = 30000) -> None:
    waited = 0
    while not done() and waited < timeout_ms:
        _settle(app, 50)
        waited += 50


def render_all(server: str, out: Path, data_dir: Path, *, language: str = "en",
               size: tuple[int, int] = SIZE, only: set[str] | None = None) -> list[Path]:
    """Every screen (or those named in *only*) as ``out/<name>.png``; returns the files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_language(app, language)
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []

    def grab(widget: QWidget, name: str) -> None:
        if only is not None and name not in only:
            return
        _settle(app)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    runner = Runner()
    dialog = SignInDialog(runner, data_dir, server)
    dialog.user_edit.setText("li.wei")
    dialog.password_edit.setText(PASSWORD)
    dialog.show()
    grab(dialog, "signin")
    dialog.close()

    store, api = sign_in(server, "li.wei", PASSWORD, data_dir=data_dir / "li")
    SyncEngine(store, api).sync()
    other, other_api = sign_in(server, "zhang.min", PASSWORD, data_dir=data_dir / "zhang")
    SyncEngine(other, other_api).sync()
    target = list_accounts(store, limit=5)[2]
    save_account(store, target.id, {"phone": "+86 21 6100 0001",
                                    "notes": "客户希望下周二上门演示。Wants a demo next Tuesday."})
    save_account(other, target.id, {"phone": "+86 21 6100 0002",
                                    "notes": "Prefers email before any visit."})
    SyncEngine(store, api).sync()
    SyncEngine(other, other_api).sync()
    other.close()

    events = AppEvents()
    controller = SyncController(store, api, events, SyncSettings(debounce_s=3600))
    window = MainWindow(store, runner, events, controller)
    window.resize(*size)
    window.show()
    finished: list[object] = []
    controller.sync_finished.connect(finished.append)
    controller.start()
    _wait(app, lambda: bool(finished))
    first = list_accounts(store, limit=1)[0]
    save_account(store, first.id, {"website": "www.example.cn"})  # one change not yet synced
    events.data_changed.emit(Changes(frozenset({"account"})))
    window.show_page(Page.ACCOUNTS)  # the window opens on Today
    _settle(app, 400)  # the list and the badges counted in the background
    grab(window, "accounts")

    chinese = next(a for a in list_accounts(store, limit=1000) if not a.name.isascii())
    window.accounts.search.setText(chinese.name[1:3])
    _settle(app, 400)
    grab(window, "accounts_filtered_chinese")
    window.accounts.search.clear()

    window.open_account(chinese.id)
    for index, name in enumerate(("account_details", "account_contacts", "account_visits",
                                  "account_opportunities")):
        window.account_detail.tabs.setCurrentIndex(index)
        grab(window, name)
    window.account_detail.tabs.setCurrentIndex(window.account_detail.timeline_tab)
    _wait(app, lambda: not runner.busy)
    grab(window, "account_timeline")
    window.account_detail.tabs.setCurrentIndex(0)
    form = window.account_detail.form
    form.edits["name"].clear()
    form.edits["phone"].setText("call me maybe")
    form.save()
    _wait(app, lambda: form.errors["name"].isVisible())
    grab(window, "account_validation_errors")
    form.show_account(get_account(store, chinese.id))  # type: ignore[arg-type]

    visit = VisitDialog(store, runner, events, chinese.id, window)
    visit.show()
    if visit.contacts.count():
        visit.contacts.item(0).setCheckState(Qt.CheckState.Checked)
    visit.purpose.setText("季度回顾 Quarterly review")
    visit.notes.setPlainText("客户对新型号感兴趣，需要报价。\nInterested in the new model; wants a quote.")
    visit.outcome.setCurrentIndex(1)
    visit.next_step.setText("Send the quote 发送报价")
    grab(visit, "visit_dialog")
    visit.close()
    opportunity = OpportunityDialog(store, runner, events, chinese.id, None, window)
    opportunity.name.setText("数控机床生产线 CNC line")
    opportunity.amount.setText("1,250,000.00")
    opportunity.show()
    grab(opportunity, "opportunity_dialog")
    opportunity.close()
    contact = ContactDialog(store, runner, events, chinese.id, None, window)
    contact.edits["name"].setText("王芳")
    contact.edits["title"].setText("采购经理 Purchasing manager")
    contact.edits["email"].setText("wang.fang@")
    contact.show()
    contact.save()
    _wait(app, lambda: contact.errors["email"].isVisible())
    grab(contact, "contact_dialog_error")
    contact.close()

    for page, name in ((Page.OPPORTUNITIES, "opportunities"), (Page.TASKS, "tasks")):
        window.show_page(page)
        grab(window, name)
    window.show_page(Page.CONFLICTS)
    notes = [i for i in range(window.conflicts.model.rowCount())
             if window.conflicts.model.row_at(i).field_name == "notes"]  # type: ignore[union-attr]
    window.conflicts.select_row(notes[0] if notes else 0)
    grab(window, "conflicts")

    _stage_refusal(store, first.id)
    events.data_changed.emit(Changes(frozenset({"account"})))
    window.show_page(Page.OUTBOX)
    grab(window, "outbox_rejected")

    window.open_account(target.id)
    history = window.account_detail.history
    loaded: list[int] = []
    history.loaded.connect(loaded.append)
    history.failed.connect(lambda _m: loaded.append(-1))
    window.account_detail.tabs.setCurrentIndex(window.account_detail.history_tab)
    _wait(app, lambda: bool(loaded))
    grab(window, "account_history")
    _render_visit_and_task(app, store, runner, events, controller, window, grab)
    _render_rep_day(app, store, events, window, grab)
    _render_dialogs(app, store, window, chinese.name, grab)
    window.close()
    store.close()
    return saved


def _render_visit_and_task(app: QApplication, store: Store, runner: Runner, events: AppEvents,
                           controller: SyncController, window: QWidget,
                           grab: Callable[[QWidget, str], None]) -> None:
    """A visit edited and synced, open for editing with its History; a task's editor."""
    visit = next((v for a in list_accounts(store, limit=1000) if not a.name.isascii()
                  for v in visits_of(store, a.id) if v.status == "completed"), None)
    if visit is not None:
        save_visit(store, visit.id, {"purpose": "季度回顾 Quarterly review",
                                     "outcome": "positive"})
        finished: list[object] = []
        controller.sync_finished.connect(finished.append)
        controller.sync_now()
        _wait(app, lambda: bool(finished))
        detail = get_visit(store, visit.id)
        assert detail is not None
        edit = VisitDialog(store, runner, events, parent=window, visit=detail,
                           history=controller.history_source)
        edit.show()
        grab(edit, "visit_edit_dialog")
        edit.open_history()
        history = edit.history_dialog
        assert history is not None
        loaded: list[int] = []
        history.view.loaded.connect(loaded.append)
        history.view.failed.connect(lambda _m: loaded.append(-1))
        _wait(app, lambda: bool(loaded))
        grab(history, "visit_history")
        history.close()
        edit.close()
    tasks = my_tasks(store)
    task = get_task(store, tasks[0].id) if tasks else None
    if task is not None:
        dialog = TaskDialog(store, runner, events, task, window,
                            history=controller.history_source)
        dialog.show()
        grab(dialog, "task_dialog")
        dialog.close()


def _render_rep_day(app: QApplication, store: Store, events: AppEvents, window: MainWindow,
                    grab: Callable[[QWidget, str], None]) -> None:
    """Today with visits planned for today and tomorrow, the pipeline board, Ctrl+K search."""
    accounts = list_accounts(store, limit=6)
    today = date.today()
    for day, hour, account, purpose in ((today, 10, accounts[0], "product_demo"),
                                        (today, 15, accounts[1], "quarterly_review"),
                                        (today + timedelta(days=1), 9, accounts[2], "quotation"),
                                        (today + timedelta(days=2), 14, accounts[3], "")):
        start = from_local(datetime.combine(day, time(hour)))
        assert start is not None
        _, changes = plan_visit(store, account.id, start, start + timedelta(hours=1),
                                purpose=purpose)
        events.data_changed.emit(changes)
    window.show_page(Page.TODAY)
    _wait(app, lambda: window.today.data is not None and not window.runner.busy)
    grab(window, "today")
    window.show_page(Page.PIPELINE)
    _wait(app, lambda: window.pipeline.data is not None and not window.runner.busy)
    grab(window, "pipeline_board")
    window.show_page(Page.ACCOUNTS)
    window.open_search()
    dialog = window.search_dialog
    assert dialog is not None
    dialog.query.setText("包装")
    shown: list[object] = []
    dialog.results_shown.connect(shown.append)
    _wait(app, lambda: bool(shown))
    _settle(app)
    picture = window.grab()
    # the dialog is a separate top-level window offscreen: draw it over the main window
    painter = QPainter(picture)
    x = (picture.width() - dialog.width()) // 2
    painter.drawPixmap(x, 90, dialog.grab())
    painter.setPen(QColor("#90a4ae"))
    painter.drawRect(x - 1, 89, dialog.width() + 1, dialog.height() + 1)
    painter.end()
    grab(_PixmapWidget(picture), "search_dialog")
    dialog.close()


def _render_dialogs(app: QApplication, store: Store, window: MainWindow, existing: str,
                    grab: Callable[[QWidget, str], None]) -> None:
    """Plan and end a visit, a new account that looks like an existing one, the visit
    cadence, settings and the shortcuts list."""
    actions = window.visit_actions
    planned = next(v for a in list_accounts(store, limit=1000)
                   for v in visits_of(store, a.id) if v.status == "planned")
    actions.plan(planned.account_id)
    _show_and_grab(actions.dialog, "visit_plan_dialog", grab)
    actions.end(planned.id)
    _show_and_grab(actions.dialog, "visit_end_dialog", grab)
    window.new_account()
    dialog = window.dialog
    assert isinstance(dialog, NewAccountDialog)
    dialog.edits["name"].setText(existing.replace("有限公司", ""))
    dialog.edits["city"].setText("上海")
    dialog.save()
    _wait(app, lambda: dialog.duplicates.prompt is not None)
    _show_and_grab(dialog.duplicates.prompt, "duplicate_prompt", grab)
    dialog.close()
    window.edit_cadence()
    _wait(app, lambda: not window.runner.busy)
    _show_and_grab(window.dialog, "cadence_editor", grab)
    window.open_settings()
    _show_and_grab(window.dialog, "settings_dialog", grab)
    window.show_shortcuts()
    _show_and_grab(window.dialog, "shortcuts_dialog", grab)


def _show_and_grab(dialog: QWidget | None, name: str,
                   grab: Callable[[QWidget, str], None]) -> None:
    assert dialog is not None, name
    dialog.show()
    grab(dialog, name)
    dialog.close()


class _PixmapWidget(QWidget):
    """Hands a composed picture to ``grab`` like any widget."""

    def __init__(self, pixmap: QPixmap) -> None:
        super().__init__()
        self._pixmap = pixmap

    def grab(self, *_args: object) -> QPixmap:  # type: ignore[override]
        return self._pixmap


def _stage_refusal(store: Store, account_id: str) -> None:
    """An edit the server refused, as it shows after a push (the demo server accepts
    every valid edit, so the refusal is recorded the way the sync engine records one)."""
    save_account(store, account_id, {"phone": "+86 21 5555 0123", "industry": "Machinery"})
    mid = store.outbox()[-1].mid
    refusal = RequestRejected(ErrorCode.OUT_OF_SCOPE, "account is not in your territories",
                              mid)
    with store.write() as session:
        reject(session, mid, refusal.code, user_message(refusal))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--language", default="en", choices=sorted(UI_LANGUAGES))
    parser.add_argument("--size", default=f"{SIZE[0]}x{SIZE[1]}", help="WIDTHxHEIGHT")
    parser.add_argument("--only", help="comma-separated screen names (default: all)")
    args = parser.parse_args(argv)
    width, _, height = args.size.partition("x")
    only = set(args.only.split(",")) if args.only else None
    with tempfile.TemporaryDirectory() as data_dir:
        for path in render_all(args.server, args.out, Path(data_dir), language=args.language,
                               size=(int(width), int(height)), only=only):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
