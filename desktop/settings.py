"""Typed, versioned user preferences in a JSON file in the config dir (never secrets)."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop import paths

SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 2
LANGUAGES = ("system", "en", "zh_CN")
MIN_SYNC_INTERVAL_S = 10

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    server_url: str = ""
    last_username: str = ""
    sync_interval_s: int = 60
    language: str = "system"

    def with_changes(self, **changes: Any) -> Settings:
        return _checked(replace(self, **changes))


def _from_v1(data: dict[str, Any]) -> dict[str, Any]:
    # Version 1 stored the server as "server" and the interval in minutes.
    data = dict(data)
    if "server" in data:
        data.setdefault("server_url", data.pop("server"))
    if "sync_interval_min" in data:
        minutes = data.pop("sync_interval_min")
        if isinstance(minutes, int) and not isinstance(minutes, bool):
            data.setdefault("sync_interval_s", minutes * 60)
    return data


# version N -> function turning a version-N dict into a version-(N+1) dict
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _from_v1}


def settings_path(config_dir: Path | None = None) -> Path:
    return (config_dir if config_dir is not None else paths.config_dir()) / SETTINGS_FILE


def load_settings(config_dir: Path | None = None) -> Settings:
    """The saved settings, upgraded; defaults when missing or unreadable (bad file kept aside)."""
    path = settings_path(config_dir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("settings file does not hold an object")
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        _set_aside(path, exc)
        return Settings()
    version = data.pop("version", 1)
    version = version if isinstance(version, int) else 1
    while version < SETTINGS_VERSION:
        data = UPGRADES[version](data)
        version += 1
    return _from_dict(data)


def save_settings(settings: Settings, config_dir: Path | None = None) -> None:
    """Write atomically, so a crash mid-save never leaves a half-written file."""
    path = settings_path(config_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"version": SETTINGS_VERSION, **asdict(settings)}, indent=2,
                              ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _from_dict(data: dict[str, Any]) -> Settings:
    """Known keys of the right type; anything else falls back to its default."""
    defaults = Settings()
    values: dict[str, Any] = {}
    for spec in fields(Settings):
        value = data.get(spec.name)
        default = getattr(defaults, spec.name)
        ok = isinstance(value, type(default)) and not isinstance(value, bool)
        values[spec.name] = value if ok else default
    return _checked(Settings(**values))


def _checked(settings: Settings) -> Settings:
    defaults = Settings()
    if settings.language not in LANGUAGES:
        settings = replace(settings, language=defaults.language)
    if settings.sync_interval_s < MIN_SYNC_INTERVAL_S:
        settings = replace(settings, sync_interval_s=MIN_SYNC_INTERVAL_S)
    return settings


def _set_aside(path: Path, exc: Exception) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    log.warning("settings file %s unreadable (%s); using defaults, kept it as %s",
                path, exc, aside.name)
    try:
        os.replace(path, aside)
    except OSError:
        log.warning("could not move the unreadable settings file aside")
