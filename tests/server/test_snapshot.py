"""GET /sync/snapshot: a first sync's scope as one SQLite file, the same rows a full pull gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import JSON

from server.services import snapshot as snapshot_service
from server.services.scope import Viewer
from server.state import current_state
from shared.ids import new_id
from shared.models.enums import Role
from shared.sync import compression
from shared.sync.snapshot import FORMAT, INFO_TABLE, storage
from tests.server.helpers import SCHEMA, Device, World
from tests.server.test_eviction import east_account, move_to_south

Key = tuple[str, str]


def download(device: Device, tmp_path: Path, **headers: str) -> Path:
    reply = device.client.get("/api/v1/sync/snapshot", headers={**device.headers(), **headers})
    assert reply.status_code == 200, reply.get_data()[:300]
    data = reply.get_data()
    reply.close()
    encoding = reply.headers.get("Content-Encoding")
    if encoding:
        unpacker = compression.unpacker(encoding)
        data = unpacker.unpack(data) + unpacker.finished()
    path = tmp_path / f"snapshot-{new_id()}.sqlite"
    path.write_bytes(data)
    return path


def snapshot_rows(path: Path) -> tuple[dict[Key, dict[str, Any]], dict[str, str]]:
    """(entity, id) -> {"clocks", "name"} of every row in the file, and its info table."""
    connection = sqlite3.connect(path)
    try:
        info = dict(connection.execute(f"SELECT key, value FROM {INFO_TABLE}").fetchall())
        rows: dict[Key, dict[str, Any]] = {}
        for name, spec in snapshot_service.ENTITIES.items():
            named = "name" in spec.fields
            for row_id, clocks, label in connection.execute(
                    f"SELECT id, clocks, {'name' if named else 'NULL'} FROM {spec.table.name}"):
                rows[(name, row_id)] = {"clocks": orjson.loads(clocks), "name": label}
    finally:
        connection.close()
    return rows, info


def pulled_rows(device: Device) -> dict[Key, dict[str, Any]]:
    """What a full pull from 0 leaves in a replica: the newest change per row, live only."""
    kept: dict[Key, dict[str, Any]] = {}
    for key, change in device.rows().items():
        if change["evicted"] or change["deleted"]:
            continue
        kept[key] = {"clocks": change["clocks"], "name": change["fields"].get("name")}
    return kept


def busy_world(world: World) -> dict[str, Device]:
    """Creates, a delete, a move between territories, a same-field race and an
    account-less task: what makes a pulled log and the current rows differ if anything."""
    li, zhang, wang = world.login("li"), world.login("zhang"), world.login("wang")
    moved, _moved_contact, _ = east_account(world, li)
    kept, contact, _ = east_account(world, li)
    assert li.push(li.mutation("contact", contact, op="delete"),
                   li.mutation("contact", new_id(), {"account_id": kept, "name": "李娜"})
                   ).status_code == 200
    _, reply = world.account(wang, territory=world.south, name="South Co")
    assert reply.status_code == 200
    # li and zhang rename the same account from the same base: a conflict row for both.
    base = li.rows()[("account", kept)]["clocks"]["name"]
    assert li.push(li.mutation("account", kept, {"name": "East Co (li)"},
                               base={"name": base})).status_code == 200
    assert zhang.push(zhang.mutation("account", kept, {"name": "East Co (zhang)"},
                                     base={"name": base})).status_code == 200
    task = li.push(li.mutation("task", new_id(), {"title": "Call the bank",
                                                   "owner_id": li.user_id}))
    assert task.status_code == 200, task.get_json()
    move_to_south(world, moved)
    return {"li": li, "zhang": zhang, "wang": wang, "chen": world.login("chen")}


def test_each_users_snapshot_holds_exactly_the_rows_a_full_pull_gives(
        world: World, tmp_path: Path) -> None:
    devices = busy_world(world)
    for username, device in devices.items():
        rows, info = snapshot_rows(download(device, tmp_path))
        assert rows == pulled_rows(device), username
        assert info["user_id"] == device.user_id and info["format"] == str(FORMAT)
    li_rows, _ = snapshot_rows(download(devices["li"], tmp_path))
    wang_rows, _ = snapshot_rows(download(devices["wang"], tmp_path))
    assert {e for e, _ in li_rows} >= {"account", "contact", "visit", "conflict", "task"}
    assert not {k for k in li_rows if k[0] == "task"} & {k for k in wang_rows if k[0] == "task"}


def test_the_cursor_is_the_log_position_the_rows_include(world: World, tmp_path: Path) -> None:
    li = world.login("li")
    east_account(world, li)
    _, info = snapshot_rows(download(li, tmp_path))
    head = li.pull(0).get_json()["head"]
    assert int(info["cursor"]) == head
    account_id, _ = world.account(li, name="Later Co")
    later = li.pull(int(info["cursor"])).get_json()["changes"]
    assert [c["id"] for c in later] == [account_id]  # the pull after it brings only news


@pytest.mark.parametrize("accepted, encoding", [("gzip", "gzip"), ("zstd, gzip", "zstd"),
                                               ("br", None)])
def test_the_file_comes_compressed_as_the_client_accepts(
        world: World, tmp_path: Path, accepted: str, encoding: str | None) -> None:
    li = world.login("li")
    east_account(world, li)
    reply = li.client.get("/api/v1/sync/snapshot",
                          headers={**li.headers(), "Accept-Encoding": accepted})
    assert reply.headers.get("Content-Encoding") == encoding
    reply.close()
    plain, _ = snapshot_rows(download(li, tmp_path))
    packed, _ = snapshot_rows(download(li, tmp_path, **{"Accept-Encoding": accepted}))
    assert plain == packed and plain


def test_the_temporary_file_is_gone_once_the_reply_is_closed(
        world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "server-tmp"))
    (tmp_path / "server-tmp").mkdir()
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    li = world.login("li")
    east_account(world, li)
    download(li, tmp_path)
    assert list((tmp_path / "server-tmp").iterdir()) == []


@pytest.mark.parametrize("headers, status", [({}, 401), ({"Authorization": "Bearer nope"}, 401)])
def test_a_snapshot_needs_a_signed_in_device(world: World, headers: dict[str, str],
                                             status: int) -> None:
    reply = world.client.get("/api/v1/sync/snapshot", headers={**SCHEMA, **headers})
    assert reply.status_code == status
    assert reply.get_json()["error"]["code"] == "unauthorized"


def test_a_client_without_a_schema_version_is_told_to_update(world: World) -> None:
    li = world.login("li")
    reply = world.client.get("/api/v1/sync/snapshot",
                             headers={"Authorization": li.headers()["Authorization"]})
    assert reply.status_code == 426


def test_values_are_stored_as_the_replica_stores_them(world: World, tmp_path: Path) -> None:
    """Times, dates, true/false and JSON in SQLite's stored form, whatever the backend."""
    devices = busy_world(world)
    path = download(devices["chen"], tmp_path)
    connection = sqlite3.connect(path)
    compared = 0
    try:
        with world.app.app_context(), current_state().db.engine.connect() as server:
            for spec in snapshot_service.ENTITIES.values():
                names = snapshot_service.columns_of(spec)
                stored = {row[0]: row for row in connection.execute(
                    f"SELECT {', '.join(names)} FROM {spec.table.name}")}
                for row in server.execute(snapshot_service.visible_rows(spec, _everyone())):
                    expected = [storage(spec.table.c[name])(value)
                                for name, value in zip(names, row, strict=True)]
                    got = list(stored[row[0]])
                    for name, want, have in zip(names, expected, got, strict=True):
                        if isinstance(spec.table.c[name].type, JSON):
                            want, have = _json(want), _json(have)
                        assert have == want, (spec.name, name)
                    compared += 1
    finally:
        connection.close()
    assert compared > 10


def _everyone() -> Viewer:
    return Viewer("nobody", Role.ADMIN, frozenset())


def _json(value: Any) -> Any:
    return orjson.loads(value) if isinstance(value, str) else value


def test_a_store_in_memory_offers_no_snapshot(tmp_path: Path) -> None:
    """The view answers 404 then, and clients download page by page."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    engine = create_engine("sqlite:///:memory:")
    try:
        with Session(engine) as session, pytest.raises(snapshot_service.SnapshotUnavailable):
            snapshot_service.build(session, _everyone(), tmp_path / "s.sqlite", "x")
        assert not (tmp_path / "s.sqlite").exists()
    finally:
        engine.dispose()
