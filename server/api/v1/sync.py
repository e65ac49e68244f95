"""POST /sync/push and GET /sync/pull: thin views over the push and pull services."""

from __future__ import annotations

import logging
from typing import Any, TypeGuard

from flask import Blueprint, Response, request
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.db import is_postgres, read_transaction, write_transaction
from server.errors import ApiError
from server.http import json_response, read_json, require_schema
from server.services.auth import DeviceSession, authenticate, record_pull
from server.services.pull import PullPage
from server.services.pull import pull as pull_service
from server.services.push import push as push_service
from server.services.rows import NeedsExclusive
from server.state import ServerState, current_state
from shared.sync.protocol import DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, ErrorCode

log = logging.getLogger(__name__)
_UNREAD = object()  # the push body, before it is read (it can be read only once)
MAX_POSITION = 2**63 - 1


def push() -> Response:
    require_schema()
    state = current_state()
    body: Any = _UNREAD
    exclusive = False
    wanted: tuple[int, int] | None = None
    while True:
        try:
            with write_transaction(state.db.session()) as session:
                device = authenticate(session, request.headers.get("Authorization"),
                                      for_update=True)
                body = read_json() if body is _UNREAD else body
                wanted = _pull_wanted(body)
                # What the device has applied (the page it asks for) is recorded with it.
                reply = push_service(session, device, body, state.push_context(),
                                     exclusive=exclusive,
                                     pulled=None if wanted is None else wanted[0])
                state.faults.before_commit()
            break
        except (NeedsExclusive, IntegrityError):
            # Beside other pushes this one needed more (or raced another's insert of the
            # same new row): nothing was kept; run it again as the only writer.
            if exclusive:
                raise
            exclusive = True
    state.faults.after_commit()
    answer: dict[str, Any] = {
        "results": [{"mid": r.mid, "status": str(r.status)} for r in reply.results],
        "last_mid": reply.last_mid, "server_hlc": reply.server_hlc}
    if wanted is not None:
        page = _pull_after_push(state, device, *wanted)
        if page is not None:
            answer["pull"] = _page_wire(page, state)
    return json_response(answer)


def _pull_wanted(body: Any) -> tuple[int, int] | None:
    """The push's optional ``"pull": {"after", "limit"}``: the page to send back with the
    reply, which saves the request a sync makes right after pushing."""
    wanted = body.get("pull") if isinstance(body, dict) else None
    if wanted is None:
        return None
    after = wanted.get("after") if isinstance(wanted, dict) else None
    limit = wanted.get("limit", DEFAULT_PULL_LIMIT) if isinstance(wanted, dict) else None
    if not _whole(after, 0, MAX_POSITION) or not _whole(limit, 1, MAX_PULL_LIMIT):
        raise ApiError(400, ErrorCode.BAD_REQUEST,
                       f'"pull" must be {{"after": 0 or more, "limit": 1 to {MAX_PULL_LIMIT}}}')
    return after, limit


def _whole(value: Any, low: int, high: int) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _pull_after_push(state: ServerState, device: DeviceSession, after: int,
                     limit: int) -> PullPage | None:
    """The page after the push committed (so it holds the push's own entries); None when
    it cannot be had: the push stands, and the client pulls on its own as usual."""
    session = state.db.session()
    if is_postgres(state.db.engine):  # one statement, its own transaction: no BEGIN, COMMIT
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    try:
        return _read_page(session, device, after, limit)
    except ApiError:
        return None  # e.g. 410 resync_required: the client's own pull gets it
    except Exception:  # noqa: BLE001 - the push is committed; its reply must reach the client
        log.exception("pull after push failed")
        return None


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
    after = _int_arg("after", 0, 0, MAX_POSITION)
    limit = _int_arg("limit", DEFAULT_PULL_LIMIT, 1, MAX_PULL_LIMIT)
    state = current_state()
    page = _pull_page(state, state.db.session(), None, after, limit)
    return json_response(_page_wire(page, state))


def _pull_page(state: ServerState, session: Session, device: DeviceSession | None, after: int,
               limit: int) -> PullPage:
    """Record the device's pull and read its page (*device* None: authenticate first)."""
    together = is_postgres(state.db.engine)  # SQLite: a read need not hold the write lock
    page = None
    with write_transaction(session):
        if device is None:
            device = authenticate(session, request.headers.get("Authorization"))
        record_pull(session, device, after)
        if together:
            page = pull_service(session, device.viewer(), after, limit)
    return page if page is not None else _read_page(session, device, after, limit)


def _read_page(session: Session, device: DeviceSession, after: int, limit: int) -> PullPage:
    with read_transaction(session):
        return pull_service(session, device.viewer(), after, limit)


def _page_wire(page: PullPage, state: ServerState) -> dict[str, Any]:
    return {"changes": page.changes_json(), "cursor": page.cursor, "has_more": page.has_more,
            "head": page.head, "server_hlc": state.clock.now()}


def blueprint() -> Blueprint:
    bp = Blueprint("sync", __name__, url_prefix="/sync")
    bp.add_url_rule("/push", view_func=push, methods=["POST"])
    bp.add_url_rule("/pull", view_func=pull, methods=["GET"])
    return bp
