"""Accounts due by cadence, picked by SQLite: ``shared.rules.cadence`` as one query.

The rule (``overdue_by_cadence``): an account whose tier has a cadence is due when that
many days have passed since its last visit that took place (completed or under way, and
started by *now*; one dated after *today* does not count), and always when it was never
visited, counted from its creation. Order: never-visited accounts with no creation date
first, then the most days overdue, then the id. ``tests/desktop/services/test_cadence_sql.py``
holds this query to the rule on random data.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from desktop.store import raw_sql
from shared.rules.cadence import DEFAULT_CADENCE_DAYS, VISITED, cadence_days

DueRow = tuple[str, str, datetime | None, int | None, int]  # id, tier, last, since, overdue

_SQL = """
WITH cadence(tier, days) AS (VALUES {cadences}),
last_visit AS (
    SELECT account_id, max(actual_start) AS at FROM visits
    WHERE deleted = 0 AND status IN ({visited}) AND actual_start <= :now
    GROUP BY account_id),
facts AS (
    SELECT a.id, a.tier, c.days,
           CASE WHEN date(v.at) <= :today THEN v.at END AS last_at,
           a.created_at
    FROM accounts a JOIN cadence c ON c.tier = a.tier
    LEFT JOIN last_visit v ON v.account_id = a.id
    WHERE a.deleted = 0),
due AS (
    SELECT id, tier, last_at,
           CAST(julianday(:today) - julianday(date(last_at)) AS INTEGER) AS since,
           CASE WHEN last_at IS NULL
                THEN max(0, CAST(julianday(:today)
                                 - julianday(coalesce(date(created_at), :today)) AS INTEGER)
                            - days)
                ELSE CAST(julianday(:today) - julianday(date(last_at)) AS INTEGER) - days
           END AS overdue,
           CASE WHEN last_at IS NULL AND created_at IS NULL THEN 0 ELSE 1 END AS known
    FROM facts)
SELECT id, tier, last_at, since, overdue FROM due
WHERE last_at IS NULL OR overdue >= 0
ORDER BY known, overdue DESC, id
LIMIT :limit
"""


def due_accounts(session: Session, table: dict[str, int] | None, today: date,
                 now: datetime, limit: int) -> list[DueRow]:
    """(id, tier, last visit, days since, days overdue) of the first *limit* accounts due."""
    cadences = _cadences(table)
    if not cadences:
        return []
    visited = sorted(status.value for status in VISITED)
    params: dict[str, Any] = {"now": now.isoformat(" ", "microseconds"),  # as stored
                              "today": today.isoformat(), "limit": limit}
    for n, (tier, days) in enumerate(cadences):
        params[f"tier{n}"], params[f"days{n}"] = tier, days
    for n, status in enumerate(visited):
        params[f"status{n}"] = status
    sql = _SQL.format(
        cadences=", ".join(f"(:tier{n}, :days{n})" for n in range(len(cadences))),
        visited=", ".join(f":status{n}" for n in range(len(visited))))
    rows = raw_sql.run(session, sql, params).all()
    return [(row_id, tier, _datetime(last), since if last is not None else None, overdue)
            for row_id, tier, last, since, overdue in rows]


def _cadences(table: dict[str, int] | None) -> list[tuple[str, int]]:
    tiers = tuple(DEFAULT_CADENCE_DAYS if table is None else table)
    found = [(tier, cadence_days(tier, table)) for tier in tiers]
    return [(tier, days) for tier, days in found if days is not None]


def _datetime(stored: str | None) -> datetime | None:
    return None if stored is None else datetime.fromisoformat(stored)
