"""Amounts as people read and type them: integer cents plus an ISO currency."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from shared.i18n import QT_TRANSLATE_NOOP, Message

SYMBOLS: dict[str, str] = {
    "CNY": "¥", "JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "HKD": "HK$",
    "SGD": "S$", "KRW": "₩", "TWD": "NT$", "AUD": "A$", "CAD": "C$", "CHF": "Fr.",
}


class AmountError(ValueError):
    """Text that is not an amount; the message is fit to show to a person
    (``shared.i18n.exception_message(exc)`` is it, translatable)."""


def format_amount(cents: int | None, currency: str | None) -> str:
    """``123400, "CNY"`` -> ``"¥1,234.00 CNY"``; empty text for no amount."""
    if cents is None:
        return ""
    code = currency or ""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    symbol = SYMBOLS.get(code, "")
    return f"{sign}{symbol}{whole:,}.{frac:02d} {code}".strip()


def parse_amount(text: str) -> int | None:
    """``"1,234.5"`` -> ``123450`` cents; ``None`` for empty text; AmountError otherwise."""
    cleaned = text.strip().replace(",", "").replace(" ", "")
    for symbol in sorted(SYMBOLS.values(), key=len, reverse=True):
        cleaned = cleaned.removeprefix(symbol)
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise AmountError(Message.of(
            QT_TRANSLATE_NOOP("Messages", "“{text}” is not an amount (e.g. 12,500.00)."),
            text=text.strip())) from exc
    if value != value.quantize(Decimal("0.01")):
        raise AmountError(QT_TRANSLATE_NOOP("Messages", "Amounts have at most two decimal places."))
    return int(value * 100)


def cents_to_text(cents: int | None) -> str:
    """Editable text of an amount, without symbol: ``123450000`` -> ``"1,234,500.00"``."""
    if cents is None:
        return ""
    whole, frac = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{whole:,}.{frac:02d}"
