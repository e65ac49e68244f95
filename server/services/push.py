"""Apply a device's push batch in one transaction: dedupe, check, merge, log, advance last_mid."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import BigInteger, bindparam, func, text, update
from sqlalchemy.orm import Session

from server.driver_sql import DriverStatement
from server.errors import ApiError
from server.services import changelog, conflicts, evictions
from server.services.auth import DeviceSession, utcnow
from server.services.cadence_rules import check_one_rule_per_tier
from server.services.conflicts import Author, Race
from server.services.mutations import Mutation, batch_of, parse_mutation
from server.services.rows import NeedsExclusive, Row, RowStore
from server.services.scope import Placement, Viewer, can_see, placement, placement_fields
from server.services.tiering import affects_tiers, recompute_tiers
from server.tables import devices
from shared import hlc as hlcs
from shared.hlc import Clock
from shared.models import APPLY_ORDER, ENTITIES, EntitySpec, Scope
from shared.models.base import MergePolicy
from shared.rules.validation import RULE_FIELDS, validate
from shared.sync.codec import encode_value
from shared.sync.merge import Incoming, Overridden, bound_clock, merge_field
from shared.sync.protocol import ErrorCode, MutationStatus, Op


@dataclass(frozen=True)
class PushContext:
    clock: Clock
    max_batch: int
    max_skew_ms: int
    now_ms: Callable[[], int]

    def today(self) -> date:
        """The server's date (UTC), for rules that depend on the day."""
        return datetime.fromtimestamp(self.now_ms() / 1000, UTC).date()


class PushResult(NamedTuple):
    mid: int
    status: MutationStatus


@dataclass(frozen=True)
class PushReply:
    results: list[PushResult]
    last_mid: int
    server_hlc: str


@dataclass
class _Batch:
    """What one push has read and written so far (entries go to the change log at the end)."""

    store: RowStore
    ctx: PushContext
    viewer: Viewer
    author: Author
    last_pulled_pos: int  # what the device had applied; later evictions grant grace
    entries: list[dict[str, Any]] = field(default_factory=list)
    tiers_affected: bool = False  # a won deal or a hand-set tier changed: recompute tiers
    unseen: str | None = None  # the latest mutation clock the server clock has not received
    logged_at: datetime = field(default_factory=utcnow)  # the entries' created_at: one transaction

    def saw(self, hlc: str) -> None:
        """A mutation's clock: received (once, the latest) before the server's next reading."""
        if self.unseen is None or hlc > self.unseen:
            self.unseen = hlc

    def clock(self) -> Clock:
        """The server clock, past every mutation clock of the batch so far."""
        if self.unseen is not None:
            self.ctx.clock.receive(self.unseen)
            self.unseen = None
        return self.ctx.clock

    @property
    def session(self) -> Session:
        return self.store.session

    def where(self, spec: EntitySpec, row: Row) -> Placement:
        return placement(self.session, spec, row, self.store.lookup)

    def exclusive_only(self, why: str) -> None:
        """Rows beyond this push's own are involved: redo it as the only writer."""
        if self.store.shared:
            raise NeedsExclusive(why)


def push(session: Session, device: DeviceSession, body: Any, ctx: PushContext, *,
         exclusive: bool = False, pulled: int | None = None) -> PushReply:
    """The whole push algorithm; *device* was read with its row locked.

    *pulled*: the ``after`` of the page the device asks for with this push (what it has
    applied), recorded with its last mid.

    On PostgreSQL an ordinary push runs beside others: it holds the writers lock shared
    and locks the rows it targets; only its change-log insert is serialised. A push that
    must read or change more (moves, grace, tiers, cadence rules) raises NeedsExclusive
    when run that way, and is run again with *exclusive* (the store-wide writer lock).
    """
    raw = batch_of(body, ctx.max_batch)
    fresh = [item for item in raw if item["mid"] > device.last_mid]
    shared = not exclusive and _may_share(session, fresh)
    if shared:
        changelog.share_writers(session)
    else:
        changelog.lock_positions(session)  # one writer at a time: reads below stay current
    store = RowStore(session, shared=shared)
    _prefetch(store, fresh, device.user_id)
    batch = _Batch(store, ctx, device.viewer(),
                   Author(device.user_id, device.device_id), device.last_pulled_pos)
    results: list[PushResult] = []
    for item in raw:
        if item["mid"] <= device.last_mid:
            results.append(PushResult(item["mid"], MutationStatus.DUPLICATE))
            continue
        mutation = _clamped(parse_mutation(item), ctx)
        batch.saw(mutation.hlc)
        results.append(PushResult(mutation.mid, _apply(batch, mutation)))
    if batch.tiers_affected:
        batch.exclusive_only("tiers")
    last_mid = max([device.last_mid, *(int(i["mid"]) for i in raw)])
    store.flush()
    # Positions as late as possible: the lock is taken with the device's update.
    locking = shared and bool(batch.entries)
    (_DEVICE_DONE_LOCKING if locking else _DEVICE_DONE).execute(
        session, {"device_id": device.device_id, "last_mid": last_mid, "seen": utcnow(),
                  "pulled": pulled, "key": changelog.ADVISORY_LOCK_KEY})
    changelog.append(session, batch.entries, held=True)  # shared: just taken; else: held
    clock = batch.clock()
    if batch.tiers_affected:  # same transaction: every device pulls the new tiers with it
        recompute_tiers(session, clock, ctx.today())
    return PushReply(results, last_mid, clock.now())


