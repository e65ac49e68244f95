"""Dates, times, counts and amounts in the UI's locale, for value texts.

``QLocale()`` (the default locale) follows the UI language — ``i18n.install_language`` sets
it — so a Chinese UI shows ``2026/3/9 14:05`` and an American English one ``3/9/2026 2:05 PM``.
The "C" locale (no locale at all, as on a bare test machine) keeps ISO dates, 24-hour times
and ``money.format_amount``'s amounts.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from desktop.services.fields import ValueFormatter
from desktop.services.money import SYMBOLS, format_amount
from desktop.services.times import to_local

ISO_DATE = "yyyy-MM-dd"
ISO_TIME = "HH:mm"
_MARK = "\x01"  # stands in for the currency symbol while asking the locale where it goes


def _is_c(locale: QLocale) -> bool:
    return locale.language() == QLocale.Language.C


def _date_format(locale: QLocale) -> str:
    if _is_c(locale):
        return ISO_DATE  # the "C" locale's short format ("d MM yyyy") reads badly
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:  # two-digit years are ambiguous in a CRM's history
        pattern = pattern.replace("yy", "yyyy")
    return pattern


def _time_format(locale: QLocale) -> str:
    return ISO_TIME if _is_c(locale) else locale.timeFormat(QLocale.FormatType.ShortFormat)


def date_pattern(locale: QLocale | None = None) -> str:
    """The Qt date pattern of the locale's short dates, four-digit year (for QDateEdit)."""
    return _date_format(locale or QLocale())


def _local_moment(stored: datetime) -> QDateTime:
    shown = to_local(stored)
    assert shown is not None
    return QDateTime(QDate(shown.year, shown.month, shown.day), QTime(shown.hour, shown.minute))


def locale_formatter(locale: QLocale | None = None) -> ValueFormatter:
    """A formatter for the services that shows dates the way this computer's user reads them."""
    locale = locale or QLocale()
    date_pattern = _date_format(locale)
    moment_pattern = f"{date_pattern} {_time_format(locale)}"

    def date_text(value: date) -> str:
        return locale.toString(QDate(value.year, value.month, value.day), date_pattern)

    def datetime_text(stored: datetime) -> str:
        return locale.toString(_local_moment(stored), moment_pattern)

    return ValueFormatter(date_text=date_text, datetime_text=datetime_text)


def date_text(value: date | None, locale: QLocale | None = None) -> str:
    """A calendar date (no time zone) in the locale's short form, four-digit year."""
    return locale_formatter(locale).date_text(value) if value is not None else ""


def datetime_text(stored: datetime | None, locale: QLocale | None = None) -> str:
    """A stored naive-UTC time as local date and time text."""
    return locale_formatter(locale).datetime_text(stored) if stored is not None else ""


def time_text(stored: datetime | None, locale: QLocale | None = None) -> str:
    """A stored naive-UTC time as the local time of day ("14:05", "2:05 PM")."""
    if stored is None:
        return ""
    locale = locale or QLocale()
    return locale.toString(_local_moment(stored).time(), _time_format(locale))


def number_text(value: int, locale: QLocale | None = None) -> str:
    """A whole number with the locale's digit grouping ("12,500")."""
    locale = locale or QLocale()
    return f"{value:,}" if _is_c(locale) else locale.toString(value)


def megabytes_text(byte_count: int, locale: QLocale | None = None) -> str:
    """A size in megabytes with one decimal, in the locale's digits ("12.5")."""
    locale = locale or QLocale()
    value = byte_count / 1_000_000
    return f"{value:,.1f}" if _is_c(locale) else locale.toString(value, "f", 1)


def amount_text(cents: int | None, currency: str | None, locale: QLocale | None = None) -> str:
    """An amount with the locale's grouping, decimal sign and symbol place; the ISO currency
    code always follows (``"¥1,234.00 CNY"``, German ``"1.234,00 € EUR"``). Empty for no
    amount; the "C" locale gives ``money.format_amount``'s text."""
    locale = locale or QLocale()
    if cents is None or _is_c(locale):
        return format_amount(cents, currency)
    code = currency or ""
    whole, frac = divmod(abs(cents), 100)
    number = f"{locale.toString(whole)}{locale.decimalPoint()}{frac:02d}"  # exact: no floats
    symbol = SYMBOLS.get(code, "")
    if symbol:  # where the locale puts a symbol: the pattern of 1.00 with a marker for it
        pattern = locale.toCurrencyString(1.0, _MARK, 2)
        number = pattern.replace(locale.toString(1.0, "f", 2), number).replace(_MARK, symbol)
    sign = locale.negativeSign() if cents < 0 else ""
    return f"{sign}{number} {code}".strip()
