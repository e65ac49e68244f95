"""Conflict records: the losing side of a same-field race, replicated like any row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.services import changelog
from server.services.auth import utcnow
from server.services.rows import RowStore
from server.services.scope import Placement
from server.tables import devices
from shared import hlc as hlcs
from shared.ids import new_id
from shared.models import spec_for
from shared.models.base import MergePolicy
from shared.models.enums import ConflictStatus
from shared.sync.codec import encode_value
from shared.sync.merge import Overridden

SERVER_NODE = "server"


@dataclass(frozen=True)
class Author:
    """Who made a write: a user and device, or the server (both None)."""

    user_id: str | None
    device_id: str | None


def author_of(session: Session, hlc: str) -> Author:
    """The device (and its user) whose clock produced *hlc*; HLC nodes are device ids."""
    node = hlcs.parse(hlc).node
    if node == SERVER_NODE:
        return Author(None, None)
    user_id = session.scalar(select(devices.c.user_id).where(devices.c.id == node))
    return Author(user_id, node)


@dataclass(frozen=True)
class Race:
    """One lost race on one field of one row."""

    entity: str
    row_id: str
    field_name: str
    policy: MergePolicy
    outcome: Overridden


def record(store: RowStore, race: Race, incoming: Author, where: Placement,
           server_hlc: str) -> dict[str, Any]:
    """Add a conflict row for *race* to *store*; return its change-log entry."""
    outcome = race.outcome
    session = store.session
    if outcome.incoming_lost:
        winner, loser = author_of(session, outcome.winning_hlc), incoming
    else:
        winner, loser = incoming, author_of(session, outcome.losing_hlc)
    spec = spec_for("conflict")
    conflict = {
        "id": new_id(), "entity": race.entity, "row_id": race.row_id,
        "field_name": race.field_name, "policy": str(race.policy),
        "winning_value": encode_value(outcome.winning_value),
        "losing_value": encode_value(outcome.losing_value), "winning_hlc": outcome.winning_hlc,
        "losing_hlc": outcome.losing_hlc, "winner_user_id": winner.user_id,
        "loser_user_id": loser.user_id, "loser_device_id": loser.device_id,
        "territory_id": where.territory_id, "status": str(ConflictStatus.OPEN),
        "resolved_by": None, "resolution": None, "created_at": utcnow(), "deleted": False,
        "clocks": {name: server_hlc for name in (*spec.fields, "deleted")}}
    store.add("conflict", conflict)
    return changelog.entry_for(spec, conflict, where, hlc=server_hlc,
                               user_id=incoming.user_id, device_id=incoming.device_id)
