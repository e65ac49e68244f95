"""Values the replica store hands across layer boundaries: changes, status rows, errors."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shared.rules.validation import Problem


class Origin(enum.StrEnum):
    LOCAL = "local"  # the user's own edit on this device
    SYNC = "sync"  # applied from the server by a sync round


class OutboxState(enum.StrEnum):
    PENDING = "pending"  # waiting to be pushed
    REJECTED = "rejected"  # the server refused it; shown to the user until fixed or discarded


@dataclass(frozen=True)
class Changes:
    """What a write or a sync changed; each view decides whether to refresh."""

    entities: frozenset[str]
    ids: frozenset[str] = frozenset()
    origin: str = Origin.LOCAL

    def __bool__(self) -> bool:
        return bool(self.entities)

    def merged(self, other: Changes) -> Changes:
        return Changes(self.entities | other.entities, self.ids | other.ids, self.origin)


NO_CHANGES = Changes(frozenset())


class ValidationFailed(Exception):
    """A save was refused before anything was written; ``problems`` say why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(" ".join(p.message for p in problems))
        self.problems = problems


class ReplicaTooNew(Exception):
    """The replica was migrated by a newer FieldCRM; this app must not open it."""


@dataclass(frozen=True)
class SyncStatus:
    pending: int
    rejected: int
    last_sync_at: datetime | None
    last_error: str | None
    cursor: int
    bootstrapped: bool
    update_required: bool = False  # the server refused this app version: "please update"


@dataclass(frozen=True)
class OutboxEntryRow:
    mid: int
    entity: str
    row_id: str
    op: str
    fields: dict[str, Any]
    state: str
    error_code: str | None
    error_message: str | None
    created_at: datetime


@dataclass(frozen=True)
class LocalSessionRow:
    server_url: str
    user_id: str
    username: str
    display_name: str
    role: str
    device_id: str

