"""The cadence table: read it, managers change it (synced via the outbox), bad values refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop.services.cadence import cadence_rules, can_edit_cadence, save_cadence
from desktop.services.times import from_local
from desktop.services.today import today as today_view
from desktop.services.visits import VisitDraft, log_visit
from desktop.store import Store, ValidationFailed
from desktop.store.state import save_session
from shared.models import CadenceRule
from tests.desktop.conftest import SERVER_CLOCK, TERRITORY_ID, USER_ID

TODAY = date(2025, 3, 10)
NOW = from_local(datetime(2025, 3, 10, 8))
RULE_IDS = {"A": "0190a000-0000-7000-8000-00000000ca0a",
            "B": "0190a000-0000-7000-8000-00000000ca0b",
            "C": "0190a000-0000-7000-8000-00000000ca0c"}


def sign_in_as(store: Store, role: str) -> Store:
    with store.write() as session:
        save_session(session, server_url="http://crm.test:8080",
                     user={"id": USER_ID, "username": "zhang.min", "display_name": "Zhang Min",
                           "role": role},
                     device_id=store.device_id, token="t", password_verifier="v")
    return store


@pytest.fixture
def manager(store: Store) -> Store:
    return sign_in_as(store, "manager")


def synced_rules(store: Store, **days: int) -> None:
    """Cadence rules as a pull brings them (nothing in the outbox)."""
    with store.write() as session:
        for tier, n in days.items():
            session.add(CadenceRule(id=RULE_IDS[tier], tier=tier, days=n,
                                    clocks={"days": SERVER_CLOCK}, deleted=False))


def cadence_outbox(store: Store) -> list[tuple[str, dict[str, object]]]:
    return [(e.op, e.fields) for e in store.outbox() if e.entity == "cadence_rule"]


def b_account_visited_25_days_ago(store: Store) -> str:
    assert NOW is not None
    with store.write() as session:
        account_id = store.record(session, "account", None, {
            "name": "华联超市", "tier": "B", "territory_id": TERRITORY_ID,
            "created_at": NOW - timedelta(days=400)})
    log_visit(store, VisitDraft(account_id=account_id, actual_start=NOW - timedelta(days=25)))
    return account_id


def due_ids(store: Store) -> set[str]:
    assert NOW is not None
    return {line.account.id for line in today_view(store, TODAY, NOW).cadence_due}


def test_the_defaults_show_until_a_rule_has_synced(crm: Store) -> None:
    table = cadence_rules(crm)
    assert table.days == {"A": 14, "B": 30, "C": 90}
    assert table.from_defaults and not table.pending
    synced_rules(crm, A=10, B=20)
    table = cadence_rules(crm)
    assert table.days == {"A": 10, "B": 20, "C": None}  # C's rule was deleted: no cadence
    assert not table.from_defaults


def test_only_managers_and_admins_may_change_it(crm: Store) -> None:
    assert not can_edit_cadence(crm)
    with pytest.raises(ValidationFailed) as refused:
        save_cadence(crm, {"B": 21})
    assert [p.message for p in refused.value.problems] == [
        "Only managers can change the visit cadence."]
    assert cadence_outbox(crm) == [] and cadence_rules(crm).days["B"] == 30
    assert can_edit_cadence(sign_in_as(crm, "manager"))
    assert can_edit_cadence(sign_in_as(crm, "admin"))


def test_nobody_signed_in_may_not_change_it(store: Store) -> None:
    assert not can_edit_cadence(store)


def test_a_manager_changes_one_tier_of_the_synced_table(manager: Store) -> None:
    synced_rules(manager, A=14, B=30, C=90)
    account_id = b_account_visited_25_days_ago(manager)
    assert account_id not in due_ids(manager)
    changes = save_cadence(manager, {"A": 14, "B": 21, "C": 90})
    assert changes.entities == {"cadence_rule"} and changes.ids == {RULE_IDS["B"]}
    assert cadence_outbox(manager) == [("upsert", {"days": 21})]
    table = cadence_rules(manager)
    assert table.days == {"A": 14, "B": 21, "C": 90} and table.pending
    assert account_id in due_ids(manager)  # 25 days since the visit, every 21 days now


def test_changing_the_defaults_writes_every_tier(manager: Store) -> None:
    changes = save_cadence(manager, {"B": 21})
    assert len(changes.ids) == 3
    assert sorted(f["tier"] + str(f["days"]) for op, f in cadence_outbox(manager)) == [
        "A14", "B21", "C90"]
    assert cadence_rules(manager).days == {"A": 14, "B": 21, "C": 90}


def test_saving_the_same_table_writes_nothing(manager: Store) -> None:
    synced_rules(manager, A=14, B=30, C=90)
    assert not save_cadence(manager, {"A": 14, "B": 30, "C": 90})
    assert cadence_outbox(manager) == []


def test_two_rules_for_a_tier_become_one(manager: Store) -> None:
    synced_rules(manager, A=14, B=30)
    with manager.write() as session:  # made offline by two managers at once
        session.add(CadenceRule(id="0190a000-0000-7000-8000-00000000cb0b", tier="B", days=25,
                                clocks={}, deleted=False))
    assert cadence_rules(manager).days["B"] == 25  # the shorter one counts
    save_cadence(manager, {"B": 40})
    assert cadence_rules(manager).days["B"] == 40
    assert sorted(op for op, _ in cadence_outbox(manager)) == ["delete", "upsert"]


@pytest.mark.parametrize(("value", "message"), [
    (0, "A visit cadence must be from 1 to 365 days."),
    (366, "A visit cadence must be from 1 to 365 days."),
    (-3, "A visit cadence must be from 1 to 365 days."),
    (2.5, "Enter a whole number of days."),
    ("two weeks", "Enter a whole number of days."),
    (True, "Enter a whole number of days."),
    (None, "Enter a whole number of days."),
])
def test_bad_days_are_refused_with_a_plain_message(manager: Store, value: object,
                                                   message: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        save_cadence(manager, {"A": 14, "B": value})
    assert [(p.field, p.message) for p in refused.value.problems] == [("B", message)]
    assert cadence_outbox(manager) == []


def test_days_typed_as_text_and_edge_values_are_accepted(manager: Store) -> None:
    save_cadence(manager, {"A": 1, "B": " 21 ", "C": 365})
    assert cadence_rules(manager).days == {"A": 1, "B": 21, "C": 365}


def test_an_unknown_tier_is_refused(manager: Store) -> None:
    with pytest.raises(ValidationFailed) as refused:
        save_cadence(manager, {"D": 10})
    assert [p.message for p in refused.value.problems] == ["There is no tier D."]
