"""What one server app holds: its config, database, HLC, password hasher and fault hooks."""

from __future__ import annotations

import time
from dataclasses import dataclass

from flask import Flask, current_app

from server.config import ServerConfig
from server.db import Database
from server.faults import PushFaults
from server.services.auth import Passwords
from server.services.push import PushContext
from shared.hlc import Clock

EXTENSION_KEY = "fieldcrm"
SERVER_NODE = "server"


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True)
class ServerState:
    config: ServerConfig
    db: Database
    clock: Clock
    passwords: Passwords
    faults: PushFaults

    def push_context(self) -> PushContext:
        return PushContext(self.clock, self.config.max_push_batch,
                           self.config.max_clock_skew_ms, wall_ms)

    def init_app(self, app: Flask) -> None:
        self.db.init_app(app)
        app.extensions[EXTENSION_KEY] = self


def current_state() -> ServerState:
    state: ServerState = current_app.extensions[EXTENSION_KEY]
    return state
