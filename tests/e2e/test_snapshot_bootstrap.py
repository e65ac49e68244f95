"""A first sync downloads the territory as one snapshot file, and ends exactly where a
page-by-page first sync ends; when the snapshot cannot be used, pages take over."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.store import Store, search_index, snapshot
from desktop.store.sync_log import recent_errors
from desktop.sync import SyncApi, SyncEngine, sign_in, transport
from shared.models import Account, Contact, Task
from tests.e2e.replicas import PASSWORD, connect, differences, dump, live_accounts
from tests.support.live_server import LiveServer

pytestmark = pytest.mark.e2e


class CountingApi(SyncApi):
    """The real client, noting the requests it sends."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.requests: list[str] = []

    def pull(self, after: int, limit: int) -> dict[str, Any]:
        self.requests.append(f"pull {after}")
        return super().pull(after, limit)

    def snapshot(self, path: Path, progress: Any = None) -> bool:
        self.requests.append("snapshot")
        return super().snapshot(path, progress)


class PagesOnly(CountingApi):
    """A client of a server from before snapshots."""

    def snapshot(self, path: Path, progress: Any = None) -> bool:
        self.requests.append("snapshot")
        return False


def _first_sync(url: str, data_dir: Path, api_factory: type[SyncApi],
                username: str = "li.wei") -> tuple[Store, Any]:
    store, api = sign_in(url, username, PASSWORD, data_dir=data_dir, device_name=username,
                         api_factory=api_factory)
    SyncEngine(store, api, retries=0).sync()
    return store, api


