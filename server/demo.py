"""Deterministic demo data (the cast of four, their accounts and activity) and bulk seeding."""

from __future__ import annotations

import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from server import demo_names as names
from server.config import PasswordCost
from server.errors import UserError
from server.services import changelog
from server.services.auth import Passwords
from server.services.cadence_rules import ensure_default_cadence
from server.services.scope import Placement
from server.services.tiering import recompute_tiers
from server.tables import credentials, memberships
from shared.hlc import Clock
from shared.models import APPLY_ORDER, ENTITIES, Account, User
from shared.models.enums import OpportunityStage, Role
from shared.sync.codec import row_values

DEMO_PASSWORD = "fieldcrm"
EAST, SOUTH = "华东 East China", "华南 South China"
DEMO_TERRITORIES = (EAST, SOUTH)
BASE_MS = 1_735_689_600_000  # 2025-01-01: the demo's UUIDv7 timestamps start here
CHUNK = 5000  # rows per executemany


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: Role
    territories: tuple[str, ...]


DEMO_USERS = (
    DemoUser("li.wei", "李伟", Role.REP, (EAST,)),
    DemoUser("zhang.min", "张敏", Role.REP, (EAST,)),
    DemoUser("wang.fang", "王芳", Role.REP, (SOUTH,)),
    DemoUser("chen.jing", "陈静", Role.MANAGER, (EAST, SOUTH)),
)
STAGE_PROBABILITY = {"prospecting": 10, "qualification": 25, "proposal": 50,
                     "negotiation": 75, "won": 100, "lost": 0}


class DemoAlreadySeeded(UserError):
    """The database already holds the demo (or other) data."""


class _Ids:
    """UUIDv7-shaped ids from a seeded generator, so the same seed gives the same ids."""

    def __init__(self, rng: random.Random) -> None:
        self._rng, self._n = rng, 0

    def next(self) -> str:
        self._n += 1
        value = ((BASE_MS + self._n) << 80) | (0x7 << 76) | (self._rng.getrandbits(12) << 64)
        value |= (0b10 << 62) | self._rng.getrandbits(62)
        return str(uuid.UUID(int=value))


class _Generator:
    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.ids = _Ids(self.rng)
        self.today = today
        self.now = datetime.combine(today, time(9, 0))
        self.used_names: set[str] = set()

    def when(self, days: int, hour: int) -> datetime:
        return datetime.combine(self.today + timedelta(days=days), time(hour, 0))

    def phone(self, area: str) -> str:
        return f"+86 {area} {self.rng.randint(5000, 8999)} {self.rng.randint(0, 9999):04d}"

    def mobile(self) -> str:
        r = self.rng
        return f"+86 1{r.choice('35789')}{r.randint(0, 9)} {r.randint(0, 9999):04d} {r.randint(0, 9999):04d}"

    def company(self, index: int, city: str) -> tuple[str, str, str]:
        """(name, industry, website) — Chinese or English, never repeated."""
        cn_word, en_word, web = self.rng.choice(names.INDUSTRIES)
        for attempt in range(1000):
            if index < len(names.FAMOUS_ACCOUNTS) and attempt == 0:
                name = names.FAMOUS_ACCOUNTS[index]
            elif self.rng.random() < 0.65:
                name = f"{city}{self.rng.choice(names.CN_BRANDS)}{cn_word}有限公司"
            else:
                name = (f"{self.rng.choice(names.EN_BRANDS)} {en_word} "
                        f"{self.rng.choice(names.EN_SUFFIXES)}")
            if attempt > 20:
                name = f"{name} {attempt}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name, en_word, f"www.{web}{index + 1}.com.cn"
        raise AssertionError("unreachable")  # pragma: no cover

    def person(self, domain: str) -> tuple[str, str]:
        """(display name, email)."""
        r = self.rng
        if r.random() < 0.7:
            (sur, sur_py), (given, given_py) = r.choice(names.SURNAMES), r.choice(names.GIVEN)
            return f"{sur}{given}", f"{given_py}.{sur_py}@{domain}"
        first, last = r.choice(names.EN_FIRST), r.choice(names.EN_LAST)
        ascii_last = last.replace("ü", "ue").lower()
        return f"{first} {last}", f"{first.lower()}.{ascii_last}@{domain}"


def generate(seed: int = 42, accounts: int = 200, contacts_per_account: int = 4,
             visits_per_account: int = 10, opportunities_per_account: int = 1,
             tasks_per_account: int = 1, today: date | None = None
             ) -> Iterator[tuple[str, dict[str, Any]]]:
    """(entity, values) rows, parents first; the same arguments give the same rows."""
    gen = _Generator(seed, today or datetime.now(UTC).date())
    territory_ids = {name: gen.ids.next() for name in DEMO_TERRITORIES}
    for name, tid in territory_ids.items():
        yield "territory", {"id": tid, "name": name, "region": name.split()[0]}
    user_ids = {u.username: gen.ids.next() for u in DEMO_USERS}
    for u in DEMO_USERS:
        yield "user", {"id": user_ids[u.username], "username": u.username,
                       "display_name": u.display_name, "email": f"{u.username}@fieldcrm.example",
                       "role": str(u.role), "active": True}
    reps = {EAST: [user_ids["li.wei"], user_ids["zhang.min"]], SOUTH: [user_ids["wang.fang"]]}
    for index in range(accounts):
        territory = EAST if gen.rng.random() < 0.6 else SOUTH
        owner = gen.rng.choice(reps[territory])
        yield from _account_rows(gen, index, territory_ids[territory], territory, owner,
                                 (contacts_per_account, visits_per_account,
                                  opportunities_per_account, tasks_per_account))
    for username in ("li.wei", "zhang.min", "wang.fang"):
        for title in names.OWN_TASKS:
            yield "task", _task(gen, None, user_ids[username], title)


