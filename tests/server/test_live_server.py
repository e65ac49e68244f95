"""The real server process (the fixture other suites use) starts, answers and stops."""

from __future__ import annotations

import json
import urllib.request

import pytest

from shared.sync.protocol import SCHEMA_HEADER, SCHEMA_VERSION
from tests.support.live_server import LiveServer


@pytest.mark.e2e
def test_the_live_server_serves_the_demo_cast(live_server: LiveServer) -> None:
    request = urllib.request.Request(
        f"{live_server.url}/api/v1/auth/login", method="POST",
        data=json.dumps({"username": "li.wei", "password": "fieldcrm",
                         "device_id": "0193a000-0000-7000-8000-0000000000aa",
                         "device_name": "e2e"}).encode(),
        headers={"Content-Type": "application/json", SCHEMA_HEADER: str(SCHEMA_VERSION)})
    with urllib.request.urlopen(request, timeout=10) as reply:
        body = json.loads(reply.read())
    assert body["user"]["display_name"] == "李伟"
    live_server.stop()
    assert live_server.process.returncode == 0
