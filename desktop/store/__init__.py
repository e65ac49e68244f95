"""The desktop replica store: local SQLite replica, outbox, sync state and local session."""

from desktop.store.replica import Store
from desktop.store.types import (
    NO_CHANGES,
    Changes,
    LocalSessionRow,
    Origin,
    OutboxEntryRow,
    OutboxState,
    ReplicaTooNew,
    SyncStatus,
    ValidationFailed,
)

__all__ = [
    "NO_CHANGES", "Changes", "LocalSessionRow", "Origin", "OutboxEntryRow", "OutboxState",
    "ReplicaTooNew", "Store", "SyncStatus", "ValidationFailed",
]
