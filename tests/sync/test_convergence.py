"""Convergence under fire: random offline work by a team, random sync orders and faults;
after a final sync every replica equals the server and every mutation is accounted for."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from server.db import create_db_engine
from tests.sync.harness import PG_ENV, connect, fresh_database, make_app, seed, wsgi_api
from tests.sync.world import TEAM, World

ACCOUNTS = 3  # demo accounts: few, so edits collide


def _backends() -> list[str]:
    return ["sqlite", "postgres"] if os.environ.get(PG_ENV) else ["sqlite"]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=[
    pytest.mark.postgres, pytest.mark.skipif(not os.environ.get(PG_ENV),
                                             reason=f"{PG_ENV} is not set")])])
def test_a_team_under_fire_converges_and_nothing_is_lost(backend: str) -> None:
    class Team(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.tmp = Path(tempfile.mkdtemp(prefix="fieldcrm-conv-"))
            self.database = fresh_database(self.tmp, backend)
            url = self.database.__enter__()
            seed(url, ACCOUNTS)
            self.server_engine = create_db_engine(url)
            factory = wsgi_api(make_app(url))
            clients = [connect(name, self.tmp / f"c{i}", factory=factory)
                       for i, name in enumerate(TEAM)]
            for client in clients:
                client.engine.sync()
            self.world = World(clients, self.server_engine, self.tmp, {"factory": factory})

        @rule(seed=st.integers(0, 2**32 - 1))
        def offline_work(self, seed: int) -> None:
            self.world.act(random.Random(seed))

        @rule(seed=st.integers(0, 2**32 - 1))
        def more_offline_work(self, seed: int) -> None:
            rng = random.Random(seed)
            for _ in range(3):
                self.world.act(rng)

        @rule(seed=st.integers(0, 2**32 - 1))
        def sync_someone(self, seed: int) -> None:
            self.world.sync(random.Random(seed))

        @invariant()
        def replicas_stay_readable(self) -> None:
            for client in self.world.clients:
                assert client.store.status().cursor >= 0

        def teardown(self) -> None:
            try:
                self.world.settle()
                tally = self.world.check()
                assert tally.problems == [], tally.problems[:20]
                assert tally.lost == 0 and tally.diverged == 0
                assert tally.applied + tally.conflicts + tally.rejected == tally.ops
            finally:
                for client in self.world.clients:
                    client.close()
                self.server_engine.dispose()
                self.database.__exit__(None, None, None)
                shutil.rmtree(self.tmp, ignore_errors=True)

    Team.TestCase().runTest()
