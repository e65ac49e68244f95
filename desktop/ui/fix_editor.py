"""Fix a refused change: open the record's editor with the refused values and its reason."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop.services.accounts import get_account
from desktop.services.contacts import get_contact
from desktop.services.opportunities import get_opportunity
from desktop.services.outbox import OutboxItem, rejected_values
from desktop.services.tasks import get_task
from desktop.services.visits import get_visit
from desktop.store import Store
from desktop.ui.account_form import AccountForm
from desktop.ui.contact_dialog import ContactDialog
from desktop.ui.events import AppEvents
from desktop.ui.i18n import message_text, translate
from desktop.ui.opportunity_dialog import OpportunityDialog
from desktop.ui.record_dialog import RecordDialog, refusal_text
from desktop.ui.runner import Runner
from desktop.ui.task_dialog import TaskDialog
from desktop.ui.visit_dialog import VisitDialog
from desktop.ui.widgets import show_problems
from shared.rules.validation import Problem
from shared.sync.protocol import Op

EDITABLE = frozenset({"account", "contact", "opportunity", "visit", "task"})


def can_fix(item: OutboxItem) -> bool:
    """Refused edits of records that have an editor; anything else can only be discarded."""
    return item.rejected and item.op is Op.UPSERT and item.entity in EDITABLE


def _overlay(row: Any, values: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(row)}
    return dataclasses.replace(row, **{k: v for k, v in values.items() if k in names})


class AccountFixDialog(QDialog):
    """The account form in a dialog, saving as the fix of one refused change."""

    def __init__(self, store: Store, runner: Runner, events: AppEvents, item: OutboxItem,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("RecordDialog", "Fix refused change — {title}").format(
            title=item.record_name))
        self.resize(900, 560)
        self.form = AccountForm(store, runner, events, self)
        account = get_account(store, item.row_id)
        if account is None:
            raise _gone(item)
        self.form.show_account(_overlay(account, rejected_values(store, item.mid)))
        self.form.fixing = item.mid
        show_problems(self.form.errors, self.form.general_error,
                      [Problem("", "rejected", refusal_text(item.reason))])
        self.form.saved.connect(lambda _id: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)


def _gone(item: OutboxItem) -> LookupError:
    return LookupError(translate(
        "FixEditor", "This {kind} is no longer on this computer; discard the change.").format(
        kind=message_text(item.entity_label).lower()))


def _record_dialog(store: Store, runner: Runner, events: AppEvents, item: OutboxItem,
                   parent: QWidget | None) -> RecordDialog:
    """The contact, opportunity, visit or task editor showing the refused values."""
    values = rejected_values(store, item.mid)
    if item.entity == "contact":
        contact = get_contact(store, item.row_id)
        if contact is None:
            raise _gone(item)
        return ContactDialog(store, runner, events, contact.account_id,
                             _overlay(contact, values), parent, fixing=item.mid)
    if item.entity == "opportunity":
        deal = get_opportunity(store, item.row_id)
        if deal is None:
            raise _gone(item)
        return OpportunityDialog(store, runner, events, deal.account_id,
                                 _overlay(deal, values), parent, fixing=item.mid)
    if item.entity == "visit":
        visit = get_visit(store, item.row_id)
        if visit is None:
            raise _gone(item)
        if "contact_ids" in values:
            values["contact_ids"] = tuple(values["contact_ids"] or ())
        return VisitDialog(store, runner, events, parent=parent,
                           visit=_overlay(visit, values), fixing=item.mid)
    if item.entity == "task":
        task = get_task(store, item.row_id)
        if task is None:
            raise _gone(item)
        return TaskDialog(store, runner, events, _overlay(task, values), parent,
                          fixing=item.mid)
    raise LookupError(translate(
        "FixEditor", "A refused {kind} change cannot be edited; discard it and make the "
        "change again.").format(kind=message_text(item.entity_label).lower()))


def fix_dialog(store: Store, runner: Runner, events: AppEvents, item: OutboxItem,
               parent: QWidget | None = None) -> QDialog:
    """The editor for *item*'s record, pre-filled with the refused values."""
    if item.entity == "account":
        return AccountFixDialog(store, runner, events, item, parent)
    dialog = _record_dialog(store, runner, events, item, parent)
    dialog.show_refusal(item.reason)
    return dialog


def open_fix_editor(store: Store, runner: Runner, events: AppEvents, item: OutboxItem,
                    parent: QWidget | None = None) -> QDialog:
    dialog = fix_dialog(store, runner, events, item, parent)
    dialog.open()
    return dialog
