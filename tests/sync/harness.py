"""Sync test harness: the real Flask app in-process behind SyncApi, fault injection, clients,
canonical dumps and the accounting of every mutation."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from sqlalchemy import Engine, select

from desktop.store import Store
from desktop.sync import NetworkError, SyncApi, SyncEngine, sign_in
from server.app import create_app
from server.config import FAST_PASSWORD_COST, ServerConfig
from server.db import create_db_engine, migrate
from server.demo import seed_demo
from server.services.auth import Passwords
from server.tables import change_log
from tests.e2e.replicas import Dump, differences, dump
from tests.support.postgres import PG_ENV, migrated_postgres_database

PASSWORD = "fieldcrm"
WSGI_URL = "http://wsgi.test"


@contextmanager
def fresh_database(tmp_path: Path, backend: str) -> Iterator[str]:
    """A migrated, empty database URL: a SQLite file, or a new PostgreSQL database."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.sqlite'}"
        migrate(url)
        yield url
        return
    base = os.environ.get(PG_ENV)
    assert base, f"{PG_ENV} is not set"
    with migrated_postgres_database(base, "fieldcrm_sync") as url:
        yield url


def seed(url: str, accounts: int) -> None:
    engine = create_db_engine(url)
    try:
        seed_demo(engine, accounts=accounts, passwords=Passwords(FAST_PASSWORD_COST))
    finally:
        engine.dispose()


def make_app(url: str) -> Flask:
    return create_app(ServerConfig(url, password_cost=FAST_PASSWORD_COST))


@dataclass(frozen=True)
class _Reply:
    status_code: int
    content: bytes


class WsgiHttp:
    """The part of requests.Session that SyncApi uses, over Flask's test client."""

    def __init__(self, app: Flask) -> None:
        self._client = app.test_client()

    def request(self, method: str, url: str, *, params: Any = None, data: Any = None,
                headers: dict[str, str] | None = None, timeout: float | None = None) -> _Reply:
        plain = {k: v for k, v in (headers or {}).items() if k.lower() != "accept-encoding"}
        reply = self._client.open(urlsplit(url).path, method=method, query_string=params,
                                  data=data, headers=plain)
        try:
            return _Reply(reply.status_code, reply.get_data())
        finally:
            reply.close()  # runs the reply's clean-up (a snapshot's temporary file)

    def download(self, url: str, path: Path, *, headers: dict[str, str] | None = None,
                 timeout: float | None = None, progress: Any = None) -> _Reply:
        reply = self.request("GET", url, headers=headers, timeout=timeout)
        if 200 <= reply.status_code < 300:
            path.write_bytes(reply.content)
            if progress is not None:
                progress(len(reply.content), len(reply.content))
            return _Reply(reply.status_code, b"")
        return reply

    def close(self) -> None:
        pass


def wsgi_api(app: Flask) -> Callable[[str], SyncApi]:
    def factory(_url: str) -> SyncApi:
        api = SyncApi(WSGI_URL)
        api._http = WsgiHttp(app)  # type: ignore[assignment]
        return api
    return factory


class Fault:
    NONE = "none"
    LOST_REQUEST = "lost_request"  # never reaches the server
    LOST_RESPONSE = "lost_response"  # committed, the reply never arrives
    DUPLICATE = "duplicate"  # the same request arrives twice
    TIMEOUT = "timeout"  # committed, the client times out and retries at once


FAULTS = (Fault.NONE, Fault.LOST_REQUEST, Fault.LOST_RESPONSE, Fault.DUPLICATE, Fault.TIMEOUT)


@dataclass
class Ledger:
    """What the server said about each mid of one device."""

    statuses: dict[int, str] = field(default_factory=dict)
    last_mid: int = 0

    def record(self, reply: dict[str, Any]) -> None:
        for result in reply.get("results") or []:
            self.statuses.setdefault(int(result["mid"]), str(result["status"]))
            if result["status"] != "duplicate":
                self.statuses[int(result["mid"])] = str(result["status"])
        if isinstance(reply.get("last_mid"), int):
            self.last_mid = max(self.last_mid, reply["last_mid"])


class FaultyApi:
    """Wraps a SyncApi; the next push suffers ``fault`` (a request lost, a reply lost...)."""

    def __init__(self, api: SyncApi) -> None:
        self.api = api
        self.fault = Fault.NONE
        self.ledger = Ledger()
        self.base_url = api.base_url

    def push(self, mutations: list[dict[str, Any]],
             pull: tuple[int, int] | None = None) -> dict[str, Any]:
        fault, self.fault = self.fault, Fault.NONE
        if fault == Fault.LOST_REQUEST:
            raise NetworkError("request lost")
        reply = self.api.push(mutations, pull)
        self.ledger.record(reply)
        if fault in (Fault.LOST_RESPONSE, Fault.TIMEOUT):
            raise NetworkError("reply lost" if fault == Fault.LOST_RESPONSE else "timed out")
        if fault == Fault.DUPLICATE:
            reply = self.api.push(mutations, pull)
            self.ledger.record(reply)
        return reply

    def __getattr__(self, name: str) -> Any:
        return getattr(self.api, name)


@dataclass
class Client:
    username: str
    store: Store
    api: FaultyApi
    engine: SyncEngine
    user_id: str

    def close(self) -> None:
        self.store.close()
        self.api.api.close()


def connect(username: str, data_dir: Path, *, url: str = WSGI_URL,
            factory: Callable[[str], SyncApi] = SyncApi, retries: int = 2) -> Client:
    store, api = sign_in(url, username, PASSWORD, data_dir=data_dir, device_name=username,
                         api_factory=factory)
    faulty = FaultyApi(api)
    engine = SyncEngine(store, faulty, retries=retries, backoff_s=0.0,  # type: ignore[arg-type]
                        sleep=lambda _s: None)
    info = store.session_info()
    assert info is not None
    return Client(username, store, faulty, engine, info.user_id)


def canonical(store: Store) -> Dump:
    return dump(store)


def diverged(client: Client, data_dir: Path, **connect_args: Any) -> list[str]:
    """Differences between a replica and the server's view of its user (a fresh device
    of the same user, bootstrapped from 0)."""
    fresh = connect(client.username, data_dir, **connect_args)
    try:
        fresh.engine.sync()
        return differences(dump(client.store), dump(fresh.store))
    finally:
        fresh.close()


def log_entries(engine: Engine, device_id: str) -> dict[tuple[str, str, str], int]:
    """(entity, row id, hlc) -> how many non-eviction change-log entries a device caused."""
    counts: dict[tuple[str, str, str], int] = {}
    with engine.connect() as conn:
        rows = conn.execute(select(change_log.c.entity, change_log.c.row_id, change_log.c.hlc)
                            .where(change_log.c.device_id == device_id,
                                   change_log.c.evicted.is_(False)))
        for entity, row_id, hlc in rows:
            counts[(entity, row_id, hlc)] = counts.get((entity, row_id, hlc), 0) + 1
    return counts
