"""Visit cadence: who is due or overdue for a visit, by tier."""

from datetime import date, datetime

from shared.rules.cadence import (
    DEFAULT_CADENCE_DAYS,
    AccountVisits,
    cadence_days,
    cadence_table,
    last_visit_at,
    overdue_by_cadence,
)

TODAY = date(2026, 3, 20)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


def visited(account_id: str, tier: str | None, days_ago: int | None,
            created_days_ago: int | None = 400) -> AccountVisits:
    last = None if days_ago is None else at(date.fromordinal(TODAY.toordinal() - days_ago))
    created = None if created_days_ago is None else \
        at(date.fromordinal(TODAY.toordinal() - created_days_ago))
    return AccountVisits(account_id, tier, last, created)


def ids(accounts, table=None):
    return [d.account_id for d in overdue_by_cadence(accounts, table, TODAY)]


def test_default_cadence_is_14_30_90_days():
    assert DEFAULT_CADENCE_DAYS == {"A": 14, "B": 30, "C": 90}
    assert [cadence_days(t, None) for t in "ABC"] == [14, 30, 90]


def test_a_tier_missing_from_a_synced_table_has_no_cadence():
    assert cadence_days("C", {"A": 7, "B": 21}) is None
    assert cadence_days(None, None) is None


def test_accounts_visited_within_their_cadence_are_not_listed():
    assert ids([visited("a", "A", 13), visited("b", "B", 29), visited("c", "C", 89)]) == []


def test_the_day_the_cadence_elapses_the_account_is_due_then_overdue():
    due = overdue_by_cadence([visited("a", "A", 14), visited("b", "A", 20)], None, TODAY)
    assert [(d.account_id, d.days_since, d.days_overdue) for d in due] == \
        [("b", 20, 6), ("a", 14, 0)]


def test_most_overdue_first_across_tiers():
    accounts = [visited("a", "A", 20), visited("c", "C", 200), visited("b", "B", 31)]
    assert ids(accounts) == ["c", "a", "b"]


def test_a_visit_today_is_not_overdue():
    assert ids([visited("a", "A", 0)]) == []


def test_never_visited_accounts_are_listed_counted_from_creation():
    due = overdue_by_cadence([visited("new", "A", None, created_days_ago=3),
                              visited("old", "A", None, created_days_ago=40)], None, TODAY)
    assert [(d.account_id, d.last_visit_at, d.days_since, d.days_overdue) for d in due] == \
        [("old", None, None, 26), ("new", None, None, 0)]


def test_never_visited_accounts_of_unknown_age_come_first():
    accounts = [visited("late", "C", 500), visited("unknown", "C", None, created_days_ago=None)]
    assert ids(accounts) == ["unknown", "late"]


def test_accounts_without_a_tier_or_cadence_are_skipped():
    accounts = [visited("untiered", None, 365), visited("c", "C", 365)]
    assert ids(accounts, {"A": 14}) == []
    assert ids(accounts) == ["c"]


def test_changing_the_cadence_changes_who_is_due():
    accounts = [visited("a", "A", 10)]
    assert ids(accounts) == []
    assert ids(accounts, {"A": 7, "B": 30, "C": 90}) == ["a"]
    (due,) = overdue_by_cadence(accounts, {"A": 7}, TODAY)
    assert due.days_overdue == 3


def test_a_last_visit_dated_in_the_future_is_not_a_visit():
    (due,) = overdue_by_cadence([visited("a", "A", -3, created_days_ago=100)], None, TODAY)
    assert due.last_visit_at is None and due.days_overdue == 86


def test_future_and_planned_visits_do_not_count_as_visits():
    now = at(TODAY, 12)
    visits = [("completed", at(date(2026, 1, 5))), ("planned", None),
              ("planned", at(date(2026, 3, 25))), ("completed", at(date(2026, 4, 1))),
              ("cancelled", at(date(2026, 3, 19))), ("in_progress", at(TODAY, 9))]
    assert last_visit_at(visits, now) == at(TODAY, 9)
    assert last_visit_at(visits[:5], now) == at(date(2026, 1, 5))
    assert last_visit_at([("planned", at(date(2026, 3, 25)))], now) is None


def test_cadence_table_from_rules_defaults_and_duplicates():
    assert cadence_table([]) is None  # nothing synced yet: the defaults apply
    assert cadence_table([("A", 10), ("B", 30), ("A", 7)]) == {"A": 7, "B": 30}
    assert cadence_table([("A", 7), ("A", 10)]) == {"A": 7}
