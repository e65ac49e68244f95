"""The rep's activity on an account: visits, opportunities and tasks."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped

from shared.models.base import ID_LENGTH, Base, MergePolicy, Replicated, field


class Visit(Replicated, Base):
    """A planned or completed customer visit."""

    __tablename__ = "visits"

    account_id: Mapped[str] = field(String(ID_LENGTH), ForeignKey("accounts.id"), index=True)
    owner_id: Mapped[str | None] = field(String(ID_LENGTH), ForeignKey("users.id"), index=True)
    status: Mapped[str] = field(String(20), default="planned")
    planned_start: Mapped[datetime | None] = field(DateTime, index=True)
    planned_end: Mapped[datetime | None] = field(DateTime)
    actual_start: Mapped[datetime | None] = field(DateTime, index=True)
    actual_end: Mapped[datetime | None] = field(DateTime)
    purpose: Mapped[str | None] = field(String(200))
    outcome: Mapped[str | None] = field(String(20))
    location: Mapped[str | None] = field(String(200))
    contact_ids: Mapped[list[str]] = field(JSON, default=list)
    notes: Mapped[str | None] = field(Text, merge=MergePolicy.APPEND)
    created_at: Mapped[datetime | None] = field(DateTime)


class Opportunity(Replicated, Base):
    """A potential sale moving through the pipeline."""

    __tablename__ = "opportunities"

    account_id: Mapped[str] = field(String(ID_LENGTH), ForeignKey("accounts.id"), index=True)
    owner_id: Mapped[str | None] = field(String(ID_LENGTH), ForeignKey("users.id"), index=True)
    name: Mapped[str] = field(String(200))
    stage: Mapped[str] = field(String(20), default="prospecting", index=True)
    amount_cents: Mapped[int | None] = field(BigInteger)
    currency: Mapped[str] = field(String(3), default="CNY")
    probability: Mapped[int | None] = field(Integer)
    expected_close: Mapped[date | None] = field(Date)
    notes: Mapped[str | None] = field(Text, merge=MergePolicy.APPEND)
    created_at: Mapped[datetime | None] = field(DateTime)


class Task(Replicated, Base):
    """A follow-up for a person, usually on an account (e.g. a visit's next step)."""

    __tablename__ = "tasks"

    account_id: Mapped[str | None] = field(String(ID_LENGTH), ForeignKey("accounts.id"), index=True)
    visit_id: Mapped[str | None] = field(String(ID_LENGTH), ForeignKey("visits.id"))
    opportunity_id: Mapped[str | None] = field(String(ID_LENGTH), ForeignKey("opportunities.id"))
    owner_id: Mapped[str | None] = field(String(ID_LENGTH), ForeignKey("users.id"), index=True)
    title: Mapped[str] = field(String(200))
    due_date: Mapped[date | None] = field(Date, index=True)
    status: Mapped[str] = field(String(20), default="open", index=True)
    priority: Mapped[str] = field(String(10), default="normal")
    completed_at: Mapped[datetime | None] = field(DateTime)
    notes: Mapped[str | None] = field(Text, merge=MergePolicy.APPEND)
    created_at: Mapped[datetime | None] = field(DateTime)
