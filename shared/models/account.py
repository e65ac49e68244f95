"""Accounts (customers) and their contacts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped

from shared.models.base import ID_LENGTH, Base, MergePolicy, Replicated, field


class Account(Replicated, Base):
    """A customer company; the root of a rep's territory data."""

    __tablename__ = "accounts"

    name: Mapped[str] = field(String(200), index=True)
    parent_id: Mapped[str | None] = field(String(ID_LENGTH), ForeignKey("accounts.id"))
    tier: Mapped[str | None] = field(String(1))
    # True when a person chose the tier; the server's Pareto recompute then leaves it alone.
    # A hand-set tier must set tier_manual=True in the same mutation. Nullable so a row
    # from a peer that predates the field still stores; None reads as False.
    tier_manual: Mapped[bool | None] = field(Boolean, default=False)
    industry: Mapped[str | None] = field(String(120))
    street: Mapped[str | None] = field(String(200))
    city: Mapped[str | None] = field(String(120))
    region: Mapped[str | None] = field(String(120))
    postal_code: Mapped[str | None] = field(String(20))
    country: Mapped[str | None] = field(String(2))
    phone: Mapped[str | None] = field(String(40))
    website: Mapped[str | None] = field(String(200))
    annual_revenue_cents: Mapped[int | None] = field(BigInteger)
    currency: Mapped[str] = field(String(3), default="CNY")
    credit_limit_cents: Mapped[int | None] = field(BigInteger, merge=MergePolicy.SERVER_WINS)
    owner_id: Mapped[str | None] = field(String(ID_LENGTH), ForeignKey("users.id"), index=True)
    territory_id: Mapped[str] = field(String(ID_LENGTH), ForeignKey("territories.id"), index=True)
    status: Mapped[str] = field(String(20), default="active")
    notes: Mapped[str | None] = field(Text, merge=MergePolicy.APPEND)
    created_at: Mapped[datetime | None] = field(DateTime)


class Contact(Replicated, Base):
    """A person at an account."""

    __tablename__ = "contacts"

    account_id: Mapped[str] = field(String(ID_LENGTH), ForeignKey("accounts.id"), index=True)
    name: Mapped[str] = field(String(200), index=True)
    title: Mapped[str | None] = field(String(120))
    email: Mapped[str | None] = field(String(254))
    phone: Mapped[str | None] = field(String(40))
    mobile: Mapped[str | None] = field(String(40))
    is_primary: Mapped[bool] = field(Boolean, default=False)
    notes: Mapped[str | None] = field(Text, merge=MergePolicy.APPEND)
    created_at: Mapped[datetime | None] = field(DateTime)
