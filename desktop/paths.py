"""Where FieldCRM keeps its files: data dir, config dir, one replica per server and user."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

APP_NAME = "FieldCRM"
DATA_DIR_ENV = "FIELDCRM_DATA_DIR"
CONFIG_DIR_ENV = "FIELDCRM_CONFIG_DIR"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def data_dir() -> Path:
    """Replicas and logs; FIELDCRM_DATA_DIR overrides the per-user platform location."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir  # ~3 ms of imports, not needed with an override

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """User settings; FIELDCRM_CONFIG_DIR overrides the per-user platform location."""
    override = os.environ.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def server_key(server_url: str) -> str:
    """A folder name for a server: ``host_port`` (``fieldcrm.example.com_443``)."""
    parts = urlsplit(server_url if "//" in server_url else f"http://{server_url}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{_safe((parts.hostname or 'localhost').lower())}_{port}"


def replica_path(server_url: str, username: str, base: Path | None = None) -> Path:
    """The replica file of *username* on *server_url*."""
    root = base if base is not None else data_dir()
    return root / "replicas" / server_key(server_url) / f"{_safe(username.strip())}.sqlite"


def _safe(name: str) -> str:
    # Unsafe characters become _XX so two different names never share a file.
    safe = _UNSAFE.sub(lambda m: "".join(f"_{b:02x}" for b in m.group().encode()), name)
    return "_2e" + safe[1:] if safe.startswith(".") else safe or "_"
