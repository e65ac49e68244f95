"""The desktop sync client: HTTP API, sync engine, page apply and sign-in (no Qt)."""

from desktop.sync.engine import Progress, SyncEngine, SyncReport
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
from desktop.sync.http import SyncApi
from desktop.sync.signin import last_session, sign_in

__all__ = [
    "AuthError", "ClientTooOld", "NetworkError", "Progress", "RequestRejected",
    "ResyncRequired", "ServerError",
    "SignInError", "SyncApi", "SyncEngine", "SyncError", "SyncReport", "last_session",
    "sign_in", "user_message",
]
