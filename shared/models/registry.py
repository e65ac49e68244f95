"""The replicated entities, their wire names, scope rule and what clients may change.

Adding an entity to sync is: write its model, add one ``EntitySpec`` here, add a
migration. Server merge, pull scoping, desktop apply and the wire codec read this table.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import inspect as sa_inspect

from shared.models.account import Account, Contact
from shared.models.activity import Opportunity, Task, Visit
from shared.models.base import SYNC_COLUMNS, Base, MergePolicy, merge_policy
from shared.models.cadence import CadenceRule
from shared.models.conflict import Conflict
from shared.models.people import Territory, User


class Scope(enum.StrEnum):
    """How the server decides who may see a row."""

    EVERYONE = "everyone"  # users, territories, cadence: reference data every device needs
    TERRITORY = "territory"  # the row's own territory_id
    ACCOUNT = "account"  # the territory of the row's account (owner when it has none)


@dataclass(frozen=True)
class EntitySpec:
    name: str
    model: type[Base]
    scope: Scope
    client_creates: bool = True
    client_deletes: bool = True
    # None: every data field is client-writable; otherwise only these.
    client_fields: frozenset[str] | None = None
    # Fields that name another replicated row which must exist (field -> entity name).
    parents: dict[str, str] = field(default_factory=dict)
    # Roles (``Role`` values) whose devices may create, change or delete rows; None: anyone
    # who can see the row. The server refuses other pushes with 403 forbidden.
    writer_roles: frozenset[str] | None = None

    @cached_property
    def table(self):  # type: ignore[no-untyped-def]
        return self.model.__table__  # type: ignore[attr-defined]

    @cached_property
    def fields(self) -> tuple[str, ...]:
        """Data fields in declaration order (no id, clocks or tombstone flag)."""
        return tuple(
            c.key for c in sa_inspect(self.model).columns if c.key not in SYNC_COLUMNS | {"id"}
        )

    @cached_property
    def policies(self) -> dict[str, MergePolicy]:
        cols = sa_inspect(self.model).columns
        return {name: merge_policy(cols[name]) for name in self.fields}

    @cached_property
    def required(self) -> frozenset[str]:
        """Fields that must have a value when a row is created."""
        cols = sa_inspect(self.model).columns
        return frozenset(
            n for n in self.fields
            if not cols[n].nullable and cols[n].default is None
        )

    def may_write(self, role: str) -> bool:
        """Whether a user of *role* may push changes to rows of this entity."""
        return self.writer_roles is None or role in self.writer_roles

    def default_of(self, name: str) -> Any:
        """The model default of one field (None when it declares none)."""
        default = self.table.columns[name].default
        if default is None:
            return None
        return default.arg(None) if default.is_callable else default.arg

    def default_values(self) -> dict[str, Any]:
        """Every data field with its model default: the values of a new row before any edit."""
        return {name: self.default_of(name) for name in self.fields}

    def writable(self, name: str) -> bool:
        return name in self.fields and (self.client_fields is None or name in self.client_fields)


ENTITIES: dict[str, EntitySpec] = {
    spec.name: spec
    for spec in (
        EntitySpec("user", User, Scope.EVERYONE, client_creates=False, client_deletes=False,
                   client_fields=frozenset()),
        EntitySpec("territory", Territory, Scope.EVERYONE, client_creates=False,
                   client_deletes=False, client_fields=frozenset()),
        EntitySpec("cadence_rule", CadenceRule, Scope.EVERYONE,
                   writer_roles=frozenset({"manager", "admin"})),
        EntitySpec("account", Account, Scope.TERRITORY,
                   parents={"parent_id": "account", "owner_id": "user",
                            "territory_id": "territory"}),
        EntitySpec("contact", Contact, Scope.ACCOUNT, parents={"account_id": "account"}),
        EntitySpec("visit", Visit, Scope.ACCOUNT,
                   parents={"account_id": "account", "owner_id": "user"}),
        EntitySpec("opportunity", Opportunity, Scope.ACCOUNT,
                   parents={"account_id": "account", "owner_id": "user"}),
        EntitySpec("task", Task, Scope.ACCOUNT,
                   parents={"account_id": "account", "owner_id": "user", "visit_id": "visit",
                            "opportunity_id": "opportunity"}),
        EntitySpec("conflict", Conflict, Scope.TERRITORY, client_creates=False,
                   client_deletes=False,
                   client_fields=frozenset({"status", "resolved_by", "resolution"})),
    )
}

# Order in which a full replica is applied (parents before children).
APPLY_ORDER: tuple[str, ...] = tuple(ENTITIES)


def spec_for(name: str) -> EntitySpec:
    """The spec of a wire entity name; KeyError for an unknown one."""
    return ENTITIES[name]


def spec_for_model(model: type[Base]) -> EntitySpec:
    for spec in ENTITIES.values():
        if spec.model is model:
            return spec
    raise KeyError(model.__name__)
