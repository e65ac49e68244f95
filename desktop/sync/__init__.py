"""The desktop sync client: HTTP API, sync engine, page apply and sign-in (no Qt).

The errors are imported with the package (every screen words them); the engine, the HTTP
API and sign-in when first asked for, so a screen that only words an error, or the app's
start before its first sync round, does not load the whole engine.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from desktop.sync.errors import (
    AuthError,
    ClientTooOld,
    NetworkError,
    RequestRejected,
    ResyncRequired,
    ServerError,
    SignInError,
    SyncError,
    user_message,
)

if TYPE_CHECKING:
    from desktop.sync.engine import Progress, SyncEngine, SyncReport
    from desktop.sync.http import SyncApi
    from desktop.sync.signin import last_session, sign_in

_LAZY = {"Progress": "engine", "SyncEngine": "engine", "SyncReport": "engine",
         "SyncApi": "http", "last_session": "signin", "sign_in": "signin"}

__all__ = [
    "AuthError", "ClientTooOld", "NetworkError", "Progress", "RequestRejected",
    "ResyncRequired", "ServerError",
    "SignInError", "SyncApi", "SyncEngine", "SyncError", "SyncReport", "last_session",
    "sign_in", "user_message",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once: later lookups are plain module attributes
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
