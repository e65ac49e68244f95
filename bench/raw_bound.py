"""The raw bound: the same rows through plain sqlite3 + JSON + gzip, no HTTP, no ORM.

The server-side table is filled untimed (as seeding is untimed for the bootstrap); timed is
what a bootstrap cannot avoid: select a page, JSON-encode it, gzip it, gunzip, decode it and
insert it into the client file, one transaction per page, with the replica's SQLite settings.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson

from server.demo import generate
from server.http import GZIP_LEVEL
from shared.models.registry import APPLY_ORDER, ENTITIES
from shared.sync.codec import encode_fields, row_values
from shared.sync.protocol import DEFAULT_PULL_LIMIT


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    return connection


def _columns(entity: str) -> list[str]:
    return ["id", *ENTITIES[entity].fields, "clocks", "deleted"]


def _create_tables(connection: sqlite3.Connection) -> None:
    for entity in APPLY_ORDER:
        cols = ", ".join(f'"{c}"' for c in _columns(entity)[1:])
        connection.execute(f'CREATE TABLE "{entity}" (id TEXT PRIMARY KEY, {cols})')


def _stored(value: Any) -> Any:
    return orjson.dumps(value).decode() if isinstance(value, list | dict) else value


def fill_server(path: Path, accounts: int, contacts: int, visits: int, opportunities: int,
                seed: int) -> int:
    """The generated rows, wire-encoded, one table per entity plus a change log (untimed)."""
    connection = _connect(path)
    _create_tables(connection)
    connection.execute("CREATE TABLE log (pos INTEGER PRIMARY KEY, entity TEXT, id TEXT)")
    by_entity: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    log: list[tuple[str, str]] = []
    for entity, values in generate(seed, accounts, contacts, visits, opportunities, 0):
        fields = encode_fields(row_values(ENTITIES[entity], values))
        by_entity[entity].append((values["id"], *(_stored(fields[c]) for c in
                                                  ENTITIES[entity].fields), "{}", 0))
        log.append((entity, values["id"]))
    connection.execute("BEGIN")
    for entity, rows in by_entity.items():
        marks = ", ".join("?" * len(_columns(entity)))
        connection.executemany(f'INSERT INTO "{entity}" VALUES ({marks})', rows)
    connection.executemany("INSERT INTO log (entity, id) VALUES (?, ?)", log)
    connection.execute("COMMIT")
    connection.close()
    return len(log)


def _page(server: sqlite3.Connection, after: int, limit: int) -> list[dict[str, Any]]:
    """One pull page in the protocol's entry shape: the full row and its clocks."""
    changes = []
    for entity in APPLY_ORDER:
        fields = ENTITIES[entity].fields
        cursor = server.execute(
            f'SELECT log.pos, t.* FROM log JOIN "{entity}" t ON t.id = log.id '
            f"WHERE log.pos > ? AND log.pos <= ? AND log.entity = ?",
            (after, after + limit, entity))
        for pos, row_id, *rest in cursor:
            changes.append({"pos": pos, "entity": entity, "id": row_id,
                            "deleted": bool(rest[-1]), "clocks": orjson.loads(rest[-2]),
                            "fields": dict(zip(fields, rest[:-2], strict=True))})
    changes.sort(key=lambda change: change["pos"])
    return changes


def transfer(server_path: Path, client_path: Path, total: int,
             limit: int = DEFAULT_PULL_LIMIT) -> tuple[float, int]:
    """(seconds, gzip bytes) to move every row from the server file into the client file."""
    server, client = _connect(server_path), _connect(client_path)
    _create_tables(client)
    inserts = {e: f'INSERT OR REPLACE INTO "{e}" VALUES ({", ".join("?" * len(_columns(e)))})'
               for e in APPLY_ORDER}
    wire = 0
    started = time.perf_counter()
    for after in range(0, total, limit):
        body = gzip.compress(orjson.dumps({"changes": _page(server, after, limit)}), GZIP_LEVEL)
        wire += len(body)
        received = orjson.loads(gzip.decompress(body))["changes"]
        client.execute("BEGIN IMMEDIATE")
        for change in received:
            fields = change["fields"]
            client.execute(inserts[change["entity"]], (
                change["id"], *(_stored(fields[c]) for c in ENTITIES[change["entity"]].fields),
                orjson.dumps(change["clocks"]).decode(), int(change["deleted"])))
        client.execute("COMMIT")
    seconds = time.perf_counter() - started
    server.close()
    client.close()
    return seconds, wire


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench.raw_bound")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--accounts", type=int, required=True)
    parser.add_argument("--contacts", type=int, default=4)
    parser.add_argument("--visits", type=int, default=10)
    parser.add_argument("--opportunities", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    server_path, client_path = args.directory / "raw-server.db", args.directory / "raw-client.db"
    total = fill_server(server_path, args.accounts, args.contacts, args.visits,
                        args.opportunities, args.seed)
    seconds, wire = transfer(server_path, client_path, total)
    print(json.dumps({"records": total, "raw_s": seconds, "raw_wire_bytes": wire}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
