"""A small sales team editing offline at random, syncing in random orders through faults,
and the final check: every replica equals the server's view; every mutation accounted for."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select

from desktop.store import ValidationFailed
from desktop.store.state import utcnow
from desktop.store.tables import outbox
from desktop.sync import SyncError
from server.demo import EAST, SOUTH
from shared.models import ENTITIES, Conflict, Territory
from tests.sync.harness import FAULTS, Client, diverged, log_entries

# Several users: two devices of one east rep, another east rep, a south rep, the manager.
TEAM = ("li.wei", "li.wei", "zhang.min", "wang.fang", "chen.jing")
HOME = {"li.wei": (EAST,), "zhang.min": (EAST,), "wang.fang": (SOUTH,),
        "chen.jing": (EAST, SOUTH)}
CHILDREN = ("contact", "visit", "opportunity", "task")
# Few fields and few values, so same-field races are frequent.
EDITS: dict[str, dict[str, tuple[Any, ...]]] = {
    "account": {"phone": ("+86 21 5555 0101", "+86 21 5555 0202"), "city": ("苏州", "杭州"),
                "notes": ("call back", "拜访 visited")},
    "contact": {"title": ("Buyer", "CFO"), "notes": ("likes tea", "new number")},
    "visit": {"purpose": ("demo", "renewal"), "notes": ("went well", "rescheduled")},
    "opportunity": {"stage": ("proposal", "negotiation"), "probability": (20, 80)},
    "task": {"priority": ("low", "high"), "title": ("Send quote", "Call")},
}


@dataclass
class Mutation:
    client: int
    mid: int
    entity: str
    row_id: str
    op: str
    hlc: str


@dataclass
class Tally:
    ops: int = 0
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    lost: int = 0
    diverged: int = 0
    problems: list[str] = field(default_factory=list)


class World:
    def __init__(self, clients: list[Client], server_engine: Engine, data_dir: Path,
                 connect_args: dict[str, Any]) -> None:
        self.clients = clients
        self.server_engine = server_engine
        self.data_dir = data_dir
        self.connect_args = connect_args
        self.mutations: list[Mutation] = []
        self._seen = [self._last_mid(c) for c in clients]
        self._n = 0

    # -- random offline work -------------------------------------------------------------
    def act(self, rng: random.Random) -> None:
        index = rng.randrange(len(self.clients))
        client = self.clients[index]
        action = rng.choices(["create", "edit", "delete", "reassign", "resolve", "bad"],
                             weights=[4, 6, 2, 1, 1, 1])[0]
        try:
            with client.store.write() as session:
                getattr(self, f"_{action}")(client, session, rng)
        except ValidationFailed:
            pass  # refused locally: nothing was written, nothing to account for
        self._note(index)

    def sync(self, rng: random.Random) -> None:
        client = rng.choice(self.clients)
        client.api.fault = rng.choice(FAULTS)
        try:
            client.engine.sync()
        except SyncError:
            pass  # e.g. a fault outlasted the retries: the next round resumes

    def _create(self, client: Client, session: Any, rng: random.Random) -> None:
        self._n += 1
        entity = rng.choice(("account",) + CHILDREN)
        if entity == "account":
            territory = self._territory(session, rng.choice(HOME[client.username]))
            client.store.record(session, "account", None,
                                {"name": f"{client.username} 客户 {self._n}",
                                 "territory_id": territory})
            return
        account = self._pick(session, "account", rng)  # may be deleted meanwhile: revived
        if account is None:
            return
        values: dict[str, Any] = {"account_id": account}
        values.update({"contact": {"name": f"联系人 {self._n}"},
                       "visit": {"planned_start": datetime(2026, 3, 1, 9) + timedelta(
                           hours=self._n)},
                       "opportunity": {"name": f"Deal {self._n}"},
                       "task": {"title": f"Follow up {self._n}"}}[entity])
        client.store.record(session, entity, None, values)

    def _edit(self, client: Client, session: Any, rng: random.Random) -> None:
        entity = rng.choice(tuple(EDITS))
        row_id = self._pick(session, entity, rng)  # tombstones too: edit under delete
        if row_id is None:
            return
        name, choices = rng.choice(list(EDITS[entity].items()))
        client.store.record(session, entity, row_id, {name: rng.choice(choices)})

    def _delete(self, client: Client, session: Any, rng: random.Random) -> None:
        entity = rng.choice(("account",) + CHILDREN)
        row_id = self._pick(session, entity, rng, live=True)
        if row_id is not None:
            client.store.record_delete(session, entity, row_id)

    def _reassign(self, client: Client, session: Any, rng: random.Random) -> None:
        if client.username != "chen.jing":
            return
        row_id = self._pick(session, "account", rng, live=True)
        if row_id is None:
            return
        account = session.get(ENTITIES["account"].model, row_id)
        east, south = self._territory(session, EAST), self._territory(session, SOUTH)
        target = south if account.territory_id == east else east
        client.store.record(session, "account", row_id, {"territory_id": target})

    def _resolve(self, client: Client, session: Any, rng: random.Random) -> None:
        row_id = self._pick(session, "conflict", rng)
        if row_id is None or session.get(Conflict, row_id).status != "open":
            return
        client.store.record(session, "conflict", row_id, {
            "status": "resolved", "resolution": "keep_theirs", "resolved_by": client.user_id})

    def _bad(self, client: Client, session: Any, rng: random.Random) -> None:
        """An old or buggy client skipped validation: the server must refuse it plainly."""
        row_id = self._pick(session, "account", rng, live=True)
        if row_id is not None:
            session.execute(insert(outbox).values(
                entity="account", row_id=row_id, op="upsert", fields={"status": "bogus"},
                base={}, hlc=client.store.clock.now(), state="pending", created_at=utcnow()))

    # -- the end: everyone syncs, then every guarantee is checked -------------------------
    def settle(self, max_passes: int = 8) -> None:
        for client in self.clients:
            client.api.fault = "none"
        for _ in range(max_passes):
            moved = 0
            for client in self.clients:
                report = client.engine.sync()
                moved += report.pushed + report.pulled + report.rejected
            if moved == 0:
                return
        raise AssertionError("the team did not settle")

    def check(self) -> Tally:
        tally = Tally(ops=len(self.mutations))
        self._account(tally)
        for client in self.clients:  # the user reads each refusal, then discards it
            for entry in client.store.outbox():
                client.store.discard(entry.mid)
        self.settle()
        seen: set[str] = set()
        for client in self.clients:
            key = client.username + ("#2" if client.username in seen else "")
            seen.add(client.username)
            found = diverged(client, self.data_dir / f"fresh-{key}", **self.connect_args)
            tally.diverged += 1 if found else 0
            tally.problems += [f"{key}: {d}" for d in found[:5]]
        return tally

    def _account(self, tally: Tally) -> None:
        for index, client in enumerate(self.clients):
            entries = {e.mid: e for e in client.store.outbox()}
            logged = log_entries(self.server_engine, client.store.device_id)
            for m in (m for m in self.mutations if m.client == index):
                status = client.api.ledger.statuses.get(m.mid)
                entry = entries.get(m.mid)
                if entry is not None and entry.state == "rejected" and status is None:
                    if not entry.error_message or "Traceback" in entry.error_message:
                        tally.problems.append(f"mid {m.mid}: no plain reason")
                    tally.rejected += 1
                elif status is not None and entry is None:
                    count = logged.get((m.entity, m.row_id, m.hlc), 0)
                    # 0 when the write changed nothing (e.g. a second delete of a tombstone)
                    if count > 1 or (status == "conflict" and count != 1):
                        tally.problems.append(f"mid {m.mid} ({m.entity}): {count} log entries")
                    if status == "conflict":
                        tally.conflicts += 1
                        self._check_conflict(m, tally)
                    else:
                        tally.applied += 1
                else:
                    tally.lost += 1
                    tally.problems.append(f"mid {m.mid} of {client.username}: unaccounted "
                                          f"(status={status}, outbox={entry})")

    def _check_conflict(self, m: Mutation, tally: Tally) -> None:
        table = ENTITIES["conflict"].table
        with self.server_engine.connect() as conn:
            rows = conn.execute(select(table.c.losing_hlc, table.c.winning_hlc).where(
                table.c.row_id == m.row_id)).all()
        if not rows:
            tally.problems.append(f"mid {m.mid}: conflict without a conflict record")

    # -- helpers -------------------------------------------------------------------------
    def _note(self, index: int) -> None:
        client = self.clients[index]
        with client.store.read() as session:
            rows = session.execute(select(outbox).where(outbox.c.mid > self._seen[index])
                                   .order_by(outbox.c.mid)).all()
        for row in rows:
            self.mutations.append(Mutation(index, row.mid, row.entity, row.row_id, row.op,
                                           row.hlc))
            self._seen[index] = row.mid

    @staticmethod
    def _last_mid(client: Client) -> int:
        with client.store.read() as session:
            return int(session.scalar(select(outbox.c.mid).order_by(outbox.c.mid.desc())
                                      .limit(1)) or 0)

    @staticmethod
    def _territory(session: Any, name: str) -> str:
        return str(session.scalar(select(Territory.id).where(Territory.name == name)))

    @staticmethod
    def _pick(session: Any, entity: str, rng: random.Random, live: bool = False) -> str | None:
        table = ENTITIES[entity].table
        query = select(table.c.id).order_by(table.c.id)
        if live:
            query = query.where(table.c.deleted.is_(False))
        ids = list(session.scalars(query))
        return rng.choice(ids) if ids else None
