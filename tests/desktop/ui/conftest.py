"""UI test fixtures: offscreen Qt, a filled replica, and the app's wiring around it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from desktop.services.accounts import save_account  # noqa: E402
from desktop.services.contacts import save_contact  # noqa: E402
from desktop.services.opportunities import save_opportunity  # noqa: E402
from desktop.services.times import utcnow  # noqa: E402
from desktop.services.visits import VisitDraft, log_visit  # noqa: E402
from desktop.store import Store, server_copy  # noqa: E402
from desktop.store.migrate import backup_file  # noqa: E402
from desktop.store.outbox import acknowledge  # noqa: E402
from desktop.store.state import save_session  # noqa: E402
from desktop.sync import SyncApi  # noqa: E402
from desktop.ui.events import AppEvents  # noqa: E402
from desktop.ui.main_window import MainWindow  # noqa: E402
from desktop.ui.runner import Runner  # noqa: E402
from desktop.ui.sync_controller import SyncController, SyncSettings  # noqa: E402
from shared.models import Conflict, Territory, User  # noqa: E402
from tests.desktop.conftest import SERVER_CLOCK, TERRITORY_ID, USER_ID  # noqa: E402

DEAD_URL = "http://127.0.0.1:9"  # discard port: nothing answers, like a laptop on a train
ACCOUNT_COUNT = 230  # more than one page, so the list has to fetch more as it scrolls

# Fast settings for tests: no automatic rounds; no retries, so "offline" shows at once.
TEST_SYNC = SyncSettings(sync_interval_s=3600, debounce_s=3600, health_check_s=0.2, retries=0)


def type_chinese(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Chinese arrives from an input method as a committed string, not as key presses."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def activate(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Give *window* the keyboard, as the window manager does for a newly opened dialog."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def fill_replica(store: Store) -> str:
    """Accounts (Chinese and English), a contact, a visit with an overdue task, a deal."""
    with store.write() as session:
        save_session(session, server_url="http://crm.test:8080",
                     user={"id": USER_ID, "username": "li.wei", "display_name": "Li Wei",
                           "role": "rep"},
                     device_id=store.device_id, token="t", password_verifier="v")
    first, _ = save_account(store, None, {"name": "上海精密机械有限公司", "city": "上海",
                                          "tier": "A", "phone": "+86 21 5555 0100"})
    for i in range(ACCOUNT_COUNT - 1):
        save_account(store, None, {"name": f"Account {i:03d} Trading", "city": "杭州",
                                   "tier": "ABC"[i % 3]})
    save_contact(store, None, first, {"name": "王芳", "title": "采购经理", "is_primary": True})
    log_visit(store, VisitDraft(account_id=first, purpose="Quarterly review",
                                actual_start=utcnow() - timedelta(days=9),
                                next_step_title="Send the quote",
                                next_step_due=date.today() - timedelta(days=2)))
    save_opportunity(store, None, first, {"name": "CNC line", "stage": "proposal",
                                          "amount_cents": 120_000_000, "probability": 40})
    with store.write() as session:
        session.add(Conflict(
            id="0190a000-0000-7000-8000-00000000c001", entity="account", row_id=first,
            field_name="phone", policy="lww", winning_value="+86 21 5555 0100",
            losing_value="+86 21 5555 0199", winning_hlc=SERVER_CLOCK, losing_hlc=SERVER_CLOCK,
            loser_user_id=USER_ID, territory_id=TERRITORY_ID, status="open", clocks={},
            deleted=False, created_at=utcnow()))
    return first


@pytest.fixture(scope="session")
def replica_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The filled replica, built once per session (230 saves take seconds) and copied."""
    path = tmp_path_factory.mktemp("template") / "li.wei.sqlite"
    store = Store.open(path)
    with store.write() as session:
        session.add(Territory(id=TERRITORY_ID, name="华东 East China",
                              clocks={"name": SERVER_CLOCK}, deleted=False))
        session.add(User(id=USER_ID, username="li.wei", display_name="Li Wei", role="rep",
                         active=True, clocks={"username": SERVER_CLOCK}, deleted=False))
    fill_replica(store)
    with store.write() as session:  # pretend all of that is synced already
        entries = store.outbox()
        acknowledge(session, [entry.mid for entry in entries])
        server_copy.forget(session, {(e.entity, e.row_id) for e in entries})
    store.close()
    return path


@pytest.fixture
def replica(replica_template: Path, replica_path: Path) -> Iterator[Store]:
    replica_path.parent.mkdir(parents=True, exist_ok=True)
    backup_file(replica_template, replica_path)
    store = Store.open(replica_path)
    yield store
    store.close()


@dataclass
class Wiring:
    store: Store
    runner: Runner
    events: AppEvents
    controller: SyncController
    window: MainWindow


def make_wiring(qtbot, store: Store, api: SyncApi,  # type: ignore[no-untyped-def]
                settings: SyncSettings = TEST_SYNC) -> Wiring:
    runner, events = Runner(), AppEvents()
    controller = SyncController(store, api, events, settings)
    window = MainWindow(store, runner, events, controller)
    qtbot.addWidget(window)
    window.show()
    controller.start(sync_first=False)
    return Wiring(store, runner, events, controller, window)


@pytest.fixture
def offline_app(qtbot, replica: Store) -> Iterator[Wiring]:  # type: ignore[no-untyped-def]
    """The main window on the filled replica, with the server unreachable."""
    wiring = make_wiring(qtbot, replica, SyncApi(DEAD_URL, token="t"))
    yield wiring
    wiring.controller.stop()
    wiring.runner.wait_idle()