_DEVICE_DONE = DriverStatement(
    update(devices).where(devices.c.id == bindparam("device_id"))
    .values(last_mid=bindparam("last_mid"), last_seen_at=bindparam("seen"),
            last_pulled_pos=func.coalesce(bindparam("pulled", type_=BigInteger),
                                          devices.c.last_pulled_pos)))
# The same, taking the change-log position lock in the same round trip (PostgreSQL).
_DEVICE_DONE_LOCKING = DriverStatement(text(
    "WITH positions AS (SELECT pg_advisory_xact_lock(:key)) "
    "UPDATE devices SET last_mid = :last_mid, last_seen_at = :seen, "
    "last_pulled_pos = COALESCE(CAST(:pulled AS BIGINT), devices.last_pulled_pos) "
    "FROM positions WHERE devices.id = :device_id"))


def _may_share(session: Session, fresh: list[dict[str, Any]]) -> bool:
    """Whether this push may run beside others (PostgreSQL; no cadence rules)."""
    if session.get_bind().dialect.name != "postgresql":
        return False  # SQLite: one writer at a time anyway
    return all(item.get("entity") != "cadence_rule" for item in fresh)


def _prefetch(store: RowStore, fresh: list[dict[str, Any]], user_id: str) -> None:
    """Load every row the batch targets (locked), then the parents its fields name
    (but the pushing user: authentication has just read that row).

    Locks are taken entity by entity in one fixed order, ids sorted, so concurrent
    pushes never wait on each other in a cycle. Malformed items are skipped here; the
    main loop rejects them in order.
    """
    targets: dict[str, set[str]] = {}
    parents: dict[str, set[str]] = {}
    for item in fresh:
        spec = ENTITIES.get(item.get("entity"))  # type: ignore[arg-type]
        row_id, values = item.get("id"), item.get("fields")
        if spec is None or not isinstance(row_id, str):
            continue
        targets.setdefault(spec.name, set()).add(row_id)
        if isinstance(values, dict):
            for name, parent in spec.parents.items():
                value = values.get(name)
                if isinstance(value, str) and not (parent == "user" and value == user_id):
                    parents.setdefault(parent, set()).add(value)
    for entity in APPLY_ORDER:
        if entity in targets:
            store.load(entity, targets[entity], lock=True)
    for entity in APPLY_ORDER:
        if entity in parents:
            store.load(entity, parents[entity])
    accounts = {row["account_id"] for name, ids in targets.items()
                if ENTITIES[name].scope is Scope.ACCOUNT
                for row_id in ids if (row := store.get(name, row_id)) is not None}
    if accounts - {None}:
        store.load("account", accounts - {None})


def _clamped(mutation: Mutation, ctx: PushContext) -> Mutation:
    """Bound a clock running ahead of the server's to now + the allowed skew."""
    wall_ms = int(mutation.hlc[:hlcs.WALL_DIGITS])  # a valid clock: its wall time
    wall = bound_clock(wall_ms, ctx.now_ms(), ctx.max_skew_ms)
    if wall == wall_ms:
        return mutation
    ts = hlcs.parse(mutation.hlc)
    return mutation._replace(hlc=hlcs.Timestamp(wall, ts.counter, ts.node).encode())


