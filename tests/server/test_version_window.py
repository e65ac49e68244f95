"""The schema window: clients from min to current sync; older ones are told to update."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from server.app import create_app
from server.config import FAST_PASSWORD_COST, ServerConfig
from server.errors import UserError
from server.state import current_state
from shared.sync.protocol import MIN_SCHEMA_VERSION, SCHEMA_HEADER, SCHEMA_VERSION
from tests.server.helpers import PASSWORD, make_world

TOO_OLD = ("This version of FieldCRM is too old for the server. Please update; "
           "your unsynced changes are kept.")


@pytest.fixture
def newer_app(database_url: str) -> Iterator[Flask]:
    """A server two schema versions ahead that still accepts one version back."""
    config = ServerConfig(database_url, password_cost=FAST_PASSWORD_COST,
                          schema_version=SCHEMA_VERSION + 2,
                          min_schema_version=SCHEMA_VERSION + 1)
    app = create_app(config)
    yield app
    with app.app_context():
        current_state().db.engine.dispose()


def _login(app: Flask, version: int) -> tuple[int, dict[str, object]]:
    reply = app.test_client().post(
        "/api/v1/auth/login", headers={SCHEMA_HEADER: str(version)},
        json={"username": "li", "password": PASSWORD,
              "device_id": "0193a000-0000-7000-8000-0000000000ab", "device_name": "test"})
    return reply.status_code, reply.get_json()


def test_a_client_below_the_window_is_told_to_update(newer_app: Flask) -> None:
    make_world(newer_app, newer_app.test_client())
    status, body = _login(newer_app, SCHEMA_VERSION)
    assert status == 426
    assert body["error"] == {"code": "client_too_old", "message": TOO_OLD}


def test_clients_within_the_window_sync(newer_app: Flask) -> None:
    make_world(newer_app, newer_app.test_client())
    for version in (SCHEMA_VERSION + 1, SCHEMA_VERSION + 2):
        status, body = _login(newer_app, version)
        assert status == 200, body
        pull = newer_app.test_client().get(
            "/api/v1/sync/pull", headers={SCHEMA_HEADER: str(version),
                                          "Authorization": f"Bearer {body['token']}"})
        assert pull.status_code == 200


def test_a_client_newer_than_the_server_is_refused(newer_app: Flask) -> None:
    make_world(newer_app, newer_app.test_client())
    status, body = _login(newer_app, SCHEMA_VERSION + 3)
    assert status == 400 and body["error"]["code"] == "client_too_new"


def test_health_reports_the_window(newer_app: Flask) -> None:
    body = newer_app.test_client().get("/api/v1/health").get_json()
    assert body["schema"] == {"min": SCHEMA_VERSION + 1, "current": SCHEMA_VERSION + 2}


def test_the_window_comes_from_the_environment() -> None:
    config = ServerConfig.from_env("sqlite://", {"FIELDCRM_SCHEMA_VERSION": "5",
                                                 "FIELDCRM_MIN_SCHEMA_VERSION": "4"})
    assert (config.min_schema_version, config.schema_version) == (4, 5)
    default = ServerConfig.from_env("sqlite://", {})
    assert (default.min_schema_version, default.schema_version) == \
        (MIN_SCHEMA_VERSION, SCHEMA_VERSION)


@pytest.mark.parametrize("env", [{"FIELDCRM_SCHEMA_VERSION": "two"},
                                 {"FIELDCRM_MIN_SCHEMA_VERSION": "0"},
                                 {"FIELDCRM_SCHEMA_VERSION": "2",
                                  "FIELDCRM_MIN_SCHEMA_VERSION": "3"}])
def test_a_bad_window_is_refused_plainly(env: dict[str, str]) -> None:
    with pytest.raises(UserError, match="FIELDCRM_"):
        ServerConfig.from_env("sqlite://", env)
