"""GET /history/<entity>/<id>: a record's change history (auth and schema header required)."""

from __future__ import annotations

from flask import Blueprint, Response, request

from server.db import read_transaction
from server.http import json_response, require_schema
from server.services.auth import authenticate
from server.services.history import record_history
from server.state import current_state


def history(entity: str, row_id: str) -> Response:
    require_schema()
    with read_transaction(current_state().db.session()) as session:
        device = authenticate(session, request.headers.get("Authorization"))
        entries = record_history(session, device.viewer(), entity, row_id)
    return json_response({"entries": entries})


def blueprint() -> Blueprint:
    bp = Blueprint("history", __name__, url_prefix="/history")
    bp.add_url_rule("/<entity>/<row_id>", view_func=history, methods=["GET"])
    return bp
