"""SQLAlchemy 2 typed models shared by the server store and the desktop replica."""

from shared.models.account import Account, Contact
from shared.models.activity import Opportunity, Task, Visit
from shared.models.base import Base, MergePolicy, Replicated
from shared.models.cadence import CadenceRule
from shared.models.conflict import Conflict
from shared.models.people import Territory, User
from shared.models.registry import APPLY_ORDER, ENTITIES, EntitySpec, Scope, spec_for

__all__ = [
    "Account", "Base", "CadenceRule", "Conflict", "Contact", "ENTITIES", "APPLY_ORDER",
    "EntitySpec", "MergePolicy", "Opportunity", "Replicated", "Scope", "Task", "Territory", "User", "Visit",
    "spec_for",
]
