"""Apply a device's push batch in one transaction: dedupe, check, merge, log, advance last_mid."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from server.errors import ApiError
from server.services import changelog, conflicts, evictions
from server.services.auth import DeviceSession, utcnow
from server.services.cadence_rules import check_one_rule_per_tier
from server.services.conflicts import Author, Race
from server.services.mutations import Mutation, batch_of, parse_mutation
from server.services.scope import Placement, Viewer, can_see, placement, viewer_for
from server.services.tiering import affects_tiers, recompute_tiers
from server.tables import devices
from shared import hlc as hlcs
from shared.hlc import Clock
from shared.models import ENTITIES, EntitySpec, Scope
from shared.models.base import MergePolicy
from shared.rules.validation import validate
from shared.sync.codec import encode_value, row_values
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


@dataclass(frozen=True)
class PushResult:
    mid: int
    status: MutationStatus


@dataclass(frozen=True)
class PushReply:
    results: list[PushResult]
    last_mid: int
    server_hlc: str


@dataclass
class _Batch:
    """What one push has written so far (entries go to the change log at the end)."""

    session: Session
    ctx: PushContext
    viewer: Viewer
    author: Author
    last_pulled_pos: int  # what the device had applied; later evictions grant grace
    entries: list[dict[str, Any]] = field(default_factory=list)
    tiers_affected: bool = False  # a won deal or a hand-set tier changed: recompute tiers


def push(session: Session, device: DeviceSession, body: Any, ctx: PushContext) -> PushReply:
    """The whole push algorithm; *device* was read with its row locked."""
    raw = batch_of(body, ctx.max_batch)
    changelog.lock_positions(session)  # one writer at a time: reads below stay current
    batch = _Batch(session, ctx, viewer_for(session, device.user_id),
                   Author(device.user_id, device.device_id), device.last_pulled_pos)
    results: list[PushResult] = []
    for item in raw:
        if item["mid"] <= device.last_mid:
            results.append(PushResult(item["mid"], MutationStatus.DUPLICATE))
            continue
        mutation = _clamped(parse_mutation(item), ctx)
        ctx.clock.receive(mutation.hlc)
        results.append(PushResult(mutation.mid, _apply(batch, mutation)))
    last_mid = max([device.last_mid, *(int(i["mid"]) for i in raw)])
    session.execute(update(devices).where(devices.c.id == device.device_id)
                    .values(last_mid=last_mid, last_seen_at=utcnow()))
    changelog.append(session, batch.entries)
    if batch.tiers_affected:  # same transaction: every device pulls the new tiers with it
        recompute_tiers(session, ctx.clock, ctx.today())
    return PushReply(results, last_mid, ctx.clock.now())


def _clamped(mutation: Mutation, ctx: PushContext) -> Mutation:
    """Bound a clock running ahead of the server's to now + the allowed skew."""
    ts = hlcs.parse(mutation.hlc)
    wall = bound_clock(ts.wall_ms, ctx.now_ms(), ctx.max_skew_ms)
    if wall == ts.wall_ms:
        return mutation
    bounded = hlcs.Timestamp(wall, ts.counter, ts.node).encode()
    return Mutation(mutation.mid, mutation.spec, mutation.row_id, mutation.op,
                    mutation.fields, mutation.base, bounded)


