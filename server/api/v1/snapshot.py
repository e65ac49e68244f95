"""GET /sync/snapshot: the device's scope as one SQLite file (shared/sync/snapshot.py).

The file is built in a temporary file, then streamed in chunks (zstd, else gzip, when
the client accepts it, so compressing, sending and the client's writing overlap) and
removed when the reply is closed, however it ends.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from flask import Blueprint, Response, request
from werkzeug.wsgi import ClosingIterator

from server.db import write_transaction
from server.errors import ApiError
from server.http import require_schema
from server.services.auth import authenticate
from server.services.snapshot import SnapshotUnavailable, build
from server.state import current_state
from shared.sync import compression
from shared.sync.protocol import ErrorCode
from shared.sync.snapshot import CURSOR_HEADER, MEDIA_TYPE, SIZE_HEADER

CHUNK = 1024 * 1024
ENCODINGS = ("zstd", "gzip")  # in order of preference
# Clients then download the territory page by page, as from a server before snapshots.
NO_SNAPSHOT = "This server keeps its data in memory and offers no snapshot."


def snapshot() -> Response:
    require_schema()
    state = current_state()
    session = state.db.session()
    with write_transaction(session):  # as a pull does: the device is checked and seen
        device = authenticate(session, request.headers.get("Authorization"))
    folder = Path(tempfile.mkdtemp(prefix="fieldcrm-snapshot-"))
    path = folder / "snapshot.sqlite"
    try:
        built = build(session, device.viewer(), path, state.clock.now())
    except SnapshotUnavailable:
        shutil.rmtree(folder, ignore_errors=True)
        raise ApiError(404, ErrorCode.NOT_FOUND, NO_SNAPSHOT) from None
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    encoding = next((name for name in ENCODINGS if request.accept_encodings[name] > 0), "")

    def remove() -> None:
        shutil.rmtree(folder, ignore_errors=True)

    # direct_passthrough: the JSON gzip hook (server.http) must not read the stream; the
    # WSGI server then closes the body itself (a HEAD request closes the response).
    body = ClosingIterator(_chunks(path, encoding), remove)
    response = Response(body, mimetype=MEDIA_TYPE, direct_passthrough=True)
    response.call_on_close(remove)
    response.headers[CURSOR_HEADER] = str(built.cursor)
    response.headers[SIZE_HEADER] = str(path.stat().st_size)
    response.vary.add("Accept-Encoding")
    if encoding:
        response.headers["Content-Encoding"] = encoding
    else:
        response.headers["Content-Length"] = str(path.stat().st_size)
    return response


def _chunks(path: Path, encoding: str) -> Iterator[bytes]:
    with path.open("rb") as handle:
        packer = compression.packer(encoding) if encoding else None
        while chunk := handle.read(CHUNK):
            if packer is None:
                yield chunk
            elif packed := packer.compress(chunk):
                yield packed
        if packer is not None:
            yield packer.flush()


def blueprint() -> Blueprint:
    bp = Blueprint("snapshot", __name__, url_prefix="/sync")
    bp.add_url_rule("/snapshot", view_func=snapshot, methods=["GET"])
    return bp
