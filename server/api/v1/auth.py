"""POST /auth/login: user name and password in, a device token out."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response

from server.db import write_transaction
from server.errors import ApiError
from server.http import json_response, read_json, require_schema
from server.services.auth import login as login_service
from server.state import current_state
from shared.sync.protocol import ErrorCode


def _text(body: dict[str, Any], name: str, required: bool = True) -> str:
    value = body.get(name, None if required else "")
    if not isinstance(value, str) or (required and not value):
        raise ApiError(400, ErrorCode.BAD_REQUEST, f"{name} is required", field=name)
    return value


def login() -> Response:
    require_schema()
    body = read_json()
    if not isinstance(body, dict):
        raise ApiError(400, ErrorCode.BAD_REQUEST, "expected a JSON object")
    state = current_state()
    with write_transaction(state.db.session()) as session:
        result = login_service(session, state.passwords, username=_text(body, "username"),
                               password=_text(body, "password"),
                               device_id=_text(body, "device_id"),
                               device_name=_text(body, "device_name", required=False))
    who = result.session
    return json_response({
        "token": result.token, "device_id": who.device_id,
        "user": {"id": who.user_id, "username": who.username,
                 "display_name": who.display_name, "role": who.role},
        "server_hlc": state.clock.now()})


def blueprint() -> Blueprint:
    bp = Blueprint("auth", __name__, url_prefix="/auth")
    bp.add_url_rule("/login", view_func=login, methods=["POST"])
    return bp
