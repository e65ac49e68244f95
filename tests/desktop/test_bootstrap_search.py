"""A bootstrap indexes search once at its end, and one cut short still leaves search right."""

from __future__ import annotations

from pathlib import Path

from desktop.store import Store, search_index
from desktop.sync import SyncEngine
from tests.desktop.conftest import TERRITORY_ID
from tests.desktop.fakes import FakeApi, FakeServer

OLD = "001700000000000-00000-server"


def _publish_accounts(server: FakeServer, count: int, start: int = 0) -> list[str]:
    ids = []
    for n in range(start, start + count):
        row_id = f"0190a000-0000-7000-8000-{n:012d}"
        server.publish("account", row_id, {"name": f"华联超市 Hualian {n:03d}",
                                           "territory_id": TERRITORY_ID, "currency": "CNY",
                                           "status": "active"}, {"name": OLD})
        ids.append(row_id)
    return ids


def _engine(store: Store, server: FakeServer) -> SyncEngine:
    return SyncEngine(store, FakeApi(server), pull_limit=2,  # type: ignore[arg-type]
                      sleep=lambda _s: None)


def _found(store: Store, needle: str) -> set[str]:
    with store.read() as session:
        return set(search_index.matches(session, "account", needle, 100))


def _pulled_once(server: FakeServer) -> bool:
    return len(server.pulls) >= 1


def test_every_record_of_a_many_page_bootstrap_is_searchable(store: Store) -> None:
    server = FakeServer()
    ids = _publish_accounts(server, 5)
    _engine(store, server).sync()
    assert store.status().bootstrapped
    assert _found(store, "hualian") == set(ids)


def test_pulls_after_the_bootstrap_are_indexed_as_they_arrive(store: Store) -> None:
    server = FakeServer()
    _publish_accounts(server, 3)
    _engine(store, server).sync()
    [later] = _publish_accounts(server, 1, start=3)
    _engine(store, server).sync()
    assert _found(store, "hualian 003") == {later}


def test_a_bootstrap_cut_short_is_searchable_after_reopening_and_when_resumed(
        store: Store, replica_path: Path) -> None:
    server = FakeServer()
    ids = _publish_accounts(server, 5)
    _engine(store, server).sync(should_stop=lambda: _pulled_once(server))
    assert not store.status().bootstrapped
    with store.write() as session:  # a local edit meanwhile must not hide the gap
        mine = store.record(session, "account", None, {"name": "Offline Hualian Depot",
                                                       "territory_id": TERRITORY_ID})
    store.close()
    reopened = Store(replica_path)
    try:
        assert _found(reopened, "hualian") == {*ids[:2], mine}
        _engine(reopened, server).sync()
        assert reopened.status().bootstrapped
        assert _found(reopened, "hualian") == {*ids, mine}
    finally:
        reopened.close()


def _in_step(store: Store) -> bool:
    with store.read() as session:
        return search_index.in_step(session)


def test_rows_changed_or_deleted_in_later_pages_are_found_as_they_end_up(store: Store) -> None:
    server = FakeServer()
    ids = _publish_accounts(server, 6)
    server.publish("account", ids[0], {"name": "Renamed Trading Co."}, {"name": OLD})
    server.publish("account", ids[1], {}, {"deleted": OLD}, deleted=True)
    _engine(store, server).sync()
    assert _in_step(store)
    assert _found(store, "hualian") == set(ids[2:])
    assert _found(store, "renamed trading") == {ids[0]}


def test_an_edit_made_while_the_bootstrap_runs_is_found_too(store: Store) -> None:
    server = FakeServer()
    ids = _publish_accounts(server, 6)
    made: list[str] = []

    def edit_between_pages() -> bool:
        if len(server.pulls) >= 2 and not made:
            with store.write() as session:
                made.append(store.record(session, "account", None, {
                    "name": "Offline Hualian Depot", "territory_id": TERRITORY_ID}))
        return False

    _engine(store, server).sync(should_stop=edit_between_pages)
    assert store.status().bootstrapped and _in_step(store)
    assert made and _found(store, "hualian") == {*ids, *made}

