"""Dates and times in the user's locale (ISO when the system names none), for value texts."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from desktop.services.fields import ValueFormatter
from desktop.services.times import to_local

ISO_DATE = "yyyy-MM-dd"


def _date_format(locale: QLocale) -> str:
    if locale.language() == QLocale.Language.C:
        return ISO_DATE  # the "C" locale's short format ("d MM yyyy") reads badly
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:  # two-digit years are ambiguous in a CRM's history
        pattern = pattern.replace("yy", "yyyy")
    return pattern


def locale_formatter(locale: QLocale | None = None) -> ValueFormatter:
    """A formatter for the services that shows dates the way this computer's user reads them."""
    locale = locale or QLocale()
    date_pattern = _date_format(locale)

    def date_text(value: date) -> str:
        return locale.toString(QDate(value.year, value.month, value.day), date_pattern)

    def datetime_text(stored: datetime) -> str:
        shown = to_local(stored)
        assert shown is not None
        moment = QDateTime(QDate(shown.year, shown.month, shown.day),
                           QTime(shown.hour, shown.minute))
        return locale.toString(moment, f"{date_pattern} HH:mm")

    return ValueFormatter(date_text=date_text, datetime_text=datetime_text)


def datetime_text(stored: datetime | None) -> str:
    """A stored naive-UTC time as local date and time text."""
    return locale_formatter().datetime_text(stored) if stored is not None else ""
