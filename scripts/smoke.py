"""Headless end-to-end smoke test: a real server, two reps editing offline, sync, convergence.

Run from the repository root: ``.venv/bin/python scripts/smoke.py``. The last line is
``smoke: ok clients=2 pending=0 converged=yes`` and the exit status 0 on success; on
failure a plain message and a non-zero status.
"""

from __future__ import annotations

import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from desktop.store import Store  # noqa: E402
from desktop.sync import SyncApi, SyncEngine, sign_in, user_message  # noqa: E402
from shared.models import ENTITIES, Account, Conflict  # noqa: E402
from shared.sync.codec import encode_value  # noqa: E402

PASSWORD = "fieldcrm"
REPS = ("li.wei", "zhang.min")  # both cover 华东 East China in the demo data
START_TIMEOUT_S = 60


class SmokeFailure(Exception):
    """The scenario did not behave; the message says what went wrong."""


@contextmanager
def running_server(workdir: Path, accounts: int = 20) -> Iterator[str]:
    """A real server process with demo data on a free port; yields its base URL."""
    database_url = f"sqlite:///{workdir / 'server.sqlite'}"
    cli = [sys.executable, "-m", "server.cli", "--database-url", database_url]
    for args in (["init"], ["seed-demo", "--accounts", str(accounts)]):
        done = subprocess.run(cli + args, cwd=ROOT, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise SmokeFailure(f"server {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    log = (workdir / "server.log").open("w")
    process = subprocess.Popen(cli + ["run", "--host", "127.0.0.1", "--port", "0"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        yield _wait_for_url(process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_for_url(process: subprocess.Popen[str]) -> str:
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    marker = "fieldcrm-server: listening on "
    while True:
        try:
            line = lines.get(timeout=START_TIMEOUT_S)
        except queue.Empty:
            raise SmokeFailure("the server did not start in time") from None
        if marker in line:
            return line.split(marker, 1)[1].strip()


def connect(url: str, username: str, data_dir: Path) -> tuple[Store, SyncApi, SyncEngine]:
    store, api = sign_in(url, username, PASSWORD, data_dir=data_dir, device_name=username)
    return store, api, SyncEngine(store, api, retries=2, backoff_s=0.2)


def dump(store: Store) -> dict[str, dict[str, dict[str, Any]]]:
    """Every replicated row, field for field (clocks and tombstones included)."""
    with store.read() as session:
        return {entity: {row["id"]: {k: encode_value(v) for k, v in row.items()}
                         for row in session.execute(select(spec.table)).mappings()}
                for entity, spec in ENTITIES.items()}


def edit(store: Store, entity: str, row_id: str | None, **values: Any) -> str:
    with store.write() as session:
        return store.record(session, entity, row_id, values)


def scenario(url: str, workdir: Path) -> int:
    """Run the two-rep scenario; return the number of changes still pending."""
    clients = [connect(url, name, workdir / name) for name in REPS]
    try:
        for _store, _api, engine in clients:
            engine.sync()
        (li, _, li_sync), (zhang, _, zhang_sync) = clients
        with li.read() as session:
            ids = list(session.scalars(select(Account.id).where(Account.deleted.is_(False))
                                       .order_by(Account.id).limit(2)))
        if len(ids) < 2:
            raise SmokeFailure("the reps' territory has fewer than two accounts")
        first, second = ids
        # Offline on both laptops: different fields of one account, the same field of another.
        edit(li, "account", first, phone="+86 21 5555 0101")
        edit(zhang, "account", first, city="苏州")
        edit(li, "account", second, industry="Retail")
        edit(zhang, "account", second, industry="Logistics")
        edit(li, "task", None, account_id=first, title="Send the quotation")
        for engine in (li_sync, zhang_sync, li_sync, zhang_sync):
            engine.sync()
        _check_merge(li, zhang, first, second)
        for name, (store, _api, _engine) in zip(REPS, clients, strict=True):
            _check_matches_server(url, name, store, workdir / f"fresh-{name}")
        return sum(store.status().pending + store.status().rejected for store, _, _ in clients)
    finally:
        for store, api, _engine in clients:
            store.close()
            api.close()


def _check_merge(li: Store, zhang: Store, first: str, second: str) -> None:
    for store in (li, zhang):
        with store.read() as session:
            a, b = session.get(Account, first), session.get(Account, second)
            if a is None or (a.phone, a.city) != ("+86 21 5555 0101", "苏州"):
                raise SmokeFailure("edits of different fields did not both survive")
            if b is None or b.industry != "Logistics":
                raise SmokeFailure("the later same-field edit did not win")
            losers = session.scalars(select(Conflict.losing_value).where(
                Conflict.row_id == second, Conflict.field_name == "industry")).all()
            if list(losers) != ["Retail"]:
                raise SmokeFailure(f"expected one conflict keeping 'Retail', found {losers}")
    if dump(li)["account"] != dump(zhang)["account"]:
        raise SmokeFailure("the two reps' accounts differ after syncing")


def _check_matches_server(url: str, username: str, store: Store, data_dir: Path) -> None:
    fresh, api, engine = connect(url, username, data_dir)
    try:
        engine.sync()
        if dump(fresh) != dump(store):
            raise SmokeFailure(f"{username}'s replica differs from the server's view")
    finally:
        fresh.close()
        api.close()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="fieldcrm-smoke-") as tmp:
        workdir = Path(tmp)
        try:
            with running_server(workdir) as url:
                pending = scenario(url, workdir)
        except SmokeFailure as exc:
            print(f"smoke: FAILED: {exc}", file=sys.stderr)
            return 1
        except Exception as exc:  # noqa: BLE001 - report plainly, never a traceback
            print(f"smoke: FAILED: {user_message(exc)} ({type(exc).__name__}: {exc})",
                  file=sys.stderr)
            return 1
    if pending:
        print(f"smoke: FAILED: {pending} changes were not synced", file=sys.stderr)
        return 1
    print(f"smoke: ok clients={len(REPS)} pending={pending} converged=yes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
