"""Pareto tiers from won revenue of the last 12 months."""

from datetime import date

import pytest

from shared.models.enums import Tier
from shared.rules.tiering import pareto_tiers, twelve_months_before, won_revenue_last_12_months

A, B, C = Tier.A, Tier.B, Tier.C
TODAY = date(2026, 3, 20)


def test_top_accounts_making_80_percent_are_a_next_15_b_rest_c():
    revenue = {"w": 50, "x": 30, "y": 15, "z": 5}
    assert pareto_tiers(revenue) == {"w": A, "x": A, "y": B, "z": C}


def test_the_account_crossing_the_line_joins_the_higher_tier():
    assert pareto_tiers({"big": 70, "mid": 20, "small": 10}) == \
        {"big": A, "mid": A, "small": B}


def test_a_single_customer_is_a():
    assert pareto_tiers({"only": 1}) == {"only": A}


def test_ties_at_a_boundary_get_the_same_higher_tier():
    # q alone would end at 80 %; r and s earn exactly the same, so they are A with it.
    assert pareto_tiers({"p": 70, "q": 10, "r": 10, "s": 10}) == \
        {"p": A, "q": A, "r": A, "s": A}
    # q reaches 95 %; r, tied with q, would otherwise be C.
    assert pareto_tiers({"p": 90, "q": 5, "r": 5}) == {"p": A, "q": B, "r": B}
    assert pareto_tiers({"a": 1, "b": 1, "c": 1}) == {"a": A, "b": A, "c": A}


def test_zero_and_negative_revenue_is_c():
    assert pareto_tiers({"won": 100, "none": 0, "refund": -50}) == \
        {"won": A, "none": C, "refund": C}
    assert pareto_tiers({"x": 0, "y": 0}) == {"x": C, "y": C}
    assert pareto_tiers({}) == {}


def test_the_result_does_not_depend_on_input_order():
    revenue = {f"acc{i:03d}": (i * 37) % 101 for i in range(300)}
    reordered = dict(reversed(list(revenue.items())))
    assert pareto_tiers(revenue) == pareto_tiers(reordered)


def test_shares_are_checked():
    with pytest.raises(ValueError):
        pareto_tiers({"x": 1}, a_share=0.9, b_share=0.8)


def test_only_deals_won_in_the_last_12_months_count():
    deals = [("a", "won", 100_00, "CNY", date(2026, 3, 1)),
             ("a", "won", 50_00, "CNY", twelve_months_before(TODAY)),  # first day included
             ("a", "won", 999_00, "CNY", date(2025, 3, 19)),  # a day too old
             ("a", "won", 999_00, "CNY", date(2026, 3, 21)),  # expected, not yet closed
             ("b", "negotiation", 500_00, "CNY", date(2026, 3, 1)),
             ("b", "lost", 500_00, "CNY", date(2026, 3, 1)),
             ("c", "won", None, "CNY", date(2026, 3, 1)),
             ("c", "won", 10_00, "CNY", None)]
    assert won_revenue_last_12_months(deals, TODAY) == {"a": 150_00}


def test_other_currencies_rank_at_approximate_cny_rates():
    deals = [("usd", "won", 100_00, "USD", date(2026, 1, 1)),
             ("cny", "won", 500_00, "CNY", date(2026, 1, 1)),
             ("odd", "won", 100_00, "XXX", date(2026, 1, 1))]
    revenue = won_revenue_last_12_months(deals, TODAY)
    assert revenue == {"usd": 720_00, "cny": 500_00}
    assert won_revenue_last_12_months(deals, TODAY, to_cny={"CNY": 1.0}) == {"cny": 500_00}


def test_a_leap_day_looks_back_to_the_28th():
    assert twelve_months_before(date(2028, 2, 29)) == date(2027, 2, 28)
