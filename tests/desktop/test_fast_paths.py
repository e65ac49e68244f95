"""The fast paths of issue 5 give exactly what the plain paths gave: stored rows, search
results, the replica's schema check, HTTP answers and the order of pulled pages."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from desktop.services.accounts import (
    account_names,
    count_accounts,
    list_accounts,
    save_account,
)
from desktop.store import Store, bulk, search_index
from desktop.store.engine import make_engine
from desktop.store.migrate import alembic_config, quick_head
from desktop.store.state import read_state
from desktop.sync import SyncApi, SyncEngine
from desktop.sync.transport import KeepAlive
from shared.models.registry import ENTITIES
from tests.desktop.conftest import SERVER_CLOCK, TERRITORY_ID
from tests.desktop.fakes import FakeApi, FakeServer

ACCOUNT = "0190a000-0000-7000-8000-0000000000a1"
VISIT = "0190a000-0000-7000-8000-0000000000b1"


def _raw(path: Path, table: str, row_id: str) -> dict[str, tuple[str, Any]]:
    """Column -> (SQLite storage class as Python sees it, value)."""
    import sqlite3

    with sqlite3.connect(path) as db:
        cursor = db.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,))
        row = cursor.fetchone()
        names = [d[0] for d in cursor.description]
    assert row is not None
    return {name: (type(v).__name__, v) for name, v in zip(names, row, strict=True)}


VISIT_FIELDS = {"account_id": ACCOUNT, "status": "completed", "owner_id": None,
                "planned_start": "2026-03-02T01:30:00", "actual_start": "2026-03-02T01:45:10",
                "actual_end": None, "purpose": "季度回顾 review", "contact_ids": ["c1", "c2"],
                "notes": None, "created_at": "2026-03-01T09:00:00"}
TASK_FIELDS = {"account_id": ACCOUNT, "title": "寄样品 send samples", "due_date": "2026-03-09",
               "status": "open", "priority": "high", "completed_at": None}
CONFLICT_FIELDS = {"entity": "account", "row_id": ACCOUNT, "field_name": "phone",
                   "policy": "lww", "winning_value": "+86 21 1", "losing_value": None,
                   "winning_hlc": SERVER_CLOCK, "losing_hlc": SERVER_CLOCK, "status": "open",
                   "created_at": "2026-03-01T09:00:00"}
ACCOUNT_FIELDS = {"name": "安姆科包装", "territory_id": TERRITORY_ID, "currency": "CNY",
                  "status": "active", "tier_manual": True, "annual_revenue_cents": 12 ** 15,
                  "created_at": "2025-07-05T09:00:00"}


def test_bulk_rows_are_stored_exactly_as_sqlalchemy_stores_them(tmp_path: Path) -> None:
    fast, plain = Store.open(tmp_path / "fast.sqlite"), Store.open(tmp_path / "plain.sqlite")
    try:
        for entity, row_id, fields in (("account", ACCOUNT, ACCOUNT_FIELDS),
                                       ("visit", VISIT, VISIT_FIELDS),
                                       ("task", VISIT, TASK_FIELDS),
                                       ("conflict", VISIT, CONFLICT_FIELDS)):
            writer = bulk.writer(entity)
            clocks = dict.fromkeys(fields, SERVER_CLOCK)
            with fast.write() as session:
                writer.upsert(session, [writer.from_wire(row_id, fields, clocks, False)])
            spec = ENTITIES[entity]
            values = {"id": row_id, "deleted": False, "clocks": clocks,
                      **{name: _python(spec.table.columns[name], fields.get(name))
                         for name in spec.fields}}
            values = {k: (spec.default_of(k) if v is None and spec.default_of(k) is not None
                          else v) for k, v in values.items()}
            with plain.write() as session:
                session.execute(insert(spec.table).values(**values))
            assert _raw(fast.path, spec.table.name, row_id) == \
                _raw(plain.path, spec.table.name, row_id)
    finally:
        fast.close()
        plain.close()


def _python(column: Any, value: Any) -> Any:
    kind = type(column.type).__name__
    if value is None:
        return None
    if kind == "DateTime":
        return datetime.fromisoformat(value)
    if kind == "Date":
        return date.fromisoformat(value)
    return value


def test_a_value_this_client_cannot_read_becomes_the_default_not_an_error(
        store: Store) -> None:
    writer = bulk.writer("account")
    odd = {**ACCOUNT_FIELDS, "tier_manual": "yes", "created_at": "last tuesday"}
    with store.write() as session:
        writer.upsert(session, [writer.from_wire(ACCOUNT, odd, {}, False)])
    stored = _raw(store.path, "accounts", ACCOUNT)
    assert stored["tier_manual"] == ("int", 0) and stored["created_at"] == ("NoneType", None)
    assert stored["name"] == ("str", "安姆科包装")


@pytest.mark.parametrize(("field", "value", "stored"), [
    ("phone", "1" * 40, ("str", "1" * 40)),  # exactly the longest a phone may be
    ("phone", "1" * 41, ("NoneType", None)),  # one longer: unreadable, the default
    ("phone", 12345, ("NoneType", None)),
    ("currency", None, ("str", "CNY")),  # required: the model default
    ("annual_revenue_cents", 2**63 - 1, ("int", 2**63 - 1)),
    ("annual_revenue_cents", 2**63, ("NoneType", None)),
    ("annual_revenue_cents", True, ("NoneType", None)),  # a bool is no amount
    ("annual_revenue_cents", 1.5, ("NoneType", None)),
    ("tier_manual", True, ("int", 1)),
    ("tier_manual", 1, ("int", 0)),  # a number is no true/false: the default (False)
    ("created_at", "2026-03-02T01:30:00Z", ("str", "2026-03-02 01:30:00.000000")),
    ("created_at", None, ("NoneType", None)),  # empty values of columns that may be empty
    ("annual_revenue_cents", None, ("NoneType", None)),
    ("tier_manual", None, ("NoneType", None)),
    ("phone", None, ("NoneType", None)),
])
def test_each_pulled_value_is_stored_as_read_or_replaced_by_its_default(
        store: Store, field: str, value: Any, stored: tuple[str, Any]) -> None:
    writer = bulk.writer("account")
    with store.write() as session:
        writer.upsert(session, [writer.from_wire(ACCOUNT, {**ACCOUNT_FIELDS, field: value},
                                                 {"phone": SERVER_CLOCK}, False)])
    row = _raw(store.path, "accounts", ACCOUNT)
    assert row[field] == stored
    assert row["name"] == ("str", "安姆科包装") and row["clocks"] == (
        "str", f'{{"phone":"{SERVER_CLOCK}"}}')


def _other(value: Any, column: Any) -> Any:
    """A different stored value of the column's kind."""
    if value is None:
        return 7 if column.type.python_type in (int, bool) else "x"
    if isinstance(value, int):
        return 1 - value if value in (0, 1) else value + 1
    return value + "x"


