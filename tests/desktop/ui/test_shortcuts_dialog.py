"""Help > Keyboard shortcuts: every action with a shortcut, by menu; typing narrows the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from desktop.ui.shortcuts_dialog import ShortcutsDialog, plain_text
from tests.desktop.ui.conftest import activate


def _native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def _window(qtbot) -> tuple[QMainWindow, list[QAction]]:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    actions: list[QAction] = []
    for title, entries in (("&FieldCRM", (("&Log visit…", "Ctrl+L"), ("&Sync now", "F5"),
                                          ("Sign &out", None))),
                           ("&Go", (("&Search…", "Ctrl+K"), ("Today", "Ctrl+1"),
                                    ("Accounts", "Ctrl+2")))):
        menu = window.menuBar().addMenu(title)
        for text, keys in entries:
            action = QAction(text, window)
            if keys:
                action.setShortcut(QKeySequence(keys))
            menu.addAction(action)
            actions.append(action)
    return window, actions


def test_every_action_with_a_shortcut_is_listed_under_its_menu(qtbot) -> None:
    window, actions = _window(qtbot)
    dialog = ShortcutsDialog(actions, window)
    rows = [(r.group, r.action, r.keys) for r in dialog.visible_rows()]
    assert rows == [("FieldCRM", "Log visit…", _native("Ctrl+L")),
                    ("FieldCRM", "Sync now", _native("F5")),
                    ("Go", "Search…", _native("Ctrl+K")),
                    ("Go", "Today", _native("Ctrl+1")),
                    ("Go", "Accounts", _native("Ctrl+2"))]  # "Sign out" has no shortcut
    tree = dialog.tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == \
        ["FieldCRM", "Go"]
    assert tree.topLevelItem(1).child(0).text(1) == _native("Ctrl+K")


def test_typing_filters_the_list_and_escape_closes(qtbot) -> None:
    window, actions = _window(qtbot)
    dialog = ShortcutsDialog(actions, window)
    dialog.show()
    activate(qtbot, dialog)
    assert dialog.filter.hasFocus()
    qtbot.keyClicks(dialog.filter, "sear")
    assert [r.action for r in dialog.visible_rows()] == ["Search…"]
    assert dialog.tree.topLevelItem(0).isHidden() and not dialog.tree.topLevelItem(1).isHidden()
    assert not dialog.empty.isVisible()
    dialog.filter.setText("go")  # a menu's name shows its whole menu
    assert [r.action for r in dialog.visible_rows()] == ["Search…", "Today", "Accounts"]
    dialog.filter.setText("f5")  # the keys themselves are searchable too
    assert [r.action for r in dialog.visible_rows()] == ["Sync now"]
    dialog.filter.setText("nothing like this")
    assert dialog.visible_rows() == [] and dialog.empty.isVisible()
    dialog.filter.clear()
    assert len(dialog.visible_rows()) == 5
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_mnemonics_are_dropped_from_english_and_chinese_menu_texts() -> None:
    assert plain_text("&Log visit…") == "Log visit…"
    assert plain_text("登记拜访(&L)…") == "登记拜访…"
    assert plain_text("Save && close") == "Save & close"
