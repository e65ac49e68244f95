"""The replica's search index stays in step with every write: local, pulled, evicted, reset."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from desktop.store import Store, search_index
from desktop.store import outbox as outbox_queries
from desktop.store.rebootstrap import clear_for_rebootstrap
from desktop.sync.apply import apply_changes
from tests.desktop.conftest import SERVER_CLOCK, TERRITORY_ID

AMCOR = "0190a000-0000-7000-8000-0000000000a1"
CONTACT = "0190a000-0000-7000-8000-0000000000c1"


def found(store: Store, kind: str, needle: str) -> list[str]:
    with store.read() as session:
        return search_index.matches(session, kind, needle, 50)


def pulled_account(row_id: str, name: str, **extra: Any) -> dict[str, Any]:
    fields = {"name": name, "territory_id": TERRITORY_ID, "status": "active",
              "currency": "CNY", "tier_manual": False, **extra}
    return {"pos": 1, "entity": "account", "id": row_id, "deleted": False, "fields": fields,
            "clocks": dict.fromkeys(fields, SERVER_CLOCK)}


def pull(store: Store, *changes: dict[str, Any]) -> None:
    with store.write() as session:
        apply_changes(session, list(changes))


def test_a_local_create_edit_and_delete_are_searchable_at_once(store: Store) -> None:
    with store.write() as session:
        row_id = store.record(session, "account", None, {
            "name": "安姆科包装(上海)有限公司", "territory_id": TERRITORY_ID})
    assert found(store, "account", "包装") == [row_id]
    with store.write() as session:
        store.record(session, "account", row_id, {"name": "Amcor Flexibles"})
    assert found(store, "account", "包装") == []
    assert found(store, "account", "flexi") == [row_id]
    with store.write() as session:
        store.record_delete(session, "account", row_id)
    assert found(store, "account", "flexi") == []


def test_a_pulled_page_is_indexed_in_the_same_transaction(store: Store) -> None:
    pull(store, pulled_account(AMCOR, "安姆科包装(上海)有限公司", city="上海"))
    assert found(store, "account", "安姆科") == [AMCOR]
    assert found(store, "account", "上海") == [AMCOR]  # two characters: the LIKE path
    pull(store, {**pulled_account(AMCOR, "安姆科包装(上海)有限公司"), "deleted": True})
    assert found(store, "account", "安姆科") == []


def test_an_evicted_account_takes_its_contacts_out_of_the_index(store: Store) -> None:
    pull(store, pulled_account(AMCOR, "安姆科包装"),
         {"pos": 2, "entity": "contact", "id": CONTACT, "deleted": False,
          "fields": {"account_id": AMCOR, "name": "王芳", "email": "wang.fang@amcor.example",
                     "is_primary": False},
          "clocks": {"name": SERVER_CLOCK}})
    assert found(store, "contact", "wang.fang") == [CONTACT]
    pull(store, {"pos": 3, "entity": "account", "id": AMCOR, "evicted": True,
                 "deleted": False, "fields": {}, "clocks": {}})
    assert found(store, "contact", "wang.fang") == [] and found(store, "account", "安姆") == []


def test_a_rebootstrap_keeps_only_rows_with_unsent_edits_searchable(store: Store) -> None:
    pull(store, pulled_account(AMCOR, "安姆科包装"))
    with store.write() as session:
        mine = store.record(session, "account", None, {"name": "Offline Trading",
                                                       "territory_id": TERRITORY_ID})
        clear_for_rebootstrap(session)
    assert found(store, "account", "安姆科") == []
    assert found(store, "account", "offline") == [mine]


def test_discarding_a_refused_create_removes_it_from_search(store: Store) -> None:
    with store.write() as session:
        row_id = store.record(session, "account", None, {"name": "Ghost Ltd",
                                                         "territory_id": TERRITORY_ID})
    assert found(store, "account", "ghost") == [row_id]
    [entry] = store.outbox()
    with store.write() as session:
        outbox_queries.reject(session, entry.mid, "validation_failed", "no")
    store.discard(entry.mid)
    assert found(store, "account", "ghost") == []


def test_the_index_lives_beside_the_replica_and_is_rebuilt_when_lost(
        store: Store, replica_path: Path) -> None:
    pull(store, pulled_account(AMCOR, "安姆科包装(上海)有限公司"))
    store.close()
    with sqlite3.connect(replica_path) as db:  # the replica file holds only the models
        names = {n for (n,) in db.execute("SELECT name FROM sqlite_master")}
    assert not {n for n in names if n.startswith("search")}
    search_index.index_path(replica_path).unlink()
    reopened = Store(replica_path)
    try:
        assert found(reopened, "account", "包装") == [AMCOR]
    finally:
        reopened.close()


def test_an_index_out_of_step_after_a_crash_is_rebuilt_at_open(
        store: Store, replica_path: Path) -> None:
    pull(store, pulled_account(AMCOR, "安姆科包装"))
    store.close()
    with sqlite3.connect(replica_path) as db:  # as if the index commit never happened
        db.execute("UPDATE accounts SET name = 'Sealed Air 希悦尔'")
        db.execute("PRAGMA user_version = 424242")
    reopened = Store(replica_path)
    try:
        assert found(reopened, "account", "希悦尔") == [AMCOR]
        assert found(reopened, "account", "安姆科") == []
    finally:
        reopened.close()


def _index_contents(store: Store) -> tuple[set[tuple[str, str, str]], dict[str, list[str]]]:
    """The documents (kind, row id, text) and what a few needles find, per kind."""
    with store.read() as session:
        docs = {(kind, row_id, body) for kind, row_id, body in session.connection()
                .exec_driver_sql("SELECT kind, row_id, body FROM search.search_docs")}
        hits = {f"{kind}:{needle}": sorted(search_index.matches(session, kind, needle, 500))
                for kind in ("account", "visit") for needle in ("包装", "round", "上海", "ab")}
        session.connection().exec_driver_sql(  # FTS5 checks its index against the documents
            "INSERT INTO search.search_fts (search_fts) VALUES ('integrity-check')")
    return docs, hits


def test_pages_indexed_row_by_row_give_what_a_full_rebuild_gives(store: Store) -> None:
    import random

    rng = random.Random(5)
    accounts = [f"0190a000-0000-7000-8000-0000000010{n:02d}" for n in range(30)]
    visits = [f"0190a000-0000-7000-8000-0000000020{n:02d}" for n in range(30)]
    names = ["安姆科包装", "Abbott 上海", "Round Table Ltd", "希悦尔", "Tabby Cat"]
    for number in range(40):  # creates, text edits, edits of other fields, deletes
        page = []
        for _ in range(rng.randint(1, 12)):
            if rng.random() < 0.5:
                row_id = rng.choice(accounts)
                change = pulled_account(row_id, rng.choice(names),
                                        city=rng.choice([None, "上海", "杭州"]),
                                        status=rng.choice(["active", "inactive"]))
            else:
                row_id = rng.choice(visits)
                fields = {"account_id": accounts[0], "status": "planned", "contact_ids": [],
                          "purpose": rng.choice([None, f"round {number}", "包装 review"]),
                          "notes": rng.choice([None, "ab", "上海 trip"])}
                change = {"pos": 1, "entity": "visit", "id": row_id, "deleted": False,
                          "fields": fields, "clocks": dict.fromkeys(fields, SERVER_CLOCK)}
            page.append({**change, "deleted": rng.random() < 0.15})
        pull(store, *page)
        if number % 10 == 9:
            incremental = _index_contents(store)
            with store.write() as session:
                search_index.rebuild(session)
            assert _index_contents(store) == incremental
