"""Who is who: the signed-in user, display names for owners, territories."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.store import Store
from shared.models import Account, Territory, User


@dataclass(frozen=True)
class TerritoryRow:
    id: str
    name: str
    region: str | None


def current_user_id(store: Store) -> str | None:
    info = store.session_info()
    return info.user_id if info else None


def user_names(store: Store) -> dict[str, str]:
    """``{user id: display name}`` of everyone in the replica (owners, conflict losers)."""
    users = User.__table__.c  # Core columns: the accounts list needs no ORM set-up at start
    with store.read() as session:
        rows = session.execute(select(users.id, users.display_name, users.username))
        return {uid: display or username for uid, display, username in rows}


def display_name(store: Store, user_id: str | None) -> str:
    if not user_id:
        return ""
    with store.read() as session:
        user = session.get(User, user_id)
        return (user.display_name or user.username) if user else ""


def territories(store: Store) -> list[TerritoryRow]:
    with store.read() as session:
        rows = session.scalars(select(Territory).where(Territory.deleted.is_(False))
                               .order_by(Territory.name))
        return [TerritoryRow(t.id, t.name, t.region) for t in rows]


def default_territory_id(store: Store) -> str | None:
    """Where a new account goes: the territory most of the replica's accounts are in."""
    with store.read() as session:
        query = (select(Account.territory_id).where(Account.deleted.is_(False))
                 .group_by(Account.territory_id).order_by(func.count().desc()).limit(1))
        found = session.scalar(query)
        if found is None:
            found = session.scalar(select(Territory.id).order_by(Territory.name).limit(1))
        return found
