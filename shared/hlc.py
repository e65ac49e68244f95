"""Hybrid logical clocks: causally ordered, mostly-wall-clock timestamps.

An HLC is encoded as a fixed-width string ``"<wall_ms:015d>-<counter:05d>-<node>"`` so
that plain string comparison (in Python and in SQL) orders clocks correctly.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

WALL_DIGITS = 15
COUNTER_DIGITS = 5
MAX_COUNTER = 10**COUNTER_DIGITS - 1


@dataclass(frozen=True, order=True)
class Timestamp:
    """One HLC reading; ordering is (wall_ms, counter, node)."""

    wall_ms: int
    counter: int
    node: str

    def encode(self) -> str:
        return f"{self.wall_ms:0{WALL_DIGITS}d}-{self.counter:0{COUNTER_DIGITS}d}-{self.node}"

    def __str__(self) -> str:
        return self.encode()


class InvalidClock(ValueError):
    """A string that is not an encoded HLC."""


def parse(value: str) -> Timestamp:
    """Decode an HLC string; raise InvalidClock if malformed."""
    if not isinstance(value, str):
        raise InvalidClock("clock must be a string")
    parts = value.split("-", 2)
    if len(parts) != 3 or len(parts[0]) != WALL_DIGITS or len(parts[1]) != COUNTER_DIGITS:
        raise InvalidClock(f"malformed clock {value!r}")
    if not (parts[0].isdigit() and parts[1].isdigit()) or not parts[2]:
        raise InvalidClock(f"malformed clock {value!r}")
    return Timestamp(int(parts[0]), int(parts[1]), parts[2])


def is_valid(value: object) -> bool:
    try:
        parse(value)  # type: ignore[arg-type]
    except InvalidClock:
        return False
    return True


def wall_ms_of(value: str) -> int:
    return parse(value).wall_ms


class Clock:
    """A thread-safe HLC for one node (a device or the server)."""

    def __init__(self, node: str, now_ms: Callable[[], int] | None = None,
                 last: str | None = None) -> None:
        if not node:
            raise ValueError("HLC node id must be non-empty")
        self.node = node
        self._now_ms = now_ms or (lambda: time.time_ns() // 1_000_000)
        self._lock = threading.Lock()
        self._wall = 0
        self._counter = 0
        if last:
            ts = parse(last)
            self._wall, self._counter = ts.wall_ms, ts.counter

    def now(self) -> str:
        """A new timestamp for a local event, greater than every one seen before."""
        with self._lock:
            physical = self._now_ms()
            if physical > self._wall:
                self._wall, self._counter = physical, 0
            else:
                self._bump()
            return Timestamp(self._wall, self._counter, self.node).encode()

    def receive(self, remote: str) -> None:
        """Advance past a timestamp seen from another node (push reply, pull page)."""
        ts = parse(remote)
        with self._lock:
            physical = self._now_ms()
            wall = max(physical, self._wall, ts.wall_ms)
            if wall == self._wall == ts.wall_ms:
                counter = max(self._counter, ts.counter) + 1
            elif wall == self._wall:
                counter = self._counter + 1
            elif wall == ts.wall_ms:
                counter = ts.counter + 1
            else:
                counter = 0
            self._wall, self._counter = wall, counter
            if self._counter > MAX_COUNTER:
                self._wall, self._counter = self._wall + 1, 0

    def last(self) -> str:
        with self._lock:
            return Timestamp(self._wall, self._counter, self.node).encode()

    def _bump(self) -> None:
        self._counter += 1
        if self._counter > MAX_COUNTER:
            self._wall, self._counter = self._wall + 1, 0
