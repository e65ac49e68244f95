"""Pull pages serve the stored change-log JSON as is, yet read exactly like decoded entries."""

from __future__ import annotations

import gzip

import orjson
from flask import Flask
from sqlalchemy import select

from server.services.changelog import full_fields
from server.state import current_state
from server.tables import change_log
from tests.server.helpers import World

TRICKY_NAME = 'Acme {"tier_manual": true} "tier": \\"A\\"'


def _stored_entries(app: Flask) -> dict[int, tuple[str, dict, dict]]:
    with app.app_context(), current_state().db.engine.connect() as conn:
        rows = conn.execute(select(change_log.c.pos, change_log.c.entity, change_log.c.data,
                                   change_log.c.clocks)).all()
    return {r.pos: (r.entity, r.data, r.clocks) for r in rows}


def test_a_pulled_page_carries_every_stored_entry_unchanged(app: Flask, world: World) -> None:
    li = world.login("li")
    world.account(li, name=TRICKY_NAME, city="上海", notes="line\nbreak {x} \u2028")
    world.account(li, name="Plain")
    page = li.pull().get_json()
    stored = _stored_entries(app)
    assert page["changes"]
    for change in page["changes"]:
        entity, data, clocks = stored[change["pos"]]
        assert change["entity"] == entity
        assert change["fields"] == full_fields(entity, data)
        assert change["clocks"] == clocks
    names = {c["fields"].get("name") for c in page["changes"] if c["entity"] == "account"}
    assert TRICKY_NAME in names


def test_an_old_entry_missing_a_field_gets_its_default_despite_lookalike_text(
        app: Flask, world: World) -> None:
    li = world.login("li")
    account_id, _ = world.account(li, name=TRICKY_NAME)
    with app.app_context(), current_state().db.engine.begin() as conn:
        entry = conn.execute(select(change_log).where(change_log.c.row_id == account_id)).one()
        data = {k: v for k, v in entry.data.items() if k != "tier_manual"}
        conn.execute(change_log.update().where(change_log.c.pos == entry.pos)
                     .values(data=data))
    pulled = li.rows()[("account", account_id)]
    assert pulled["fields"]["tier_manual"] is False
    assert pulled["fields"]["name"] == TRICKY_NAME


def test_a_gzipped_pull_is_the_same_json(app: Flask, world: World) -> None:
    li = world.login("li")
    for number in range(30):
        world.account(li, name=f"Account {number}")
    plain = li.pull()
    zipped = li.client.get("/api/v1/sync/pull?after=0",
                           headers={**li.headers(), "Accept-Encoding": "gzip"})
    assert zipped.headers.get("Content-Encoding") == "gzip"
    body = orjson.loads(gzip.decompress(zipped.get_data()))
    expected = plain.get_json()
    body.pop("server_hlc")
    expected.pop("server_hlc")
    assert body == expected


def test_a_page_written_as_text_reads_back_as_its_entries() -> None:
    from server.services.pull import PullPage

    odd = ['a"b', "back\\slash", "行-1", "tab\there", "plain-0190a000"]
    page = PullPage([(n + 1, "account", row_id, n % 2 == 0, False, '{"name": "x"}',
                      '{"name": "001-00000-server"}') for n, row_id in enumerate(odd)],
                    cursor=5, has_more=False, head=5)
    decoded = orjson.loads(orjson.dumps({"changes": page.changes_json()}))["changes"]
    assert decoded == orjson.loads(orjson.dumps(page.changes))
    assert [change["id"] for change in decoded] == odd
