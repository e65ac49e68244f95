"""The pull reads its pages through indexes: exactly the entries scope.visible_changes allows."""

from __future__ import annotations

import itertools

from flask import Flask
from sqlalchemy import select

from server.db import write_transaction
from server.services import changelog
from server.services.pull import pull
from server.services.scope import Viewer, visible_changes
from server.state import current_state
from server.tables import EVERYONE_ENTRIES, change_log
from shared.models import ENTITIES, Scope
from shared.models.enums import Role

EAST, SOUTH, WEST = "t-east", "t-south", "t-west"
LI, WANG = "u-li", "u-wang"
VIEWERS = [Viewer(LI, Role.REP, frozenset({EAST})),
           Viewer(WANG, Role.REP, frozenset({SOUTH, WEST})),
           Viewer("u-nobody", Role.REP, frozenset()),
           Viewer("u-chen", Role.MANAGER, frozenset({EAST}))]


def _entry(entity: str, territory: str | None, owner: str | None, evicted: bool,
           moved_to: str | None, n: int) -> dict[str, object]:
    if evicted:
        return changelog.eviction_for(entity, f"row-{n}", left=territory or EAST,
                                      moved_to=moved_to, hlc=f"{n:015d}-00000-server")
    entry = changelog.eviction_for(entity, f"row-{n}", left=EAST, moved_to=None,
                                   hlc=f"{n:015d}-00000-server")
    return {**entry, "evicted": False, "territory_id": territory, "owner_id": owner,
            "data": {"n": n}}


def _fill(app: Flask) -> None:
    """Every combination of entity kind, territory, owner, eviction and destination."""
    kinds = ["user", "cadence_rule", "account", "visit", "conflict"]
    places = [EAST, SOUTH, WEST, None]
    owners = [LI, WANG, None]
    entries = [_entry(entity, territory, owner, evicted, moved_to, n)
               for n, (entity, territory, owner, evicted, moved_to) in enumerate(
                   itertools.product(kinds, places, owners, [False, True], places))]
    with app.app_context(), write_transaction(current_state().db.sessions()) as session:
        changelog.append(session, entries)


def _paged(app: Flask, viewer: Viewer, limit: int) -> list[int]:
    seen: list[int] = []
    after = 0
    with app.app_context():
        with current_state().db.sessions() as session:
            while True:
                page = pull(session, viewer, after, limit)
                seen += [change["pos"] for change in page.changes]
                after = page.cursor
                if not page.has_more:
                    return seen


def test_every_viewer_gets_exactly_the_visible_entries_in_order(app: Flask) -> None:
    _fill(app)
    with app.app_context():
        with current_state().db.sessions() as session:
            expected = {viewer: list(session.scalars(
                select(change_log.c.pos).where(visible_changes(viewer))
                .order_by(change_log.c.pos))) for viewer in VIEWERS}
    for viewer in VIEWERS:
        assert expected[viewer], viewer
        for limit in (1, 7, 10_000):
            assert _paged(app, viewer, limit) == expected[viewer], (viewer, limit)


def test_the_everyone_index_covers_exactly_the_entities_everyone_receives() -> None:
    everyone = sorted(s.name for s in ENTITIES.values() if s.scope is Scope.EVERYONE)
    listed = sorted(name.strip(" '") for name in
                    str(EVERYONE_ENTRIES).split("(", 1)[1].rstrip(")").split(","))
    assert listed == everyone
