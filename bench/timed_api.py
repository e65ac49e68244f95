"""SyncApi that times its push and pull calls (the engine's real HTTP client, unchanged)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from desktop.sync import SyncApi


@dataclass
class CallLog:
    """(start, seconds, items) per call, on the perf_counter clock."""

    pushes: list[tuple[float, float, int]] = field(default_factory=list)
    pulls: list[tuple[float, float, int]] = field(default_factory=list)

    def clear(self) -> None:
        self.pushes.clear()
        self.pulls.clear()

    def push_seconds(self) -> list[float]:
        return [seconds for _, seconds, _ in self.pushes]

    def pull_total_s(self) -> float:
        return sum(seconds for _, seconds, _ in self.pulls)

    def first_pull_start(self) -> float | None:
        return self.pulls[0][0] if self.pulls else None


class TimedSyncApi(SyncApi):
    """Pass as ``api_factory`` to ``desktop.sync.sign_in``; read ``calls`` afterwards."""

    def __init__(self, base_url: str, token: str | None = None, timeout: float = 120.0,
                 **kwargs: Any) -> None:
        super().__init__(base_url, token, timeout, **kwargs)
        self.calls = CallLog()

    def push(self, mutations: list[dict[str, Any]],
             pull: tuple[int, int] | None = None) -> dict[str, Any]:
        started = time.perf_counter()
        try:
            return super().push(mutations, pull)
        finally:
            self.calls.pushes.append((started, time.perf_counter() - started, len(mutations)))

    def pull(self, after: int, limit: int) -> dict[str, Any]:
        started = time.perf_counter()
        reply: dict[str, Any] = {}
        try:
            reply = super().pull(after, limit)
            return reply
        finally:
            self.calls.pulls.append((started, time.perf_counter() - started,
                                     len(reply.get("changes") or [])))
