"""POST /sync/push and GET /sync/pull: thin views over the push and pull services."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request
from sqlalchemy.exc import IntegrityError

from server.db import is_postgres, write_transaction
from server.errors import ApiError
from server.http import json_response, read_json, require_schema
from server.services.auth import authenticate, record_pull
from server.services.pull import pull as pull_service
from server.services.push import push as push_service
from server.services.rows import NeedsExclusive
from server.state import current_state
from shared.sync.protocol import DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, ErrorCode

_UNREAD = object()  # the push body, before it is read (it can be read only once)


def push() -> Response:
    require_schema()
    state = current_state()
    body: Any = _UNREAD
    exclusive = False
    while True:
        try:
            with write_transaction(state.db.session()) as session:
                device = authenticate(session, request.headers.get("Authorization"),
                                      for_update=True)
                body = read_json() if body is _UNREAD else body
                reply = push_service(session, device, body, state.push_context(),
                                     exclusive=exclusive)
                state.faults.before_commit()
            break
        except (NeedsExclusive, IntegrityError):
            # Beside other pushes this one needed more (or raced another's insert of the
            # same new row): nothing was kept; run it again as the only writer.
            if exclusive:
                raise
            exclusive = True
    state.faults.after_commit()
    return json_response({
        "results": [{"mid": r.mid, "status": str(r.status)} for r in reply.results],
        "last_mid": reply.last_mid, "server_hlc": reply.server_hlc})


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ApiError(400, ErrorCode.BAD_REQUEST,
                       f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def pull() -> Response:
    require_schema()
    after = _int_arg("after", 0, 0, 2**63 - 1)
    limit = _int_arg("limit", DEFAULT_PULL_LIMIT, 1, MAX_PULL_LIMIT)
    state = current_state()
    session = state.db.session()
    together = is_postgres(state.db.engine)  # SQLite: a read need not hold the write lock
    page = None
    with write_transaction(session):
        device = authenticate(session, request.headers.get("Authorization"))
        record_pull(session, device, after)
        if together:
            page = pull_service(session, device.viewer(), after, limit)
    if page is None:
        try:
            page = pull_service(session, device.viewer(), after, limit)
        finally:
            session.rollback()  # read only
    return json_response({"changes": page.changes, "cursor": page.cursor,
                          "has_more": page.has_more, "head": page.head,
                          "server_hlc": state.clock.now()})


def blueprint() -> Blueprint:
    bp = Blueprint("sync", __name__, url_prefix="/sync")
    bp.add_url_rule("/push", view_func=push, methods=["POST"])
    bp.add_url_rule("/pull", view_func=pull, methods=["GET"])
    return bp
