"""Conflict records: the losing side of a same-field race, kept so it can be restored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped

from shared.models.base import HLC_LENGTH, ID_LENGTH, Base, Replicated, field


class Conflict(Replicated, Base):
    """Created by the server when concurrent writes hit the same field.

    ``winning_value`` is what the record now holds; ``losing_value`` is the overridden
    write, with who made it, from which device and when. Clients may only change
    ``status``/``resolved_by``/``resolution`` (resolving is itself a synced change).
    """

    __tablename__ = "conflicts"

    entity: Mapped[str] = field(String(40))
    row_id: Mapped[str] = field(String(ID_LENGTH), index=True)
    field_name: Mapped[str] = field(String(80))
    policy: Mapped[str] = field(String(20))
    winning_value: Mapped[object | None] = field(JSON)
    losing_value: Mapped[object | None] = field(JSON)
    winning_hlc: Mapped[str] = field(String(HLC_LENGTH))
    losing_hlc: Mapped[str] = field(String(HLC_LENGTH))
    winner_user_id: Mapped[str | None] = field(String(ID_LENGTH), ForeignKey("users.id"))
    loser_user_id: Mapped[str | None] = field(String(ID_LENGTH), ForeignKey("users.id"))
    loser_device_id: Mapped[str | None] = field(String(ID_LENGTH))
    territory_id: Mapped[str | None] = field(String(ID_LENGTH), index=True)
    status: Mapped[str] = field(String(20), default="open")
    resolved_by: Mapped[str | None] = field(String(ID_LENGTH))
    resolution: Mapped[str | None] = field(String(20))
    created_at: Mapped[datetime | None] = field(DateTime)
