"""Creating an account or contact that is probably there already: open the existing one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from desktop.services.accounts import count_accounts, list_accounts, save_account
from desktop.services.contacts import contacts_of, save_contact
from desktop.store import Store
from desktop.ui.contact_dialog import ContactDialog
from desktop.ui.duplicate_prompt import DuplicatePrompt
from desktop.ui.events import AppEvents
from desktop.ui.new_account_dialog import NewAccountDialog
from desktop.ui.runner import Runner
from tests.desktop.ui.conftest import type_chinese

AMCOR = "安姆科包装(上海)有限公司"


@dataclass
class Ui:
    store: Store
    runner: Runner
    events: AppEvents


@pytest.fixture
def ui(qtbot, replica: Store) -> Iterator[Ui]:  # type: ignore[no-untyped-def]
    runner = Runner()
    yield Ui(replica, runner, AppEvents())
    runner.wait_idle()


def new_account_dialog(qtbot, ui: Ui) -> NewAccountDialog:  # type: ignore[no-untyped-def]
    dialog = NewAccountDialog(ui.store, ui.runner, ui.events)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def prompt_of(qtbot, dialog: NewAccountDialog | ContactDialog) -> DuplicatePrompt:  # type: ignore[no-untyped-def]
    assert dialog.duplicates is not None
    qtbot.waitUntil(lambda: dialog.duplicates.prompt is not None  # type: ignore[union-attr]
                    and dialog.duplicates.prompt.isVisible(), timeout=10000)
    prompt = dialog.duplicates.prompt
    assert prompt is not None
    return prompt


def match_lines(prompt: DuplicatePrompt) -> list[tuple[str, ...]]:
    tree = prompt.matches
    return [tuple(tree.topLevelItem(i).text(c) for c in range(3))
            for i in range(tree.topLevelItemCount())]


def test_a_near_duplicate_chinese_name_offers_the_existing_account_and_creates_nothing(
        qtbot, ui: Ui) -> None:
    amcor, _ = save_account(ui.store, None, {"name": AMCOR, "city": "上海",
                                             "phone": "+86 21 6666 0100"})
    outbox_before = len(ui.store.outbox())
    dialog = new_account_dialog(qtbot, ui)
    type_chinese(dialog.edits["name"], "安姆科包装有限公司")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    prompt = prompt_of(qtbot, dialog)
    assert "安姆科包装有限公司" in prompt.text.text()
    [(name, detail, why)] = match_lines(prompt)
    assert (name, why) == (AMCOR, "Same name")
    assert detail == "上海 · +86 21 6666 0100"
    assert prompt.open_button.isDefault()
    with qtbot.waitSignal(dialog.existing_opened, timeout=5000) as opened:
        qtbot.keyClick(prompt.matches, Qt.Key.Key_Return)  # Enter opens the selected match
    assert opened.args == [amcor]
    assert not dialog.isVisible() and not prompt.isVisible()
    assert count_accounts(ui.store, "安姆科") == 1
    assert len(ui.store.outbox()) == outbox_before  # nothing was written


def test_create_anyway_creates_the_account(qtbot, ui: Ui) -> None:
    save_account(ui.store, None, {"name": AMCOR})
    dialog = new_account_dialog(qtbot, ui)
    type_chinese(dialog.edits["name"], "安姆科包装有限公司")
    type_chinese(dialog.edits["city"], "苏州")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    prompt = prompt_of(qtbot, dialog)
    with qtbot.waitSignals([dialog.account_created, ui.events.data_changed], timeout=10000):
        qtbot.mouseClick(prompt.create_button, Qt.MouseButton.LeftButton)
    created = [a for a in list_accounts(ui.store, "安姆科") if a.name == "安姆科包装有限公司"]
    assert [a.id for a in created] == [dialog.created_id]
    assert created[0].city == "苏州"
    assert count_accounts(ui.store, "安姆科") == 2


def test_cancel_in_the_prompt_goes_back_to_the_form(qtbot, ui: Ui) -> None:
    save_account(ui.store, None, {"name": AMCOR})
    dialog = new_account_dialog(qtbot, ui)
    type_chinese(dialog.edits["name"], "安姆科包装(苏州)有限公司")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    prompt = prompt_of(qtbot, dialog)
    qtbot.mouseClick(prompt.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert dialog.edits["name"].text() == "安姆科包装(苏州)有限公司"
    assert count_accounts(ui.store, "安姆科") == 1


def test_a_unique_name_creates_the_account_without_asking(qtbot, ui: Ui) -> None:
    dialog = new_account_dialog(qtbot, ui)
    qtbot.keyClicks(dialog.edits["name"], "Ningbo Harbour Logistics")
    qtbot.keyClicks(dialog.edits["phone"], "+86 574 8888 1234")
    with qtbot.waitSignal(dialog.account_created, timeout=10000) as created:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.duplicates.prompt is None
    [account] = list_accounts(ui.store, "Ningbo")
    assert created.args == [account.id] and account.phone == "+86 574 8888 1234"


def test_a_same_phone_under_another_name_is_offered_too(qtbot, ui: Ui) -> None:
    dialog = new_account_dialog(qtbot, ui)
    type_chinese(dialog.edits["name"], "精密机械上海分部")
    qtbot.keyClicks(dialog.edits["phone"], "021-5555-0100")  # the fixture's 上海精密
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    lines = match_lines(prompt_of(qtbot, dialog))
    assert lines[0][0] == "上海精密机械有限公司" and "Same phone number" in lines[0][2]


def test_missing_name_and_a_bad_phone_are_shown_at_the_fields(qtbot, ui: Ui) -> None:
    before = count_accounts(ui.store)
    dialog = new_account_dialog(qtbot, ui)
    qtbot.keyClicks(dialog.edits["phone"], "call me")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["name"].isVisible()
    assert dialog.errors["name"].text() == "Account name is required."
    assert "Phone does not look right" in dialog.errors["phone"].text()
    assert dialog.isVisible() and dialog.duplicates.prompt is None
    assert count_accounts(ui.store) == before


def test_a_new_contact_with_a_known_phone_offers_the_existing_contact(qtbot, ui: Ui) -> None:
    shanghai = list_accounts(ui.store, "精密")[0].id
    other, _ = save_account(ui.store, None, {"name": "杭州华联超市"})
    li, _ = save_contact(ui.store, None, other, {"name": "李雷", "title": "店长",
                                                 "mobile": "+86 139 1234 5678"})
    dialog = ContactDialog(ui.store, ui.runner, ui.events, shanghai)
    qtbot.addWidget(dialog)
    dialog.show()
    type_chinese(dialog.edits["name"], "李先生")
    qtbot.keyClicks(dialog.edits["phone"], "13912345678")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    prompt = prompt_of(qtbot, dialog)
    [(name, detail, why)] = match_lines(prompt)
    assert (name, why) == ("李雷", "Same phone number")
    assert "杭州华联超市" in detail  # where that contact works
    with qtbot.waitSignal(dialog.existing_opened, timeout=5000) as opened:
        qtbot.mouseClick(prompt.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [li]
    assert [c.name for c in contacts_of(ui.store, shanghai)] == ["王芳"]  # nothing created


def test_a_contact_with_the_same_name_at_the_account_is_offered_and_can_be_created(
        qtbot, ui: Ui) -> None:
    shanghai = list_accounts(ui.store, "精密")[0].id
    dialog = ContactDialog(ui.store, ui.runner, ui.events, shanghai)
    qtbot.addWidget(dialog)
    dialog.show()
    type_chinese(dialog.edits["name"], "王 芳")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    prompt = prompt_of(qtbot, dialog)
    assert [line[0] for line in match_lines(prompt)] == ["王芳"]
    with qtbot.waitSignal(ui.events.data_changed, timeout=10000):
        qtbot.mouseClick(prompt.create_button, Qt.MouseButton.LeftButton)
    assert sorted(c.name for c in contacts_of(ui.store, shanghai)) == ["王 芳", "王芳"]


def test_editing_a_contact_saves_without_asking(qtbot, ui: Ui) -> None:
    shanghai = list_accounts(ui.store, "精密")[0].id
    [wang] = contacts_of(ui.store, shanghai)
    dialog = ContactDialog(ui.store, ui.runner, ui.events, shanghai, wang)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.duplicates is None
    dialog.edits["title"].setText("采购总监")
    with qtbot.waitSignal(ui.events.data_changed, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert contacts_of(ui.store, shanghai)[0].title == "采购总监"
