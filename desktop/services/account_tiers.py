"""The tier of each of a few accounts, for lists that show an account's tier beside a row."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from desktop.store import Store
from shared.models import Account

CHUNK = 500  # ids per query (SQLite limits the number of bound values)


def account_tiers(store: Store, account_ids: Iterable[str | None]) -> dict[str, str]:
    """``{account id: tier}`` for those of *account_ids* that have a tier."""
    ids = sorted({i for i in account_ids if i})
    tiers: dict[str, str] = {}
    with store.read() as session:
        for start in range(0, len(ids), CHUNK):
            query = select(Account.id, Account.tier).where(
                Account.id.in_(ids[start:start + CHUNK]), Account.tier.is_not(None))
            tiers.update({i: tier for i, tier in session.execute(query) if tier})
    return tiers