def _apply(batch: _Batch, m: Mutation) -> MutationStatus:
    store, spec = batch.store, m.spec
    if not spec.may_write(batch.viewer.role):
        raise ApiError(403, ErrorCode.FORBIDDEN, _writers_only(spec), mid=m.mid)
    row = store.get(spec.name, m.row_id)
    if row is None and m.op is Op.DELETE:
        raise ApiError(404, ErrorCode.NOT_FOUND, f"no {spec.name} {m.row_id}", mid=m.mid)
    if row is None and not spec.client_creates:
        raise ApiError(403, ErrorCode.FORBIDDEN, f"devices cannot create a {spec.name}",
                       mid=m.mid)
    if m.op is Op.DELETE and not spec.client_deletes:
        raise ApiError(403, ErrorCode.FORBIDDEN, f"devices cannot delete a {spec.name}",
                       mid=m.mid)
    before = batch.where(spec, row) if row is not None else None
    graced = _grace(batch, spec, row, m) if row is not None and before is not None \
        and not can_see(batch.viewer, before) else None
    is_new = row is None
    row = row if row is not None else _new_row(spec, m.row_id)
    clocks_before = row["clocks"] or {}  # (the merge gives the row new clocks, not edited ones)
    old, races = (_delete(spec, row, m) if m.op is Op.DELETE else _upsert(spec, row, m))
    _check_parents(batch, spec, row, m, is_new)
    where, graced = _check_scope(batch, spec, row, m, before, graced)
    _check_valid(spec, row, m, is_new)
    if spec.name == "cadence_rule":
        store.flush()  # the check reads the other rules as stored
        check_one_rule_per_tier(batch.session, row, m.mid)
    changed = bool(old) or row["clocks"] != clocks_before
    if is_new:
        store.add(spec.name, row)
    elif changed:
        store.changed(spec.name, row, [*old, "clocks"])
    if not (changed or races or is_new):
        return MutationStatus.APPLIED  # nothing changed (a replayed write)
    batch.tiers_affected = batch.tiers_affected or affects_tiers(spec.name, old, row)
    batch.entries.append(changelog.entry_for(
        spec, row, where, hlc=m.hlc, old=old, user_id=batch.author.user_id,
        device_id=batch.author.device_id, created_at=batch.logged_at))
    if before is not None and before.territory_id != where.territory_id:
        batch.exclusive_only("a record changes territory")
        batch.entries += evictions.move_records(
            store, spec, row, left=before.territory_id, moved_to=where.territory_id,
            hlc=m.hlc, author=batch.author)
    for race in races:
        batch.entries.append(conflicts.record(store, race, batch.author, where,
                                              batch.clock().now()))
    if graced is not None:  # the device still holds the row: tell it again, after its write
        batch.entries.append(changelog.eviction_for(
            spec.name, row["id"], left=graced, moved_to=where.territory_id, hlc=m.hlc,
            user_id=batch.author.user_id, device_id=batch.author.device_id))
    return MutationStatus.CONFLICT if races else MutationStatus.APPLIED


def _writers_only(spec: EntitySpec) -> str:
    roles = " or ".join(sorted(spec.writer_roles or ()))
    return f"Only {roles} users can change {spec.name.replace('_', ' ')} records."


def _new_row(spec: EntitySpec, row_id: str) -> Row:
    fixed, made = _defaults(spec.name)
    return {"id": row_id, "clocks": {}, "deleted": False, **fixed,
            **{name: spec.default_of(name) for name in made}}


