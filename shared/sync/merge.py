"""Field-level merge of one incoming write against the stored value (pure, no I/O).

A write carries the HLC it was made at and the HLC of the value its author had seen
(``base``). If the stored clock equals the base, the author saw the current value and
the write simply applies. Otherwise the two writes were concurrent and the field's
declared MergePolicy decides; the overridden value is always returned as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from shared.models.base import MergePolicy


# Incoming and FieldResult are named tuples: a push makes one of each for every field it
# writes, and a frozen dataclass costs twice as much to make.
class Incoming(NamedTuple):
    value: Any
    hlc: str
    base: str | None  # clock of the value the writer last saw; None for never seen


@dataclass(frozen=True)
class Overridden:
    """The losing side of a race (kept in a conflict record)."""

    winning_value: Any
    winning_hlc: str
    losing_value: Any
    losing_hlc: str
    incoming_lost: bool  # True: the incoming write lost; False: the stored value lost


class FieldResult(NamedTuple):
    value: Any
    hlc: str
    changed: bool
    conflict: Overridden | None = None


def merge_field(policy: MergePolicy, stored: Any, stored_hlc: str | None,
                incoming: Incoming) -> FieldResult:
    """Resolve *incoming* against the stored value and clock of one field."""
    if stored_hlc is None or incoming.base == stored_hlc:
        hlc = max(incoming.hlc, stored_hlc) if stored_hlc else incoming.hlc
        return FieldResult(incoming.value, hlc, changed=True)
    if incoming.hlc == stored_hlc:  # the same write again (idempotent replay)
        return FieldResult(stored, stored_hlc, changed=False)
    if incoming.value == stored:  # both sides agree: no conflict, keep the later clock
        hlc = max(incoming.hlc, stored_hlc)
        return FieldResult(stored, hlc, changed=hlc != stored_hlc)
    if policy is MergePolicy.SERVER_WINS:
        return FieldResult(stored, stored_hlc, changed=False, conflict=Overridden(
            stored, stored_hlc, incoming.value, incoming.hlc, incoming_lost=True))
    if policy is MergePolicy.APPEND and isinstance(incoming.value, str) and (
            stored is None or isinstance(stored, str)):
        merged = append_texts(stored, incoming.value)
        hlc = max(incoming.hlc, stored_hlc)
        # The kept side is the stored text: its clock (not the merged one) names its author.
        return FieldResult(merged, hlc, changed=merged != stored, conflict=Overridden(
            merged, stored_hlc, incoming.value, incoming.hlc, incoming_lost=True))
    if incoming.hlc > stored_hlc:
        return FieldResult(incoming.value, incoming.hlc, changed=True, conflict=Overridden(
            incoming.value, incoming.hlc, stored, stored_hlc, incoming_lost=False))
    return FieldResult(stored, stored_hlc, changed=False, conflict=Overridden(
        stored, stored_hlc, incoming.value, incoming.hlc, incoming_lost=True))


def append_texts(stored: str | None, incoming: str) -> str:
    """Keep both texts: the stored one, then what the incoming one adds beyond the shared start."""
    if not stored:
        return incoming
    if incoming in stored:
        return stored
    if stored in incoming and incoming.startswith(stored):
        return incoming
    common = 0
    for a, b in zip(stored, incoming, strict=False):
        if a != b:
            break
        common += 1
    # Cut back to a line boundary so a half-shared line is not split.
    cut = incoming.rfind("\n", 0, common) + 1 if common < len(incoming) else common
    addition = incoming[cut:].strip()
    if not addition:
        return stored
    return f"{stored.rstrip()}\n{addition}"


def bound_clock(hlc_wall_ms: int, server_now_ms: int, tolerance_ms: int) -> int:
    """The wall time the server accepts for a client clock (clamped to now + tolerance)."""
    return min(hlc_wall_ms, server_now_ms + tolerance_ms)
