"""Passwords (argon2id), sign-in and device tokens (random, stored only as SHA-256)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, cast

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import CursorResult, bindparam, func, select, text, update
from sqlalchemy.orm import Session

from server.config import PasswordCost
from server.driver_sql import DriverStatement
from server.errors import ApiError
from server.services.scope import Viewer
from server.tables import credentials, devices, memberships
from shared.ids import is_valid_id
from shared.models import User
from shared.sync.protocol import ErrorCode


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Passwords:
    """argon2id hashing with the configured cost."""

    def __init__(self, cost: PasswordCost) -> None:
        self._hasher = PasswordHasher(time_cost=cost.time_cost, memory_cost=cost.memory_kib,
                                      parallelism=cost.parallelism, type=Type.ID)

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


@dataclass(frozen=True)
class DeviceSession:
    """An authenticated device and its user, as the sync services need them."""

    device_id: str
    user_id: str
    username: str
    display_name: str
    role: str
    last_mid: int
    last_pulled_pos: int = 0  # the `after` of the device's latest pull
    territory_ids: frozenset[str] = frozenset()  # the user's territories

    def viewer(self) -> Viewer:
        """Who is asking, for scoping (read with the device in the same statement)."""
        return Viewer(self.user_id, self.role, self.territory_ids)


@dataclass(frozen=True)
class LoginResult:
    token: str
    session: DeviceSession


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def login(session: Session, passwords: Passwords, *, username: str, password: str,
          device_id: str, device_name: str) -> LoginResult:
    """Check credentials and issue a new token for the device (its last_mid is kept)."""
    if not is_valid_id(device_id):
        raise ApiError(400, ErrorCode.BAD_REQUEST, "device_id must be a UUID")
    user = session.scalars(select(User).where(User.username == username)).first()
    stored = session.scalar(select(credentials.c.password_hash)
                            .where(credentials.c.user_id == user.id)) if user else None
    if user is None or stored is None or not user.active or user.deleted \
            or not passwords.verify(stored, password):
        raise ApiError(401, ErrorCode.BAD_CREDENTIALS, "Wrong user name or password.")
    token = secrets.token_urlsafe(32)
    device = session.execute(select(devices).where(devices.c.id == device_id)).first()
    now = utcnow()
    if device is None:
        session.execute(devices.insert().values(
            id=device_id, user_id=user.id, name=device_name or "device",
            token_hash=token_hash(token), last_mid=0, last_pulled_pos=0, created_at=now,
            last_seen_at=now, revoked=False))
        last_mid = 0
    else:
        _check_reusable(device, user.id)
        session.execute(update(devices).where(devices.c.id == device_id).values(
            token_hash=token_hash(token), name=device_name or device.name, last_seen_at=now))
        last_mid = device.last_mid
    return LoginResult(token, DeviceSession(device_id, user.id, user.username,
                                            user.display_name, user.role, last_mid))


def _check_reusable(device: Any, user_id: str) -> None:
    if device.revoked:
        raise ApiError(401, ErrorCode.DEVICE_REVOKED,
                       "This device has been revoked. Ask your administrator.")
    if device.user_id != user_id:
        # Mutation ids count per device and user; sharing them would drop changes as replays.
        raise ApiError(403, ErrorCode.FORBIDDEN,
                       "This device id is registered to another user.")


def authenticate(session: Session, authorization: str | None, *,
                 for_update: bool = False) -> DeviceSession:
    """The device behind a ``Bearer`` token; 401 unauthorized/device_revoked otherwise."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, ErrorCode.UNAUTHORIZED, "Sign in first (missing token).")
    dialect = session.get_bind().dialect.name
    found = _device_query(dialect, for_update).rows(
        session, {"token_hash": token_hash(token.strip())})
    if not found:
        raise ApiError(401, ErrorCode.UNAUTHORIZED, "Your sign-in has expired. Sign in again.")
    device = found[0]
    if device["revoked"]:
        raise ApiError(401, ErrorCode.DEVICE_REVOKED,
                       "This device has been revoked. Ask your administrator.")
    if device["username"] is None or not device["active"] or device["user_deleted"]:
        raise ApiError(401, ErrorCode.UNAUTHORIZED, "This user account is disabled.")
    territories = frozenset(device["territory_ids"].split(",")) if device["territory_ids"] \
        else frozenset()
    return DeviceSession(device["id"], device["user_id"], device["username"],
                         device["display_name"], device["role"], device["last_mid"],
                         device["last_pulled_pos"], territories)


@cache
def _device_query(dialect: str, for_update: bool) -> DriverStatement:
    """A device by token hash, with its user and the user's territories, in one statement
    (on the driver: every request runs it)."""
    users = User.__table__
    joined = (func.string_agg(memberships.c.territory_id, ",") if dialect == "postgresql"
              else func.group_concat(memberships.c.territory_id, ","))
    territories = (select(joined).where(memberships.c.user_id == devices.c.user_id)
                   .scalar_subquery())
    query = (select(devices, users.c.username, users.c.display_name, users.c.role,
                    users.c.active, users.c.deleted.label("user_deleted"),
                    territories.label("territory_ids"))
             .outerjoin(users, users.c.id == devices.c.user_id)
             .where(devices.c.token_hash == bindparam("token_hash")))
    return DriverStatement(query.with_for_update(of=devices) if for_update else query)


def record_pull(session: Session, device: DeviceSession, after: int, *,
                relaxed: bool = True) -> None:
    """Remember what the device has applied (the `after` of its pull).

    Not worth a disk flush on PostgreSQL: if a crash loses it, the older position only
    grants a late push more grace. *relaxed* False inside a transaction that must be
    flushed anyway (a push: relaxing would relax the whole commit).
    """
    if device.last_pulled_pos == after:
        return
    relaxed = relaxed and session.get_bind().dialect.name == "postgresql"
    (_RECORD_PULL_RELAXED if relaxed else _RECORD_PULL).execute(
        session, {"after": after, "device_id": device.device_id})


_RECORD_PULL = DriverStatement(update(devices).where(devices.c.id == bindparam("device_id"))
                               .values(last_pulled_pos=bindparam("after")))
# PostgreSQL: the update and, in the same round trip, no flush to disk at commit.
_RECORD_PULL_RELAXED = DriverStatement(text(
    "WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)) "
    "UPDATE devices SET last_pulled_pos = :after FROM relaxed WHERE devices.id = :device_id"))


def revoke_device(session: Session, device_id: str) -> bool:
    """Revoke a lost device; its token stops working at once. False when unknown."""
    result = cast(CursorResult[Any], session.execute(
        update(devices).where(devices.c.id == device_id).values(revoked=True)))
    return bool(result.rowcount)