def test_a_first_sync_is_one_snapshot_and_ends_where_pages_end(
        live_server: LiveServer, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    zhang = connect(live_server.url, "zhang.min", tmp_path / "zhang")
    zhang.engine.sync()
    edited = live_accounts(zhang.store)[0].id
    with zhang.store.write() as session:  # history a page-by-page sync replays
        zhang.store.record(session, "account", edited, {"phone": "+86 21 5555 0199"})
        zhang.store.record_delete(session, "contact", _a_contact(zhang.store, edited))
    zhang.engine.sync()
    fast, fast_api = _first_sync(live_server.url, tmp_path / "fast", CountingApi)
    slow, slow_api = _first_sync(live_server.url, tmp_path / "slow", PagesOnly)
    try:
        with fast.read() as session:
            cursor = int(session.connection().exec_driver_sql(
                "SELECT cursor FROM sync_state").scalar_one())
        assert fast_api.requests == ["snapshot", f"pull {cursor}"]
        assert slow_api.requests[0] == "snapshot" and slow_api.requests[1] == "pull 0"
        assert differences(dump(fast), dump(slow)) == []
        assert fast.status().bootstrapped and fast.outbox() == []
        with fast.read() as session:
            assert session.get(Account, edited).phone == "+86 21 5555 0199"
            assert search_index.in_step(session)
            name = session.get(Account, edited).name
            assert edited in search_index.matches(session, "account", name[:4], 50)
        assert not snapshot.download_path(fast.path).exists()
        assert "indexing the snapshot failed" not in caplog.text  # built from the file
    finally:
        for store, api in ((fast, fast_api), (slow, slow_api)):
            store.close()
            api.close()
        zhang.close()


def test_after_the_snapshot_a_colleagues_change_arrives_by_pull(
        live_server: LiveServer, tmp_path: Path) -> None:
    store, api = _first_sync(live_server.url, tmp_path / "li", CountingApi)
    zhang = connect(live_server.url, "zhang.min", tmp_path / "zhang")
    try:
        zhang.engine.sync()
        account = live_accounts(zhang.store)[0].id
        with zhang.store.write() as session:
            zhang.store.record(session, "account", account, {"phone": "+86 21 5555 0123"})
        zhang.engine.sync()
        SyncEngine(store, api, retries=0).sync()
        with store.read() as session:
            assert session.get(Account, account).phone == "+86 21 5555 0123"
            assert search_index.in_step(session)
    finally:
        store.close()
        api.close()
        zhang.close()


class WrongFile(CountingApi):
    """Serves a file that is not a snapshot of this format."""

    def snapshot(self, path: Path, progress: Any = None) -> bool:
        self.requests.append("snapshot")
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE snapshot_info (key TEXT PRIMARY KEY, value TEXT)")
            db.execute("INSERT INTO snapshot_info VALUES ('format', '999')")
        return True


def test_a_snapshot_this_app_cannot_read_is_logged_and_pages_take_over(
        live_server: LiveServer, tmp_path: Path) -> None:
    store, api = _first_sync(live_server.url, tmp_path / "li", WrongFile)
    reference, reference_api = _first_sync(live_server.url, tmp_path / "ref", PagesOnly)
    try:
        assert api.requests[:2] == ["snapshot", "pull 0"]
        assert differences(dump(store), dump(reference)) == []
        with store.read() as session:
            errors = recent_errors(session, 5)
        assert any("format" in e.message for e in errors)
        assert not snapshot.download_path(store.path).exists()
    finally:
        for s, a in ((store, api), (reference, reference_api)):
            s.close()
            a.close()


def test_an_edit_made_while_the_snapshot_downloads_is_kept_and_pages_take_over(
        live_server: LiveServer, tmp_path: Path) -> None:
    holder: dict[str, Store] = {}
    made: list[str] = []

    class EditWhileDownloading(CountingApi):
        def snapshot(self, path: Path, progress: Any = None) -> bool:
            got = super().snapshot(path, progress)
            store = holder["store"]
            info = store.session_info()
            assert info is not None
            with store.write() as session:  # the rep notes a task meanwhile
                made.append(store.record(session, "task", None,
                                         {"title": "给王经理回电话", "owner_id": info.user_id}))
            return got

    store, api = sign_in(live_server.url, "li.wei", PASSWORD, data_dir=tmp_path / "li",
                         device_name="li", api_factory=EditWhileDownloading)
    holder["store"] = store
    try:
        engine = SyncEngine(store, api, retries=0)
        engine.sync()
        assert api.requests[:2] == ["snapshot", "pull 0"]
        engine.sync()  # the new account goes up with the next round
        assert store.outbox() == []
        reference, reference_api = _first_sync(live_server.url, tmp_path / "ref", PagesOnly)
        try:
            assert differences(dump(store), dump(reference)) == []  # the task included
        finally:
            reference.close()
            reference_api.close()
        with store.read() as session:
            assert session.get(Task, made[0]) is not None
    finally:
        store.close()
        api.close()


def test_when_indexing_the_snapshot_fails_the_index_is_built_from_the_replica(
        live_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(search_index, "build_from", broken)
    store, api = _first_sync(live_server.url, tmp_path / "li", CountingApi)
    try:
        assert api.requests[0] == "snapshot"
        with store.read() as session:
            assert search_index.in_step(session)
            name = live_accounts(store)[0].name
            assert search_index.count(session, "account", name) >= 1
    finally:
        store.close()
        api.close()


def test_a_server_without_snapshots_answers_no_snapshot(
        live_server: LiveServer, tmp_path: Path) -> None:
    api = SyncApi(live_server.url + "/older")  # every path answers 404 there
    try:
        assert api.snapshot(tmp_path / "snapshot.sqlite") is False
    finally:
        api.close()


def _a_contact(store: Store, account_id: str) -> str:
    with store.read() as session:
        found = session.scalar(select(Contact.id).where(Contact.account_id == account_id))
    assert found is not None
    return str(found)


def test_the_download_reports_its_progress_in_bytes(live_server: LiveServer,
                                                    tmp_path: Path) -> None:
    store, api = sign_in(live_server.url, "li.wei", PASSWORD, data_dir=tmp_path / "li",
                         device_name="li")
    heard: list[Any] = []
    try:
        SyncEngine(store, api, retries=0).sync(progress=heard.append)
        downloads = [p for p in heard if p.phase == "download"]
        assert downloads, heard
        size = downloads[-1].total
        assert size > 0 and downloads[-1].done == size  # the whole file, as announced
        assert [p.done for p in downloads] == sorted(p.done for p in downloads)
        assert any(p.phase == "bootstrap" and p.done > 0 for p in heard)  # then the rows
    finally:
        store.close()
        api.close()


def test_a_sync_asked_to_stop_ends_the_download_and_leaves_the_replica_as_it_was(
        live_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport, "CHUNK", 256)  # the small demo file in many pieces
    store, api = sign_in(live_server.url, "li.wei", PASSWORD, data_dir=tmp_path / "li",
                         device_name="li")
    stopping: list[bool] = []

    def heard(progress: Any) -> None:
        if progress.phase == "download":
            stopping.append(True)  # the app closes while the territory downloads

    try:
        SyncEngine(store, api, retries=0).sync(progress=heard, should_stop=lambda: bool(stopping))
        assert not store.status().bootstrapped and live_accounts(store) == []
        assert not snapshot.download_path(store.path).exists()
        stopping.clear()
        SyncEngine(store, api, retries=0).sync()  # the next sync downloads it again
        assert store.status().bootstrapped and live_accounts(store)
    finally:
        store.close()
        api.close()


def test_a_data_folder_with_any_characters_loads_and_indexes_the_snapshot(
        live_server: LiveServer, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    store, api = _first_sync(live_server.url, tmp_path / "李伟 #1 ?50% done", CountingApi)
    try:
        assert api.requests[0] == "snapshot" and store.status().bootstrapped
        with store.read() as session:
            assert search_index.in_step(session) and search_index.document_count(session) > 0
        assert "indexing the snapshot failed" not in caplog.text
    finally:
        store.close()
        api.close()