def _apply(batch: _Batch, m: Mutation) -> MutationStatus:
    session, spec = batch.session, m.spec
    if not spec.may_write(batch.viewer.role):
        raise ApiError(403, ErrorCode.FORBIDDEN, _writers_only(spec), mid=m.mid)
    with session.no_autoflush:
        row: Any = session.get(spec.model, m.row_id)
        if row is None and m.op is Op.DELETE:
            raise ApiError(404, ErrorCode.NOT_FOUND, f"no {spec.name} {m.row_id}", mid=m.mid)
        if row is None and not spec.client_creates:
            raise ApiError(403, ErrorCode.FORBIDDEN, f"devices cannot create a {spec.name}",
                           mid=m.mid)
        if m.op is Op.DELETE and not spec.client_deletes:
            raise ApiError(403, ErrorCode.FORBIDDEN, f"devices cannot delete a {spec.name}",
                           mid=m.mid)
        before = placement(session, spec, row_values(spec, row)) if row is not None else None
        graced = _grace(batch, spec, row, m) if before and not can_see(batch.viewer, before) \
            else None
        is_new = row is None
        row = row if row is not None else _new_row(spec, m.row_id)
        clocks_before = dict(row.clocks or {})
        old, races = (_delete(row, m) if m.op is Op.DELETE else _upsert(spec, row, m))
        _check_parents(batch, spec, row, m, is_new)
        graced = _check_scope(batch, spec, row, m, before, graced)
        _check_valid(spec, row, m)
        if spec.name == "cadence_rule":
            check_one_rule_per_tier(session, row, m.mid)
    if is_new:
        session.add(row)
    session.flush()
    if not (old or races or is_new or row.clocks != clocks_before):
        return MutationStatus.APPLIED  # nothing changed (a replayed write)
    batch.tiers_affected = batch.tiers_affected or affects_tiers(spec.name, old, row)
    where = placement(session, spec, row_values(spec, row))
    batch.entries.append(changelog.entry_for(
        spec, row, where, hlc=m.hlc, old=old, user_id=batch.author.user_id,
        device_id=batch.author.device_id))
    if before is not None and before.territory_id != where.territory_id:
        batch.entries += evictions.move_records(
            session, spec, row, left=before.territory_id, moved_to=where.territory_id,
            hlc=m.hlc, author=batch.author)
    for race in races:
        batch.entries.append(conflicts.record(session, race, batch.author, where,
                                              batch.ctx.clock.now()))
    if graced is not None:  # the device still holds the row: tell it again, after its write
        batch.entries.append(changelog.eviction_for(
            spec.name, row.id, left=graced, moved_to=where.territory_id, hlc=m.hlc,
            user_id=batch.author.user_id, device_id=batch.author.device_id))
    return MutationStatus.CONFLICT if races else MutationStatus.APPLIED


def _writers_only(spec: EntitySpec) -> str:
    roles = " or ".join(sorted(spec.writer_roles or ()))
    return f"Only {roles} users can change {spec.name.replace('_', ' ')} records."


def _new_row(spec: EntitySpec, row_id: str) -> Any:
    return spec.model(id=row_id, clocks={}, deleted=False, **spec.default_values())


def _upsert(spec: EntitySpec, row: Any, m: Mutation) -> tuple[dict[str, Any], list[Race]]:
    """Merge each field; an edit of a tombstone restores the row (a conflict when concurrent)."""
    clocks = dict(row.clocks or {})
    old: dict[str, Any] = {}
    races: list[Race] = []
    if row.deleted:
        restored = max(m.hlc, clocks.get("deleted") or m.hlc)
        if m.base.get("deleted") != clocks.get("deleted"):
            races.append(Race(spec.name, row.id, "deleted", MergePolicy.LWW, Overridden(
                False, restored, True, clocks.get("deleted") or restored,
                incoming_lost=False)))
        old["deleted"] = True
        row.deleted, clocks["deleted"] = False, restored
    for name, value in m.fields.items():
        stored = getattr(row, name)
        policy = spec.policies[name]
        result = merge_field(policy, stored, clocks.get(name),
                             Incoming(value, m.hlc, m.base.get(name)))
        if result.changed:
            if result.value != stored:
                old[name] = encode_value(stored)
                setattr(row, name, result.value)
            clocks[name] = result.hlc
        if result.conflict is not None:
            races.append(Race(spec.name, row.id, name, policy, result.conflict))
    row.clocks = clocks
    return old, races


