"""HTTP/1.1 transports of the sync client: kept-alive connections, or requests via a proxy."""

from __future__ import annotations

import gzip
import http.client
import select
import ssl
import threading
import urllib.request
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, Protocol
from urllib.parse import urlencode, urlsplit

from shared.sync import compression
from shared.sync.snapshot import SIZE_HEADER


class Reply(Protocol):
    @property
    def status_code(self) -> int: ...

    @property
    def content(self) -> bytes: ...


class Transport(Protocol):
    """What SyncApi needs of an HTTP client (requests.Session has the same shape)."""

    def request(self, method: str, url: str, *, params: dict[str, Any] | None = None,
                data: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float | None = None) -> Reply: ...

    def download(self, url: str, path: Path, *, headers: dict[str, str] | None = None,
                 timeout: float | None = None, progress: Downloaded | None = None) -> Reply:
        """GET *url*; a 2xx body goes to the file *path* (its content reads empty), any
        other answer's body is the reply's content as usual. *progress* hears the bytes
        written so far and the size the answer announced (0 when it did not)."""
        ...

    def close(self) -> None: ...


CHUNK = 1024 * 1024
Downloaded = Callable[[int, int], None]  # (bytes written, bytes expected or 0)


class TransportError(Exception):
    """The request did not get an answer (refused, reset, timed out, bad TLS...)."""


class _Answer(NamedTuple):
    status_code: int
    content: bytes


def save(chunks: Iterable[bytes], path: Path, encoding: str,
         progress: Downloaded | None = None, expected: int = 0) -> None:
    """Write a streamed body to *path*, decoding its Content-Encoding (zstd, gzip or
    none) on the way and telling *progress* the bytes written; a body cut short or
    corrupt raises TransportError and leaves no file."""
    written = 0
    try:
        unpacker = compression.unpacker(encoding) if encoding else None
        with path.open("wb") as handle:
            for chunk in chunks:
                data = chunk if unpacker is None else unpacker.unpack(chunk)
                handle.write(data)
                written += len(data)
                if progress is not None:  # (each piece: the listener may stop the download)
                    progress(written, expected)
            if unpacker is not None:
                handle.write(unpacker.finished())
    except ValueError as exc:
        path.unlink(missing_ok=True)
        raise TransportError(f"the download is unusable: {exc}") from exc
    except BaseException:
        path.unlink(missing_ok=True)
        raise


