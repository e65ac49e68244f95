"""Amounts read and typed the way people write them."""

from __future__ import annotations

import pytest

from desktop.services.money import AmountError, cents_to_text, format_amount, parse_amount


def test_amounts_show_symbol_grouping_two_decimals_and_code() -> None:
    assert format_amount(123400, "CNY") == "¥1,234.00 CNY"
    assert format_amount(99, "USD") == "$0.99 USD"
    assert format_amount(None, "EUR") == ""


def test_typed_amounts_become_cents() -> None:
    assert parse_amount("1,234.5") == 123450
    assert parse_amount("¥ 2,000") == 200000
    assert parse_amount("  ") is None
    assert cents_to_text(123450000) == "1,234,500.00"


@pytest.mark.parametrize("text", ["12abc", "1.234"])
def test_text_that_is_no_amount_gets_a_plain_error(text: str) -> None:
    with pytest.raises(AmountError):
        parse_amount(text)
