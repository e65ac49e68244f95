"""A counting TCP relay in front of the server: the bytes really sent on the wire, both ways."""

from __future__ import annotations

import json
import select
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass

from bench.children import read_line
from bench.resources import Resources

CHUNK = 256 * 1024
LISTENING = "relay: listening on "


@dataclass(frozen=True)
class WireBytes:
    to_server: int
    to_client: int

    @property
    def total(self) -> int:
        return self.to_server + self.to_client


class CountingRelay:
    """Listens on 127.0.0.1:<free port> and forwards every connection to the target port."""

    def __init__(self, target_port: int) -> None:
        self._target = ("127.0.0.1", target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.5)
        self.port = int(self._listener.getsockname()[1])
        self._lock = threading.Lock()
        self._up = self._down = 0
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._sockets: list[socket.socket] = []
        self._accept = threading.Thread(target=self._serve, name="relay-accept", daemon=True)
        self._accept.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def counts(self) -> WireBytes:
        with self._lock:
            return WireBytes(self._up, self._down)

    def reset(self) -> None:
        with self._lock:
            self._up = self._down = 0

    def close(self) -> None:
        self._stopping.set()
        self._accept.join(5)
        self._listener.close()
        for thread in self._threads:
            thread.join(5)
        for sock in self._sockets:
            sock.close()

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            server = socket.create_connection(self._target)
            self._sockets += [client, server]
            for sock in (client, server):
                sock.settimeout(None)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for source, sink, upstream in ((client, server, True), (server, client, False)):
                thread = threading.Thread(target=self._pump, args=(source, sink, upstream),
                                          daemon=True)
                thread.start()
                self._threads.append(thread)

    def _pump(self, source: socket.socket, sink: socket.socket, upstream: bool) -> None:
        try:
            while not self._stopping.is_set():
                ready, _, _ = select.select([source], [], [], 0.5)  # wakes up to see a stop
                if not ready:
                    continue
                data = source.recv(CHUNK)
                if not data:
                    break
                with self._lock:  # counted before forwarding: a reader never sees it late
                    if upstream:
                        self._up += len(data)
                    else:
                        self._down += len(data)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def main() -> int:
    """Child process: ``python -m bench.relay TARGET_PORT``; stdin ``counts`` / ``quit``."""
    relay = CountingRelay(int(sys.argv[1]))
    print(f"{LISTENING}{relay.port}", flush=True)
    try:
        for line in sys.stdin:
            command = line.strip()
            if command == "counts":
                wire = relay.counts()
                print(json.dumps({"to_server": wire.to_server, "to_client": wire.to_client}),
                      flush=True)
            elif command == "reset":
                relay.reset()
            elif command == "quit":
                break
    finally:
        relay.close()
    return 0


class RelayProcess:
    """The relay in its own process, so its copying never competes with a measured client."""

    def __init__(self, resources: Resources, target_port: int) -> None:
        self._process = resources.python("bench.relay", str(target_port),
                                         stdin=subprocess.PIPE)
        line = read_line(self._process, 30, "relay start", prefix=LISTENING)
        self.url = f"http://127.0.0.1:{int(line.removeprefix(LISTENING))}"

    def counts(self) -> WireBytes:
        assert self._process.stdin is not None
        self._process.stdin.write("counts\n")
        self._process.stdin.flush()
        answer = json.loads(read_line(self._process, 30, "relay counts", prefix="{"))
        return WireBytes(int(answer["to_server"]), int(answer["to_client"]))


if __name__ == "__main__":
    sys.exit(main())
