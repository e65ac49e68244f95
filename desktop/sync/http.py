"""HTTP client of the sync API (/api/v1): one method per endpoint, errors as exceptions."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import orjson

from desktop.sync.errors import (
    AuthError,
    ClientTooOld,
    NetworkError,
    RequestRejected,
    ResyncRequired,
    ServerError,
)
from desktop.sync.transport import Downloaded, Reply, Transport, TransportError, transport_for
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

    def snapshot(self, path: Path, progress: Downloaded | None = None) -> bool:
        """Download this user's replica snapshot to *path* (*progress* hears the bytes
        written and expected); False when the server has none to give (a server from
        before snapshots: the client pulls pages)."""
        try:
            response = self._http.download(self.base_url + API_PREFIX + "/sync/snapshot",
                                           path, headers=self._headers(),
                                           timeout=self.timeout, progress=progress)
        except TransportError as exc:
            raise NetworkError(f"cannot reach {self.base_url}: {exc}") from exc
        if response.status_code in (404, 405):
            return False
        if not 200 <= response.status_code < 300:
            _parse(response)  # raises the error the answer carries
            raise ServerError(f"unexpected answer (HTTP {response.status_code})")
        return True

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
        headers = self._headers()
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


    def _headers(self) -> dict[str, str]:
        headers = {SCHEMA_HEADER: str(self.schema_version), "Accept": "application/json",
                   "Accept-Encoding": "gzip"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers


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
