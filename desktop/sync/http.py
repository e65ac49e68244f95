"""HTTP client of the sync API (/api/v1): the only module that talks to the network."""

from __future__ import annotations

import gzip
import http.client
import select
import ssl
import threading
import urllib.request
from typing import Any, NamedTuple, Protocol
from urllib.parse import quote, urlencode, urlsplit

import orjson

from desktop.sync.errors import (
    AuthError,
    ClientTooOld,
    NetworkError,
    RequestRejected,
    ResyncRequired,
    ServerError,
)
from shared.sync.protocol import SCHEMA_HEADER, SCHEMA_VERSION, ErrorCode

API_PREFIX = "/api/v1"
UNREACHABLE_STATUSES = frozenset({502, 503, 504})  # a proxy saying the server is not there


class SyncApi:
    """One typed method per endpoint; HTTP failures become desktop.sync.errors."""

    def __init__(self, base_url: str, token: str | None = None, timeout: float = 30.0,
                 schema_version: int = SCHEMA_VERSION) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.schema_version = schema_version  # tests simulate older or newer apps
        self._http: Transport = transport_for(self.base_url)

    def health(self) -> dict[str, Any]:
        return self._call("GET", "/health")

    def login(self, username: str, password: str, device_id: str,
              device_name: str) -> dict[str, Any]:
        return self._call("POST", "/auth/login", body={
            "username": username, "password": password, "device_id": device_id,
            "device_name": device_name})

    def push(self, mutations: list[dict[str, Any]],
             pull: tuple[int, int] | None = None) -> dict[str, Any]:
        """Push a batch; with *pull* (after, limit) the reply also carries the page after
        the push under ``"pull"`` (when the server could read it)."""
        body: dict[str, Any] = {"mutations": mutations}
        if pull is not None:
            body["pull"] = {"after": pull[0], "limit": pull[1]}
        return self._call("POST", "/sync/push", body=body)

    def pull(self, after: int, limit: int) -> dict[str, Any]:
        return self._call("GET", "/sync/pull", params={"after": after, "limit": limit})

    def history(self, entity: str, row_id: str) -> list[dict[str, Any]]:
        """The record's field changes from the server change log, newest first."""
        reply = self._call("GET", f"/history/{quote(entity, safe='')}/{quote(row_id, safe='')}")
        entries = reply.get("entries")
        if not isinstance(entries, list):
            raise ServerError("unexpected history answer")
        return [dict(e) for e in entries if isinstance(e, dict)]

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, *, body: Any = None,
              params: dict[str, Any] | None = None) -> dict[str, Any]:
        headers = {SCHEMA_HEADER: str(self.schema_version), "Accept": "application/json",
                   "Accept-Encoding": "gzip"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = orjson.dumps(body)
        try:
            response = self._http.request(method, self.base_url + API_PREFIX + path,
                                          params=params, data=data, headers=headers,
                                          timeout=self.timeout)
        except TransportError as exc:
            raise NetworkError(f"cannot reach {self.base_url}: {exc}") from exc
        return _parse(response)


def _parse(response: Reply) -> dict[str, Any]:
    try:
        payload = orjson.loads(response.content) if response.content else {}
    except orjson.JSONDecodeError:
        payload = None
    if response.status_code in UNREACHABLE_STATUSES:
        raise NetworkError(f"server unavailable (HTTP {response.status_code})")
    if 200 <= response.status_code < 300 and isinstance(payload, dict):
        return payload
    error = payload.get("error") if isinstance(payload, dict) else None
    if not isinstance(error, dict):
        raise ServerError(f"unexpected answer (HTTP {response.status_code})")
    code = str(error.get("code") or "")
    message = str(error.get("message") or "")
    if response.status_code == 401 or code in (ErrorCode.BAD_CREDENTIALS,
                                               ErrorCode.DEVICE_REVOKED):
        raise AuthError(message, code or ErrorCode.UNAUTHORIZED)
    if response.status_code == 426 or code == ErrorCode.CLIENT_TOO_OLD:
        raise ClientTooOld(message)
    if response.status_code == 410 or code == ErrorCode.RESYNC_REQUIRED:
        raise ResyncRequired(message)
    if response.status_code >= 500:
        raise ServerError(message or f"HTTP {response.status_code}")
    mid = error.get("mid")
    return_field = error.get("field")
    raise RequestRejected(code, message, mid if isinstance(mid, int) else None,
                          return_field if isinstance(return_field, str) else None)


# -- transport ----------------------------------------------------------------------------
class Reply(Protocol):
    @property
    def status_code(self) -> int: ...

    @property
    def content(self) -> bytes: ...


class Transport(Protocol):
    """What SyncApi needs of an HTTP client (requests.Session has the same shape)."""

    def request(self, method: str, url: str, *, params: dict[str, Any] | None = None,
                data: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float | None = None) -> Reply: ...

    def close(self) -> None: ...


class TransportError(Exception):
    """The request did not get an answer (refused, reset, timed out, bad TLS...)."""


class _Answer(NamedTuple):
    status_code: int
    content: bytes


class KeepAlive:
    """HTTP/1.1 over http.client with connections kept open between requests.

    A sync round is a few small requests; requests.Session spent about a millisecond of
    CPU on each (environment lookups, hooks, adapters), as much as the server's work.
    Each thread takes an idle connection (or opens one), so threads never share one.
    """

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self._https = parts.scheme == "https"
        self._host = parts.hostname or "localhost"
        self._port = parts.port
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()

    def request(self, method: str, url: str, *, params: dict[str, Any] | None = None,
                data: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float | None = None) -> _Answer:
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{urlencode(params)}" if params else "")
        for attempt in (1, 2):
            connection, reused = self._take(timeout)
            try:
                connection.request(method, target, body=data, headers=headers or {})
                response = connection.getresponse()
                body = response.read()
            except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected) \
                    as exc:
                connection.close()
                if reused and attempt == 1:
                    continue  # the server had closed the idle connection: once on a new one
                raise TransportError(str(exc) or type(exc).__name__) from exc
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                raise TransportError(str(exc) or type(exc).__name__) from exc
            if response.will_close:
                connection.close()
            else:
                self._give(connection)
            if response.getheader("Content-Encoding", "").lower() == "gzip":
                try:
                    body = gzip.decompress(body)
                except (OSError, EOFError) as exc:
                    raise TransportError("the answer's gzip body is corrupt") from exc
            return _Answer(response.status, body)
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()

    def _take(self, timeout: float | None) -> tuple[http.client.HTTPConnection, bool]:
        while True:
            with self._lock:
                connection = self._idle.pop() if self._idle else None
            if connection is None:
                return self._open(timeout), False
            if connection.sock is not None and not _dropped(connection.sock):
                connection.timeout = timeout
                connection.sock.settimeout(timeout)
                return connection, True
            connection.close()

    def _give(self, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            self._idle.append(connection)

    def _open(self, timeout: float | None) -> http.client.HTTPConnection:
        if self._https:
            return http.client.HTTPSConnection(self._host, self._port, timeout=timeout,
                                               context=_tls_context())
        return http.client.HTTPConnection(self._host, self._port, timeout=timeout)


def _dropped(sock: Any) -> bool:
    """An idle connection the server has closed (readable at EOF) or written to."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


_TLS: list[ssl.SSLContext] = []


def _tls_context() -> ssl.SSLContext:
    """The same certificate authorities as requests trusts (certifi's), built once."""
    if not _TLS:
        try:
            import certifi
            _TLS.append(ssl.create_default_context(cafile=certifi.where()))
        except ImportError:  # pragma: no cover - certifi comes with requests
            _TLS.append(ssl.create_default_context())
    return _TLS[0]


def transport_for(base_url: str) -> Transport:
    """KeepAlive, unless the environment routes this server through a proxy (then
    requests, which speaks to proxies)."""
    parts = urlsplit(base_url)
    proxies = urllib.request.getproxies()
    if parts.scheme in proxies and not urllib.request.proxy_bypass(parts.hostname or ""):
        return _Proxied()
    return KeepAlive(base_url)


class _Proxied:
    """requests.Session (imported only when a proxy is configured), its errors mapped."""

    def __init__(self) -> None:
        import requests

        self._requests = requests
        self._session = requests.Session()

    def request(self, method: str, url: str, *, params: dict[str, Any] | None = None,
                data: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float | None = None) -> Reply:
        try:
            return self._session.request(method, url, params=params, data=data,
                                         headers=headers, timeout=timeout)
        except self._requests.RequestException as exc:
            raise TransportError(str(exc)) from exc

    def close(self) -> None:
        self._session.close()
