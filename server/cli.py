"""The ``fieldcrm-server`` command: init, users, territories, demo data, tiers, purge, run."""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from types import FrameType

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from server.config import ServerConfig
from server.db import create_db_engine, migrate, session_factory, write_transaction
from server.errors import UserError
from server.services.accounts import Reassignment, reassign_account
from server.services.auth import Passwords, revoke_device
from server.services.cadence_rules import ensure_default_cadence
from server.services.purge import PurgeReport, purge_tombstones
from server.services.tiering import recompute_tiers
from server.services.users import create_territory, create_user, find_territory
from server.state import SERVER_NODE
from shared.hlc import Clock
from shared.models import User
from shared.models.enums import Role
from shared.rules.cadence import DEFAULT_CADENCE_DAYS

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fieldcrm-server",
                                     description="FieldCRM sync server administration.")
    parser.add_argument("--database-url",
                        help="SQLAlchemy URL (default: $FIELDCRM_DATABASE_URL or a SQLite file "
                             "in the server data directory)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("init", help="create or upgrade the database schema (and default cadence)")
    user = sub.add_parser("create-user", help="add a user who can sign in")
    user.add_argument("--username", required=True)
    user.add_argument("--password", required=True)
    user.add_argument("--display-name", required=True)
    user.add_argument("--role", choices=[str(r) for r in Role], default=str(Role.REP))
    user.add_argument("--territory", action="append", default=[], metavar="NAME",
                      help="territory the user covers (created if missing); repeatable")
    territory = sub.add_parser("create-territory", help="add a sales territory")
    territory.add_argument("name")
    territory.add_argument("--region")
    demo = sub.add_parser("seed-demo", help="fill an empty database with the demo data set")
    demo.add_argument("--accounts", type=int, default=200)
    demo.add_argument("--seed", type=int, default=42)
    sub.add_parser("recompute-tiers",
                   help="set A/B/C tiers from won revenue of the last 12 months (run daily)")
    revoke = sub.add_parser("revoke-device", help="revoke a lost device's sign-in")
    revoke.add_argument("device_id")
    purge = sub.add_parser("purge-tombstones",
                           help="remove records deleted longer ago than the retention window")
    purge.add_argument("--retention-days", type=int, default=None,
                       help="keep deleted records this many days (default: "
                            "$FIELDCRM_TOMBSTONE_RETENTION_DAYS or 30)")
    reassign = sub.add_parser("reassign-account",
                              help="move an account and its records to another territory")
    reassign.add_argument("account_id")
    reassign.add_argument("--territory", required=True, metavar="NAME")
    reassign.add_argument("--by", metavar="USERNAME", help="user the change is attributed to")
    run = sub.add_parser("run", help="migrate, then serve the sync API")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = ServerConfig.from_env(args.database_url)
        return COMMANDS[args.command](config, args)
    except UserError as exc:
        print(f"fieldcrm-server: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except SQLAlchemyError as exc:
        print(f"fieldcrm-server: database error: {exc.__class__.__name__}: "
              f"{str(exc).splitlines()[0]}", file=sys.stderr)
        return EXIT_FAILED


def _init(config: ServerConfig, _args: argparse.Namespace) -> int:
    created = _in_transaction(config, lambda s: ensure_default_cadence(s, Clock(SERVER_NODE)))
    print("fieldcrm-server: database is up to date")
    if created:
        print(f"fieldcrm-server: created the default visit cadence ({_cadence_text()})")
    return EXIT_OK


def _cadence_text() -> str:
    return ", ".join(f"{tier} every {days} days" for tier, days in DEFAULT_CADENCE_DAYS.items())


def _recompute_tiers(config: ServerConfig, _args: argparse.Namespace) -> int:
    today = datetime.now(UTC).date()
    changed = _in_transaction(config, lambda s: recompute_tiers(s, Clock(SERVER_NODE), today))
    print(f"fieldcrm-server: recomputed tiers; {changed} accounts changed tier")
    return EXIT_OK


def _in_transaction(config: ServerConfig, work: object) -> object:
    migrate(config.database_url)
    engine = create_db_engine(config.database_url)
    try:
        with write_transaction(session_factory(engine)()) as session:
            return work(session)  # type: ignore[operator]
    finally:
        engine.dispose()


def _create_user(config: ServerConfig, args: argparse.Namespace) -> int:
    passwords, clock = Passwords(config.password_cost), Clock(SERVER_NODE)
    _in_transaction(config, lambda s: create_user(
        s, clock, passwords, username=args.username, password=args.password,
        display_name=args.display_name, role=Role(args.role), territories=args.territory))
    print(f"fieldcrm-server: created user {args.username} ({args.role})")
    return EXIT_OK


def _create_territory(config: ServerConfig, args: argparse.Namespace) -> int:
    clock = Clock(SERVER_NODE)
    _in_transaction(config, lambda s: create_territory(s, clock, args.name, args.region))
    print(f"fieldcrm-server: created territory {args.name}")
    return EXIT_OK


def _seed_demo(config: ServerConfig, args: argparse.Namespace) -> int:
    from server.demo import DEMO_PASSWORD, DEMO_USERS, seed_demo

    if args.accounts < 0:
        raise UserError("--accounts cannot be negative")
    passwords = Passwords(config.password_cost)
    counts = _in_transaction(config, lambda s: seed_demo(s, seed=args.seed,
                                                         accounts=args.accounts,
                                                         passwords=passwords))
    total = sum(counts.values())  # type: ignore[attr-defined]
    users = ", ".join(u.username for u in DEMO_USERS)
    print(f"fieldcrm-server: seeded {total} rows; users {users} (password {DEMO_PASSWORD!r})")
    return EXIT_OK


def _revoke(config: ServerConfig, args: argparse.Namespace) -> int:
    if not _in_transaction(config, lambda s: revoke_device(s, args.device_id)):
        raise UserError(f"no device {args.device_id}")
    print(f"fieldcrm-server: revoked device {args.device_id}")
    return EXIT_OK


def _purge(config: ServerConfig, args: argparse.Namespace) -> int:
    days = config.tombstone_retention_days if args.retention_days is None \
        else args.retention_days
    report = _in_transaction(config, lambda s: purge_tombstones(s, days))
    assert isinstance(report, PurgeReport)
    print(f"fieldcrm-server: purged {report.total_rows} records deleted more than {days} days "
          f"ago ({report.log_entries} change-log entries); devices with a cursor below "
          f"{report.purged_through} will download their territory again")
    return EXIT_OK


def _reassign(config: ServerConfig, args: argparse.Namespace) -> int:
    clock = Clock(SERVER_NODE)

    def work(session: Session) -> Reassignment:
        territory = find_territory(session, args.territory.strip())
        if territory is None:
            raise UserError(f"no territory {args.territory!r}")
        by = None
        if args.by:
            by = session.scalars(select(User.id).where(User.username == args.by)).first()
            if by is None:
                raise UserError(f"no user {args.by!r}")
        return reassign_account(session, clock, args.account_id, territory.id, by)

    result = _in_transaction(config, work)
    assert isinstance(result, Reassignment)
    if not result.records_moved:
        print(f"fieldcrm-server: account {args.account_id} is already in {args.territory}")
    else:
        print(f"fieldcrm-server: moved account {args.account_id} to {args.territory} "
              f"({result.records_moved} records)")
    return EXIT_OK


def _run(config: ServerConfig, args: argparse.Namespace) -> int:
    from server.app import create_app

    migrate(config.database_url)
    try:
        server = make_server(args.host, args.port, create_app(config), threaded=True)
    except OSError as exc:
        raise UserError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from None

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    print(f"fieldcrm-server: listening on http://{args.host}:{server.server_port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK


COMMANDS = {"init": _init, "create-user": _create_user, "create-territory": _create_territory,
            "seed-demo": _seed_demo, "recompute-tiers": _recompute_tiers,
            "revoke-device": _revoke, "purge-tombstones": _purge,
            "reassign-account": _reassign, "run": _run}

if __name__ == "__main__":
    sys.exit(main())
