"""A desktop process for crash tests: writes, pushes and bootstraps in a loop, saying what
it has committed, until it is killed."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

from desktop.store import Store
from desktop.store.state import read_state, update_state
from desktop.sync import SyncApi, SyncEngine, SyncError


class _Recording:
    """Reports the cursor of each pull before it is sent (a push may carry one)."""

    def __init__(self, api: SyncApi, say: Any, *, snapshots: bool) -> None:
        self.api, self.say, self.snapshots = api, say, snapshots

    def push(self, mutations: list[dict[str, Any]],
             pull: tuple[int, int] | None = None) -> dict[str, Any]:
        if pull is not None:
            self.say(f"pull {pull[0]}")
        return self.api.push(mutations, pull)

    def pull(self, after: int, limit: int) -> dict[str, Any]:
        self.say(f"pull {after}")
        return self.api.pull(after, limit)

    def snapshot(self, path: Any, progress: Any = None) -> bool:
        if not self.snapshots:  # as from a server without snapshots: pages from 0
            return False
        self.say("snapshot")  # a first sync's download: the scope from position 0
        return self.api.snapshot(path, progress)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.api, name)


def drive(path: Path, url: str, token: str, account_id: str, seed: int, out: int) -> None:
    """Runs until killed; every line on *out* is a fact already committed to disk."""
    def say(line: str) -> None:
        os.write(out, f"{line}\n".encode())

    rng = random.Random(seed)
    store = Store.open(path)
    # Half the processes bootstrap from a snapshot (all or nothing), half page by page
    # (a bootstrap cut short resumes after its last committed page).
    api = _Recording(SyncApi(url, token=token, timeout=10), say, snapshots=seed % 2 == 0)
    engine = SyncEngine(store, api, pull_limit=25, retries=0)  # type: ignore[arg-type]
    with store.read() as session:
        state = read_state(session)
    assert state is not None
    if not state.bootstrapped:
        say(f"resume {state.cursor}")
    while True:
        step = rng.choice(("write", "write", "push", "bootstrap"))
        if step == "write":
            with store.write() as session:
                row_id = store.record(session, "contact", None,
                                      {"account_id": account_id, "name": f"crash {seed}"})
            say(f"committed {row_id}")
        elif step == "bootstrap":
            with store.write() as session:
                update_state(session, cursor=0, bootstrapped=False)
            say("resume 0")
            _sync(engine)
        else:
            _sync(engine)


def _sync(engine: SyncEngine) -> None:
    try:
        engine.sync()
    except SyncError:
        pass
