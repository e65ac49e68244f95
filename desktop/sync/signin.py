"""Signing in: online against the server, or offline against the replica's verifier.

The verifier (an Argon2 hash of the password, for signing in offline) is made on the first
sign-in and replaced when an online sign-in succeeds with another password. Argon2 is slow
on purpose (~0.3 s of CPU, 64 MiB): the password is checked against the verifier on a
thread of its own while the server checks it too, and after an online sign-in nobody waits
for that answer (nor for a new verifier), only ``Store.close()`` does. Until then the last
verifier stays, so an app killed within that moment signs in offline with the previous
password once more. (It runs at normal priority on purpose: starved behind the window and
the first loads it would hold its 64 MiB into the app's busiest moment.)
"""

from __future__ import annotations

import json
import os
import platform
import threading
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
    _, stored = store.session_secrets()
    check = PasswordCheck(stored, password)  # meanwhile the server checks it too
    try:
        reply = api.login(username, password, store.device_id,
                          device_name or platform.node() or "FieldCRM desktop")
    except OFFLINE_CAUSES as exc:
        _sign_in_offline(store, api, check, exc)
        return
    except AuthError as exc:
        raise SignInError(user_message(exc)) from exc
    except SyncError as exc:
        raise SignInError(user_message(exc)) from exc
    token = str(reply["token"])
    user: dict[str, Any] = dict(reply["user"])
    verifier = stored if stored is not None else check.new_verifier()
    with store.write() as session:
        save_session(session, server_url=server_url, user=user, device_id=store.device_id,
                     token=token, password_verifier=verifier)
        if isinstance(reply.get("server_hlc"), str):
            store.clock.receive(reply["server_hlc"])
    api.token = token
    if stored is not None:
        store.in_background("password verifier", lambda: check.keep_or_replace(store))


class PasswordCheck:
    """The password typed against the replica's verifier, worked out on a thread of its own
    from the start of a sign-in (the server's own Argon2 check takes as long).

    Without a verifier yet (the first sign-in) it makes one for the password instead.
    """

    def __init__(self, stored: str | None, password: str) -> None:
        self.stored = stored
        self._password = password
        self._done = threading.Event()
        self._verified = self._current = False
        self._made: str | None = None
        self._error: BaseException | None = None
        threading.Thread(target=self._run, name="password check", daemon=True).start()

    def _run(self) -> None:
        hasher = PasswordHasher()
        try:
            if self.stored is None:
                self._made = hasher.hash(self._password)
            else:
                with suppress(VerificationError, InvalidHashError):  # changed, or unreadable
                    self._verified = hasher.verify(self.stored, self._password)
                    self._current = not hasher.check_needs_rehash(self.stored)
        except BaseException as exc:  # handed to whoever waits for the answer
            self._error = exc
        finally:
            self._done.set()

    def _wait(self) -> None:
        self._done.wait()
        if self._error is not None:
            raise self._error

    def verified(self) -> bool:
        """True when the stored verifier accepts the password (offline sign-in)."""
        self._wait()
        return self._verified

    def new_verifier(self) -> str:
        """The verifier made for the password (first sign-in)."""
        self._wait()
        assert self._made is not None
        return self._made

    def keep_or_replace(self, store: Store) -> None:
        """After the server accepted the password: keep the stored verifier when it accepts
        it too (with today's parameters), else store a verifier of this password."""
        self._wait()
        if self.stored is not None and not (self._verified and self._current):
            store.replace_password_verifier(self.stored, PasswordHasher().hash(self._password))


def _sign_in_offline(store: Store, api: SyncApi, check: PasswordCheck,
                     cause: Exception) -> None:
    token = store.session_secrets()[0]
    if check.stored is None:
        raise SignInError(QT_TRANSLATE_NOOP(
            "Messages", "Cannot reach the FieldCRM server, and you have not signed in on this "
                        "computer before. The first sign-in needs a connection.")) from cause
    if not check.verified():
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
