"""The push's driver-level statements store what SQLAlchemy stores, and its quick checks
accept exactly what the shared checks accept."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from server.db import write_transaction
from server.services import changelog
from server.services.mutations import _is_id, is_clock
from server.services.rows import RowStore
from server.services.scope import Placement
from server.state import current_state
from server.tables import change_log
from shared import hlc as hlcs
from shared.ids import is_valid_id, new_id
from shared.models import ENTITIES
from tests.server.helpers import World, conflicts, now_ms, stored

MINUTE_MS = 60 * 1000
ACCOUNT_ID = new_id()
RAW_COLUMNS = "entity, row_id, territory_id, owner_id, deleted, data, clocks, old, user_id, " \
              "device_id, hlc, created_at, evicted, moved_to"


def _entry(row_id: str, old: dict[str, Any] | None) -> dict[str, Any]:
    spec = ENTITIES["visit"]
    row = {**spec.default_values(), "id": row_id, "clocks": {"notes": "x"}, "deleted": False,
           "account_id": ACCOUNT_ID, "status": "planned", "contact_ids": ["a", "b"],
           "planned_start": datetime(2026, 3, 4, 9, 30), "notes": "行 1\n\"quoted\""}
    entry = changelog.entry_for(spec, row, Placement("t", "o"), hlc="h", old=old,
                                user_id="u", device_id="d")
    entry["created_at"] = datetime(2026, 3, 4, 9, 30, 0, 0)  # no microseconds: a format edge
    return entry


def _raw_entries(engine: Engine, row_ids: list[str]) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return [tuple(conn.exec_driver_sql(
            f"SELECT {RAW_COLUMNS} FROM change_log WHERE row_id = '{row_id}'").one())
            for row_id in row_ids]


@pytest.mark.parametrize("old", [None, {"notes": None}, {"status": "done"}])
def test_entries_written_on_the_driver_are_stored_as_sqlalchemy_stores_them(
        app: Flask, engine: Engine, old: dict[str, Any] | None) -> None:
    by_driver, by_core = new_id(), new_id()
    with app.app_context():
        with write_transaction(current_state().db.sessions()) as session:
            changelog.append(session, [_entry(by_driver, old)])  # a session: the driver
        with engine.begin() as conn:
            conn.execute(change_log.insert(), [_entry(by_core, old)])  # SQLAlchemy Core
    driver, core = _raw_entries(engine, [by_driver, by_core])
    assert driver[2:] == core[2:]  # every stored value, as stored (JSON null, date format…)
    assert driver[0] == core[0] == "visit"


def test_rows_read_on_the_driver_hold_python_values(world: World) -> None:
    li = world.login("li")
    account_id, _ = world.account(li, phone="+86 21 5555 0100")
    visit_id = new_id()
    li.push(li.mutation("visit", visit_id, {"account_id": account_id, "status": "planned",
                                            "planned_start": "2026-03-04T09:30:00",
                                            "contact_ids": []}))
    with world.app.app_context():
        with write_transaction(current_state().db.sessions()) as session:
            store = RowStore(session)
            store.load("visit", [visit_id, new_id()])
            row = store.get("visit", visit_id)
    assert row == stored(world.app, "visit", visit_id)  # what SQLAlchemy reads
    assert row is not None and row["planned_start"] == datetime(2026, 3, 4, 9, 30)
    assert row["deleted"] is False and row["contact_ids"] == []


def test_a_duplicate_insert_on_the_driver_raises_sqlalchemys_integrity_error(
        world: World) -> None:
    li = world.login("li")
    account_id, _ = world.account(li)
    row = stored(world.app, "account", account_id)
    assert row is not None
    with world.app.app_context():
        with pytest.raises(IntegrityError):  # the push view reruns a push on this one
            with write_transaction(current_state().db.sessions()) as session:
                store = RowStore(session)
                store.add("account", dict(row))
                store.flush()
    assert stored(world.app, "account", account_id) == row


def test_a_server_clock_reading_within_a_push_is_past_the_clocks_before_it(
        world: World) -> None:
    li, zhang = world.login("li"), world.login("zhang")
    account_id, _ = world.account(li, phone="+86 21 5555 0100")
    ahead = zhang.hlc(now_ms() + MINUTE_MS)  # within the tolerance: taken as is
    reply = zhang.push(
        zhang.mutation("account", new_id(), {"name": "Ahead", "territory_id": world.east},
                       hlc=ahead),
        # never saw li's phone: a race, recorded with a server clock reading
        zhang.mutation("account", account_id, {"phone": "+86 21 5555 0999"},
                       hlc=zhang.hlc(now_ms())))
    assert [r["status"] for r in reply.get_json()["results"]] == ["applied", "conflict"]
    [conflict] = conflicts(world.app)
    assert min(conflict["clocks"].values()) > ahead
    assert reply.get_json()["server_hlc"] > ahead


IDS = ["0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b", "0193A5B2-7C4D-7E8F-9A0B-1C2D3E4F5A6B",
       "0193a5b2-7C4D-7e8f-9A0b-1c2d3e4f5a6b", "{0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a}",
       "0193a5b27c4d7e8f9a0b1c2d3e4f5a6b", "urn:uuid:0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f",
       "0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b\n", "0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6g",
       "0193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6", "٠193a5b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
       "0193a5b2_7c4d-7e8f-9a0b-1c2d3e4f5a6b", "", 42, None, ["0193a5b2"]]
CLOCKS = ["001733000000000-00003-dev", "001733000000000-00003-a-b-c",
          "001733000000000-00003-", "001733000000000-0003-dev", "01733000000000-00003-dev",
          "00173300000000x-00003-dev", "001733000000000-00003-dev\n", "001733000000000-00003",
          "٠01733000000000-00003-dev", "001733000000000-00003-\n", " 01733000000000-00003-d",
          "", 17, None]


@pytest.mark.parametrize("value", IDS)
def test_the_quick_id_check_agrees_with_the_shared_one(value: Any) -> None:
    assert _is_id(value) is is_valid_id(value)


@pytest.mark.parametrize("value", CLOCKS)
def test_the_quick_clock_check_agrees_with_the_shared_one(value: Any) -> None:
    assert is_clock(value) is hlcs.is_valid(value)


def test_a_push_reads_what_it_wrote_in_the_same_transaction(world: World) -> None:
    """A create and an edit of the same new row in one batch: the second one merges into
    the row the first one added (held by the push, not yet written)."""
    li = world.login("li")
    account_id = new_id()
    reply = li.push(
        li.mutation("account", account_id, {"name": "One", "territory_id": world.east}),
        li.mutation("account", account_id, {"phone": "+86 21 5555 0100"}))
    assert [r["status"] for r in reply.get_json()["results"]] == ["applied", "applied"]
    row = stored(world.app, "account", account_id)
    assert row is not None and (row["name"], row["phone"]) == ("One", "+86 21 5555 0100")
    with world.app.app_context():
        with current_state().db.engine.connect() as conn:
            logged = conn.execute(select(change_log.c.data).where(
                change_log.c.row_id == account_id).order_by(change_log.c.pos)).scalars().all()
    assert [entry["phone"] for entry in logged] == [None, "+86 21 5555 0100"]


def test_many_rows_changed_in_one_push_are_all_stored(world: World) -> None:
    """PostgreSQL writes them with one UPDATE of rows given as JSON, SQLite with one per row."""
    li = world.login("li")
    account_id, _ = world.account(li)
    visit_ids = [new_id() for _ in range(3)]
    li.push(*(li.mutation("visit", visit_id, {"account_id": account_id, "status": "planned",
                                              "planned_start": "2026-03-04T09:30:00"})
              for visit_id in visit_ids))
    # The same fields of every row change: (a list as the first value of an array column
    # must stay one JSON value)
    edits: list[dict[str, Any]] = [
        {"location": "Pudong", "contact_ids": ["c1", "c2"], "notes": "a",
         "planned_end": "2026-03-04T11:00:00"},
        {"location": "行 2 \"quoted\"", "contact_ids": ["c3"], "notes": "n",
         "planned_end": "2026-03-04T12:00:00"},
        {"location": "L3", "contact_ids": ["c4"], "notes": "z",
         "planned_end": "2026-03-05T00:00:00"}]
    cleared: dict[str, Any] = {"location": None, "notes": None}  # then arrays of nulls
    for batch in (edits, [{**fields, **cleared} for fields in edits]):
        names = cleared if batch is not edits else batch[0]
        seen = {visit_id: (stored(world.app, "visit", visit_id) or {})["clocks"]
                for visit_id in visit_ids}  # what li saw: sequential edits, no race
        reply = li.push(*(li.mutation("visit", visit_id, {name: fields[name] for name in names},
                                      base={name: seen[visit_id].get(name) for name in names})
                          for visit_id, fields in zip(visit_ids, batch, strict=True)))
        assert [r["status"] for r in reply.get_json()["results"]] == ["applied"] * 3
        for visit_id, fields in zip(visit_ids, batch, strict=True):
            row = stored(world.app, "visit", visit_id)
            assert row is not None
            assert {name: row[name] for name in ("location", "contact_ids", "notes")} == \
                {name: fields[name] for name in ("location", "contact_ids", "notes")}
            assert row["planned_end"] == datetime.fromisoformat(fields["planned_end"])
            assert set(row["clocks"]) >= {"location", "contact_ids", "notes", "planned_end"}


def _as_text(engine: Engine, table: str, columns: list[str], key: str,
             ids: list[str]) -> list[tuple[Any, ...]]:
    """Stored values as the database's text, in the order of *ids*."""
    listed = ", ".join(f'CAST("{name}" AS TEXT)' for name in columns)
    with engine.connect() as conn:
        return [tuple(conn.exec_driver_sql(
            f"SELECT {listed} FROM {table} WHERE {key} = '{row_id}'").one()) for row_id in ids]