def _account_rows(gen: _Generator, index: int, territory_id: str, territory: str, owner: str,
                  sizes: tuple[int, int, int, int]) -> Iterator[tuple[str, dict[str, Any]]]:
    r = gen.rng
    city, province, area, postal, street = r.choice(
        names.EAST_CITIES if territory == EAST else names.SOUTH_CITIES)
    name, industry, website = gen.company(index, city)
    account_id = gen.ids.next()
    revenue = r.randint(5, 5000) * 1_000_000 * 100
    yield "account", {
        "id": account_id, "name": name, "parent_id": None, "tier": r.choice("AABBBCCCC"),
        "tier_manual": False,
        "industry": industry, "street": f"{street}{r.randint(1, 999)}号", "city": city,
        "region": province, "postal_code": f"{postal}{r.randint(0, 999):03d}", "country": "CN",
        "phone": gen.phone(area), "website": website, "annual_revenue_cents": revenue,
        "currency": "CNY", "credit_limit_cents": revenue // 20, "owner_id": owner,
        "territory_id": territory_id, "status": r.choice(("active",) * 5 + ("prospect",)),
        "notes": None, "created_at": gen.now - timedelta(days=r.randint(30, 900))}
    contacts, visits, opportunities, tasks = sizes
    contact_ids = [gen.ids.next() for _ in range(contacts)]
    domain = website.removeprefix("www.")
    for n, contact_id in enumerate(contact_ids):
        person, email = gen.person(domain)
        yield "contact", {
            "id": contact_id, "account_id": account_id, "name": person,
            "title": r.choice(names.TITLES), "email": email, "phone": gen.phone(area),
            "mobile": gen.mobile(), "is_primary": n == 0, "notes": None,
            "created_at": gen.now - timedelta(days=r.randint(1, 600))}
    visit_ids = []
    for _ in range(visits):
        visit = _visit(gen, account_id, owner, city, contact_ids)
        visit_ids.append(visit["id"])
        yield "visit", visit
    opportunity_ids = []
    for _ in range(opportunities):
        opportunity = _opportunity(gen, account_id, owner, name)
        opportunity_ids.append(opportunity["id"])
        yield "opportunity", opportunity
    for _ in range(tasks):
        task = _task(gen, account_id, owner, r.choice(names.TASK_TITLES))
        task["visit_id"] = r.choice(visit_ids) if visit_ids else None
        task["opportunity_id"] = r.choice(opportunity_ids) if opportunity_ids else None
        yield "task", task


def _visit(gen: _Generator, account_id: str, owner: str, city: str,
           contact_ids: list[str]) -> dict[str, Any]:
    r = gen.rng
    values: dict[str, Any] = {
        "id": gen.ids.next(), "account_id": account_id, "owner_id": owner,
        "purpose": r.choice(names.VISIT_PURPOSES), "location": city,
        "contact_ids": r.sample(contact_ids, min(len(contact_ids), r.randint(1, 2))),
        "planned_start": None, "planned_end": None, "actual_start": None,
        "actual_end": None, "outcome": None, "notes": None}
    if r.random() < 0.7:
        start = gen.when(-r.randint(1, 180), r.randint(9, 16))
        values.update(status="completed", planned_start=start, planned_end=start + timedelta(hours=1),
                      actual_start=start, actual_end=start + timedelta(minutes=r.randint(30, 120)),
                      outcome=r.choice(("positive", "positive", "neutral", "negative")),
                      notes=r.choice(names.VISIT_NOTES))
    else:
        start = gen.when(r.randint(0, 14), r.randint(9, 16))
        values.update(status="planned", planned_start=start,
                      planned_end=start + timedelta(hours=1))
    values["created_at"] = min(gen.now, values["planned_start"]) - timedelta(days=3)
    return values


def _opportunity(gen: _Generator, account_id: str, owner: str, account: str) -> dict[str, Any]:
    r = gen.rng
    stage = r.choice(list(OpportunityStage))
    close = gen.today + timedelta(days=-r.randint(5, 200) if stage.is_closed else r.randint(7, 180))
    return {"id": gen.ids.next(), "account_id": account_id, "owner_id": owner,
            "name": f"{account[:40]} · {r.choice(names.PRODUCTS)}", "stage": str(stage),
            "amount_cents": r.randint(50, 5000) * 1_000 * 100, "currency": "CNY",
            "probability": STAGE_PROBABILITY[stage], "expected_close": close, "notes": None,
            "created_at": gen.now - timedelta(days=r.randint(10, 300))}


