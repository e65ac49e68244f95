"""Server settings: one frozen value built from the environment at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from shared.sync.protocol import MAX_CLOCK_SKEW_MS, MAX_PUSH_BATCH

APP_DIR_NAME = "FieldCRM-server"
DATABASE_FILE = "fieldcrm.sqlite"


@dataclass(frozen=True)
class PasswordCost:
    """argon2id cost parameters for new password hashes (verification reads them from the hash)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4


# Cheap hashing for tests only; never use for real users.
FAST_PASSWORD_COST = PasswordCost(time_cost=1, memory_kib=1024, parallelism=1)


@dataclass(frozen=True)
class ServerConfig:
    database_url: str
    max_clock_skew_ms: int = MAX_CLOCK_SKEW_MS
    max_push_batch: int = MAX_PUSH_BATCH
    max_body_bytes: int = 64 * 1024 * 1024
    gzip_min_bytes: int = 1024
    password_cost: PasswordCost = field(default_factory=PasswordCost)

    @classmethod
    def from_env(cls, database_url: str | None = None) -> ServerConfig:
        """Settings from FIELDCRM_* variables; an explicit *database_url* wins."""
        url = database_url or os.environ.get("FIELDCRM_DATABASE_URL") or default_database_url()
        return cls(database_url=url)


def default_data_dir() -> Path:
    override = os.environ.get("FIELDCRM_SERVER_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def default_database_url() -> str:
    """SQLite file in the server's data directory (created when missing)."""
    directory = default_data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / DATABASE_FILE}"
