"""HTTP plumbing shared by the views: JSON in/out, the error envelope, schema check, gzip."""

from __future__ import annotations

import gc
import gzip
import logging
import threading
from typing import Any

import orjson
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from server.errors import ApiError
from server.state import current_state
from shared.sync.protocol import SCHEMA_HEADER, ErrorCode

log = logging.getLogger(__name__)
GZIP_LEVEL = 5
# Replies up to this size (an ordinary pull, a push reply) are compressed at level 1:
# about 20% larger, in half the time; bootstrap pages keep GZIP_LEVEL.
FAST_GZIP_MAX_BYTES = 256 * 1024
FAST_GZIP_LEVEL = 1
HTTP_CODES = {400: ErrorCode.BAD_REQUEST, 401: ErrorCode.UNAUTHORIZED,
              403: ErrorCode.FORBIDDEN, 404: ErrorCode.NOT_FOUND,
              413: ErrorCode.BATCH_TOO_LARGE}
TOO_OLD = ("This version of FieldCRM is too old for the server. Please update; "
           "your unsynced changes are kept.")


def json_response(payload: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(payload), status=status, mimetype="application/json")


def read_json() -> Any:
    """The request body as JSON (gzip bodies accepted); 400 bad_json when it is not."""
    data = request.get_data(cache=False)
    if request.headers.get("Content-Encoding", "").lower() == "gzip":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            raise ApiError(400, ErrorCode.BAD_JSON, "the gzip body is corrupt") from None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        raise ApiError(400, ErrorCode.BAD_JSON, "the request body is not valid JSON") from None


def require_schema() -> int:
    """The client's schema version; 426 client_too_old when missing or below the window."""
    config = current_state().config
    raw = request.headers.get(SCHEMA_HEADER, "").strip()
    if not raw.isdigit() or int(raw) < config.min_schema_version:
        raise ApiError(426, ErrorCode.CLIENT_TOO_OLD, TOO_OLD)
    version = int(raw)
    if version > config.schema_version:
        raise ApiError(400, ErrorCode.CLIENT_TOO_NEW,
                       "The server is older than this FieldCRM version. Ask IT to update it.")
    return version


def _api_error(exc: ApiError) -> Response:
    return json_response(exc.envelope(), exc.status)


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    if status >= 500:
        return _unexpected(exc)
    code = HTTP_CODES.get(status, ErrorCode.BAD_REQUEST)
    message = "request body too large" if status == 413 else (exc.description or exc.name)
    return json_response({"error": {"code": str(code), "message": message}}, status)


def _unexpected(exc: BaseException) -> Response:
    log.error("internal error", exc_info=exc)
    return json_response({"error": {"code": str(ErrorCode.INTERNAL),
                                    "message": "internal server error"}}, 500)


def _compress(response: Response) -> Response:
    """gzip JSON replies for clients that accept it (pull pages are large)."""
    if (response.direct_passthrough or response.status_code < 200
            or "Content-Encoding" in response.headers):
        return response
    data = response.get_data()
    if len(data) < current_state().config.gzip_min_bytes \
            or request.accept_encodings["gzip"] <= 0:  # (the size is the cheaper test)
        return response
    level = FAST_GZIP_LEVEL if len(data) <= FAST_GZIP_MAX_BYTES else GZIP_LEVEL
    response.set_data(gzip.compress(data, level))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response


_frozen = threading.Event()


def _freeze_heap() -> None:
    """Before the process's first request: move what start-up built (modules, the app,
    SQLAlchemy's metadata, about 100,000 objects) out of the collector's generations.

    Otherwise every full collection walks all of it again: about 50 ms each, every few
    large pushes, some 10% of a push's CPU. It is never garbage anyway.
    """
    if _frozen.is_set():
        return
    _frozen.set()
    gc.collect()
    gc.freeze()


def init_app(app: Flask) -> None:
    app.before_request(_freeze_heap)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
    app.after_request(_compress)