def _task(gen: _Generator, account_id: str | None, owner: str, title: str) -> dict[str, Any]:
    r = gen.rng
    done = r.random() < 0.3
    due = gen.today + timedelta(days=r.randint(-10, 14))
    return {"id": gen.ids.next(), "account_id": account_id, "visit_id": None,
            "opportunity_id": None, "owner_id": owner, "title": title, "due_date": due,
            "status": "done" if done else "open", "priority": r.choice(("low", "normal", "high")),
            "completed_at": gen.when(-1, 17) if done else None, "notes": None,
            "created_at": gen.now - timedelta(days=r.randint(1, 30))}


def seed_demo(target: Session | Engine, *, seed: int = 42, accounts: int = 200,
              passwords: Passwords | None = None, clock: Clock | None = None,
              today: date | None = None, **sizes: int) -> dict[str, int]:
    """Write the demo cast and generated rows with their change-log entries (Core, bulk).

    With an Engine the seed commits on its own; with a Session the caller commits.
    Raises DemoAlreadySeeded (and changes nothing) when demo users or accounts exist.
    """
    if isinstance(target, Engine):
        with target.begin() as connection:
            return _seed(connection, seed, accounts, passwords, clock, today, sizes)
    return _seed(target.connection(), seed, accounts, passwords, clock, today, sizes)


def _seed(conn: Connection, seed: int, accounts: int, passwords: Passwords | None,
          clock: Clock | None, today: date | None, sizes: dict[str, int]) -> dict[str, int]:
    usernames = [u.username for u in DEMO_USERS]
    if conn.scalar(select(User.id).where(User.username.in_(usernames)).limit(1)) or \
            conn.scalar(select(Account.id).limit(1)):
        raise DemoAlreadySeeded("This database already holds data; the demo was not seeded "
                                "again (use a fresh database).")
    changelog.lock_positions(conn)
    clock = clock or Clock("server")
    writer = _BulkWriter(conn, clock.now())
    for entity, values in generate(seed, accounts, today=today, **sizes):
        writer.add(entity, values)
    writer.flush()
    writer.counts["cadence_rule"] += ensure_default_cadence(conn, clock)
    # The generated tiers are a first guess; the Pareto rule decides (logged as updates).
    recompute_tiers(conn, clock, today or datetime.now(UTC).date())
    _seed_access(conn, writer.user_ids, writer.territory_ids,
                 passwords or Passwords(PasswordCost()))
    return dict(writer.counts)


class _BulkWriter:
    """Buffers generated rows and writes them, parents first, with one executemany each."""

    def __init__(self, conn: Connection, hlc: str) -> None:
        self.conn, self.hlc = conn, hlc
        self.buffer: dict[str, list[tuple[dict[str, Any], Placement]]] = defaultdict(list)
        self.pending = 0
        self.counts: Counter[str] = Counter()
        self.account_territory: dict[str, str] = {}
        self.user_ids: dict[str, str] = {}
        self.territory_ids: dict[str, str] = {}

    def add(self, entity: str, values: dict[str, Any]) -> None:
        self.buffer[entity].append((values, self._placement(entity, values)))
        self.pending += 1
        if self.pending >= CHUNK:
            self.flush()

    def _placement(self, entity: str, values: dict[str, Any]) -> Placement:
        if entity == "territory":
            self.territory_ids[values["name"]] = values["id"]
            return Placement(None, None, everyone=True)
        if entity == "user":
            self.user_ids[values["username"]] = values["id"]
            return Placement(None, None, everyone=True)
        if entity == "account":
            self.account_territory[values["id"]] = values["territory_id"]
            return Placement(values["territory_id"], values["owner_id"])
        account_id = values.get("account_id")
        territory = self.account_territory[account_id] if account_id else None
        return Placement(territory, values.get("owner_id"))

    def flush(self) -> None:
        for entity in APPLY_ORDER:
            batch = self.buffer.pop(entity, [])
            if not batch:
                continue
            spec = ENTITIES[entity]
            # Seeded fields carry no clock: like a field never written, the first edit applies.
            rows = [{**row_values(spec, v), "id": v["id"], "clocks": {}, "deleted": False}
                    for v, _ in batch]
            self.conn.execute(spec.table.insert(), rows)
            changelog.append(self.conn, [changelog.entry_for(spec, row, where, hlc=self.hlc)
                                         for row, (_, where) in zip(rows, batch, strict=True)])
            self.counts[entity] += len(rows)
        self.pending = 0


def _seed_access(conn: Connection, user_ids: dict[str, str], territory_ids: dict[str, str],
                 passwords: Passwords) -> None:
    password_hash = passwords.hash(DEMO_PASSWORD)  # one hash: every demo user shares it
    conn.execute(credentials.insert(), [{"user_id": user_ids[u.username],
                                         "password_hash": password_hash} for u in DEMO_USERS])
    conn.execute(memberships.insert(), [
        {"user_id": user_ids[u.username], "territory_id": territory_ids[t]}
        for u in DEMO_USERS for t in u.territories])
