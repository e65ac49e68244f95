"""GET /health: liveness, schema window and the server clock (no auth, no schema header)."""

from __future__ import annotations

from flask import Blueprint, Response

from server.http import json_response
from server.state import current_state


def health() -> Response:
    state = current_state()
    return json_response({"status": "ok",
                          "schema": {"min": state.config.min_schema_version,
                                     "current": state.config.schema_version},
                          "server_hlc": state.clock.now()})


def blueprint() -> Blueprint:
    bp = Blueprint("health", __name__)
    bp.add_url_rule("/health", view_func=health, methods=["GET"])
    return bp