def _delete(row: Any, m: Mutation) -> tuple[dict[str, Any], list[Race]]:
    """Tombstone the row, unless someone edited a field the deleter had seen meanwhile."""
    clocks = dict(row.clocks or {})
    if row.deleted:
        return {}, []
    edited = [clocks[name] for name, seen in m.base.items()
              if name != "deleted" and clocks.get(name) not in (None, seen)]
    if edited:  # an edit concurrent with the delete keeps the record alive
        return {}, [Race(m.spec.name, row.id, "deleted", MergePolicy.LWW, Overridden(
            False, max(edited), True, m.hlc, incoming_lost=True))]
    result = merge_field(MergePolicy.LWW, False, clocks.get("deleted"),
                         Incoming(True, m.hlc, m.base.get("deleted")))
    races: list[Race] = []
    if result.conflict is not None:
        races.append(Race(m.spec.name, row.id, "deleted", MergePolicy.LWW, result.conflict))
    if not result.changed:
        return {}, races
    row.deleted = bool(result.value)
    clocks["deleted"] = result.hlc
    row.clocks = clocks
    return ({"deleted": False} if row.deleted else {}), races


def _grace(batch: _Batch, spec: EntitySpec, row: Any, m: Mutation) -> str | None:
    """The territory the row (or its account) left unbeknown to the device; else 403.

    A device that has not pulled the eviction yet may still have been editing the row
    (or adding records under its account): its writes are accepted and attributed to it.
    """
    keys = [(spec.name, row.id)]
    account_id = getattr(row, "account_id", None) if spec.scope is Scope.ACCOUNT else None
    if account_id:
        keys.append(("account", account_id))
    left = evictions.pending_eviction(batch.session, batch.viewer, batch.last_pulled_pos, keys)
    if left is None:
        raise ApiError(403, ErrorCode.OUT_OF_SCOPE,
                       f"this {spec.name} is outside your territories", mid=m.mid)
    return left


def _check_scope(batch: _Batch, spec: EntitySpec, row: Any, m: Mutation,
                 before: Placement | None, graced: str | None) -> str | None:
    """The merged row must be in scope, or (under grace) stay where it already was."""
    where = placement(batch.session, spec, row_values(spec, row))
    if graced is None and not can_see(batch.viewer, where):
        if before is not None:  # a visible row may not be moved out of the user's scope
            raise ApiError(403, ErrorCode.OUT_OF_SCOPE,
                           f"this {spec.name} is outside your territories", mid=m.mid)
        return _grace(batch, spec, row, m)  # a new record under an account that just left
    if graced is not None and before is not None and where.territory_id != before.territory_id:
        raise ApiError(403, ErrorCode.OUT_OF_SCOPE,
                       f"this {spec.name} is outside your territories", mid=m.mid)
    return graced


def _check_parents(batch: _Batch, spec: EntitySpec, row: Any, m: Mutation,
                   is_new: bool) -> None:
    """Referenced rows must exist; a tombstoned parent is revived so no child is orphaned."""
    for name, parent_entity in spec.parents.items():
        value = getattr(row, name)
        if value is None or value == row.id or not (is_new or name in m.fields):
            continue
        parent_spec = ENTITIES[parent_entity]
        parent: Any = batch.session.get(parent_spec.model, value)
        if parent is None:
            raise ApiError(422, ErrorCode.MISSING_PARENT,
                           f"{spec.name}.{name} refers to a {parent_entity} that does not exist",
                           mid=m.mid, field=name)
        if parent.deleted and parent_spec.client_deletes:
            _revive(batch, parent_spec, parent)


def _revive(batch: _Batch, spec: EntitySpec, parent: Any) -> None:
    clocks = dict(parent.clocks or {})
    hlc = batch.ctx.clock.now()
    race = Race(spec.name, parent.id, "deleted", MergePolicy.LWW, Overridden(
        False, hlc, True, str(clocks.get("deleted") or hlc), incoming_lost=False))
    parent.deleted, clocks["deleted"] = False, hlc
    parent.clocks = clocks
    where = placement(batch.session, spec, row_values(spec, parent))
    batch.entries.append(changelog.entry_for(spec, parent, where, hlc=hlc,
                                             old={"deleted": True},
                                             user_id=batch.author.user_id,
                                             device_id=batch.author.device_id))
    batch.entries.append(conflicts.record(batch.session, race, batch.author, where, hlc))


def _check_valid(spec: EntitySpec, row: Any, m: Mutation) -> None:
    problems = validate(spec.name, {"id": row.id, **row_values(spec, row)})
    if problems:
        first = problems[0]
        raise ApiError(422, ErrorCode.VALIDATION_FAILED, first.message, mid=m.mid,
                       field=first.field)
