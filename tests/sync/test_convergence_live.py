"""Convergence over real HTTP against a real server process that is killed between commit
and reply now and then (restarted on the same database): a bounded, seeded example."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from desktop.sync import NetworkError, SyncApi
from server.db import create_db_engine
from tests.support.live_server import LiveServer, start_server
from tests.sync.harness import connect
from tests.sync.world import TEAM, World

pytestmark = pytest.mark.e2e
KILL_EVERY = 7  # the server dies after committing every 7th push


class Revive(SyncApi):
    """A SyncApi that, when the server died under it, starts it again before failing."""

    server: LiveServer
    restarts = 0

    def push(self, mutations: list[dict[str, Any]],
             pull: tuple[int, int] | None = None) -> dict[str, Any]:
        try:
            return super().push(mutations, pull)
        except NetworkError:
            if self.server.process.poll() is not None:
                self.server.restart()  # same database, same port, same fault hook
                Revive.restarts += 1
            raise


def test_a_team_converges_over_http_while_the_server_is_killed(tmp_path: Path) -> None:
    server = start_server(tmp_path, accounts=3,
                          env={"FIELDCRM_FAULT_EXIT_AFTER_COMMIT": str(KILL_EVERY)})
    Revive.server, Revive.restarts = server, 0

    def factory(url: str) -> SyncApi:
        return Revive(url, timeout=10)

    clients = [connect(name, tmp_path / f"c{i}", url=server.url, factory=factory, retries=3)
               for i, name in enumerate(TEAM)]
    engine = create_db_engine(server.database_url)
    try:
        for client in clients:
            client.engine.sync()
        world = World(clients, engine, tmp_path, {"url": server.url, "factory": factory})
        rng = random.Random(3)
        for _ in range(60):
            world.act(rng) if rng.random() < 0.7 else world.sync(rng)
        world.settle()
        tally = world.check()
        assert tally.problems == [] and tally.lost == 0 and tally.diverged == 0
        assert tally.applied + tally.conflicts + tally.rejected == tally.ops > 0
        assert Revive.restarts > 0  # the kill really happened
    finally:
        for client in clients:
            client.close()
        engine.dispose()
        server.stop()