@pytest.mark.parametrize("entity", ["account", "visit"])
def test_a_pulled_row_is_written_when_any_column_differs_and_only_then(
        store: Store, entity: str) -> None:
    from desktop.store import raw_sql

    writer = bulk.writer(entity)
    fields = ACCOUNT_FIELDS if entity == "account" else VISIT_FIELDS
    row = writer.from_wire(VISIT, fields, dict.fromkeys(fields, SERVER_CLOCK), False)
    table = ENTITIES[entity].table
    with store.write() as session:
        writer.upsert(session, [row])
    with store.write() as session:  # the same row again (an echo): nothing is written
        before = raw_sql.connection(session).total_changes
        writer.upsert(session, [row])
        assert raw_sql.connection(session).total_changes == before
    for number, name in enumerate(writer.columns[1:], 1):
        changed = (*row[:number], _other(row[number], table.columns[name]), *row[number + 1:])
        with store.write() as session:
            writer.upsert(session, [changed])
        stored = _raw(store.path, table.name, VISIT)
        assert tuple(stored[column][1] for column in writer.columns) == changed, name
        row = changed


# -- the accounts list through the search index -------------------------------------------
@pytest.fixture
def accounts(store: Store) -> Store:
    for name, city, tier in (("上海精密机械有限公司", "上海", "A"), ("上海华联超市", "上海", "B"),
                             ("Hangzhou Tea Traders", "杭州", "B"), ("Shanghai Amcor", "上海", None),
                             ("100% Cotton_Mills", "宁波", "C")):
        save_account(store, None, {"name": name, "city": city, "tier": tier,
                                   "territory_id": TERRITORY_ID})
    return store


@pytest.mark.parametrize("text", ["上海", "精密机械", "tea", "TEA TR", "shanghai", "hai", "%",
                                  "0% C", "_", "杭", "no such thing", ""])
