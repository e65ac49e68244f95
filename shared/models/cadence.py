"""The visit cadence table: how often accounts of each tier should be visited."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped

from shared.models.base import Base, Replicated, field


class CadenceRule(Replicated, Base):
    """Visit an account of ``tier`` at least every ``days`` days (one live rule per tier).

    Replicated to every device; only managers and admins may change it. Not unique in
    the database (two managers may create one offline); the server refuses a second live
    rule for a tier, and readers take the shortest cadence if two ever exist.
    """

    __tablename__ = "cadence_rules"

    tier: Mapped[str] = field(String(1), index=True)
    days: Mapped[int] = field(Integer)
