"""Server settings: one frozen value built from the environment at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from server.errors import UserError
from shared.sync.protocol import (
    MAX_CLOCK_SKEW_MS,
    MAX_PUSH_BATCH,
    MIN_SCHEMA_VERSION,
    SCHEMA_VERSION,
)

APP_DIR_NAME = "FieldCRM-server"
DATABASE_FILE = "fieldcrm.sqlite"
DEFAULT_TOMBSTONE_RETENTION_DAYS = 30


@dataclass(frozen=True)
class PasswordCost:
    """argon2id cost parameters for new password hashes (verification reads them from the hash)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4


# Cheap hashing for tests only; never use for real users.
FAST_PASSWORD_COST = PasswordCost(time_cost=1, memory_kib=1024, parallelism=1)


@dataclass(frozen=True)
class FaultConfig:
    """Test-only fault injection; everything off by default."""

    exit_after_commit: int | None = None  # os._exit(70) after committing the N-th push
    commit_delay_ms: tuple[int, int] | None = None  # sleep (random in range) before commit

    @property
    def active(self) -> bool:
        return self.exit_after_commit is not None or self.commit_delay_ms is not None


@dataclass(frozen=True)
class ServerConfig:
    database_url: str
    max_clock_skew_ms: int = MAX_CLOCK_SKEW_MS
    max_push_batch: int = MAX_PUSH_BATCH
    max_body_bytes: int = 64 * 1024 * 1024
    gzip_min_bytes: int = 1024
    password_cost: PasswordCost = field(default_factory=PasswordCost)
    schema_version: int = SCHEMA_VERSION  # newest client schema this server speaks
    min_schema_version: int = MIN_SCHEMA_VERSION  # oldest client schema it still syncs with
    tombstone_retention_days: int = DEFAULT_TOMBSTONE_RETENTION_DAYS
    faults: FaultConfig = field(default_factory=FaultConfig)

    @classmethod
    def from_env(cls, database_url: str | None = None,
                 environ: Mapping[str, str] | None = None) -> ServerConfig:
        """Settings from FIELDCRM_* variables; an explicit *database_url* wins.

        A malformed value raises UserError naming the variable.
        """
        env = os.environ if environ is None else environ
        url = database_url or env.get("FIELDCRM_DATABASE_URL") or default_database_url()
        current = _int(env, "FIELDCRM_SCHEMA_VERSION", SCHEMA_VERSION, low=1)
        oldest = _int(env, "FIELDCRM_MIN_SCHEMA_VERSION", min(MIN_SCHEMA_VERSION, current),
                      low=1)
        if oldest > current:
            raise UserError(f"FIELDCRM_MIN_SCHEMA_VERSION ({oldest}) is above "
                            f"FIELDCRM_SCHEMA_VERSION ({current})")
        return cls(database_url=url, schema_version=current, min_schema_version=oldest,
                   tombstone_retention_days=_int(env, "FIELDCRM_TOMBSTONE_RETENTION_DAYS",
                                                 DEFAULT_TOMBSTONE_RETENTION_DAYS, low=0),
                   faults=_faults(env))


def _int(env: Mapping[str, str], name: str, default: int, *, low: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < low:
        raise UserError(f"{name} must be a whole number of at least {low} (got {raw!r})")
    return int(raw)


def _faults(env: Mapping[str, str]) -> FaultConfig:
    exit_after = env.get("FIELDCRM_FAULT_EXIT_AFTER_COMMIT", "").strip()
    if exit_after and (not exit_after.isdigit() or int(exit_after) < 1):
        raise UserError("FIELDCRM_FAULT_EXIT_AFTER_COMMIT must be a positive whole number")
    return FaultConfig(int(exit_after) if exit_after else None,
                       _delay_range(env.get("FIELDCRM_FAULT_COMMIT_DELAY_MS", "").strip()))


def _delay_range(raw: str) -> tuple[int, int] | None:
    """"N" or "A-B" (milliseconds) as an inclusive range; None when unset."""
    if not raw:
        return None
    low, _, high = raw.partition("-")
    high = high or low
    if not (low.isdigit() and high.isdigit()) or int(low) > int(high):
        raise UserError(f'FIELDCRM_FAULT_COMMIT_DELAY_MS must be "N" or "A-B" (got {raw!r})')
    return int(low), int(high)


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
