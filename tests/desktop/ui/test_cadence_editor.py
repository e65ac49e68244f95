"""The cadence table: a manager changes it and Today follows; a rep can only read it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from desktop.services.cadence import cadence_rules
from desktop.services.times import utcnow
from desktop.services.visits import VisitDraft, log_visit
from desktop.store import Store
from desktop.store.state import save_session
from desktop.sync import SyncApi
from desktop.ui.cadence_editor import CadenceEditor
from tests.desktop.conftest import TERRITORY_ID, USER_ID
from tests.desktop.ui.conftest import DEAD_URL, Wiring, make_wiring


def signed_in_as(store: Store, role: str) -> None:
    with store.write() as session:
        save_session(session, server_url="http://crm.test:8080",
                     user={"id": USER_ID, "username": "li.wei", "display_name": "Li Wei",
                           "role": role},
                     device_id=store.device_id, token="t", password_verifier="v")


def app_as(qtbot, store: Store, role: str) -> Iterator[Wiring]:  # type: ignore[no-untyped-def]
    signed_in_as(store, role)
    wiring = make_wiring(qtbot, store, SyncApi(DEAD_URL, token="t"))
    yield wiring
    wiring.controller.stop()
    wiring.runner.wait_idle()


@pytest.fixture
def manager_app(qtbot, replica: Store) -> Iterator[Wiring]:  # type: ignore[no-untyped-def]
    yield from app_as(qtbot, replica, "manager")


@pytest.fixture
def rep_app(qtbot, replica: Store) -> Iterator[Wiring]:  # type: ignore[no-untyped-def]
    yield from app_as(qtbot, replica, "rep")


def open_editor(qtbot, app: Wiring) -> CadenceEditor:  # type: ignore[no-untyped-def]
    editor = CadenceEditor(app.store, app.runner, app.events, app.window)
    with qtbot.waitSignal(editor.loaded, timeout=10000):
        editor.open()
    return editor


def type_days(qtbot, editor: CadenceEditor, tier: str, text: str) -> None:  # type: ignore[no-untyped-def]
    spin = editor.spins[tier]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def cadence_entries(store: Store) -> list[dict[str, object]]:
    return [e.fields for e in store.outbox() if e.entity == "cadence_rule"]


def due_ids(app: Wiring) -> set[str]:
    data = app.window.today.data
    assert data is not None
    return {line.account.id for line in data.agenda.cadence_due}


def test_a_manager_sets_tier_b_to_21_days_and_today_lists_the_customer(
        qtbot, manager_app: Wiring) -> None:
    store, today = manager_app.store, manager_app.window.today
    with store.write() as session:
        hualian = store.record(session, "account", None, {
            "name": "华联超市", "tier": "B", "territory_id": TERRITORY_ID,
            "created_at": utcnow() - timedelta(days=400)})
    log_visit(store, VisitDraft(account_id=hualian, actual_start=utcnow() - timedelta(days=25)))
    today.refresh()
    qtbot.waitUntil(lambda: today.data is not None and hualian not in due_ids(manager_app)
                    and today.data.agenda.cadence_table["B"] == 30, timeout=10000)
    editor = open_editor(qtbot, manager_app)
    assert [editor.spins[t].value() for t in "ABC"] == [14, 30, 90]
    assert editor.save_button.isVisible() and editor.save_button.isEnabled()
    type_days(qtbot, editor, "B", "21")
    with qtbot.waitSignal(manager_app.events.data_changed, timeout=10000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible() and not editor.general_error.text()
    assert {"tier": "B", "days": 21} in cadence_entries(store)  # queued for every device
    assert cadence_rules(store).days["B"] == 21
    qtbot.waitUntil(lambda: hualian in due_ids(manager_app), timeout=10000)
    assert today.data is not None and today.data.agenda.cadence_table["B"] == 21


def test_a_rep_sees_the_table_read_only(qtbot, rep_app: Wiring) -> None:
    editor = open_editor(qtbot, rep_app)
    assert [editor.spins[t].value() for t in "ABC"] == [14, 30, 90]
    assert not editor.save_button.isVisible()
    assert all(spin.isReadOnly() for spin in editor.spins.values())
    assert "Only managers can change the visit cadence." in editor.note.text()
    assert editor.close_button.text() == "Close"
    type_days(qtbot, editor, "B", "7")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    editor.save()  # however a save is asked for, nothing is written
    assert editor.spins["B"].value() == 30
    assert cadence_entries(rep_app.store) == []


@pytest.mark.parametrize("typed", ["0", "400"])
def test_a_bad_number_of_days_is_refused_at_its_tier(qtbot, manager_app: Wiring,
                                                     typed: str) -> None:
    editor = open_editor(qtbot, manager_app)
    type_days(qtbot, editor, "A", typed)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert editor.errors["A"].isVisible()
    assert editor.errors["A"].text() == "A visit cadence must be from 1 to 365 days."
    assert not editor.errors["B"].isVisible()
    assert cadence_entries(manager_app.store) == []
    type_days(qtbot, editor, "A", "10")  # corrected: saved
    with qtbot.waitSignal(manager_app.events.data_changed, timeout=10000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert cadence_rules(manager_app.store).days == {"A": 10, "B": 30, "C": 90}
