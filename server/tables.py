"""Server-only tables (devices, credentials, memberships, change log, state) on their own MetaData."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
    text,
)

from shared.models.base import HLC_LENGTH, ID_LENGTH, NAMING_CONVENTION

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# Change-log entries every device receives (users, territories, cadence rules): the pull
# reads them through a partial index with exactly this predicate.
EVERYONE_ENTRIES = text("entity IN ('user', 'territory', 'cadence_rule')")

# SQLite only autoincrements an INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT identity.
POSITION = BigInteger().with_variant(Integer(), "sqlite")

devices = Table(
    "devices", metadata,
    Column("id", String(ID_LENGTH), primary_key=True),
    Column("user_id", String(ID_LENGTH), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("last_mid", BigInteger, nullable=False, default=0),
    # The `after` of the device's latest pull: the log position it has applied.
    Column("last_pulled_pos", BigInteger, nullable=False, default=0, server_default=text("0")),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=True),
    Column("revoked", Boolean, nullable=False, default=False),
)

credentials = Table(
    "credentials", metadata,
    Column("user_id", String(ID_LENGTH), primary_key=True),
    Column("password_hash", Text, nullable=False),
)

memberships = Table(
    "memberships", metadata,
    Column("user_id", String(ID_LENGTH), primary_key=True),
    Column("territory_id", String(ID_LENGTH), primary_key=True),
)

change_log = Table(
    "change_log", metadata,
    Column("pos", POSITION, primary_key=True, autoincrement=True),
    Column("entity", String(40), nullable=False),
    Column("row_id", String(ID_LENGTH), nullable=False),
    Column("territory_id", String(ID_LENGTH), nullable=True),
    Column("owner_id", String(ID_LENGTH), nullable=True),
    Column("deleted", Boolean, nullable=False, default=False),
    Column("data", JSON, nullable=False),
    Column("clocks", JSON, nullable=False),
    Column("old", JSON, nullable=True),
    Column("user_id", String(ID_LENGTH), nullable=True),
    Column("device_id", String(ID_LENGTH), nullable=True),
    Column("hlc", String(HLC_LENGTH), nullable=False),
    Column("created_at", DateTime, nullable=False),
    # An eviction entry tells viewers of territory_id who cannot see moved_to to drop the row.
    Column("evicted", Boolean, nullable=False, default=False, server_default=false()),
    Column("moved_to", String(ID_LENGTH), nullable=True),
    Index("ix_change_log_entity_row_id", "entity", "row_id"),
    Index("ix_change_log_territory_id_pos", "territory_id", "pos"),
    Index("ix_change_log_owner_id_pos", "owner_id", "pos"),
    Index("ix_change_log_everyone_pos", "pos", postgresql_where=EVERYONE_ENTRIES,
          sqlite_where=EVERYONE_ENTRIES),
    # Positions are never reused, even after a purge removed the newest ones (SQLite would
    # otherwise hand out max(pos) + 1 again, and a device past it would miss the entry).
    sqlite_autoincrement=True,
)

# Named integers the server keeps (e.g. "purged_through": highest purged log position).
server_state = Table(
    "server_state", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", BigInteger, nullable=False),
)
