"""Times as stored (naive UTC, like every DateTime column of the replica) and as shown."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, naive UTC, to the second."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def to_local(stored: datetime | None) -> datetime | None:
    """A stored naive-UTC time as a naive local wall-clock time."""
    if stored is None:
        return None
    return stored.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def from_local(local: datetime | None) -> datetime | None:
    """A naive local wall-clock time as naive UTC, the way the replica stores it."""
    if local is None:
        return None
    return local.astimezone(UTC).replace(tzinfo=None, microsecond=0)


def local_text(stored: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    shown = to_local(stored)
    return shown.strftime(fmt) if shown else ""
