"""Signing in, device tokens, revocation and the schema window."""

from __future__ import annotations

from flask.testing import FlaskClient

from server.db import write_transaction
from server.services.auth import revoke_device
from server.state import current_state
from shared.ids import new_id
from tests.server.helpers import SCHEMA, World


def _login(client: FlaskClient, username: str, password: str, device_id: str | None = None):
    return client.post("/api/v1/auth/login", headers=SCHEMA, json={
        "username": username, "password": password, "device_id": device_id or new_id(),
        "device_name": "laptop"})


def test_health_needs_no_sign_in(client: FlaskClient) -> None:
    body = client.get("/api/v1/health").get_json()
    assert body["status"] == "ok"
    assert body["schema"] == {"min": 1, "current": 1}
    assert body["server_hlc"].endswith("-server")


def test_login_returns_a_token_and_the_user(world: World) -> None:
    reply = _login(world.client, "li", "secret-pw")
    assert reply.status_code == 200
    body = reply.get_json()
    assert len(body["token"]) >= 40
    assert body["user"] == {"id": world.users["li"], "username": "li", "display_name": "Li",
                            "role": "rep"}
    assert body["server_hlc"]


def test_wrong_password_or_unknown_user_is_refused(world: World) -> None:
    for username, password in [("li", "wrong"), ("nobody", "secret-pw")]:
        reply = _login(world.client, username, password)
        assert reply.status_code == 401
        assert reply.get_json()["error"]["code"] == "bad_credentials"


def test_a_made_up_token_is_refused(world: World) -> None:
    reply = world.client.get("/api/v1/sync/pull",
                             headers={**SCHEMA, "Authorization": "Bearer not-a-token"})
    assert reply.status_code == 401
    assert reply.get_json()["error"]["code"] == "unauthorized"


def test_a_revoked_device_is_locked_out(world: World) -> None:
    device = world.login("li")
    with world.app.app_context():
        with write_transaction(current_state().db.sessions()) as session:
            assert revoke_device(session, device.device_id)
    reply = device.pull()
    assert reply.status_code == 401
    assert reply.get_json()["error"]["code"] == "device_revoked"
    again = _login(world.client, "li", "secret-pw", device.device_id)
    assert again.get_json()["error"]["code"] == "device_revoked"


def test_signing_in_again_keeps_the_devices_mutation_count(world: World) -> None:
    device = world.login("li")
    world.account(device)
    again = world.login("li", device.device_id)
    again.mid = 0
    replay = again.push(again.mutation("account", new_id(), {"name": "x"}))
    assert replay.get_json()["results"] == [{"mid": 1, "status": "duplicate"}]


def test_a_device_id_cannot_be_taken_over_by_another_user(world: World) -> None:
    device = world.login("li")
    reply = _login(world.client, "wang", "secret-pw", device.device_id)
    assert reply.status_code == 403


def test_a_client_without_or_below_the_schema_window_must_update(world: World) -> None:
    device = world.login("li")
    token = {"Authorization": f"Bearer {device.token}"}
    for headers in (token, {**token, "X-FieldCRM-Schema": "0"}):
        reply = world.client.post("/api/v1/sync/push", json={"mutations": []}, headers=headers)
        assert reply.status_code == 426
        assert reply.get_json()["error"]["code"] == "client_too_old"
