"""In-memory stand-ins for the sync server, for engine and sign-in tests without a network."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desktop.sync.errors import NetworkError, RequestRejected

SERVER_HLC = "000000000000001-00000-server"


@dataclass
class FakeServer:
    """Accepts every mutation (unless ``refuse`` says otherwise) and logs full rows."""

    rows: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    log: list[dict[str, Any]] = field(default_factory=list)
    last_mid: int = 0
    pushes: list[list[dict[str, Any]]] = field(default_factory=list)
    pulls: list[int] = field(default_factory=list)
    refuse: Callable[[dict[str, Any]], str | None] = lambda _m: None
    offline: bool = False
    server_hlc: str = SERVER_HLC

    def publish(self, entity: str, row_id: str, fields: dict[str, Any],
                clocks: dict[str, str], deleted: bool = False) -> None:
        """A change made on the server by someone else."""
        row = self.rows.setdefault((entity, row_id), {"fields": {}, "clocks": {}})
        row["fields"].update(fields)
        row["clocks"].update(clocks)
        row["deleted"] = deleted
        self.log.append({"pos": len(self.log) + 1, "entity": entity, "id": row_id,
                         "deleted": deleted, "fields": dict(row["fields"]),
                         "clocks": dict(row["clocks"])})

    def push(self, mutations: list[dict[str, Any]],
             pull: tuple[int, int] | None = None) -> dict[str, Any]:
        self._check_online()
        self.pushes.append(mutations)
        for m in mutations:
            reason = self.refuse(m)
            if reason:
                raise RequestRejected("validation_failed", reason, m["mid"], None)
        results = []
        for m in mutations:
            if m["mid"] <= self.last_mid:
                results.append({"mid": m["mid"], "status": "duplicate"})
                continue
            clocks = dict.fromkeys(m["fields"], m["hlc"])
            self.publish(m["entity"], m["id"], m["fields"], clocks,
                         deleted=m["op"] == "delete")
            results.append({"mid": m["mid"], "status": "applied"})
        self.last_mid = max([self.last_mid, *(m["mid"] for m in mutations)])
        return {"results": results, "last_mid": self.last_mid, "server_hlc": self.server_hlc}

    def pull(self, after: int, limit: int) -> dict[str, Any]:
        self._check_online()
        self.pulls.append(after)
        page = [c for c in self.log if c["pos"] > after][:limit]
        cursor = page[-1]["pos"] if page else len(self.log)
        return {"changes": page, "cursor": cursor, "has_more": cursor < len(self.log),
                "head": len(self.log), "server_hlc": self.server_hlc}

    def _check_online(self) -> None:
        if self.offline:
            raise NetworkError("offline")


class FakeApi:
    """The SyncApi surface over a FakeServer; ``login`` knows one password per user."""

    def __init__(self, server: FakeServer, base_url: str = "http://crm.test:8080",
                 passwords: dict[str, str] | None = None) -> None:
        self.server = server
        self.base_url = base_url
        self.token: str | None = None
        self.passwords = passwords or {"li.wei": "fieldcrm"}
        self.logins: list[dict[str, str]] = []

    def login(self, username: str, password: str, device_id: str,
              device_name: str) -> dict[str, Any]:
        from desktop.sync.errors import AuthError

        self.server._check_online()
        self.logins.append({"username": username, "device_id": device_id})
        if self.passwords.get(username) != password:
            raise AuthError("wrong", "bad_credentials")
        return {"token": f"tok-{username}", "device_id": device_id,
                "user": {"id": f"u-{username}", "username": username,
                         "display_name": username.title(), "role": "rep"},
                "server_hlc": self.server.server_hlc}

    def push(self, mutations: list[dict[str, Any]],
             pull: tuple[int, int] | None = None) -> dict[str, Any]:
        return self.server.push(mutations)  # this fake answers without a page

    def pull(self, after: int, limit: int) -> dict[str, Any]:
        return self.server.pull(after, limit)

    def snapshot(self, path: Any, progress: Any = None) -> bool:
        return False  # this fake serves no snapshots: a first sync comes page by page

    def health(self) -> dict[str, Any]:
        return {"status": "ok"}