@pytest.mark.parametrize("tier", [None, "B"])
def test_the_index_lists_and_counts_what_a_table_scan_finds(accounts: Store, text: str,
                                                             tier: str | None) -> None:
    indexed = [a.name for a in list_accounts(accounts, text, tier)]
    total = count_accounts(accounts, text, tier)
    picked = account_names(accounts, text, 3)
    with accounts.write() as session:
        search_index.mark_stale(session)  # now the table is scanned with LIKE
        assert not search_index.in_step(session)
    assert indexed == [a.name for a in list_accounts(accounts, text, tier)]
    assert total == count_accounts(accounts, text, tier) == len(indexed)
    assert picked == account_names(accounts, text, 3)


def test_pages_of_an_indexed_search_follow_on(accounts: Store) -> None:
    names = [a.name for a in list_accounts(accounts, "上海")]
    pages = [a.name for offset in range(3) for a in
             list_accounts(accounts, "上海", limit=1, offset=offset)]
    assert pages == names and len(names) == 3


# -- start-up without Alembic --------------------------------------------------------------
def test_the_quick_head_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    assert quick_head() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_opening_a_current_replica_does_not_load_alembic(replica_path: Path) -> None:
    Store.open(replica_path).close()
    code = ("import sys; from pathlib import Path; from desktop.store import Store; "
            f"Store.open(Path({str(replica_path)!r})).close(); print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"
    engine = make_engine(replica_path)
    try:
        from desktop.store.migrate import current_revision, session_revision

        assert current_revision(engine) == quick_head()
        store = Store(replica_path)
        with store.read() as session:
            assert session_revision(session) == quick_head()
        store.close()
    finally:
        engine.dispose()


# -- HTTP keep-alive -----------------------------------------------------------------------
class _Counting(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    connections: list[int] = []

    def setup(self) -> None:
        super().setup()
        self.connections.append(id(self.connection))

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = b'{"status": "ok"}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        if self.path.endswith("close"):
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def http_server() -> Iterator[ThreadingHTTPServer]:
    _Counting.connections = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_requests_share_one_connection_and_survive_the_server_closing_it(
        http_server: ThreadingHTTPServer) -> None:
    url = f"http://127.0.0.1:{http_server.server_address[1]}"
    transport = KeepAlive(url)
    try:
        for _ in range(5):
            assert transport.request("GET", url + "/health").content == b'{"status": "ok"}'
        assert len(_Counting.connections) == 1
        assert transport.request("GET", url + "/close").status_code == 200
        assert transport.request("GET", url + "/health").status_code == 200
        assert len(_Counting.connections) == 2
    finally:
        transport.close()
    assert SyncApi(url).health() == {"status": "ok"}


# -- pulled pages, fetched ahead -----------------------------------------------------------
class _Watching(FakeApi):
    """Records, at each pull, the cursor the replica had committed."""

    def __init__(self, server: FakeServer, store: Store) -> None:
        super().__init__(server)
        self.store = store
        self.seen: list[tuple[int, int]] = []  # (after asked for, committed cursor)

    def pull(self, after: int, limit: int) -> dict[str, Any]:
        with self.store.read() as session:
            state = read_state(session)
        assert state is not None
        self.seen.append((after, int(state.cursor)))
        return super().pull(after, limit)


def _publish(server: FakeServer, count: int) -> None:
    for n in range(count):
        server.publish("account", f"0190a000-0000-7000-8000-{n:012d}",
                       {"name": f"客户 {n:03d}", "territory_id": TERRITORY_ID,
                        "currency": "CNY", "status": "active"}, {"name": SERVER_CLOCK})


def test_pages_fetched_ahead_are_applied_in_order_and_completely(store: Store) -> None:
    server = FakeServer()
    _publish(server, 23)
    api = _Watching(server, store)
    report = SyncEngine(store, api, pull_limit=3).sync()  # type: ignore[arg-type]
    assert report.pulled == 23 and server.pulls == list(range(0, 23, 3))
    assert any(after > committed for after, committed in api.seen)  # really ahead
    assert len(list_accounts(store, "客户")) == 23
    assert store.status().cursor == 23 and store.status().bootstrapped


def test_no_page_is_asked_for_past_an_eviction_not_yet_committed(store: Store) -> None:
    server = FakeServer()
    _publish(server, 6)
    server.log.append({"pos": 7, "entity": "account", "id": "0190a000-0000-7000-8000-"
                       "000000000001", "evicted": True, "deleted": False, "fields": {},
                       "clocks": {}})
    _publish(server, 8)  # positions 8.. (names repeat, ids too: later versions)
    api = _Watching(server, store)
    SyncEngine(store, api, pull_limit=3).sync()  # type: ignore[arg-type]
    eviction_page_cursor = 9  # the page (6, 9] holds position 7
    assert all(committed >= eviction_page_cursor for after, committed in api.seen
               if after >= eviction_page_cursor)


def test_the_sync_state_reads_back_typed(store: Store) -> None:
    server = FakeServer()
    _publish(server, 2)
    SyncEngine(store, FakeApi(server)).sync()  # type: ignore[arg-type]
    with store.read() as session:
        state = read_state(session)
    assert state is not None
    assert isinstance(state.last_sync_at, datetime) and state.bootstrapped is True
    assert state.update_required is False and state.cursor == 2
    assert isinstance(store.status().last_sync_at, datetime)


def test_a_pulled_row_whose_indexed_text_did_not_change_is_not_indexed_again(
        store: Store) -> None:
    from desktop.sync.apply import apply_changes

    def pulled(**fields: Any) -> dict[str, Any]:
        values = {"name": "安姆科包装", "territory_id": TERRITORY_ID, "currency": "CNY",
                  "status": "active", "city": "上海", **fields}
        return {"pos": 1, "entity": "account", "id": ACCOUNT, "deleted": False,
                "fields": values, "clocks": dict.fromkeys(values, SERVER_CLOCK)}

    def stamp() -> int:
        with store.read() as session:
            return int(session.connection().exec_driver_sql(
                "PRAGMA main.user_version").scalar_one())

    with store.write() as session:
        apply_changes(session, [pulled()])
    before = stamp()
    with store.write() as session:
        apply_changes(session, [pulled(status="inactive")])  # no indexed field changed
    assert stamp() == before
    with store.write() as session:
        apply_changes(session, [pulled(city="杭州")])
    assert stamp() != before
    with store.read() as session:
        assert search_index.matches(session, "account", "杭州", 5) == [ACCOUNT]
        assert search_index.matches(session, "account", "上海", 5) == []
        assert search_index.document_count(session) == 1


# -- a first bootstrap builds the secondary indexes once -----------------------------------
def _indexes(path: Path) -> set[str]:
    import sqlite3

    with sqlite3.connect(path) as db:
        return {name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}


def _deferred(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM deferred_indexes").fetchone()[0])


def test_a_first_bootstrap_cut_short_gets_its_indexes_back_at_the_next_open(
        tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    Store.open(path).close()
    schema = _indexes(path)
    assert {"ix_accounts_name", "ix_visits_account_id"} <= schema
    server = FakeServer()
    _publish(server, 9)
    store = Store.open(path)
    SyncEngine(store, FakeApi(server), pull_limit=3).sync(  # type: ignore[arg-type]
        should_stop=lambda: len(server.pulls) >= 1)
    store.close()
    assert "ix_accounts_name" not in _indexes(path) and _deferred(path) > 0

    store = Store.open(path)
    try:
        assert _indexes(path) == schema and _deferred(path) == 0
        SyncEngine(store, FakeApi(server), pull_limit=3).sync()  # type: ignore[arg-type]
        assert store.status().bootstrapped and len(list_accounts(store, "客户")) == 9
    finally:
        store.close()
    assert _indexes(path) == schema


def test_a_finished_first_bootstrap_leaves_every_index_in_place(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    Store.open(path).close()
    schema = _indexes(path)
    server = FakeServer()
    _publish(server, 10)
    store = Store.open(path)
    try:
        api = _Watching(server, store)
        SyncEngine(store, api, pull_limit=3).sync()  # type: ignore[arg-type]
        assert _indexes(path) == schema and _deferred(path) == 0
        assert len(list_accounts(store, "客户")) == 10
    finally:
        store.close()


def test_a_bootstrap_into_a_replica_that_holds_rows_keeps_its_indexes(
        store: Store) -> None:
    server = FakeServer()
    _publish(server, 7)
    seen: list[set[str]] = []

    class Looking(FakeApi):
        def pull(self, after: int, limit: int) -> dict[str, Any]:
            seen.append(_indexes(store.path))
            return super().pull(after, limit)

    SyncEngine(store, Looking(server), pull_limit=2).sync()  # type: ignore[arg-type]
    assert all("ix_accounts_name" in names for names in seen) and len(seen) == 4
