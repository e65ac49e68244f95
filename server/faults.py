"""Test-only fault injection around push commits (configured by FIELDCRM_FAULT_* variables)."""

from __future__ import annotations

import os
import random
import threading
import time

from server.config import FaultConfig

# Exit status of a process killed on purpose between commit and reply.
FAULT_EXIT_STATUS = 70


class PushFaults:
    """Delays commits (so concurrent transactions would reorder) and exits after the N-th."""

    def __init__(self, config: FaultConfig) -> None:
        self._config = config
        self._lock = threading.Lock()
        self._committed = 0
        self._random = random.Random()

    def before_commit(self) -> None:
        """Hold the push transaction open for the configured (random) time."""
        if self._config.commit_delay_ms is None:
            return
        low, high = self._config.commit_delay_ms
        with self._lock:
            delay_ms = self._random.randint(low, high)
        time.sleep(delay_ms / 1000)

    def after_commit(self) -> None:
        """Kill this process without replying once the configured push count is reached."""
        if self._config.exit_after_commit is None:
            return
        with self._lock:
            self._committed += 1
            reached = self._committed >= self._config.exit_after_commit
        if reached:
            os._exit(FAULT_EXIT_STATUS)  # no reply, no cleanup: like a SIGKILL after commit
