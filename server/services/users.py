"""Administration: territories, users with passwords, roles and territory memberships."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.errors import UserError
from server.services import changelog
from server.services.auth import Passwords
from server.services.scope import Placement
from server.tables import credentials, memberships
from shared.hlc import Clock
from shared.ids import new_id
from shared.models import Territory, User, spec_for
from shared.models.enums import Role
from shared.rules.validation import validate
from shared.sync.codec import row_values

EVERYONE = Placement(None, None, everyone=True)


def find_territory(session: Session, name: str) -> Territory | None:
    return session.scalars(select(Territory).where(Territory.name == name)).first()


def create_territory(session: Session, clock: Clock, name: str,
                     region: str | None = None) -> Territory:
    """A new territory (replicated to every device); UserError if the name is taken."""
    name = name.strip()
    if find_territory(session, name) is not None:
        raise UserError(f"territory {name!r} already exists")
    spec = spec_for("territory")
    territory = Territory(id=new_id(), name=name, region=region, deleted=False)
    _check(spec.name, {"name": name, "region": region})
    _log_new(session, clock, territory)
    return territory


def create_user(session: Session, clock: Clock, passwords: Passwords, *, username: str,
                password: str, display_name: str, role: Role = Role.REP,
                territories: Sequence[str] = (), email: str | None = None) -> User:
    """A user who can sign in; named territories are created when missing."""
    if session.scalars(select(User).where(User.username == username)).first() is not None:
        raise UserError(f"user {username!r} already exists")
    if len(password) < 6:
        raise UserError("the password must have at least 6 characters")
    user = User(id=new_id(), username=username, display_name=display_name, email=email,
                role=str(Role(role)), active=True, deleted=False)
    _check("user", row_values(spec_for("user"), user))
    _log_new(session, clock, user)
    session.execute(credentials.insert().values(user_id=user.id,
                                                password_hash=passwords.hash(password)))
    for name in dict.fromkeys(territories):
        territory = find_territory(session, name) or create_territory(session, clock, name)
        session.execute(memberships.insert().values(user_id=user.id,
                                                    territory_id=territory.id))
    return user


def _check(entity: str, values: dict[str, object]) -> None:
    problems = validate(entity, values)
    if problems:
        raise UserError(" ".join(p.message for p in problems))


def _log_new(session: Session, clock: Clock, row: User | Territory) -> None:
    spec = spec_for("user" if isinstance(row, User) else "territory")
    hlc = clock.now()
    row.clocks = {name: hlc for name in (*spec.fields, "deleted")}
    session.add(row)
    session.flush()
    changelog.append(session, [changelog.entry_for(spec, row, EVERYONE, hlc=hlc)])
