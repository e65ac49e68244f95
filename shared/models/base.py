"""Declarative base, naming convention and the sync metadata every replicated row carries."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LENGTH = 36
HLC_LENGTH = 64


class MergePolicy(enum.StrEnum):
    """How the server resolves two concurrent writes to the same field."""

    LWW = "lww"  # highest hybrid logical clock wins; loser kept in a conflict record
    APPEND = "append"  # both texts survive, server's first; recorded as a merged conflict
    SERVER_WINS = "server_wins"  # the central value stands; the client's is kept as a conflict


SYNC_COLUMNS = frozenset({"clocks", "deleted"})


class Base(DeclarativeBase):
    """Base of every table replicated between the server store and the desktop replica."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}


class Replicated:
    """Sync metadata: a client-generated id, per-field HLCs and a tombstone flag.

    ``clocks`` maps each field name to the HLC of its last accepted write. ``deleted``
    is itself a field (with its clock under ``"deleted"``): deletes are tombstones.
    """

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    clocks: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


def merge_policy(column: Any) -> MergePolicy:
    """The declared merge policy of a mapped column (lww when none is declared)."""
    return MergePolicy(column.info.get("merge", MergePolicy.LWW))


def field(*args: Any, merge: MergePolicy = MergePolicy.LWW, **kwargs: Any) -> Any:
    """``mapped_column`` with a merge policy recorded in the column's ``info``."""
    info = dict(kwargs.pop("info", {}))
    info["merge"] = merge
    return mapped_column(*args, info=info, **kwargs)


__all__ = [
    "Base", "Replicated", "MergePolicy", "field", "merge_policy", "ID_LENGTH", "HLC_LENGTH",
    "SYNC_COLUMNS", "date", "datetime",
]
