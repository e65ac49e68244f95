"""GET /health: liveness, schema window and the server clock (no auth, no schema header)."""

from __future__ import annotations

from flask import Blueprint, Response

from server.http import json_response
from server.state import current_state
from shared.sync.protocol import MIN_SCHEMA_VERSION, SCHEMA_VERSION


def health() -> Response:
    return json_response({"status": "ok",
                          "schema": {"min": MIN_SCHEMA_VERSION, "current": SCHEMA_VERSION},
                          "server_hlc": current_state().clock.now()})


def blueprint() -> Blueprint:
    bp = Blueprint("health", __name__)
    bp.add_url_rule("/health", view_func=health, methods=["GET"])
    return bp
