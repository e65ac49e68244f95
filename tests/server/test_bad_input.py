"""Bad requests each get a clear 4xx with a stable code, and change nothing."""

from __future__ import annotations

from typing import Any

import pytest

from shared.ids import new_id
from shared.sync.protocol import MAX_PUSH_BATCH
from tests.server.helpers import SCHEMA, Device, World, snapshot


def _account(world: World, **fields: Any) -> dict[str, Any]:
    return {"name": "Bluewave Packaging", "territory_id": world.east, **fields}


CASES = {
    # name: (mutation fields builder, status, code, field)
    "unknown entity": (lambda w, d: d.mutation("lead", new_id(), {"name": "x"}), 400,
                       "unknown_entity", None),
    "unknown field": (lambda w, d: d.mutation("account", new_id(), _account(w, colour="red")),
                      400, "unknown_field", "colour"),
    "read-only field": (lambda w, d: d.mutation("user", w.users["li"], {"role": "admin"}), 400,
                        "read_only_field", "role"),
    "sync column": (lambda w, d: d.mutation("account", new_id(), _account(w, deleted=True)),
                    400, "read_only_field", "deleted"),
    "wrong type": (lambda w, d: d.mutation("account", new_id(),
                                           _account(w, annual_revenue_cents="lots")),
                   400, "invalid_type", "annual_revenue_cents"),
    "NUL in text": (lambda w, d: d.mutation("account", new_id(), _account(w, city="Pu\x00dong")),
                    400, "invalid_type", "city"),
    "bad date": (lambda w, d: d.mutation("opportunity", new_id(), {"expected_close": "next week"}),
                 400, "invalid_type", "expected_close"),
    "bad id": (lambda w, d: d.mutation("account", "not-a-uuid", _account(w)), 400,
               "bad_request", "id"),
    "bad op": (lambda w, d: d.mutation("account", new_id(), _account(w), op="merge"), 400,
               "bad_request", "op"),
    "bad clock": (lambda w, d: d.mutation("account", new_id(), _account(w), hlc="yesterday"),
                  400, "bad_request", "hlc"),
    "empty account name": (lambda w, d: d.mutation("account", new_id(), _account(w, name="  ")),
                           422, "validation_failed", "name"),
    "probability 150": (lambda w, d: d.mutation("opportunity", new_id(), {
        "account_id": w.extra, "name": "Deal", "probability": 150}),
        422, "validation_failed", "probability"),
    "missing parent": (lambda w, d: d.mutation("contact", new_id(), {
        "account_id": new_id(), "name": "王芳"}), 422, "missing_parent", "account_id"),
    "creating a user": (lambda w, d: d.mutation("user", new_id(), {}), 403, "forbidden", None),
    "deleting a territory": (lambda w, d: d.mutation("territory", w.east, op="delete"), 403,
                             "forbidden", None),
    "deleting a missing row": (lambda w, d: d.mutation("account", new_id(), op="delete"), 404,
                               "not_found", None),
}


@pytest.fixture
def li(world: World) -> Device:
    device = world.login("li")
    account_id, _ = world.account(device)
    world.extra = account_id  # type: ignore[attr-defined]
    return device


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_mutation_refuses_the_whole_push(world: World, li: Device, case: str) -> None:
    build, status, code, field = CASES[case]
    good = li.mutation("account", new_id(), _account(world))
    bad = build(world, li)
    before = snapshot(world.app)
    reply = li.push(good, bad)
    assert reply.status_code == status, reply.get_json()
    error = reply.get_json()["error"]
    assert error["code"] == code
    assert error["mid"] == bad["mid"]
    assert error.get("field") == field
    assert error["message"]
    assert snapshot(world.app) == before


def _post(world: World, li: Device, data: bytes, **headers: str):
    return world.client.post("/api/v1/sync/push", data=data,
                             headers={**li.headers(), "Content-Type": "application/json",
                                      **headers})


def test_malformed_json_is_refused(world: World, li: Device) -> None:
    before = snapshot(world.app)
    reply = _post(world, li, b'{"mutations": [')
    assert reply.status_code == 400
    assert reply.get_json()["error"]["code"] == "bad_json"
    assert snapshot(world.app) == before


def test_a_body_without_mutations_is_refused(world: World, li: Device) -> None:
    reply = _post(world, li, b'{"changes": []}')
    assert (reply.status_code, reply.get_json()["error"]["code"]) == (400, "bad_request")


def test_a_batch_over_the_limit_is_refused(world: World, li: Device) -> None:
    before = snapshot(world.app)
    batch = [li.mutation("account", new_id(), _account(world)) for _ in range(MAX_PUSH_BATCH + 1)]
    reply = li.push(*batch)
    assert reply.status_code == 413
    assert reply.get_json()["error"]["code"] == "batch_too_large"
    assert snapshot(world.app) == before


def test_mutation_ids_out_of_order_are_refused(world: World, li: Device) -> None:
    first = li.mutation("account", new_id(), _account(world))
    second = li.mutation("account", new_id(), _account(world))
    reply = li.push(second, first)
    assert (reply.status_code, reply.get_json()["error"]["code"]) == (400, "out_of_order")


def test_a_bad_token_stores_nothing(world: World, li: Device) -> None:
    before = snapshot(world.app)
    reply = world.client.post("/api/v1/sync/push", headers={**SCHEMA,
                                                             "Authorization": "Bearer nope"},
                              json={"mutations": [li.mutation("account", new_id(),
                                                              _account(world))]})
    assert (reply.status_code, reply.get_json()["error"]["code"]) == (401, "unauthorized")
    assert snapshot(world.app) == before


def test_unknown_urls_and_methods_answer_in_the_envelope(world: World) -> None:
    missing = world.client.get("/api/v1/nothing-here")
    assert (missing.status_code, missing.get_json()["error"]["code"]) == (404, "not_found")
    wrong = world.client.get("/api/v1/sync/push", headers=SCHEMA)
    assert wrong.status_code == 405 and "code" in wrong.get_json()["error"]


def test_an_unexpected_failure_is_a_plain_500(world: World, li: Device,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import server.api.v1.sync as views

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom at line 42")

    monkeypatch.setattr(views, "push_service", explode)
    reply = li.push(li.mutation("account", new_id(), _account(world)))
    assert reply.status_code == 500
    assert reply.get_json() == {"error": {"code": "internal", "message": "internal server error"}}
