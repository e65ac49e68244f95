"""The conflict inbox: a badge, the list, and resolving from the detail pane."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services.accounts import get_account, list_accounts
from desktop.store import Changes, Origin
from desktop.ui.conflicts_view import ConflictsModel
from desktop.ui.main_window import Page
from shared.models import Conflict
from tests.desktop.conftest import SERVER_CLOCK, TERRITORY_ID, USER_ID
from tests.desktop.ui.conftest import Wiring

NOTES_CONFLICT = "0190a000-0000-7000-8000-00000000c002"


def _account_id(app: Wiring) -> str:
    return list_accounts(app.store, "精密")[0].id


def _add_notes_conflict(app: Wiring) -> None:
    with app.store.write() as session:
        session.add(Conflict(
            id=NOTES_CONFLICT, entity="account", row_id=_account_id(app), field_name="notes",
            policy="lww", winning_value="Prefers email.", losing_value="Call after 3pm.",
            winning_hlc=SERVER_CLOCK, losing_hlc=SERVER_CLOCK, loser_user_id=USER_ID,
            territory_id=TERRITORY_ID, status="open", clocks={}, deleted=False))


def _open_inbox(qtbot, app: Wiring):  # type: ignore[no-untyped-def]
    app.window.show_page(Page.CONFLICTS)
    view = app.window.conflicts
    qtbot.waitUntil(lambda: view.detail.conflict is not None)
    return view


def test_the_inbox_lists_the_conflict_and_shows_it_in_the_pane(qtbot, offline_app: Wiring) -> None:
    window = offline_app.window  # the badge is counted once the window is up
    qtbot.waitUntil(lambda: window.nav.item(Page.CONFLICTS).text() == "Conflicts (1)")
    view = _open_inbox(qtbot, offline_app)
    model = view.model
    assert model.index(0, 0).data() == "上海精密机械有限公司 (Account)"
    assert (model.index(0, 1).data(), model.index(0, 2).data(), model.index(0, 3).data()) == (
        "Phone", "+86 21 5555 0199", "+86 21 5555 0100")
    detail = view.detail
    assert detail.mine_value.text() == "+86 21 5555 0199"
    assert detail.theirs_value.text() == "+86 21 5555 0100"
    assert detail.mine_box.title().startswith("Mine — Li Wei")
    assert "overridden" in detail.mine_box.title() and "kept now" in detail.theirs_box.title()
    assert not detail.merge_button.isVisibleTo(view)  # phone numbers are never merged


def test_a_conflict_pulled_by_sync_shows_on_the_badge_before_the_inbox_is_opened(
        qtbot, offline_app: Wiring) -> None:
    window = offline_app.window
    qtbot.waitUntil(lambda: window.nav.item(Page.CONFLICTS).text() == "Conflicts (1)")
    _add_notes_conflict(offline_app)
    offline_app.events.data_changed.emit(Changes(frozenset({"conflict"}), origin=Origin.SYNC))
    qtbot.waitUntil(lambda: window.nav.item(Page.CONFLICTS).text() == "Conflicts (2)")
    assert window.pages.currentIndex() == Page.TODAY


def test_keep_mine_updates_the_record_clears_the_badge_and_queues_the_change(
        qtbot, offline_app: Wiring) -> None:
    view = _open_inbox(qtbot, offline_app)
    with qtbot.waitSignal(offline_app.events.data_changed):
        qtbot.mouseClick(view.detail.keep_mine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert offline_app.window.nav.item(Page.CONFLICTS).text() == "Conflicts"
    account = get_account(offline_app.store, _account_id(offline_app))
    assert account is not None and account.phone == "+86 21 5555 0199"
    assert {e.entity for e in offline_app.store.outbox()} == {"account", "conflict"}
    assert offline_app.window.status.pending_label.text() == "2 pending"
    assert view.empty.isVisible()


def test_keep_theirs_only_resolves(qtbot, offline_app: Wiring) -> None:
    view = _open_inbox(qtbot, offline_app)
    with qtbot.waitSignal(offline_app.events.data_changed):
        qtbot.mouseClick(view.detail.keep_theirs_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    account = get_account(offline_app.store, _account_id(offline_app))
    assert account is not None and account.phone == "+86 21 5555 0100"
    [entry] = offline_app.store.outbox()
    assert entry.entity == "conflict" and entry.fields["resolution"] == "keep_theirs"


def test_merge_both_saves_the_edited_text_and_moves_to_the_next_conflict(
        qtbot, offline_app: Wiring) -> None:
    _add_notes_conflict(offline_app)
    view = offline_app.window.conflicts
    view.refresh()
    assert offline_app.window.nav.item(Page.CONFLICTS).text() == "Conflicts (2)"
    row = view.model.find_row(NOTES_CONFLICT)
    view.table.selectRow(row)
    assert view.detail.conflict is not None and view.detail.conflict.id == NOTES_CONFLICT
    assert view.detail.merge_button.isVisibleTo(view)
    assert view.detail.merge_edit.toPlainText() == "Prefers email.\nCall after 3pm."
    view.detail.merge_edit.setPlainText("Prefers email; call after 3pm.")
    with qtbot.waitSignal(offline_app.events.data_changed):
        qtbot.mouseClick(view.detail.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    account = get_account(offline_app.store, _account_id(offline_app))
    assert account is not None and account.notes == "Prefers email; call after 3pm."
    assert view.detail.conflict is not None and view.detail.conflict.field_name == "phone"
    assert "Resolved on this computer" in view.detail.done_label.text()


def test_the_conflicts_model_passes_the_model_tester(qtmodeltester, offline_app: Wiring) -> None:
    _add_notes_conflict(offline_app)
    model = ConflictsModel(offline_app.store)
    model.reload()
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)
