"""Child process: migrate a server database and seed the demo generator at a given shape."""

from __future__ import annotations

import argparse
import json
import sys
import time

from server.config import FAST_PASSWORD_COST
from server.db import create_db_engine, migrate
from server.demo import seed_demo
from server.services.auth import Passwords


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench.seed")
    parser.add_argument("database_url")
    parser.add_argument("--accounts", type=int, required=True)
    parser.add_argument("--contacts", type=int, default=4)
    parser.add_argument("--visits", type=int, default=10)
    parser.add_argument("--opportunities", type=int, default=1)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    started = time.perf_counter()
    migrate(args.database_url)
    engine = create_db_engine(args.database_url)
    try:
        # Cheap password hashes: seeding speed is not what is measured (sign-in is not either).
        counts = seed_demo(engine, seed=args.seed, accounts=args.accounts,
                           passwords=Passwords(FAST_PASSWORD_COST),
                           contacts_per_account=args.contacts, visits_per_account=args.visits,
                           opportunities_per_account=args.opportunities, tasks_per_account=0)
    finally:
        engine.dispose()
    print(json.dumps({"counts": counts, "records": sum(counts.values()),
                      "seed_s": time.perf_counter() - started}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
