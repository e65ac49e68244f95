"""Who may see what: a user's territories and the territory (or owner) a row belongs to."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.orm import Session

from server.tables import change_log, memberships
from shared.models import ENTITIES, EntitySpec, Scope, User
from shared.models.enums import Role


@dataclass(frozen=True)
class Viewer:
    """A signed-in user and the territories they cover."""

    user_id: str
    role: str
    territory_ids: frozenset[str]

    @property
    def sees_all(self) -> bool:
        return self.role in (Role.MANAGER, Role.ADMIN)


class Placement(NamedTuple):
    """Where a row sits for scoping: its territory, or its owner when it has none.

    (A named tuple: a push makes one for every row it changes, at half the cost of a
    frozen dataclass.)
    """

    territory_id: str | None
    owner_id: str | None
    everyone: bool = False


# (entity, id) -> the row's values (None: no such row), e.g. a push's RowStore.lookup.
Lookup = Callable[[str, str], Mapping[str, Any] | None]


def viewer_for(session: Session, user_id: str) -> Viewer:
    user = session.get(User, user_id)
    role = user.role if user is not None else Role.REP
    rows = session.scalars(select(memberships.c.territory_id)
                           .where(memberships.c.user_id == user_id))
    return Viewer(user_id, role, frozenset(rows))


def placement(session: Session, spec: EntitySpec, values: Mapping[str, Any],
              lookup: Lookup | None = None) -> Placement:
    """The placement of a row of *spec* holding *values* (looks up its account if needed).

    *lookup* reads other rows (default: the session); a push passes its own rows, which
    hold its not yet written changes.
    """
    if spec.scope is Scope.EVERYONE:
        return Placement(None, None, everyone=True)
    owner = values.get("owner_id")
    if spec.scope is Scope.TERRITORY:
        territory = values.get("territory_id")
        if territory is None and spec.name == "conflict":
            return _conflict_placement(session, values, lookup or _session_lookup(session))
        return Placement(territory, owner)
    account_id = values.get("account_id")
    if account_id is None:
        return Placement(None, owner)
    account = (lookup or _session_lookup(session))("account", account_id)
    return Placement(account["territory_id"] if account else None, owner)


@cache
def placement_fields(entity: str) -> frozenset[str]:
    """The fields of a row of *entity* that ``placement`` reads: a change to none of them
    (the other rows it reads unchanged) leaves the row where it was."""
    spec = ENTITIES[entity]
    read = {Scope.EVERYONE: set(), Scope.TERRITORY: {"owner_id", "territory_id"},
            Scope.ACCOUNT: {"owner_id", "account_id"}}[spec.scope]
    if spec.name == "conflict":  # placed by the row it is about when it has no territory
        read |= {"entity", "row_id", "loser_user_id"}
    return frozenset(read & set(spec.fields))


def _session_lookup(session: Session) -> Lookup:
    def lookup(entity: str, row_id: str) -> Mapping[str, Any] | None:
        spec = ENTITIES[entity]
        row: Any = session.get(spec.model, row_id)
        if row is None:
            return None
        return {"id": row.id, **{name: getattr(row, name) for name in spec.fields}}
    return lookup


def _conflict_placement(session: Session, values: Mapping[str, Any],
                        lookup: Lookup) -> Placement:
    """A conflict on an account-less row follows that row's owner."""
    spec = ENTITIES.get(str(values.get("entity")))
    row = lookup(spec.name, str(values.get("row_id"))) if spec else None
    if spec is None or row is None:
        return Placement(None, values.get("loser_user_id"))
    return placement(session, spec, {name: row.get(name) for name in spec.fields}, lookup)


def can_see(viewer: Viewer, where: Placement) -> bool:
    if viewer.sees_all or where.everyone:
        return True
    if where.territory_id is not None:
        return where.territory_id in viewer.territory_ids
    return where.owner_id == viewer.user_id


def visible_changes(viewer: Viewer) -> ColumnElement[bool]:
    """SQL filter on change_log rows the viewer may receive.

    Eviction entries go only to viewers of the territory a row left who cannot see the
    territory it moved to; everyone else receives the ordinary entries. (The pull reads
    the same rows through indexes: ``server.services.pull``.)
    """
    c = change_log.c
    if viewer.sees_all:
        return c.evicted == false()
    everyone = [s.name for s in ENTITIES.values() if s.scope is Scope.EVERYONE]
    territories = sorted(viewer.territory_ids)
    in_territory = c.territory_id.in_(territories) if territories else false()
    ordinary = and_(c.evicted == false(),
                    or_(c.entity.in_(everyone), in_territory,
                        and_(c.territory_id.is_(None), c.owner_id == viewer.user_id)))
    if not territories:
        return ordinary
    left_mine = and_(c.evicted == true(), in_territory,
                     or_(c.moved_to.is_(None), c.moved_to.not_in(territories)))
    return or_(ordinary, left_mine)
