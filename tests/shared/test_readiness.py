"""Trip readiness: green, amber or red per planned visit, with plain reasons."""

from datetime import datetime, timedelta

from shared.rules.readiness import ReadinessLevel, TripFacts, assess, trip_readiness

NOW = datetime(2026, 3, 20, 8, 0)
GREEN, AMBER, RED = ReadinessLevel.GREEN, ReadinessLevel.AMBER, ReadinessLevel.RED


def facts(visit_id: str = "v1", **over) -> TripFacts:
    values = {"account_id": "a1", "account_present": True, "contacts": 3,
              "open_opportunities": 1, "visits_known": 5, "open_tasks": 2,
              "refreshed_at": NOW - timedelta(hours=2)}
    values.update(over)
    return TripFacts(visit_id=visit_id, **values)


def test_everything_present_and_fresh_is_green():
    assert assess(facts(), NOW).level is GREEN
    assert assess(facts(), NOW).reasons == ()


def test_no_open_deals_or_tasks_is_still_green():
    assert assess(facts(open_opportunities=0, open_tasks=0), NOW).level is GREEN


def test_a_missing_account_is_red_whatever_else():
    result = assess(facts(account_present=False, contacts=0), NOW)
    assert result.level is RED
    assert result.reasons == ("The account is not on this laptop",)


def test_stale_data_is_amber_with_its_age():
    result = assess(facts(refreshed_at=NOW - timedelta(days=3, hours=2)), NOW)
    assert (result.level, result.reasons) == (AMBER, ("Last refreshed 3 days ago",))
    result = assess(facts(refreshed_at=NOW - timedelta(hours=30)), NOW)
    assert result.reasons == ("Last refreshed 30 hours ago",)


def test_exactly_at_the_staleness_limit_is_still_fresh():
    assert assess(facts(refreshed_at=NOW - timedelta(hours=24)), NOW).level is GREEN
    short = assess(facts(refreshed_at=NOW - timedelta(minutes=45)), NOW,
                   stale_after=timedelta(minutes=30))
    assert short.reasons == ("Last refreshed 45 minutes ago",)


def test_never_refreshed_is_amber():
    result = assess(facts(refreshed_at=None), NOW)
    assert (result.level, result.reasons) == (AMBER, ("Never refreshed from the server",))


def test_no_contacts_and_no_earlier_visits_are_each_a_reason():
    result = assess(facts(contacts=0, visits_known=0), NOW)
    assert result.level is AMBER
    assert result.reasons == ("No contacts on this laptop", "No earlier visits on this laptop")


def test_a_short_visit_history_is_not_flagged():
    assert assess(facts(visits_known=2), NOW).level is GREEN


def test_the_trip_takes_the_worst_level():
    trip = trip_readiness([facts("v1"), facts("v2", contacts=0),
                           facts("v3", account_present=False)], NOW)
    assert trip.level is RED
    assert [(v.visit_id, v.readiness.level) for v in trip.visits] == \
        [("v1", GREEN), ("v2", AMBER), ("v3", RED)]
    assert trip_readiness([facts("v1"), facts("v2", contacts=0)], NOW).level is AMBER


def test_a_trip_without_visits_is_green():
    trip = trip_readiness([], NOW)
    assert trip.level is GREEN and trip.visits == ()
