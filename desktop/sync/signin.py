"""Signing in: online against the server, or offline against the replica's verifier.

The verifier (an Argon2 hash of the password, for signing in offline) is made on the first
sign-in and replaced when an online sign-in succeeds with another password. Argon2 is slow
on purpose (~0.16 s of CPU, 64 MiB). Only an offline sign-in waits for the check of the
typed password against the verifier: it starts the moment the server cannot be reached
(or when the server has not answered within half a second, so a slow failure does not add
it on top). After an online sign-in nobody waits for it: it runs once the app
has settled after start (the process nearly idle for a moment, at most a few seconds
later), so it neither slows the first window on a busy machine nor holds its 64 MiB into
the first loads; only ``Store.close()`` waits for it, and replaces the verifier then if
the password changed. An app killed before that moment signs in offline with the previous
password once more, until the next online sign-in.
"""

from __future__ import annotations

import enum
import json
import os
import platform
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

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
# The password check after an online sign-in waits for the app to settle: a step of
# QUIET_STEP_S in which the whole process used under QUIET_SHARE of one core, or at most
# SETTLE_MAX_S.
LOGIN_GRACE_S = 0.5
QUIET_STEP_S = 0.05
QUIET_SHARE = 0.25
SETTLE_MAX_S = 3.0


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
    check = PasswordCheck(stored, password)
    try:
        reply = api.login(username, password, store.device_id,
                          device_name or platform.node() or "FieldCRM desktop")
    except OFFLINE_CAUSES as exc:
        _sign_in_offline(store, api, check, exc)
        return
    except (AuthError, SyncError) as exc:
        check.cancel()
        raise SignInError(user_message(exc)) from exc
    except BaseException:
        check.cancel()
        raise
    check.after_start()  # nobody waits for the answer now: check once the app has settled
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
    """The password typed, checked against the replica's verifier on a thread of its own;
    without a verifier yet (the first sign-in) a verifier made for it, at once.

    The check waits for the server's answer first (at most ``LOGIN_GRACE_S``): when the
    server cannot be reached, ``verified()`` starts it at once; after an online sign-in,
    ``after_start()`` lets it wait until the app has settled; after a refusal, ``cancel()``
    drops it.
    """

    def __init__(self, stored: str | None, password: str) -> None:
        self.stored = stored
        self._password = password
        self._done = threading.Event()
        self._verified = self._current = False
        self._made: str | None = None
        self._error: BaseException | None = None
        self._changed = threading.Condition()
        self._mode = _Mode.NOW if stored is None else _Mode.PENDING
        threading.Thread(target=self._run, name="password check", daemon=True).start()

    def _set_mode(self, mode: _Mode, *, unless: tuple[_Mode, ...]) -> None:
        with self._changed:
            if self._mode not in unless:
                self._mode = mode
                self._changed.notify_all()

    def after_start(self) -> None:
        """Online: check when the app has settled (a slow server's check has begun)."""
        self._set_mode(_Mode.SETTLE, unless=(_Mode.NOW, _Mode.CANCELLED))

    def cancel(self) -> None:
        """Refused online: the answer is never needed (a verifier being made is finished)."""
        self._set_mode(_Mode.CANCELLED, unless=(_Mode.NOW,))

    def _run(self) -> None:
        with self._changed:
            self._changed.wait_for(lambda: self._mode is not _Mode.PENDING, LOGIN_GRACE_S)
            mode = self._mode
        try:
            if mode is _Mode.CANCELLED:
                return
            if mode is _Mode.SETTLE:
                self._wait_for_quiet()
            from argon2 import PasswordHasher  # imported on this thread, not the start's
            from argon2.exceptions import InvalidHashError, VerificationError

            hasher = PasswordHasher()
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

    def _wait_for_quiet(self) -> None:
        """Until the process is nearly idle for a step (e.g. the window is up and its first
        loads are done, or the caller waits in ``Store.close()``), or ``verified()`` asks."""
        deadline = time.monotonic() + SETTLE_MAX_S
        wall, cpu = time.monotonic(), time.process_time()
        while time.monotonic() < deadline:
            with self._changed:
                if self._changed.wait_for(lambda: self._mode is _Mode.NOW, QUIET_STEP_S):
                    return
            now_wall, now_cpu = time.monotonic(), time.process_time()
            if now_cpu - cpu < (now_wall - wall) * QUIET_SHARE:
                return
            wall, cpu = now_wall, now_cpu

    def _wait(self) -> None:
        self._done.wait()
        if self._error is not None:
            raise self._error

    def verified(self) -> bool:
        """True when the stored verifier accepts the password (offline sign-in)."""
        self._set_mode(_Mode.NOW, unless=(_Mode.CANCELLED,))
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
            from argon2 import PasswordHasher

            store.replace_password_verifier(self.stored, PasswordHasher().hash(self._password))


class _Mode(enum.Enum):
    PENDING = "waiting for the server's answer"
    NOW = "check at once"
    SETTLE = "check once the app has settled"
    CANCELLED = "not needed"


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
