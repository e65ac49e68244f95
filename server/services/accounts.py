"""Server-side account administration: moving an account (and its records) to a territory."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from server.errors import UserError
from server.services import changelog, evictions
from server.services.conflicts import Author
from server.services.rows import RowStore
from server.services.scope import placement
from shared.hlc import Clock
from shared.models import Territory, spec_for


@dataclass(frozen=True)
class Reassignment:
    account_id: str
    old_territory_id: str
    new_territory_id: str
    records_moved: int  # the account, its records and conflicts about them (0: no change)


def reassign_account(session: Session, clock: Clock, account_id: str, territory_id: str,
                     by_user_id: str | None) -> Reassignment:
    """Move an account to *territory_id*; reps who lose it are told to drop it and its records.

    Attributed to *by_user_id* (None: the server itself). Moving to the territory it is
    already in changes nothing.
    """
    changelog.lock_positions(session)  # merges read stored clocks: one writer at a time
    store = RowStore(session)
    account = store.get("account", account_id)
    if account is None or account["deleted"]:
        raise UserError(f"no account {account_id}")
    if session.get(Territory, territory_id) is None:
        raise UserError(f"no territory {territory_id}")
    old = account["territory_id"]
    if old == territory_id:
        return Reassignment(account_id, old, territory_id, 0)
    hlc = clock.now()
    clocks = dict(account["clocks"] or {})
    account["territory_id"], clocks["territory_id"] = territory_id, hlc
    account["clocks"] = clocks
    store.changed("account", account, ["territory_id", "clocks"])
    spec, author = spec_for("account"), Author(by_user_id, None)
    where = placement(session, spec, account, store.lookup)
    entries = [changelog.entry_for(spec, account, where, hlc=hlc, old={"territory_id": old},
                                   user_id=by_user_id)]
    entries += evictions.move_records(store, spec, account, left=old, moved_to=territory_id,
                                      hlc=hlc, author=author)
    store.flush()
    changelog.append(session, entries)
    moved = sum(1 for entry in entries if not entry["evicted"])
    return Reassignment(account_id, old, territory_id, moved)
