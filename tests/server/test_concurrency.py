"""Several devices pushing at once: every push lands, and a pull never skips a position."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.server.helpers import World, stored

FIELDS = ("phone", "city", "street", "website", "industry", "postal_code")
VALUES = ("+86 21 5555 0101", "上海", "张江路 1号", "www.summit.cn", "Chemicals", "200120")


def test_concurrent_pushes_all_apply_in_log_order(world: World) -> None:
    li = world.login("li")
    account_id, _ = world.account(li)
    devices = [world.login(name) for name in ("li", "zhang", "chen") for _ in range(2)]
    clocks = world.login("chen").rows()[("account", account_id)]["clocks"]

    def edit(index: int) -> int:
        device, name = devices[index], FIELDS[index]
        reply = device.push(device.mutation("account", account_id, {name: VALUES[index]},
                                            base={name: clocks.get(name)}))
        return reply.status_code

    with ThreadPoolExecutor(max_workers=len(devices)) as pool:
        assert list(pool.map(edit, range(len(devices)))) == [200] * len(devices)
    row = stored(world.app, "account", account_id)
    assert [row[name] for name in FIELDS] == list(VALUES)
    page = world.login("chen").pull(limit=10000).get_json()
    positions = [c["pos"] for c in page["changes"]]
    assert positions == list(range(1, page["head"] + 1))
