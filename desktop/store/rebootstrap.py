"""Start a replica over (server purged tombstones it missed) without losing unsent edits."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from desktop.store import outbox as outbox_queries
from desktop.store import search_index
from desktop.store.state import update_state
from desktop.store.tables import evictions
from shared.models.registry import APPLY_ORDER, ENTITIES


def clear_for_rebootstrap(session: Session) -> None:
    """Empty every replicated table except rows with pending or rejected outbox entries,
    and rewind the cursor so the next pull downloads the user's scope from 0."""
    for entity in reversed(APPLY_ORDER):
        table = ENTITIES[entity].table
        keep = sorted(outbox_queries.unsent_rows(session, entity))
        if keep:
            session.execute(delete(table).where(table.c.id.not_in(keep)))
        else:
            session.execute(delete(table))
    session.execute(delete(evictions))
    search_index.rebuild(session)  # only the rows kept for their unsent edits remain
    update_state(session, cursor=0, head=0, bootstrapped=False)
