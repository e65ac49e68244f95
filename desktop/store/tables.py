"""Local-only tables of the replica: outbox, sync state, session, server copies, evictions."""

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
)

from shared.models.base import HLC_LENGTH, ID_LENGTH, NAMING_CONVENTION

local_metadata = MetaData(naming_convention=NAMING_CONVENTION)

# Every local write appends one mutation here in the same transaction as the row.
# AUTOINCREMENT so a mid is never reused, even after the newest entries were acknowledged.
outbox = Table(
    "outbox", local_metadata,
    Column("mid", Integer, primary_key=True, autoincrement=True),
    Column("entity", String(40), nullable=False),
    Column("row_id", String(ID_LENGTH), nullable=False),
    Column("op", String(10), nullable=False),
    Column("fields", JSON, nullable=False),
    Column("base", JSON, nullable=False),
    Column("hlc", String(HLC_LENGTH), nullable=False),
    Column("state", String(10), nullable=False, default="pending"),
    Column("error_code", String(40)),
    Column("error_message", Text),
    Column("created_at", DateTime, nullable=False),
    Index("ix_outbox_entity_row_id", "entity", "row_id"),
    Index("ix_outbox_state", "state"),
    sqlite_autoincrement=True,
)

# Exactly one row (id 1): where pulls resume, and this replica's identity and clock.
sync_state = Table(
    "sync_state", local_metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("device_id", String(ID_LENGTH), nullable=False),
    Column("cursor", BigInteger, nullable=False, default=0),
    Column("bootstrapped", Boolean, nullable=False, default=False),
    Column("head", BigInteger, nullable=False, default=0),
    Column("last_sync_at", DateTime),
    Column("last_error", Text),
    Column("clock_last", String(HLC_LENGTH)),
    # Set when the server said this app is too old (426); cleared by the next good round.
    Column("update_required", Boolean, nullable=False, default=False, server_default="0"),
)

# At most one row (id 1): who signed in on this replica.
local_session = Table(
    "local_session", local_metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("server_url", String(500), nullable=False),
    Column("user_id", String(ID_LENGTH), nullable=False),
    Column("username", String(80), nullable=False),
    Column("display_name", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("device_id", String(ID_LENGTH), nullable=False),
    Column("token", String(200)),
    Column("password_verifier", String(200)),
    Column("signed_in_at", DateTime, nullable=False),
)

# The server's version of rows that carry unpushed local edits, so discarding a
# rejected edit can restore exactly what the server holds (pulls skip those fields).
server_copy = Table(
    "server_copy", local_metadata,
    Column("entity", String(40), primary_key=True),
    Column("row_id", String(ID_LENGTH), primary_key=True),
    Column("present", Boolean, nullable=False),  # False: the server has never had the row
    Column("deleted", Boolean, nullable=False, default=False),
    Column("fields", JSON, nullable=False),  # wire-encoded values
    Column("clocks", JSON, nullable=False),
)

# Rows that left this user's scope while they still had pending edits: they are deleted
# as soon as those edits are acknowledged (or discarded), never before.
evictions = Table(
    "evictions", local_metadata,
    Column("entity", String(40), primary_key=True),
    Column("row_id", String(ID_LENGTH), primary_key=True),
    Column("evicted_at", DateTime, nullable=False),
)

# The last sync errors (kept to SYNC_ERRORS_KEPT) for the sync report a rep sends to IT.
sync_errors = Table(
    "sync_errors", local_metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("message", Text, nullable=False),
    sqlite_autoincrement=True,
)

# The secondary indexes of replicated tables while a first bootstrap fills an empty
# replica without them, with the SQL that creates each again: at the bootstrap's end,
# or at the next open when it was cut short (desktop/store/bulk_load.py).
deferred_indexes = Table(
    "deferred_indexes", local_metadata,
    Column("name", String(200), primary_key=True),
    Column("sql", Text, nullable=False),
)
