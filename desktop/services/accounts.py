"""Accounts: search the territory's customers, read one, create or edit it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, literal_column, or_, select

from desktop.services.records import record_save, to_row
from desktop.services.times import utcnow
from desktop.services.users import current_user_id, default_territory_id
from desktop.store import Changes, Store, search_index
from shared.models import Account, Territory, User
from shared.models.enums import AccountStatus, Tier

EDITABLE_FIELDS = (
    "name", "tier", "industry", "street", "city", "region", "postal_code", "country",
    "phone", "website", "annual_revenue_cents", "currency", "status", "notes",
    "tier_manual",  # True with a hand-picked tier; the server's recompute leaves it alone
)


# The table's columns rather than the mapped class's for the list, its count and the
# pickers: the same SQL, but compiled without the ORM, so the first window's queries need
# no mapper set-up (about 10 ms at start; the first ORM query, in the background, does it).
_COLUMNS = Account.__table__.c


@dataclass(frozen=True)
class AccountRow:
    """One line of the accounts list."""

    id: str
    name: str
    tier: str | None
    industry: str | None
    city: str | None
    phone: str | None
    status: str
    owner_id: str | None
    pending: bool = False


@dataclass(frozen=True)
class AccountDetail:
    """Everything the account screen shows and edits."""

    id: str
    name: str
    tier: str | None
    industry: str | None
    street: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None
    phone: str | None
    website: str | None
    annual_revenue_cents: int | None
    currency: str
    credit_limit_cents: int | None
    status: str
    notes: str | None
    owner_id: str | None
    owner_name: str
    territory_id: str
    territory_name: str
    created_at: datetime | None
    pending: bool = False


def _filtered(query: Select, text: str, tier: Tier | str | None) -> Select:
    # "+deleted": SQLite then walks the name index in order and stops after one page,
    # instead of reading every live account through the deleted index and sorting them.
    query = query.where(literal_column("+accounts.deleted") == 0)
    needle = text.strip()
    if needle:
        # LIKE finds any substring, Chinese included; escape the wildcards people type.
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(_COLUMNS.name.like(pattern, escape="\\"),
                                _COLUMNS.city.like(pattern, escape="\\"),
                                _COLUMNS.phone.like(pattern, escape="\\")))
    if tier:
        query = query.where(_COLUMNS.tier == str(tier))
    return query


# The columns of a list line (no ORM objects: a page of 200 is read per keystroke).
_LINE = tuple(_COLUMNS[f.name] for f in fields(AccountRow) if f.name != "pending")


def list_accounts(store: Store, text: str = "", tier: Tier | str | None = None,
                  limit: int = 200, offset: int = 0) -> list[AccountRow]:
    """Live accounts matching *text* (name, city or phone) and *tier*, by name, one page.

    Three characters or more are looked up in the search index (trigrams); shorter text
    (a two-character Chinese name) scans the table with LIKE.
    """
    pending = store.pending_ids("account")
    with store.read() as session:
        ids = search_index.ranked(session, "account", text, limit, offset, _tier_filter(tier))
        if ids is None:
            query = _filtered(select(*_LINE), text, tier).order_by(_COLUMNS.name, _COLUMNS.id)
            found = list(session.execute(query.limit(limit).offset(offset)))
        elif ids:
            by_id = {row.id: row for row in session.execute(
                select(*_LINE).where(_COLUMNS.id.in_(ids)))}
            found = [by_id[i] for i in ids if i in by_id]
        else:
            found = []
        return [to_row(AccountRow, a, pending=a.id in pending) for a in found]


def count_accounts(store: Store, text: str = "", tier: Tier | str | None = None) -> int:
    with store.read() as session:
        counted = search_index.count(session, "account", text, _tier_filter(tier))
        if counted is not None:
            return counted
        query = _filtered(select(func.count()).select_from(Account.__table__), text, tier)
        return int(session.scalar(query) or 0)


def _tier_filter(tier: Tier | str | None) -> search_index.RowFilter | None:
    return ("t.tier = ?", (str(tier),)) if tier else None


def get_account(store: Store, account_id: str) -> AccountDetail | None:
    """The account, or None when it is not (or no longer) on this computer."""
    with store.read() as session:
        account = session.get(Account, account_id)
        if account is None or account.deleted:
            return None
        owner = session.get(User, account.owner_id) if account.owner_id else None
        territory = session.get(Territory, account.territory_id)
        return to_row(AccountDetail, account,
                      owner_name=owner.display_name if owner else "",
                      territory_name=territory.name if territory else "",
                      pending=account_id in store.pending_ids("account"))


def save_account(store: Store, account_id: str | None,
                 values: Mapping[str, Any]) -> tuple[str, Changes]:
    """Create (``account_id=None``) or edit an account; raises ValidationFailed."""
    data = {k: v for k, v in values.items() if k in EDITABLE_FIELDS or k in
            ("territory_id", "owner_id", "parent_id")}
    if account_id is None:
        data.setdefault("status", AccountStatus.ACTIVE.value)
        data.setdefault("currency", "CNY")
        data.setdefault("owner_id", current_user_id(store))
        data.setdefault("territory_id", default_territory_id(store))
        data.setdefault("created_at", utcnow())
    return record_save(store, "account", account_id, data)


def account_names(store: Store, text: str = "", limit: int = 50) -> list[tuple[str, str]]:
    """``(id, name)`` pairs for pickers (e.g. the account of a visit)."""
    with store.read() as session:
        ids = search_index.ranked(session, "account", text, limit)
        if ids is None:
            query = _filtered(select(_COLUMNS.id, _COLUMNS.name), text, None)
            return [(i, n) for i, n in session.execute(
                query.order_by(_COLUMNS.name, _COLUMNS.id).limit(limit))]
        names = {i: n for i, n in session.execute(
            select(_COLUMNS.id, _COLUMNS.name).where(_COLUMNS.id.in_(ids)))}
        return [(i, names[i]) for i in ids if i in names]
