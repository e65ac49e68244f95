"""Soak test: many desktop clients x many random operations against PostgreSQL behind
gunicorn (3 workers, commits delayed at random so they reorder), faults injected.

Run from the repository root: ``make soak`` or
``.venv/bin/python scripts/soak.py [--clients 20] [--ops 10000] [--database-url URL]``
(URL defaults to $FIELDCRM_TEST_POSTGRES_URL; a fresh database is created and dropped).
The last line is
``soak: clients=<n> ops=<n> applied=<n> conflicts=<n> rejected=<n> lost=0 diverged=0``;
the exit status is 0 only when nothing was lost and no replica diverged.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.sync import SyncError  # noqa: E402
from server.db import create_db_engine  # noqa: E402
from tests.support.live_server import start_gunicorn  # noqa: E402
from tests.sync.harness import FAULTS, Client, connect, fresh_database  # noqa: E402
from tests.sync.world import TEAM, World  # noqa: E402

OPS_PER_ROUND = 8  # offline operations per client between two syncs


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--ops", type=int, default=10_000, help="operations in total")
    parser.add_argument("--accounts", type=int, default=30)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--database-url", default=os.environ.get("FIELDCRM_TEST_POSTGRES_URL"))
    return parser.parse_args()


def _sync(client: Client, fault: str) -> None:
    client.api.fault = fault
    try:
        client.engine.sync()
    except SyncError:
        pass  # the next round resumes


def main() -> int:
    args = _arguments()
    if not args.database_url:
        print("soak: set FIELDCRM_TEST_POSTGRES_URL or pass --database-url", file=sys.stderr)
        return 2
    os.environ["FIELDCRM_TEST_POSTGRES_URL"] = args.database_url
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fieldcrm-soak-") as tmp, \
            fresh_database(Path(tmp), "postgres") as url:
        server = start_gunicorn(Path(tmp), url, workers=3, accounts=args.accounts,
                                env={"FIELDCRM_FAULT_COMMIT_DELAY_MS": "0-15"})
        engine = create_db_engine(url)
        clients: list[Client] = []
        try:
            clients = [connect(TEAM[i % len(TEAM)], Path(tmp) / f"c{i}", url=server.url,
                               retries=4) for i in range(args.clients)]
            with ThreadPoolExecutor(max_workers=args.clients) as pool:
                list(pool.map(lambda c: c.engine.sync(), clients))  # bootstraps at once
                world = World(clients, engine, Path(tmp), {"url": server.url})
                rng = random.Random(args.seed)
                rounds = 0
                while len(world.mutations) < args.ops:
                    for _ in range(OPS_PER_ROUND * args.clients):
                        world.act(rng)
                    faults = [rng.choice(FAULTS) for _ in clients]
                    list(pool.map(_sync, clients, faults))  # many pushers and pullers at once
                    rounds += 1
            world.settle(max_passes=12)
            tally = world.check()
        finally:
            for client in clients:
                client.close()
            engine.dispose()
            server.stop()
    for problem in tally.problems[:20]:
        print(f"soak: problem: {problem}")
    print(f"soak: {rounds} rounds in {time.monotonic() - started:.0f} s")
    print(f"soak: clients={args.clients} ops={tally.ops} applied={tally.applied} "
          f"conflicts={tally.conflicts} rejected={tally.rejected} lost={tally.lost} "
          f"diverged={tally.diverged}")
    return 0 if tally.lost == 0 and tally.diverged == 0 and not tally.problems else 1


if __name__ == "__main__":
    sys.exit(main())
