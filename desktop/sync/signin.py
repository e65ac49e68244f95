"""Signing in: online against the server, or offline against the replica's verifier."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desktop import paths
from desktop.store import LocalSessionRow, ReplicaTooNew, Store
from desktop.store.state import save_session
from desktop.sync.errors import (
    BAD_CREDENTIALS,
    AuthError,
    NetworkError,
    ServerError,
    SignInError,
    SyncError,
    user_message,
)
from desktop.sync.http import SyncApi
from shared.i18n import QT_TRANSLATE_NOOP, exception_message

LAST_SESSION_FILE = "last_session.json"
OFFLINE_CAUSES = (NetworkError, ServerError)


def sign_in(server_url: str, username: str, password: str, *, data_dir: Path | None = None,
            device_name: str | None = None,
            api_factory: Callable[..., SyncApi] = SyncApi) -> tuple[Store, SyncApi]:
    """Open the replica of *username* on *server_url*, signing in online when possible."""
    server_url, username = server_url.strip().rstrip("/"), username.strip()
    if not server_url or not username or not password:
        raise SignInError(QT_TRANSLATE_NOOP(
            "Messages", "Please enter the server address, your user name and password."))
    base = data_dir if data_dir is not None else paths.data_dir()
    path = paths.replica_path(server_url, username, base)
    existed = path.exists()
    try:
        store = Store.open(path)
    except ReplicaTooNew as exc:
        raise SignInError(exception_message(exc)) from exc
    api = api_factory(server_url)
    try:
        _authenticate(store, api, server_url, username, password, device_name)
    except BaseException:
        store.close()
        if not existed:  # leave no empty replica behind that would later look "known"
            _remove_replica(path)
        raise
    _remember_last(base, store)
    return store, api


def _authenticate(store: Store, api: SyncApi, server_url: str, username: str, password: str,
                  device_name: str | None) -> None:
    try:
        reply = api.login(username, password, store.device_id,
                          device_name or platform.node() or "FieldCRM desktop")
    except OFFLINE_CAUSES as exc:
        _sign_in_offline(store, api, password, exc)
        return
    except AuthError as exc:
        raise SignInError(user_message(exc)) from exc
    except SyncError as exc:
        raise SignInError(user_message(exc)) from exc
    token = str(reply["token"])
    user: dict[str, Any] = dict(reply["user"])
    with store.write() as session:
        save_session(session, server_url=server_url, user=user, device_id=store.device_id,
                     token=token, password_verifier=PasswordHasher().hash(password))
        if isinstance(reply.get("server_hlc"), str):
            store.clock.receive(reply["server_hlc"])
    api.token = token


def _sign_in_offline(store: Store, api: SyncApi, password: str, cause: Exception) -> None:
    token, verifier = store.session_secrets()
    if verifier is None:
        raise SignInError(QT_TRANSLATE_NOOP(
            "Messages", "Cannot reach the FieldCRM server, and you have not signed in on this "
                        "computer before. The first sign-in needs a connection.")) from cause
    try:
        PasswordHasher().verify(verifier, password)
    except (VerificationError, InvalidHashError):
        raise SignInError(BAD_CREDENTIALS) from None
    api.token = token


def last_session(data_dir: Path | None = None) -> LocalSessionRow | None:
    """The most recent sign-in on this computer, for pre-filling the sign-in dialog."""
    base = data_dir if data_dir is not None else paths.data_dir()
    try:
        data = json.loads((base / LAST_SESSION_FILE).read_text(encoding="utf-8"))
        return LocalSessionRow(**{k: str(data[k]) for k in LocalSessionRow.__dataclass_fields__})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _remember_last(base: Path, store: Store) -> None:
    info = store.session_info()
    if info is None:
        return
    target = base / LAST_SESSION_FILE
    tmp = target.with_suffix(".tmp")
    with suppress(OSError):  # only a convenience for the next sign-in dialog
        tmp.write_text(json.dumps(info.__dict__, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)


def _remove_replica(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-search", "-search-wal", "-search-shm"):
        with suppress(OSError):
            Path(f"{path}{suffix}").unlink()