def test_entries_written_together_are_stored_as_one_by_one_and_in_their_order(
        app: Flask, engine: Engine) -> None:
    """PostgreSQL writes a push's entries in one statement (rows given as JSON)."""
    olds: list[dict[str, Any] | None] = [None, {"notes": None}, {"status": "done"},
                                         {"notes": "行 \"a\" \\ b\n{,}"}]
    together, single = [new_id() for _ in olds], [new_id() for _ in olds]
    with app.app_context():
        with write_transaction(current_state().db.sessions()) as session:
            changelog.append(session, [_entry(i, old) for i, old in zip(together, olds,
                                                                       strict=True)])
        for row_id, old in zip(single, olds, strict=True):
            with write_transaction(current_state().db.sessions()) as session:
                changelog.append(session, [_entry(row_id, old)])
    columns = [name for name in RAW_COLUMNS.split(", ") if name != "row_id"]
    assert _as_text(engine, "change_log", columns, "row_id", together) == \
        _as_text(engine, "change_log", columns, "row_id", single)
    with engine.connect() as conn:
        positions = conn.execute(select(change_log.c.row_id).where(
            change_log.c.row_id.in_(together)).order_by(change_log.c.pos)).scalars().all()
    assert positions == together  # positions in the order the push made them


def test_rows_added_and_changed_together_are_stored_as_one_by_one(
        world: World, engine: Engine) -> None:
    """PostgreSQL inserts and updates many rows with one statement each (rows as JSON);
    one row goes through an executemany: both must store the same values."""
    li = world.login("li")
    account_id, _ = world.account(li)
    spec = ENTITIES["visit"]
    values: list[dict[str, Any]] = [
        {"notes": "行 1\n\"quoted\" \\ {a,b}", "contact_ids": ["c\"1", "行"],
         "planned_start": datetime(2026, 3, 4, 9, 30, 0, 123456), "location": None},
        {"notes": None, "contact_ids": [], "planned_start": datetime(2026, 3, 4, 9, 30),
         "location": "Pudong, 'B' \t"},
        {"notes": "", "contact_ids": ["x"], "planned_start": None, "location": "L"}]

    def row(row_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        return {**spec.default_values(), "id": row_id, "deleted": False, "status": "planned",
                "account_id": account_id, "owner_id": li.user_id,
                "clocks": {"notes": "c\"1"}, **fields}

    together, single = [new_id() for _ in values], [new_id() for _ in values]
    with world.app.app_context():
        sessions = current_state().db.sessions
        with write_transaction(sessions()) as session:
            store = RowStore(session)
            for row_id, fields in zip(together, values, strict=True):
                store.add("visit", row(row_id, fields))
            store.flush()
        for row_id, fields in zip(single, values, strict=True):
            with write_transaction(sessions()) as session:
                store = RowStore(session)
                store.add("visit", row(row_id, fields))
                store.flush()
        columns = [c.name for c in spec.table.columns if c.name != "id"]
        assert _as_text(engine, "visits", columns, "id", together) == \
            _as_text(engine, "visits", columns, "id", single)
        with write_transaction(sessions()) as session:  # one change to all of them
            _change(RowStore(session), together, values)
        for row_id, fields in zip(single, values, strict=True):  # and one by one
            with write_transaction(sessions()) as session:
                _change(RowStore(session), [row_id], [fields])
        assert _as_text(engine, "visits", columns, "id", together) == \
            _as_text(engine, "visits", columns, "id", single)


def _change(store: RowStore, ids: list[str], values: list[dict[str, Any]]) -> None:
    store.load("visit", ids)
    for row_id, fields in zip(ids, values, strict=True):
        held = store.get("visit", row_id)
        assert held is not None
        held.update({name: fields[name] for name in ("location", "notes")},
                    contact_ids=fields["contact_ids"][::-1], clocks={"location": "x"})
        store.changed("visit", held, ["location", "notes", "contact_ids", "clocks"])
    store.flush()
@pytest.mark.parametrize("count", [2, 71, 150])
def test_many_entries_written_on_the_driver_are_stored_as_sqlalchemy_stores_them(
        app: Flask, engine: Engine, count: int) -> None:
    """SQLite takes them several rows per INSERT (full groups, then the rest one by one):
    the same values, in the same order of positions."""
    olds: list[dict[str, Any] | None] = [None, {"notes": None}, {"status": "done"}]
    by_driver, by_core = [new_id() for _ in range(count)], [new_id() for _ in range(count)]
    with app.app_context():
        with write_transaction(current_state().db.sessions()) as session:
            changelog.append(session, [_entry(row_id, olds[n % 3])
                                       for n, row_id in enumerate(by_driver)])
        with engine.begin() as conn:
            conn.execute(change_log.insert(), [_entry(row_id, olds[n % 3])
                                               for n, row_id in enumerate(by_core)])
    with engine.connect() as conn:
        order = list(conn.scalars(select(change_log.c.row_id).order_by(change_log.c.pos)))
    assert order == by_driver + by_core
    for driver, core in zip(_raw_entries(engine, by_driver), _raw_entries(engine, by_core),
                            strict=True):
        assert driver[2:] == core[2:]


def test_many_rows_created_in_one_push_are_all_stored(world: World) -> None:
    """SQLite inserts them several rows per INSERT: each row holds its own values."""
    li = world.login("li")
    account_id, _ = world.account(li)
    visits = {new_id(): {"account_id": account_id, "status": "planned",
                         "planned_start": f"2026-03-{1 + n % 28:02d}T09:30:00",
                         "location": f"行 {n}" if n % 3 else None, "contact_ids": [f"c{n}"]}
              for n in range(130)}
    reply = li.push(*(li.mutation("visit", visit_id, fields)
                      for visit_id, fields in visits.items()))
    assert [r["status"] for r in reply.get_json()["results"]] == ["applied"] * len(visits)
    for visit_id, fields in visits.items():
        row = stored(world.app, "visit", visit_id)
        assert row is not None and row["deleted"] is False
        assert (row["location"], row["contact_ids"], row["planned_start"]) == (
            fields["location"], fields["contact_ids"],
            datetime.fromisoformat(fields["planned_start"]))