class KeepAlive:
    """HTTP/1.1 over http.client with connections kept open between requests.

    A sync round is a few small requests; requests.Session spent about a millisecond of
    CPU on each (environment lookups, hooks, adapters), as much as the server's work.
    Each thread takes an idle connection (or opens one), so threads never share one.
    """

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self._https = parts.scheme == "https"
        self._host = parts.hostname or "localhost"
        self._port = parts.port
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()

    def request(self, method: str, url: str, *, params: dict[str, Any] | None = None,
                data: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float | None = None) -> _Answer:
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{urlencode(params)}" if params else "")
        return self._exchange(method, target, data, headers or {}, timeout, None)

    def download(self, url: str, path: Path, *, headers: dict[str, str] | None = None,
                 timeout: float | None = None, progress: Downloaded | None = None) -> _Answer:
        wanted = {**(headers or {}), "Accept-Encoding": "zstd, gzip"}
        return self._exchange("GET", urlsplit(url).path or "/", None, wanted, timeout,
                              (path, progress))

    def _exchange(self, method: str, target: str, data: bytes | None,
                  headers: dict[str, str], timeout: float | None,
                  sink: tuple[Path, Downloaded | None] | None) -> _Answer:
        for attempt in (1, 2):
            connection, reused = self._take(timeout)
            try:
                connection.request(method, target, body=data, headers=headers)
                response = connection.getresponse()
                encoding = response.getheader("Content-Encoding", "").strip().lower()
                gzipped = encoding == "gzip"
                if sink is not None and 200 <= response.status < 300:
                    save(iter(partial(response.read, CHUNK), b""), sink[0], encoding,
                         sink[1], _announced(response.getheader(SIZE_HEADER)))
                    body, gzipped = b"", False
                else:
                    body = response.read()
            except (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected) \
                    as exc:
                connection.close()
                if reused and attempt == 1:
                    continue  # the server had closed the idle connection: once on a new one
                raise TransportError(str(exc) or type(exc).__name__) from exc
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                raise TransportError(str(exc) or type(exc).__name__) from exc
            except BaseException:  # e.g. a download its listener stopped: mid-answer
                connection.close()
                raise
            if response.will_close:
                connection.close()
            else:
                self._give(connection)
            if gzipped:
                try:
                    body = gzip.decompress(body)
                except (OSError, EOFError) as exc:
                    raise TransportError("the answer's gzip body is corrupt") from exc
            return _Answer(response.status, body)
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()

    def _take(self, timeout: float | None) -> tuple[http.client.HTTPConnection, bool]:
        while True:
            with self._lock:
                connection = self._idle.pop() if self._idle else None
            if connection is None:
                return self._open(timeout), False
            if connection.sock is not None and not _dropped(connection.sock):
                connection.timeout = timeout
                connection.sock.settimeout(timeout)
                return connection, True
            connection.close()

    def _give(self, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            self._idle.append(connection)

    def _open(self, timeout: float | None) -> http.client.HTTPConnection:
        if self._https:
            return http.client.HTTPSConnection(self._host, self._port, timeout=timeout,
                                               context=_tls_context())
        return http.client.HTTPConnection(self._host, self._port, timeout=timeout)


def _announced(value: str | None) -> int:
    return int(value) if value is not None and value.strip().isdigit() else 0


def _dropped(sock: Any) -> bool:
    """An idle connection the server has closed (readable at EOF) or written to."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


_TLS: list[ssl.SSLContext] = []


def _tls_context() -> ssl.SSLContext:
    """The same certificate authorities as requests trusts (certifi's), built once."""
    if not _TLS:
        try:
            import certifi
            _TLS.append(ssl.create_default_context(cafile=certifi.where()))
        except ImportError:  # pragma: no cover - certifi comes with requests
            _TLS.append(ssl.create_default_context())
    return _TLS[0]


def transport_for(base_url: str) -> Transport:
    """KeepAlive, unless the environment routes this server through a proxy (then
    requests, which speaks to proxies)."""
    parts = urlsplit(base_url)
    proxies = urllib.request.getproxies()
    if parts.scheme in proxies and not urllib.request.proxy_bypass(parts.hostname or ""):
        return _Proxied()
    return KeepAlive(base_url)


class _Proxied:
    """requests.Session (imported only when a proxy is configured), its errors mapped."""

    def __init__(self) -> None:
        import requests

        self._requests = requests
        self._session = requests.Session()

    def request(self, method: str, url: str, *, params: dict[str, Any] | None = None,
                data: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float | None = None) -> Reply:
        try:
            return self._session.request(method, url, params=params, data=data,
                                         headers=headers, timeout=timeout)
        except self._requests.RequestException as exc:
            raise TransportError(str(exc)) from exc

    def download(self, url: str, path: Path, *, headers: dict[str, str] | None = None,
                 timeout: float | None = None, progress: Downloaded | None = None) -> Reply:
        try:
            wanted = {**(headers or {}), "Accept-Encoding": "gzip"}
            response = self._session.get(url, headers=wanted, timeout=timeout, stream=True)
            with response:
                if not 200 <= response.status_code < 300:
                    return _Answer(response.status_code, response.content)
                # requests decodes iter_content itself (gzip: what it was asked for)
                save(response.iter_content(CHUNK), path, "", progress,
                     _announced(response.headers.get(SIZE_HEADER)))
                return _Answer(response.status_code, b"")
        except self._requests.RequestException as exc:
            raise TransportError(str(exc)) from exc

    def close(self) -> None:
        self._session.close()