@cache
def _defaults(entity: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    """``spec.default_values()`` split in two: the constant defaults (computed once), and
    the fields whose default is made afresh for every row (a new list)."""
    spec = ENTITIES[entity]
    made = tuple(name for name in spec.fields
                 if (default := spec.table.columns[name].default) is not None
                 and default.is_callable)
    return {name: spec.default_of(name) for name in spec.fields if name not in made}, made


def _upsert(spec: EntitySpec, row: Row, m: Mutation) -> tuple[dict[str, Any], list[Race]]:
    """Merge each field; an edit of a tombstone restores the row (a conflict when concurrent)."""
    clocks = dict(row["clocks"] or {})
    old: dict[str, Any] = {}
    races: list[Race] = []
    if row["deleted"]:
        restored = max(m.hlc, clocks.get("deleted") or m.hlc)
        if m.base.get("deleted") != clocks.get("deleted"):
            races.append(Race(spec.name, row["id"], "deleted", MergePolicy.LWW, Overridden(
                False, restored, True, clocks.get("deleted") or restored,
                incoming_lost=False)))
        old["deleted"] = True
        row["deleted"], clocks["deleted"] = False, restored
    hlc, base, policies = m.hlc, m.base, spec.policies
    for name, value in m.fields.items():
        stored = row[name]
        policy = policies[name]
        result = merge_field(policy, stored, clocks.get(name), Incoming(value, hlc, base.get(name)))
        if result.changed:
            if result.value != stored:
                old[name] = encode_value(stored)
                row[name] = result.value
            clocks[name] = result.hlc
        if result.conflict is not None:
            races.append(Race(spec.name, row["id"], name, policy, result.conflict))
    row["clocks"] = clocks
    return old, races


def _delete(spec: EntitySpec, row: Row, m: Mutation) -> tuple[dict[str, Any], list[Race]]:
    """Tombstone the row, unless someone edited a field the deleter had seen meanwhile."""
    clocks = dict(row["clocks"] or {})
    if row["deleted"]:
        return {}, []
    edited = [clocks[name] for name, seen in m.base.items()
              if name != "deleted" and clocks.get(name) not in (None, seen)]
    if edited:  # an edit concurrent with the delete keeps the record alive
        return {}, [Race(spec.name, row["id"], "deleted", MergePolicy.LWW, Overridden(
            False, max(edited), True, m.hlc, incoming_lost=True))]
    result = merge_field(MergePolicy.LWW, False, clocks.get("deleted"),
                         Incoming(True, m.hlc, m.base.get("deleted")))
    races: list[Race] = []
    if result.conflict is not None:
        races.append(Race(spec.name, row["id"], "deleted", MergePolicy.LWW, result.conflict))
    if not result.changed:
        return {}, races
    row["deleted"] = bool(result.value)
    clocks["deleted"] = result.hlc
    row["clocks"] = clocks
    return ({"deleted": False} if row["deleted"] else {}), races


def _grace(batch: _Batch, spec: EntitySpec, row: Row, m: Mutation) -> str | None:
    """The territory the row (or its account) left unbeknown to the device; else 403.

    A device that has not pulled the eviction yet may still have been editing the row
    (or adding records under its account): its writes are accepted and attributed to it.
    """
    batch.exclusive_only("grace reads the eviction log")
    keys = [(spec.name, row["id"])]
    account_id = row.get("account_id") if spec.scope is Scope.ACCOUNT else None
    if account_id:
        keys.append(("account", account_id))
    left = evictions.pending_eviction(batch.session, batch.viewer, batch.last_pulled_pos, keys)
    if left is None:
        raise ApiError(403, ErrorCode.OUT_OF_SCOPE,
                       f"this {spec.name} is outside your territories", mid=m.mid)
    return left


def _check_scope(batch: _Batch, spec: EntitySpec, row: Row, m: Mutation,
                 before: Placement | None, graced: str | None) -> tuple[Placement, str | None]:
    """The merged row must be in scope, or (under grace) stay where it already was.

    Returns where the merged row sits, and the grace (the territory it left, if any).
    """
    # None of the fields that place the row changed: it is where it was (saves a lookup).
    where = before if before is not None and placement_fields(spec.name).isdisjoint(m.fields) \
        else batch.where(spec, row)
    if graced is None and not can_see(batch.viewer, where):
        if before is not None:  # a visible row may not be moved out of the user's scope
            raise ApiError(403, ErrorCode.OUT_OF_SCOPE,
                           f"this {spec.name} is outside your territories", mid=m.mid)
        return where, _grace(batch, spec, row, m)  # a new record under an account that left
    if graced is not None and before is not None and where.territory_id != before.territory_id:
        raise ApiError(403, ErrorCode.OUT_OF_SCOPE,
                       f"this {spec.name} is outside your territories", mid=m.mid)
    return where, graced


def _check_parents(batch: _Batch, spec: EntitySpec, row: Row, m: Mutation,
                   is_new: bool) -> None:
    """Referenced rows must exist; a tombstoned parent is revived so no child is orphaned."""
    for name, parent_entity in spec.parents.items():
        value = row[name]
        if value is None or value == row["id"] or not (is_new or name in m.fields):
            continue
        if parent_entity == "user" and value == batch.viewer.user_id:
            continue  # the pusher: authenticated just now, and users are never tombstoned
        parent_spec = ENTITIES[parent_entity]
        parent = batch.store.get(parent_entity, value)
        if parent is None:
            raise ApiError(422, ErrorCode.MISSING_PARENT,
                           f"{spec.name}.{name} refers to a {parent_entity} that does not exist",
                           mid=m.mid, field=name)
        if parent["deleted"] and parent_spec.client_deletes:
            _revive(batch, parent_spec, parent)


def _revive(batch: _Batch, spec: EntitySpec, parent: Row) -> None:
    clocks = dict(parent["clocks"] or {})
    hlc = batch.clock().now()
    race = Race(spec.name, parent["id"], "deleted", MergePolicy.LWW, Overridden(
        False, hlc, True, str(clocks.get("deleted") or hlc), incoming_lost=False))
    parent["deleted"], clocks["deleted"] = False, hlc
    parent["clocks"] = clocks
    batch.store.changed(spec.name, parent, ["deleted", "clocks"])
    where = batch.where(spec, parent)
    batch.entries.append(changelog.entry_for(spec, parent, where, hlc=hlc,
                                             old={"deleted": True},
                                             user_id=batch.author.user_id,
                                             device_id=batch.author.device_id))
    batch.entries.append(conflicts.record(batch.store, race, batch.author, where, hlc))


def _check_valid(spec: EntitySpec, row: Row, m: Mutation, is_new: bool) -> None:
    if not is_new and RULE_FIELDS[spec.name].isdisjoint(m.fields):
        return  # the stored row passed the rules, and nothing they read has changed
    problems = validate(spec.name, row)  # (the rules read the id and the data fields)
    if problems:
        first = problems[0]
        raise ApiError(422, ErrorCode.VALIDATION_FAILED, first.message, mid=m.mid,
                       field=first.field)
