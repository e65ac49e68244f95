"""The HTTP client maps every server answer to one exception, and each to plain words."""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from desktop.sync import (
    AuthError,
    ClientTooOld,
    NetworkError,
    RequestRejected,
    ServerError,
    SyncApi,
    user_message,
)

# path -> (status, body); the handler also records the headers it saw
ANSWERS: dict[str, tuple[int, Any]] = {
    "/api/v1/health": (200, {"status": "ok"}),
    "/api/v1/auth/login": (401, {"error": {"code": "bad_credentials", "message": "no"}}),
    "/api/v1/sync/push": (400, {"error": {"code": "unknown_field", "mid": 17, "field": "colour",
                                          "message": "account has no field 'colour'"}}),
    "/api/v1/sync/pull": (426, {"error": {"code": "client_too_old", "message": "update"}}),
}


class _Handler(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []
    answers = ANSWERS

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._answer()

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._answer()

    def _answer(self) -> None:
        self.seen.append(dict(self.headers))
        status, body = self.answers.get(self.path.split("?")[0], (500, "<html>boom</html>"))
        data = (body if isinstance(body, str) else json.dumps(body)).encode()
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(data)
            self.send_response(status)
            self.send_header("Content-Encoding", "gzip")
        else:
            self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def api() -> Iterator[SyncApi]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    client = SyncApi(f"http://127.0.0.1:{server.server_address[1]}", token="t0k", timeout=5)
    yield client
    client.close()
    server.shutdown()
    server.server_close()


def test_answers_arrive_gzipped_with_the_schema_header_and_token(api: SyncApi) -> None:
    assert api.health() == {"status": "ok"}
    headers = _Handler.seen[-1]
    assert headers["X-FieldCRM-Schema"] == "1" and headers["Authorization"] == "Bearer t0k"


def test_each_failure_becomes_its_exception(api: SyncApi) -> None:
    with pytest.raises(AuthError) as auth:
        api.login("li.wei", "x", "dev", "laptop")
    assert "not correct" in user_message(auth.value)
    with pytest.raises(RequestRejected) as rejected:
        api.push([{"mid": 17}])
    assert (rejected.value.mid, rejected.value.field, rejected.value.code) == (
        17, "colour", "unknown_field")
    with pytest.raises(ClientTooOld):
        api.pull(0, 10)


def test_a_garbled_server_answer_is_a_server_error(api: SyncApi) -> None:
    with pytest.raises(ServerError) as failed:
        api._call("GET", "/nowhere")
    assert "Traceback" not in user_message(failed.value)


def test_an_unreachable_server_is_a_network_error() -> None:
    with pytest.raises(NetworkError) as offline:
        SyncApi("http://127.0.0.1:9", timeout=2).health()
    assert "offline" in user_message(offline.value)


def test_unexpected_errors_still_get_plain_words() -> None:
    assert user_message(KeyError("x")) == (
        "Something went wrong. Your changes are kept; please try again.")
