"""Users and territories: who works in FieldCRM and which part of the market they cover."""

from __future__ import annotations

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped

from shared.models.base import Base, MergePolicy, Replicated, field


class User(Replicated, Base):
    """A person who signs in. Credentials and territory memberships live on the server only."""

    __tablename__ = "users"

    username: Mapped[str] = field(String(80), unique=True, merge=MergePolicy.SERVER_WINS)
    display_name: Mapped[str] = field(String(200), merge=MergePolicy.SERVER_WINS)
    email: Mapped[str | None] = field(String(254), merge=MergePolicy.SERVER_WINS)
    role: Mapped[str] = field(String(20), default="rep", merge=MergePolicy.SERVER_WINS)
    active: Mapped[bool] = field(Boolean, default=True, merge=MergePolicy.SERVER_WINS)


class Territory(Replicated, Base):
    """A sales territory; accounts belong to one, reps cover one or more."""

    __tablename__ = "territories"

    name: Mapped[str] = field(String(120), merge=MergePolicy.SERVER_WINS)
    region: Mapped[str | None] = field(String(120), merge=MergePolicy.SERVER_WINS)
