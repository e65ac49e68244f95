"""Fault hooks: off by default; a server killed between commit and reply keeps the commit."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from server.config import FaultConfig, ServerConfig
from server.errors import UserError
from server.faults import FAULT_EXIT_STATUS
from shared.hlc import Timestamp
from shared.ids import new_id
from shared.sync.protocol import SCHEMA_HEADER, SCHEMA_VERSION
from tests.server.helpers import now_ms
from tests.support.live_server import start_server

HEADERS = {SCHEMA_HEADER: str(SCHEMA_VERSION)}


def test_fault_hooks_are_off_unless_configured() -> None:
    assert not ServerConfig.from_env("sqlite://", {}).faults.active
    config = ServerConfig.from_env("sqlite://", {"FIELDCRM_FAULT_EXIT_AFTER_COMMIT": "3",
                                                 "FIELDCRM_FAULT_COMMIT_DELAY_MS": "5-40"})
    assert config.faults == FaultConfig(exit_after_commit=3, commit_delay_ms=(5, 40))
    single = ServerConfig.from_env("sqlite://", {"FIELDCRM_FAULT_COMMIT_DELAY_MS": "7"})
    assert single.faults.commit_delay_ms == (7, 7)


@pytest.mark.parametrize("env", [{"FIELDCRM_FAULT_EXIT_AFTER_COMMIT": "0"},
                                 {"FIELDCRM_FAULT_COMMIT_DELAY_MS": "40-5"},
                                 {"FIELDCRM_FAULT_COMMIT_DELAY_MS": "soon"}])
def test_bad_fault_settings_are_refused(env: dict[str, str]) -> None:
    with pytest.raises(UserError):
        ServerConfig.from_env("sqlite://", env)


def _login(url: str) -> tuple[dict[str, str], str]:
    """Request headers of a newly signed-in device, and its id."""
    device_id = new_id()
    reply = requests.post(f"{url}/api/v1/auth/login", headers=HEADERS, timeout=10, json={
        "username": "li.wei", "password": "fieldcrm", "device_id": device_id,
        "device_name": "fault test"})
    reply.raise_for_status()
    return {**HEADERS, "Authorization": f"Bearer {reply.json()['token']}"}, device_id


@pytest.mark.e2e
def test_a_push_committed_before_the_server_died_is_a_duplicate_on_retry(
        tmp_path: Path) -> None:
    server = start_server(tmp_path, accounts=2,
                          env={"FIELDCRM_FAULT_EXIT_AFTER_COMMIT": "1"})
    try:
        headers, device_id = _login(server.url)
        territory = next(c["fields"]["territory_id"] for c in requests.get(
            f"{server.url}/api/v1/sync/pull", headers=headers, timeout=10).json()["changes"]
            if c["entity"] == "account")
        account_id = new_id()
        body = {"mutations": [{"mid": 1, "entity": "account", "id": account_id,
                               "op": "upsert", "fields": {"name": "Once Only Co",
                                                          "territory_id": territory},
                               "base": {}, "hlc": Timestamp(now_ms(), 0, device_id).encode()}]}
        with pytest.raises(requests.ConnectionError):
            requests.post(f"{server.url}/api/v1/sync/push", json=body, headers=headers,
                          timeout=10)
        assert server.wait_exit() == FAULT_EXIT_STATUS
        server.restart(env={"FIELDCRM_FAULT_EXIT_AFTER_COMMIT": ""})
        retry = requests.post(f"{server.url}/api/v1/sync/push", json=body, headers=headers,
                              timeout=10)
        assert retry.json()["results"] == [{"mid": 1, "status": "duplicate"}]
        rows = requests.get(f"{server.url}/api/v1/sync/pull", headers=headers,
                            timeout=10).json()["changes"]
        assert [c["fields"]["name"] for c in rows if c["id"] == account_id] == ["Once Only Co"]
    finally:
        server.stop()
